/** Examples of the business-review routes (spread into EXAMPLES in ../examples.ts). */
import type { RouteExample } from '../examples.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const kpis = (revenue: number, deals: number, ratio: number | null) => ({
  revenue: eur(revenue),
  yoyGrowth: 0.08,
  productMix: [{ productLine: 'milling', amount: revenue, share: 1 }],
  averageDealSize: eur(38_000_000),
  registeredDeals: deals,
  registrationToCloseRatio: ratio,
  pipelineValue: eur(210_000_000),
  averageCycleDays: 64,
  portalLogins: 41,
  trainingCompletion: 0.8,
  marketingParticipation: 0.5,
  supportTickets: 4,
});
const commitments = [
  { text: 'Two people complete the MX-500 service training', owner: 'Alpine Maschinen', due: '2027-02-28' },
  { text: 'Joint visit at Müller Maschinenbau', owner: 'Petra Maier (partner manager)', due: '2027-01-31' },
];
const pack = {
  quarters: { current: '2026-Q4', previousQuarter: '2026-Q3', yearEarlier: '2025-Q4' },
  kpis: { current: kpis(125_000_000, 9, 0.5), previousQuarter: kpis(110_000_000, 7, 0.4), yearEarlier: kpis(98_000_000, 6, null) },
  tier: { tier: 'silver', score: 71.5, gapToNextTier: { tier: 'gold', score: 4.5, revenue: eur(0) } },
  pipeline: {
    openRegistrations: 6,
    value: eur(210_000_000),
    byStage: [
      { stage: 'early', count: 2, value: eur(60_000_000) },
      { stage: 'mid', count: 3, value: eur(110_000_000) },
      { stage: 'late', count: 1, value: eur(40_000_000) },
      { stage: 'none', count: 0, value: eur(0) },
    ],
  },
  protections: {
    active: 3,
    endingWithin30Days: 1,
    items: [
      {
        registrationId: 'reg_01JD3X8Q9V6T2M4K7N5P1R0S8W',
        customer: 'Müller Maschinenbau GmbH',
        expectedValue: eur(40_000_000),
        protectedUntil: '2027-01-12T10:00:00.000Z',
      },
    ],
  },
  improvementPlan: null,
  previousReview: {
    quarter: '2026-Q3',
    heldOn: '2026-10-08',
    commitments: [{ index: 0, text: 'Register every deal above EUR 50,000', owner: 'Alpine Maschinen', due: '2026-12-31', state: 'done' }],
  },
};
const heldBy = { role: 'partner_manager', id: 'pm.dach@manufacturer.example' };

export const businessReviewExamples: Record<string, RouteExample> = {
  'GET /dealers/{dealerId}/business-reviews/{quarter}': {
    response: {
      dealerId: 'dealer-alpine',
      dealerName: 'Alpine Maschinen',
      quarter: '2026-Q4',
      state: 'draft',
      asOf: '2027-01-09T08:00:00.000Z',
      pack,
    },
  },
  'POST /dealers/{dealerId}/business-reviews/{quarter}': {
    request: {
      heldOn: '2027-01-09',
      commitments,
      previousCommitments: [{ index: 0, state: 'done' }],
      attendees: ['Anna Berger', 'Petra Maier'],
    },
    response: {
      dealerId: 'dealer-alpine',
      dealerName: 'Alpine Maschinen',
      quarter: '2026-Q4',
      state: 'held',
      asOf: '2027-01-09T10:30:00.000Z',
      pack,
      held: { heldOn: '2027-01-09', heldAt: '2027-01-09T10:30:00.000Z', heldBy, commitments, attendees: ['Anna Berger', 'Petra Maier'] },
    },
  },
};
