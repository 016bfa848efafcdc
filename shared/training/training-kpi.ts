/**
 * `trainingCompletion` from the training records: the share of the modules required for the dealer's tier that it
 * holds a valid certification of on the day. Records win over the monthly LMS snapshot (`POST /kpi-inputs/training`)
 * as soon as the dealer has any completion recorded; a dealer without records keeps the snapshot's figure.
 */
import { trainingModules, trainingRecords } from '../db/training-repository.js';
import { certifiedShare } from '../domain/certification.js';
import type { Tier } from '../domain/tier-ranking.js';

/** undefined: the dealer has no training records (the snapshot counts); null: no module is required for the tier. */
export async function recordedTrainingCompletion(dealerId: string, tier: Tier, on: string): Promise<number | null | undefined> {
  const [{ completions }, modules] = await Promise.all([trainingRecords.forDealer(dealerId), trainingModules.all()]);
  if (completions.length === 0) return undefined;
  return certifiedShare(modules, tier, completions, on);
}
