/**
 * The `tiers` schedule (quarterly; `npm run job -- tiers` locally): ranks the whole network on the four quarters
 * up to the last completed one, stores each dealer's evaluation and current tier, and records every tier change with
 * the reasons. Deterministic, and idempotent per quarter: a second run of the same quarter writes the same items.
 * Phased-out dealers are not ranked.
 */
import { kpiInputs } from '../db/kpi-repository.js';
import { registrationFacts } from '../db/registration-repository.js';
import { dealers as dealerRepository, program as programRepository } from '../db/setup-repository.js';
import { type StoredEvaluation, tiers } from '../db/tier-repository.js';
import {
  customerSatisfaction,
  lastCompletedQuarter,
  registrationCompliance,
  revenue,
  tierPointsEarned,
  trailingYear,
  trainingCompletion,
  wonRegisteredValue,
  yearBefore,
} from '../domain/partner-kpis.js';
import { median } from '../domain/performance.js';
import { type DealerMeasures, rankTiers, STARTING_TIER, tierChange } from '../domain/tier-ranking.js';
import { type Dealer, tierSettingsOf } from '../schemas/setup.js';
import { recordedTrainingCompletion } from '../training/training-kpi.js';

const CONCURRENCY = 16;

async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CONCURRENCY) results.push(...(await Promise.all(items.slice(i, i + CONCURRENCY).map(run))));
  return results;
}

async function allDealers(): Promise<Dealer[]> {
  const all: Dealer[] = [];
  let cursor: string | undefined;
  do {
    const page = await dealerRepository.list({ limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export interface TierReport {
  quarter: string;
  dealers: number;
  gold: number;
  silver: number;
  bronze: number;
  changes: number;
}

export async function evaluateTiers(at: Date): Promise<TierReport> {
  const quarter = lastCompletedQuarter(at);
  const window = trailingYear(quarter);
  const before = yearBefore(window);
  const program = await programRepository.get();
  const settings = tierSettingsOf(program);
  const network = (await allDealers()).filter((d) => d.status !== 'phased_out');

  const gathered = await inBatches(network, async (dealer) => {
    const [inputs, registrations, registered, evaluations] = await Promise.all([
      kpiInputs.forDealer(dealer.id, [
        { from: before.months[0] as string, to: before.months.at(-1) as string },
        { from: window.months[0] as string, to: window.months.at(-1) as string },
      ]),
      registrationFacts.forDealer(dealer.id),
      registrationFacts.count(dealer.id, window.start, `${window.end}T23:59:59.999Z`),
      tiers.evaluationsUpTo(dealer.id, quarter, 2),
    ]);
    // The evaluation this one follows: the latest of an earlier quarter (a re-run of this quarter is not it).
    const previous = evaluations.find((e) => e.quarter < quarter);
    // Training records win over the LMS snapshot once the dealer has any: the certifications valid at the window's
    // end that the tier it held then requires.
    const recordedTraining = await recordedTrainingCompletion(dealer.id, previous?.tier ?? STARTING_TIER, window.end);
    const windowRevenue = revenue(inputs.revenue, window, program);
    const measures: DealerMeasures = {
      dealerId: dealer.id,
      revenue: windowRevenue,
      previousRevenue: revenue(inputs.revenue, before, program),
      registrationCompliance: registrationCompliance(wonRegisteredValue(registrations, window, program), windowRevenue),
      trainingCompletion: recordedTraining === undefined ? trainingCompletion(inputs.training, window) : recordedTraining,
      customerSatisfaction: customerSatisfaction(inputs.satisfaction, window),
      tierPoints: tierPointsEarned(registrations, window),
    };
    return { dealer, measures, registeredPerQuarter: registered / 4, previous };
  });

  const { evaluations } = rankTiers(
    gathered.map((g) => g.measures),
    settings,
  );
  const byDealer = new Map(gathered.map((g) => [g.dealer.id, g]));
  const regionMedians = new Map<string, number>();
  for (const regionId of new Set(network.map((d) => d.regionId))) {
    regionMedians.set(regionId, median(gathered.filter((g) => g.dealer.regionId === regionId).map((g) => g.registeredPerQuarter)));
  }

  const evaluatedAt = at.toISOString();
  let changes = 0;
  await inBatches(evaluations, async (evaluation) => {
    const g = byDealer.get(evaluation.dealerId);
    if (!g) return;
    const stored: StoredEvaluation = {
      ...evaluation,
      quarter,
      evaluatedAt,
      regionId: g.dealer.regionId,
      regionMedianRegistrationsPerQuarter: regionMedians.get(g.dealer.regionId) ?? 0,
    };
    const change = tierChange(g.previous, evaluation, settings);
    if (change) changes++;
    await tiers.save(stored, change ? { ...change, quarter, at: evaluatedAt } : undefined);
  });

  const count = (tier: string) => evaluations.filter((e) => e.tier === tier).length;
  return { quarter, dealers: evaluations.length, gold: count('gold'), silver: count('silver'), bronze: count('bronze'), changes };
}
