/**
 * Lead routing (SPEC §4): the rules of engagement first — a named account goes to its dealer, a territory to its
 * dealer — else a seeded draw among the active dealers of the customer's region, weighted by tier and limited by
 * each dealer's open-lead capacity; never to a dealer that declined the lead or let it lapse. Pure and
 * deterministic: the same input (which the trace keeps whole) gives the same choice, so every decision replays.
 */
import { createHash } from 'node:crypto';
import type { LeadSettings } from '../schemas/lead-settings.js';
import type { NamedAccount, Territory } from '../schemas/rules.js';
import { type CustomerLike, sameCustomer } from './customer-identity.js';
import type { Tier } from './tier-ranking.js';

export interface RuleMatch {
  rule: 'named_account' | 'territory';
  id: string;
  /** Absent when the direct team owns the named account. */
  dealerId?: string;
}

export interface RoutingCandidate {
  dealerId: string;
  tier: Tier;
  status: string;
  /** Leads the dealer holds open now (offered or accepted), as its capacity counter read. */
  openLeads: number;
}

export interface Exclusion {
  dealerId: string;
  reason: string;
}

export interface RoutingInput {
  seed: string;
  settings: Pick<LeadSettings, 'capacityByTier' | 'weightByTier'>;
  /** Rules that name the customer, in the order they apply. */
  ruleMatches: RuleMatch[];
  /** The region's dealers and any dealer a rule names. */
  candidates: RoutingCandidate[];
  /** Dealers that declined the lead or let it lapse, with that answer. */
  answered: Exclusion[];
  /** Dealers whose capacity counter refused an offer of this lead in this round (a race with other leads). */
  full: string[];
}

export interface RoutingDecision {
  rule: 'named_account' | 'territory' | 'weighted' | 'none';
  ruleId?: string;
  exclusions: Exclusion[];
  weights: { dealerId: string; weight: number; share: number }[];
  draw?: number;
  chosen?: string;
  outcome: 'offered' | 'unassigned';
  reason: string;
}

const postalForm = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/**
 * The rules that name this customer: named accounts (same customer by identity), then territories of its country
 * that hold its postal code, the longest prefix first (a whole-country territory last).
 */
export function ruleMatchesFor(
  customer: CustomerLike & { postalCode?: string | undefined },
  rules: { namedAccounts: NamedAccount[]; territories: Territory[] },
): RuleMatch[] {
  const accounts = rules.namedAccounts
    .filter((a) => sameCustomer(a.customer, customer))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((a): RuleMatch => ({ rule: 'named_account', id: a.id, ...('dealerId' in a.owner ? { dealerId: a.owner.dealerId } : {}) }));
  const code = customer.postalCode ? postalForm(customer.postalCode) : undefined;
  const territories = rules.territories
    .filter((t) => t.country === customer.country)
    .map((t) => {
      if (!t.postalPrefixes?.length) return { t, length: 0 };
      const held = code ? t.postalPrefixes.map(postalForm).filter((p) => code.startsWith(p)) : [];
      return held.length ? { t, length: Math.max(...held.map((p) => p.length)) } : undefined;
    })
    .filter((m): m is { t: Territory; length: number } => m !== undefined)
    .sort((a, b) => b.length - a.length || a.t.id.localeCompare(b.t.id))
    .map(({ t }): RuleMatch => ({ rule: 'territory', id: t.id, dealerId: t.dealerId }));
  return [...accounts, ...territories];
}

/** A uniform number in [0, 1) from the seed: the first 48 bits of its SHA-256. */
export function seededDraw(seed: string): number {
  return createHash('sha256').update(seed).digest().readUIntBE(0, 6) / 2 ** 48;
}

export const capacityOf = (settings: RoutingInput['settings'], tier: Tier) => settings.capacityByTier[tier];

