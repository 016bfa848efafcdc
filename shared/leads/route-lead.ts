/**
 * Routing a lead and committing the outcome in one transaction: the lead in its new state, the routing trace, the
 * new offer with the dealer's capacity counter, whatever the triggering change writes (an answer, a released
 * capacity, an idempotency record) and the outbox messages. When the counter refuses (other leads filled the
 * dealer meanwhile) the round is routed again around that dealer, and the trace says so.
 */
import { keys } from '../db/keys.js';
import { dealersOfRegion, leadItems, openLeadCounts, routingCandidates } from '../db/lead-repository.js';
import { namedAccounts, program as programSettings, regions, territories } from '../db/setup-repository.js';
import { ConditionsFailed, type NamedItem, transact } from '../db/transaction.js';
import type { Actor } from '../domain/caller.js';
import { InvalidInput, StateConflict } from '../domain/errors.js';
import { acceptWindow, type StoredLead, type StoredOffer } from '../domain/lead.js';
import { capacityOf, type RoutingDecision, type RoutingInput, routeByHand, routeLead, ruleMatchesFor } from '../domain/lead-routing.js';
import { outboxPuts } from '../outbox/outbox.js';
import { type LeadSettings, leadSettingsOf } from '../schemas/lead-settings.js';
import type { RoutingTrace } from '../schemas/leads.js';
import type { Program, Region } from '../schemas/setup.js';
import { type LeadHappening, leadEffects } from './lead-effects.js';

export interface RoutingChange {
  /** The lead's version as read, for the condition; absent for a new lead. */
  expectedVersion?: number;
  /** The lead before this round: answers already recorded, not yet routed. */
  lead: StoredLead;
  /** What happened before the routing (a decline, a lapse), for the outbox. */
  happenings: LeadHappening[];
  /** Items of the triggering change, committed with the routing. */
  extra: (routed: StoredLead) => NamedItem[];
  /** Dealers that must get a mail besides the one offered (a recalled dealer). */
  notify?: string[];
  /** Routing by hand; `regionIds` limits a manager to the dealers of their regions. */
  manual?: { dealerId: string; actor: Actor; regionIds?: string[] };
  /** The lead's region, when the caller has read it already. */
  region?: Region;
  /** The program settings, when the caller has read them already (with the region). */
  program?: Program;
  now: Date;
}

const answerReason = (answer: 'declined' | 'lapsed') => (answer === 'declined' ? 'declined the lead' : 'let the lead lapse');

function routedLead(
  lead: StoredLead,
  decision: RoutingDecision,
  settings: LeadSettings,
  round: number,
  version: number,
  now: Date,
): StoredLead {
  const { offeredTo: _to, offeredAt: _at, acceptBy: _by, remindAt: _remind, remindedAt: _reminded, acceptedAt: _accepted, ...rest } = lead;
  const base = { ...rest, rounds: round, version, updatedAt: now.toISOString() };
  if (decision.outcome === 'unassigned' || !decision.chosen) return { ...base, status: 'unassigned' };
  return { ...base, status: 'offered', offeredTo: decision.chosen, offeredAt: now.toISOString(), ...acceptWindow(settings, now) };
}

