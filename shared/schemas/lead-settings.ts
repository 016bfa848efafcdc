import * as z from 'zod';

const hours = (max: number) => z.number('must be a whole number of hours').int('must be a whole number of hours').min(1).max(max);
const perTier = <T extends z.ZodType>(value: T) => z.strictObject({ gold: value, silver: value, bronze: value });

/**
 * Lead distribution (SPEC §4, §8): how long a dealer has to accept an offered lead, when it is reminded, how many
 * leads a dealer of each tier may hold open at once (offered or accepted, not yet converted), and how the leads of a
 * region are shared among its dealers (relative weights per tier). Every field has a default.
 */
export const LeadSettings = z
  .strictObject({
    acceptHours: hours(720).default(48).describe('The accept window: hours a dealer has to accept or decline an offered lead.'),
    reminderHours: hours(719)
      .default(12)
      .describe('The reminder goes this many hours before the accept window closes (skipped if the window is shorter).'),
    capacityByTier: perTier(z.number('must be a whole number').int('must be a whole number').min(0).max(10_000))
      .default({ gold: 20, silver: 10, bronze: 5 })
      .describe('Open leads (offered or accepted) a dealer of each tier may hold at once; 0 gives that tier no leads.'),
    weightByTier: perTier(z.number('must be a number from 0 to 100').min(0, 'must not be negative').max(100, 'must be at most 100'))
      .default({ gold: 3, silver: 2, bronze: 1 })
      .describe("Relative share of a region's leads per tier, among the dealers with capacity left."),
  })
  .prefault({});
export type LeadSettings = z.infer<typeof LeadSettings>;

export const leadSettingsOf = (program: { leads?: unknown }): LeadSettings => LeadSettings.parse(program.leads ?? undefined);