/** Why `candidate` cannot take the lead now, or undefined if it can. */
function exclusionOf(input: RoutingInput, candidate: RoutingCandidate | undefined, dealerId: string): string | undefined {
  const answer = input.answered.find((a) => a.dealerId === dealerId);
  if (answer) return answer.reason;
  if (!candidate) return 'not a dealer of the program';
  if (candidate.status !== 'active') return `not active (${candidate.status})`;
  if (input.full.includes(dealerId)) return 'at capacity (counter refused the offer)';
  const capacity = capacityOf(input.settings, candidate.tier);
  if (candidate.openLeads >= capacity) return `at capacity (${candidate.openLeads} of ${capacity} open leads)`;
  return undefined;
}

export function routeLead(input: RoutingInput): RoutingDecision {
  const byId = new Map(input.candidates.map((c) => [c.dealerId, c]));
  const exclusions: Exclusion[] = [];
  const exclude = (dealerId: string, reason: string) => {
    if (!exclusions.some((e) => e.dealerId === dealerId)) exclusions.push({ dealerId, reason });
  };

  for (const match of input.ruleMatches) {
    const ruleName = match.rule === 'named_account' ? `named account ${match.id}` : `territory ${match.id}`;
    if (match.dealerId === undefined) {
      return {
        rule: match.rule,
        ruleId: match.id,
        exclusions,
        weights: [],
        outcome: 'unassigned',
        reason: `${ruleName} is kept by the direct team`,
      };
    }
    const why = exclusionOf(input, byId.get(match.dealerId), match.dealerId);
    if (why === undefined) {
      return {
        rule: match.rule,
        ruleId: match.id,
        exclusions,
        weights: [],
        chosen: match.dealerId,
        outcome: 'offered',
        reason: `${ruleName} belongs to this dealer`,
      };
    }
    exclude(match.dealerId, why);
    // A rule's own dealer at capacity keeps the lead from every other dealer: the partner manager decides.
    if (why.startsWith('at capacity')) {
      return {
        rule: match.rule,
        ruleId: match.id,
        exclusions,
        weights: [],
        outcome: 'unassigned',
        reason: `${ruleName}: its dealer is ${why}`,
      };
    }
  }

  const eligible: RoutingCandidate[] = [];
  for (const candidate of [...input.candidates].sort((a, b) => a.dealerId.localeCompare(b.dealerId))) {
    const why =
      exclusionOf(input, candidate, candidate.dealerId) ??
      (input.settings.weightByTier[candidate.tier] > 0 ? undefined : `no weight for tier ${candidate.tier}`);
    if (why === undefined) eligible.push(candidate);
    else exclude(candidate.dealerId, why);
  }
  const total = eligible.reduce((sum, c) => sum + input.settings.weightByTier[c.tier], 0);
  if (eligible.length === 0 || total <= 0) {
    return { rule: 'none', exclusions, weights: [], outcome: 'unassigned', reason: 'no dealer of the region can take the lead' };
  }
  const weights = eligible.map((c) => {
    const weight = input.settings.weightByTier[c.tier];
    return { dealerId: c.dealerId, weight, share: weight / total };
  });
  const draw = seededDraw(input.seed);
  const target = draw * total;
  let cumulative = 0;
  let chosen = weights.at(-1) as (typeof weights)[number];
  for (const w of weights) {
    cumulative += w.weight;
    if (cumulative > target) {
      chosen = w;
      break;
    }
  }
  return {
    rule: 'weighted',
    exclusions,
    weights,
    draw,
    chosen: chosen.dealerId,
    outcome: 'offered',
    reason: `drawn among ${weights.length} dealer(s) of the region by tier weight`,
  };
}

/**
 * A manager's routing by hand to `dealerId`: the same limits as the rules — never back to a dealer that answered,
 * only an active dealer with capacity left — and the same trace; an excluded dealer leaves the lead unassigned.
 */
export function routeByHand(input: RoutingInput, dealerId: string): RoutingDecision {
  const candidate = input.candidates.find((c) => c.dealerId === dealerId);
  const why = exclusionOf(input, candidate, dealerId);
  if (why !== undefined) {
    return {
      rule: 'none',
      exclusions: [{ dealerId, reason: why }],
      weights: [],
      outcome: 'unassigned',
      reason: `this dealer cannot take the lead: ${why}`,
    };
  }
  return { rule: 'none', exclusions: [], weights: [], chosen: dealerId, outcome: 'offered', reason: 'routed by hand' };
}
