/**
 * A dealer's quarterly business review: the frozen pack once the review is held, else the pack computed now —
 * KPIs of the quarter against the quarter before and a year earlier, tier and gap, pipeline and protections, the
 * improvement plan and the last review's commitments. Reads one dealer's data only.
 */
import { businessReviews, packRegistrations } from '../db/business-review-repository.js';
import { improvementPlans } from '../db/improvement-plan-repository.js';
import { kpiInputs } from '../db/kpi-repository.js';
import { program as programRepository } from '../db/setup-repository.js';
import { type StoredEvaluation, tiers } from '../db/tier-repository.js';
import { pipelineOf, previousCommitments, previousQuarter, protectionsOf, quarterStart, yearEarlier } from '../domain/business-review.js';
import { actorOf, type Caller } from '../domain/caller.js';
import { InvalidInput, StateConflict } from '../domain/errors.js';
import { computeKpis, monthRange, parsePeriod, yearBefore } from '../domain/partner-kpis.js';
import { STARTING_TIER } from '../domain/tier-ranking.js';
import type { BusinessReview, HoldBusinessReviewInput, ReviewPack } from '../schemas/business-reviews.js';
import type { Dealer } from '../schemas/setup.js';

async function computePack(
  dealer: Dealer,
  quarter: string,
  now: Date,
  followUp: HoldBusinessReviewInput['previousCommitments'] = [],
): Promise<ReviewPack> {
  const quarters = { current: quarter, previousQuarter: previousQuarter(quarter), yearEarlier: yearEarlier(quarter) };
  const periods = {
    current: parsePeriod(quarters.current),
    previousQuarter: parsePeriod(quarters.previousQuarter),
    yearEarlier: parsePeriod(quarters.yearEarlier),
  };
  // One range of months covers all three quarters and the year before each (their growth).
  const span = monthRange(yearBefore(periods.yearEarlier).months[0] as string, periods.current.months.at(-1) as string);
  const [program, inputs, registrations, [evaluation], plans, previous] = await Promise.all([
    programRepository.get(),
    kpiInputs.forDealer(dealer.id, [{ from: span.months[0] as string, to: span.months.at(-1) as string }]),
    packRegistrations(dealer.id),
    tiers.evaluationsUpTo(dealer.id, quarter, 1) as Promise<(StoredEvaluation | undefined)[]>,
    improvementPlans.list(dealer.id, { limit: 100 }),
    businessReviews.latestBefore(dealer.id, quarter),
  ]);
  const kpisOf = (period: keyof typeof periods) => computeKpis({ period: periods[period], inputs, registrations, program }).kpis;
  const money = (amount: number) => ({ amount, currency: program.reportingCurrency });
  const plan = plans.items.find((p) => p.status === 'open') ?? plans.items.at(-1) ?? null;
  return {
    quarters,
    kpis: { current: kpisOf('current'), previousQuarter: kpisOf('previousQuarter'), yearEarlier: kpisOf('yearEarlier') },
    tier: {
      tier: evaluation?.tier ?? STARTING_TIER,
      score: evaluation?.score ?? null,
      gapToNextTier: evaluation?.gapToNextTier
        ? { tier: evaluation.gapToNextTier.tier, score: evaluation.gapToNextTier.score, revenue: money(evaluation.gapToNextTier.revenue) }
        : null,
    },
    pipeline: pipelineOf(registrations, program),
    protections: protectionsOf(registrations, program, now),
    improvementPlan: plan as ReviewPack['improvementPlan'],
    previousReview: previousCommitments(previous, followUp, now.toISOString().slice(0, 10)),
  };
}

/** The held review as frozen, or a draft computed from today's data. */
export async function businessReview(dealer: Dealer, quarter: string, now: Date): Promise<BusinessReview> {
  const held = await businessReviews.get(dealer.id, quarter);
  if (held) return held;
  return {
    dealerId: dealer.id,
    dealerName: dealer.name,
    quarter,
    state: 'draft',
    asOf: now.toISOString(),
    pack: await computePack(dealer, quarter, now),
  };
}

/** Holds the review: freezes the pack as of now with the agreed commitments, once per dealer and quarter. */
export async function holdBusinessReview(args: {
  caller: Caller;
  dealer: Dealer;
  quarter: string;
  input: HoldBusinessReviewInput;
  now: Date;
}): Promise<BusinessReview> {
  const { dealer, quarter, input, now } = args;
  const today = now.toISOString().slice(0, 10);
  const errors = [
    ...(quarterStart(quarter) > today
      ? [{ path: 'quarter', message: 'must have begun: a review is held in its quarter or after it' }]
      : []),
    ...(input.heldOn > today ? [{ path: '/heldOn', message: 'must not be in the future' }] : []),
    ...(input.heldOn < quarterStart(quarter) ? [{ path: '/heldOn', message: 'must not be before the quarter begins' }] : []),
  ];
  if (errors.length) throw new InvalidInput(errors);
  const review: BusinessReview = {
    dealerId: dealer.id,
    dealerName: dealer.name,
    quarter,
    state: 'held',
    asOf: now.toISOString(),
    pack: await computePack(dealer, quarter, now, input.previousCommitments),
    held: {
      heldOn: input.heldOn,
      heldAt: now.toISOString(),
      heldBy: actorOf(args.caller),
      commitments: input.commitments,
      ...(input.attendees?.length ? { attendees: input.attendees } : {}),
    },
  };
  if (!(await businessReviews.hold(review)))
    throw new StateConflict(`The business review of ${quarter} was already held; its pack is frozen.`);
  return review;
}
