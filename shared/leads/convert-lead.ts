/**
 * Converting an accepted lead (SPEC §4): a registration with the lead's customer and contact and the dealer's
 * products, value and close date, submitted through the registration use case — approved and protected at once,
 * unless the customer is already claimed, when the usual conflict rules apply. The lead turns `converted` and the
 * dealer's capacity is freed in the registration's own transaction. A retry after success answers the registration.
 */
import { leadItems, leads } from '../db/lead-repository.js';
import { registrations } from '../db/registration-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import type { Caller } from '../domain/caller.js';
import { InvalidInput, StateConflict } from '../domain/errors.js';
import type { StoredLead, StoredOffer } from '../domain/lead.js';
import { type Registration, toApiRegistration } from '../domain/registration.js';
import { outboxPuts } from '../outbox/outbox.js';
import { submitRegistration } from '../registrations/submit.js';
import type { LeadConversion } from '../schemas/leads.js';
import { RegistrationInput } from '../schemas/registration.js';
import { visibleOffer } from './lead-access.js';
import { leadEffects } from './lead-effects.js';

async function convertedAlready(offer: StoredOffer): Promise<Registration | undefined> {
  if (offer.status !== 'converted' || !offer.registrationId) return undefined;
  const registration = await registrations.get(offer.registrationId);
  return registration ? toApiRegistration(registration) : undefined;
}

export async function convertLead(
  caller: Caller,
  leadId: string,
  body: LeadConversion,
  now: Date,
): Promise<{ registration: Registration; replayed: boolean }> {
  const offer = await visibleOffer(caller, leadId);
  const earlier = await convertedAlready(offer);
  if (earlier) return { registration: earlier, replayed: true };
  const lead = await leads.get(leadId);
  if (!lead || offer.status !== 'accepted' || lead.status !== 'accepted' || lead.offeredTo !== offer.dealerId) {
    throw new StateConflict(`The lead is ${offer.status}; only an accepted lead can be converted into a registration.`);
  }
  const expectedValue = body.expectedValue ?? lead.expectedValue;
  if (!expectedValue) throw new InvalidInput([{ path: '/expectedValue', message: 'is required: the lead names no expected value' }]);
  const parsed = RegistrationInput.safeParse({
    customer: lead.customer,
    contact: lead.contact,
    products: body.products,
    expectedValue,
    expectedCloseDate: body.expectedCloseDate,
    ...(body.stage ? { stage: body.stage } : {}),
    ...(body.competitors ? { competitors: body.competitors } : {}),
    ...(body.nextSteps ? { nextSteps: body.nextSteps } : {}),
  });
  if (!parsed.success) {
    throw new InvalidInput(parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })));
  }
  const at = now.toISOString();
  const converted = (registrationId: string): { lead: StoredLead; offer: StoredOffer } => ({
    lead: { ...lead, status: 'converted', convertedAt: at, registrationId, updatedAt: at, version: lead.version + 1 },
    offer: { ...offer, status: 'converted', convertedAt: at, registrationId },
  });
  try {
    const result = await submitRegistration({
      caller,
      input: parsed.data,
      now,
      fromLead: {
        leadId,
        items: (registrationId) => {
          const next = converted(registrationId);
          return [
            leadItems.put(next.lead, lead.version),
            leadItems.putOffer(next.offer, 'accepted'),
            leadItems.releaseCapacity(offer.dealerId),
            ...outboxPuts(
              leadEffects([{ kind: 'converted', dealerId: offer.dealerId, registrationId }], next.lead, { dealers: new Map() }, now),
              now,
            ),
          ];
        },
      },
    });
    return result;
  } catch (error) {
    if (error instanceof ConditionsFailed && (error.failed.has('lead') || error.failed.has(`offer:${offer.dealerId}`))) {
      const again = await convertedAlready((await leads.offer(leadId, offer.dealerId)) ?? offer);
      if (again) return { registration: again, replayed: true };
      throw new StateConflict('The lead changed meanwhile; reload it.');
    }
    throw error;
  }
}
