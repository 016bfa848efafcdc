/**
 * A dealer's scorecard for a quarter or a year: its KPIs (from its monthly inputs and its own registrations), the
 * tier and score of its latest evaluation up to the end of the period, the gap to the next tier and the diagnosis
 * flags. Reads one dealer's data only: the dealer item, the program, two KPI range queries (the period and the same
 * months a year earlier), the latest tier evaluation, and the dealer's registrations (GSI6, paged).
 */

import { fundRequests } from '../db/funds-repository.js';
import { kpiInputs } from '../db/kpi-repository.js';
import { leads as leadRepository } from '../db/lead-repository.js';
import { registrationFacts } from '../db/registration-repository.js';
import { program as programRepository } from '../db/setup-repository.js';
import { type StoredEvaluation, tiers } from '../db/tier-repository.js';
import { fundedActivities } from '../domain/funds.js';
import { leadKpis } from '../domain/lead-kpis.js';
import { computeKpis, type KpiPeriod, parsePeriod, quarterOf, quartersIn, yearBefore } from '../domain/partner-kpis.js';
import { diagnose } from '../domain/performance.js';
import { STARTING_TIER } from '../domain/tier-ranking.js';
import type { Program } from '../schemas/setup.js';
import { recordedTrainingCompletion } from '../training/training-kpi.js';

const rangeOf = (p: KpiPeriod) => ({ from: p.months[0] as string, to: p.months.at(-1) as string });

/**
 * KPIs of a dealer over `period`. `trainingCompletion` comes from the training records (certifications valid at the
 * period's end, or today while it runs, for the dealer's current tier) once the dealer has any; else the snapshot.
 */
export async function dealerKpis(dealerId: string, period: KpiPeriod, program?: Program) {
  const on = [period.end, new Date().toISOString().slice(0, 10)].sort()[0] as string;
  const [settings, inputs, registrations, funded, recorded] = await Promise.all([
    program ?? programRepository.get(),
    kpiInputs.forDealer(dealerId, [rangeOf(yearBefore(period)), rangeOf(period)]),
    registrationFacts.forDealer(dealerId),
    fundRequests.fundedOf(dealerId),
    tiers.current(dealerId).then((current) => recordedTrainingCompletion(dealerId, current?.tier ?? STARTING_TIER, on)),
  ]);
  // Funded co-marketing activities count as campaigns the dealer took part in (marketingParticipation).
  const withFunded = { ...inputs, marketing: [...inputs.marketing, ...fundedActivities(funded)] };
  const computed = computeKpis({ period, inputs: withFunded, registrations, program: settings });
  return recorded === undefined ? computed : { ...computed, kpis: { ...computed.kpis, trainingCompletion: recorded } };
}

export async function scorecard(dealer: { id: string; status: string }, periodLabel: string) {
  const period = parsePeriod(periodLabel);
  const program = await programRepository.get();
  const [{ kpis, facts }, [evaluation], offers] = await Promise.all([
    dealerKpis(dealer.id, period, program),
    tiers.evaluationsUpTo(dealer.id, quarterOf(period.months.at(-1) as string), 1) as Promise<(StoredEvaluation | undefined)[]>,
    leadRepository.offersOfDealer(dealer.id, period.start, `${period.end}T~`),
  ]);
  const leads = leadKpis(offers, period);
  const money = (amount: number) => ({ amount, currency: program.reportingCurrency });
  return {
    dealerId: dealer.id,
    period: period.label,
    tier: evaluation?.tier ?? STARTING_TIER,
    score: evaluation?.score ?? null,
    tierEvaluation: evaluation
      ? {
          quarter: evaluation.quarter,
          evaluatedAt: evaluation.evaluatedAt,
          position: evaluation.position,
          networkSize: evaluation.networkSize,
          criteria: evaluation.criteria,
          tierPointsBonus: evaluation.tierPointsBonus,
          ...(evaluation.limitedBy ? { limitedBy: evaluation.limitedBy } : {}),
        }
      : null,
    gapToNextTier: evaluation?.gapToNextTier
      ? { tier: evaluation.gapToNextTier.tier, score: evaluation.gapToNextTier.score, revenue: money(evaluation.gapToNextTier.revenue) }
      : null,
    kpis,
    customerSatisfaction: facts.customerSatisfaction,
    registrationCompliance: facts.registrationCompliance,
    diagnosis: diagnose({
      kpis,
      facts,
      quarters: quartersIn(period),
      regionMedianPerQuarter: evaluation?.regionMedianRegistrationsPerQuarter,
      leadsOffered: leads.offered,
    }),
    leads,
    status: dealer.status,
  };
}
