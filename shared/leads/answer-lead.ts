/**
 * A dealer's answers to an offered lead, and the schedule's lapse: accepting keeps it; declining (with a reason)
 * or letting the accept window close hands it on in the same transaction — to the next dealer the rules choose,
 * never back to this one — and frees this dealer's capacity. Each is conditioned on the lead still being offered
 * to this dealer at the version read, so a double click, a retry or a race with the schedule changes nothing twice.
 */
import { leadItems, leads } from '../db/lead-repository.js';
import { ConditionsFailed, transact } from '../db/transaction.js';
import type { Caller } from '../domain/caller.js';
import { StateConflict } from '../domain/errors.js';
import { type StoredLead, type StoredOffer, toDealerLead } from '../domain/lead.js';
import { outboxPuts } from '../outbox/outbox.js';
import type { DealerLead } from '../schemas/leads.js';
import { visibleOffer } from './lead-access.js';
import { leadEffects } from './lead-effects.js';
import { routeAndCommit } from './route-lead.js';

const changedMeanwhile = () => new StateConflict('The lead changed meanwhile; reload it.');

async function offeredLead(offer: StoredOffer): Promise<StoredLead> {
  const lead = await leads.get(offer.leadId);
  if (!lead || offer.status !== 'offered' || lead.status !== 'offered' || lead.offeredTo !== offer.dealerId) {
    throw new StateConflict(
      `The lead is ${offer.status === 'offered' ? 'no longer offered to you' : offer.status}; only an offered lead can be accepted or declined.`,
    );
  }
  return lead;
}

export async function acceptLead(caller: Caller, leadId: string, now: Date): Promise<DealerLead> {
  const offer = await visibleOffer(caller, leadId);
  if (offer.status === 'accepted') return toDealerLead(offer, leadId);
  const lead = await offeredLead(offer);
  const at = now.toISOString();
  const { acceptBy: _by, remindAt: _remind, ...rest } = lead;
  const accepted: StoredLead = { ...rest, status: 'accepted', acceptedAt: at, updatedAt: at, version: lead.version + 1 };
  const acceptedOffer: StoredOffer = { ...offer, status: 'accepted', acceptedAt: at };
  try {
    await transact([
      leadItems.put(accepted, lead.version),
      leadItems.putOffer(acceptedOffer, 'offered'),
      ...outboxPuts(leadEffects([{ kind: 'accepted', dealerId: offer.dealerId }], accepted, { dealers: new Map() }, now), now),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailed) throw changedMeanwhile();
    throw error;
  }
  return toDealerLead(acceptedOffer, leadId);
}

/** Hands an offered lead on after `dealerId`'s decline or lapse; answers what the dealer's offer became. */
export async function handOn(args: {
  lead: StoredLead;
  offer: StoredOffer;
  answer: 'declined' | 'lapsed';
  reason?: string;
  now: Date;
}): Promise<StoredOffer> {
  const { lead, offer, answer, now } = args;
  const at = now.toISOString();
  const answered: StoredOffer =
    answer === 'declined'
      ? { ...offer, status: 'declined', declinedAt: at, ...(args.reason ? { declineReason: args.reason } : {}) }
      : { ...offer, status: 'lapsed', lapsedAt: at };
  const withAnswer: StoredLead = {
    ...lead,
    answers: [...lead.answers, { dealerId: offer.dealerId, answer, at, ...(args.reason ? { reason: args.reason } : {}) }],
  };
  try {
    await routeAndCommit({
      lead: withAnswer,
      expectedVersion: lead.version,
      happenings: [
        answer === 'declined'
          ? { kind: 'declined', dealerId: offer.dealerId, reason: args.reason ?? '' }
          : { kind: 'lapsed', dealerId: offer.dealerId },
      ],
      extra: () => [leadItems.putOffer(answered, 'offered'), leadItems.releaseCapacity(offer.dealerId)],
      now,
    });
  } catch (error) {
    if (error instanceof ConditionsFailed && (error.failed.has('lead') || error.failed.has(`offer:${offer.dealerId}`)))
      throw changedMeanwhile();
    throw error;
  }
  return answered;
}

export async function declineLead(caller: Caller, leadId: string, reason: string, now: Date): Promise<DealerLead> {
  const offer = await visibleOffer(caller, leadId);
  if (offer.status === 'declined') return toDealerLead(offer, leadId);
  const lead = await offeredLead(offer);
  return toDealerLead(await handOn({ lead, offer, answer: 'declined', reason, now }), leadId);
}