export async function routeAndCommit(change: RoutingChange): Promise<{ lead: StoredLead; trace: RoutingTrace }> {
  const { lead, now } = change;
  // Everything routing reads that does not depend on another read, side by side.
  const regionDealers = change.manual ? Promise.resolve([]) : dealersOfRegion(lead.regionId);
  const [program, rules, region] = await Promise.all([
    change.program ? Promise.resolve(change.program) : programSettings.get(),
    change.manual
      ? Promise.resolve({ namedAccounts: [], territories: [] })
      : Promise.all([
          namedAccounts.lookup(keys.namedAccountsInCountry(lead.customer.country)),
          territories.lookup(keys.territoriesInCountry(lead.customer.country)),
        ]).then(([accounts, inCountry]) => ({ namedAccounts: accounts, territories: inCountry })),
    change.region ? Promise.resolve(change.region) : regions.get(lead.regionId),
  ]);
  const settings = leadSettingsOf(program);
  const ruleMatches = change.manual ? [] : ruleMatchesFor(lead.customer, rules);
  const ruleDealers = ruleMatches.map((m) => m.dealerId).filter((id): id is string => id !== undefined);
  const { candidates, recipients } = await routingCandidates(regionDealers, [
    ...ruleDealers,
    ...(change.manual ? [change.manual.dealerId] : []),
    ...(change.notify ?? []),
  ]);
  if (change.manual) {
    const { dealerId, regionIds } = change.manual;
    const target = candidates.find((c) => c.dealerId === dealerId);
    if (!target || (regionIds && !regionIds.includes(target.regionId))) {
      throw new InvalidInput([
        { path: '/dealerId', message: regionIds ? 'is not a dealer of your regions' : 'is not a dealer of the program' },
      ]);
    }
  }
  const round = lead.rounds + 1;
  const version = change.expectedVersion === undefined ? 1 : change.expectedVersion + 1;
  const full: string[] = [];
  // Each refused offer leaves one more dealer out, so this ends by the time every candidate was tried.
  for (let attempt = 0; attempt <= candidates.length; attempt++) {
    const input: RoutingInput = {
      seed: `${lead.id}#${round}`,
      settings: { capacityByTier: settings.capacityByTier, weightByTier: settings.weightByTier },
      ruleMatches,
      candidates: candidates
        .filter((c) =>
          change.manual ? c.dealerId === change.manual.dealerId : c.regionId === lead.regionId || ruleDealers.includes(c.dealerId),
        )
        .map(({ regionId: _r, ...c }) => c),
      answered: lead.answers.map((a) => ({ dealerId: a.dealerId, reason: answerReason(a.answer) })),
      full,
    };
    const decision = change.manual ? routeByHand(input, change.manual.dealerId) : routeLead(input);
    if (change.manual && decision.outcome !== 'offered')
      throw new StateConflict(
        `The lead cannot go to ${change.manual.dealerId}: ${decision.reason.replace('this dealer cannot take the lead: ', '')}.`,
      );
    const next = routedLead(lead, decision, settings, round, version, now);
    const trace: RoutingTrace = {
      round,
      at: now.toISOString(),
      by: change.manual ? 'manual' : 'rules',
      seed: input.seed,
      rule: change.manual ? 'manual' : decision.rule,
      ...(decision.ruleId ? { ruleId: decision.ruleId } : {}),
      ruleMatches,
      candidates: input.candidates.map((c) => ({ ...c, capacity: capacityOf(settings, c.tier) })),
      exclusions: decision.exclusions,
      weights: decision.weights,
      ...(decision.draw === undefined ? {} : { draw: decision.draw }),
      ...(decision.chosen ? { chosen: decision.chosen } : {}),
      outcome: decision.outcome,
      reason: decision.reason,
      settings: input.settings,
      full: [...full],
      ...(change.manual ? { actor: change.manual.actor } : {}),
    };
    const chosen = next.status === 'offered' ? (next.offeredTo as string) : undefined;
    const offer: StoredOffer | undefined = chosen
      ? {
          leadId: lead.id,
          dealerId: chosen,
          regionId: lead.regionId,
          status: 'offered',
          offeredAt: next.offeredAt as string,
          ...(next.acceptBy ? { acceptBy: next.acceptBy } : {}),
          lead: {
            customer: lead.customer,
            contact: lead.contact,
            interest: lead.interest,
            source: lead.source,
            ...(lead.expectedValue ? { expectedValue: lead.expectedValue } : {}),
          },
        }
      : undefined;
    const tier = candidates.find((c) => c.dealerId === chosen)?.tier ?? 'bronze';
    const happenings: LeadHappening[] = [...change.happenings, chosen ? { kind: 'offered', dealerId: chosen } : { kind: 'unassigned' }];
    const messages = leadEffects(
      happenings,
      next,
      { dealers: recipients, ...(region ? { partnerManager: { email: region.partnerManagerEmail, language: region.language } } : {}) },
      now,
    );
    try {
      await transact([
        leadItems.put(next, change.expectedVersion),
        leadItems.putRouting(lead.id, trace),
        ...(offer && chosen ? [leadItems.putOffer(offer), leadItems.takeCapacity(chosen, capacityOf(settings, tier))] : []),
        ...change.extra(next),
        ...outboxPuts(messages, now),
      ]);
      return { lead: next, trace };
    } catch (error) {
      if (error instanceof ConditionsFailed && chosen && error.failed.has(`capacity:${chosen}`) && error.failed.size === 1) {
        full.push(chosen);
        const refused = candidates.find((c) => c.dealerId === chosen);
        const counter = error.failed.get(`capacity:${chosen}`);
        if (refused && counter?.open !== undefined) refused.openLeads = Number(counter.open);
        // Others filled dealers meanwhile: re-read the counters of the dealers still open to this lead (the refused
        // one is known full), so the next draw leaves out all the full ones. With none left it is unassigned at once.
        const open = candidates.filter((c) => !full.includes(c.dealerId) && c.openLeads < capacityOf(settings, c.tier));
        if (open.length > 0) {
          const fresh = await openLeadCounts(open.map((c) => c.dealerId));
          for (const c of open) c.openLeads = fresh.get(c.dealerId) ?? c.openLeads;
        }
        continue;
      }
      throw error;
    }
  }
  throw new StateConflict('The dealers of this region are taking leads too fast to route this one; retry.');
}
