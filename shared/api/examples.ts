/**
 * One example request body and answer per route, for the API description (imported by openapi.ts only, never by a
 * handler). A unit test parses every example with its route's own schemas, so an example cannot drift.
 */
import { businessReviewExamples } from './examples/business-reviews.js';
import { enablementExamples } from './examples/enablement.js';
import { fileExamples } from './examples/files.js';
import { FUND_EXAMPLES } from './examples/funds.js';
import { INTEGRATION_EXAMPLES } from './examples/integrations.js';
import { LEAD_EXAMPLES } from './examples/leads.js';
import { ONBOARDING_EXAMPLES } from './examples/onboarding.js';
import { OUTBOX_EXAMPLES } from './examples/outbox.js';
import { TRAINING_EXAMPLES } from './examples/training.js';

const money = (amount: number) => ({ amount, currency: 'EUR' });
const at = '2026-11-30T09:15:00.000Z';
const later = '2026-12-01T10:02:00.000Z';
const id = 'reg_7Hq2LmX9sT4vB8nK3pW6yZ';
const conflictId = 'cf_4Rk8Wn2Qz7Xy5Vb3Mt9Lp6Hs';

const customer = { name: 'Müller Maschinenbau GmbH', country: 'DE', city: 'Stuttgart', postalCode: '70173', segment: 'midmarket' };
const contact = { name: 'Eva Müller', email: 'eva@mueller.example', phone: '+49 711 123456', role: 'Head of production' };
const products = [{ sku: 'MX-200', quantity: 2 }];

const registrationInput = {
  customer,
  contact,
  products,
  expectedValue: money(40_000_000),
  expectedCloseDate: '2027-06-30',
  stage: 'mid',
  competitors: ['Acme Machines'],
  nextSteps: 'On-site demo in January',
};

const registration = {
  id,
  dealerId: 'dealer-alpine',
  status: 'approved',
  customer,
  contact,
  products,
  expectedValue: money(40_000_000),
  expectedCloseDate: '2027-06-30',
  stage: 'mid',
  competitors: ['Acme Machines'],
  nextSteps: 'On-site demo in January',
  submittedAt: at,
  decidedAt: later,
  decisionReason: 'First to register',
  protectedUntil: '2027-03-01T10:02:00.000Z',
  version: 2,
};
const submitted = { ...registration, status: 'submitted', version: 1 } as Record<string, unknown>;
delete submitted.decidedAt;
delete submitted.decisionReason;
delete submitted.protectedUntil;

const page = <T>(item: T) => ({ items: [item], nextCursor: 'eyJhZnRlciI6IjIwMjYtMTEtMzAifQ' });

const conflict = {
  id: conflictId,
  state: 'open',
  level: 'partner_manager',
  owner: 'pm.dach@manufacturer.example',
  ownerRegionId: 'dach',
  reason: { kind: 'duplicate', detail: 'Same VAT id as an open registration' },
  customer: { name: 'Müller Maschinenbau GmbH', country: 'DE' },
  productLine: 'milling',
  parties: [
    { registrationId: id, dealerId: 'dealer-alpine', regionId: 'dach', submittedAt: at, status: 'submitted' },
    {
      registrationId: 'reg_2Bc5Df8Gh1Jk4Lm7Np0Qr3St',
      dealerId: 'dealer-rhein',
      regionId: 'dach',
      submittedAt: later,
      status: 'in_conflict',
    },
  ],
  openedAt: later,
  history: [{ at: later, action: 'opened', actor: 'system' }],
  version: 1,
};
const resolution = { winner: id, basis: 'first_registered', note: 'Alpine registered eleven days earlier' };

const program = {
  protectionDays: 90,
  extensionMaxDays: 90,
  reviewTargetHours: 24,
  reviewLimitHours: 48,
  expiryWarningDays: [14, 3],
  autoApproval: { enabled: true, maxValue: money(5_000_000) },
  stageProbabilities: { early: 0.1, mid: 0.4, late: 0.7 },
  reportingCurrency: 'EUR',
  fxRates: { CHF: 1.05 },
  tiers: {
    weights: { revenue: 35, yoyGrowth: 20, registrationCompliance: 20, trainingCompletion: 15, customerSatisfaction: 10 },
    shares: { gold: 0.2, silver: 0.3 },
    minimumRevenue: { gold: 100_000_000, silver: 25_000_000 },
    margins: { base: { gold: 18, silver: 15, bronze: 12 }, registeredUplift: 3 },
    points: { perWonRegistration: 1, maxScoreBonus: 10 },
  },
};

const regionInput = {
  name: 'DACH',
  countries: ['DE', 'AT', 'CH'],
  partnerManagerEmail: 'pm.dach@manufacturer.example',
  regionalDirectorEmail: 'rd.dach@manufacturer.example',
};
const dealerInput = { name: 'Alpine Automation AG', regionId: 'dach', email: 'sales@alpine.example', status: 'active' };
const productInput = { name: 'MX-200 milling centre', productLine: 'milling' };
const territoryInput = { dealerId: 'dealer-alpine', country: 'DE', postalPrefixes: ['70', '71'] };
const namedAccountInput = { customer: { name: 'Bosch Rexroth AG', country: 'DE' }, owner: { direct: true } };
const stored = <T>(item: T, key: Record<string, string>) => ({ ...item, ...key, updatedAt: at });

const figures = { openCount: 12, pipelineValue: 480_000_000, weightedValue: 192_000_000, wonCount: 3, wonValue: 95_000_000 };
const forecastDeal = {
  registrationId: id,
  dealerId: 'dealer-alpine',
  dealerName: 'Alpine Automation AG',
  customerName: 'Müller Maschinenbau GmbH',
  customerCountry: 'DE',
  region: 'dach',
  products: 'MX-200 ×2',
  productLine: 'milling',
  stage: 'mid',
  status: 'approved',
  expectedCloseDate: '2027-06-30',
  value: 40_000_000,
  weightedValue: 16_000_000,
  currency: 'EUR',
};

const kpis = {
  revenue: money(125_000_000),
  yoyGrowth: 0.12,
  productMix: [
    { productLine: 'milling', amount: 90_000_000, share: 0.72 },
    { productLine: 'turning', amount: 35_000_000, share: 0.28 },
  ],
  averageDealSize: money(38_000_000),
  registeredDeals: 9,
  registrationToCloseRatio: 0.5,
  pipelineValue: money(210_000_000),
  averageCycleDays: 64,
  portalLogins: 41,
  trainingCompletion: 0.8,
  marketingParticipation: 0.5,
  supportTickets: 4,
};
const scorecard = {
  dealerId: 'dealer-alpine',
  period: '2026-Q3',
  tier: 'silver',
  score: 71.5,
  tierEvaluation: {
    quarter: '2026-Q3',
    evaluatedAt: '2026-10-01T03:00:00.000Z',
    position: 4,
    networkSize: 20,
    criteria: { revenue: 80, yoyGrowth: 65, registrationCompliance: 72, trainingCompletion: 80, customerSatisfaction: 70 },
    tierPointsBonus: 3,
  },
  gapToNextTier: { tier: 'gold', score: 4.5, revenue: money(0) },
  kpis,
  customerSatisfaction: 70,
  registrationCompliance: 0.72,
  diagnosis: [],
  leads: { offered: 6, accepted: 5, converted: 3, medianHoursToAccept: 7.5 },
  status: 'active',
};
const tierChange = {
  quarter: '2026-Q3',
  at: '2026-10-01T03:00:00.000Z',
  from: 'bronze',
  to: 'silver',
  reasons: ['ranked 4 of 20 (Silver: positions up to 10)'],
  movedBy: [{ criterion: 'revenue', previous: 55, current: 80, effect: 8.75 }],
};
const planInput = {
  goals: [
    { kpi: 'trainingCompletion', target: 0.6 },
    { kpi: 'registeredDeals', target: 6, direction: 'at_least' },
  ],
  deadline: '2027-03-31',
  note: 'Agreed in the quarterly review',
};
const plan = {
  id: 'plan_9Fd2Kx7Wq4Zr1Tb6',
  dealerId: 'dealer-polder',
  status: 'open',
  goals: [
    { kpi: 'trainingCompletion', target: 0.6, direction: 'at_least' },
    { kpi: 'registeredDeals', target: 6, direction: 'at_least' },
  ],
  startMonth: '2026-12',
  deadline: '2027-03-31',
  note: 'Agreed in the quarterly review',
  createdAt: at,
  createdBy: { role: 'partner_manager', id: 'pm.benelux@manufacturer.example' },
  history: [{ at, action: 'opened', actor: { role: 'partner_manager', id: 'pm.benelux@manufacturer.example' } }],
};
const inputResult = (kind: string) => ({ kind, rows: 1, written: 1, dealerMonths: [{ dealerId: 'dealer-alpine', month: '2026-11' }] });
const row = { dealerId: 'dealer-alpine', month: '2026-11' };

export interface RouteExample {
  request?: unknown;
  response?: unknown;
}

export const EXAMPLES: Record<string, RouteExample> = {
  ...ONBOARDING_EXAMPLES,
  'GET /health': { response: { status: 'ok' } },
  'GET /openapi.json': {},
  'PUT /program': { request: program, response: program },
  'GET /program': { response: program },
  'PUT /regions/{regionId}': { request: regionInput, response: stored(regionInput, { id: 'dach' }) },
  'GET /regions/{regionId}': { response: stored(regionInput, { id: 'dach' }) },
  'GET /regions': { response: page(stored(regionInput, { id: 'dach' })) },
  'PUT /dealers/{dealerId}': { request: dealerInput, response: stored(dealerInput, { id: 'dealer-alpine' }) },
  'GET /dealers/{dealerId}': { response: stored(dealerInput, { id: 'dealer-alpine' }) },
  'GET /dealers': { response: page(stored(dealerInput, { id: 'dealer-alpine' })) },
  'GET /dealer-directory': { response: page({ ...stored(dealerInput, { id: 'dealer-alpine' }), tier: 'silver' }) },
  'PUT /products/{sku}': { request: productInput, response: stored(productInput, { sku: 'MX-200' }) },
  'GET /products/{sku}': { response: stored(productInput, { sku: 'MX-200' }) },
  'GET /products': { response: page(stored(productInput, { sku: 'MX-200' })) },
  'PUT /rules/territories/{territoryId}': { request: territoryInput, response: stored(territoryInput, { id: 'alpine-stuttgart' }) },
  'GET /rules/territories/{territoryId}': { response: stored(territoryInput, { id: 'alpine-stuttgart' }) },
  'GET /rules/territories': { response: page(stored(territoryInput, { id: 'alpine-stuttgart' })) },
  'PUT /rules/named-accounts/{accountId}': { request: namedAccountInput, response: stored(namedAccountInput, { id: 'bosch-rexroth' }) },
  'GET /rules/named-accounts/{accountId}': { response: stored(namedAccountInput, { id: 'bosch-rexroth' }) },
  'GET /rules/named-accounts': { response: page(stored(namedAccountInput, { id: 'bosch-rexroth' })) },
  'PUT /rules/direct': {
    request: { segments: ['enterprise'], productLines: ['custom'] },
    response: { segments: ['enterprise'], productLines: ['custom'] },
  },
  'GET /rules/direct': { response: { segments: ['enterprise'], productLines: ['custom'] } },
  'POST /registrations': { request: registrationInput, response: submitted },
  'GET /registrations': { response: page(registration) },
  'GET /registrations/{id}': { response: registration },
  'GET /registrations/{id}/history': {
    response: page({
      at: later,
      action: 'approved',
      actor: { role: 'partner_manager', id: 'pm.dach@manufacturer.example' },
      fromStatus: 'submitted',
      toStatus: 'approved',
      detail: 'First to register',
    }),
  },
  'PATCH /registrations/{id}': {
    request: { stage: 'late', expectedCloseDate: '2027-05-31' },
    response: { ...registration, stage: 'late', expectedCloseDate: '2027-05-31', version: 3 },
  },
  'POST /registrations/{id}/withdraw': { response: { ...registration, status: 'withdrawn', version: 3 } },
  'POST /registrations/{id}/outcome': {
    request: { result: 'won', actualValue: money(38_000_000), closedOn: '2027-05-20' },
    response: {
      ...registration,
      status: 'won',
      outcome: { result: 'won', actualValue: money(38_000_000), closedOn: '2027-05-20' },
      earned: { tier: 'silver', baseMarginPercent: 15, registeredUpliftPercent: 3, marginPercent: 18, tierPoints: 1 },
      version: 3,
    },
  },
  'POST /registrations/{id}/decision': { request: { decision: 'approve', reason: 'First to register' }, response: registration },
  'POST /registrations/{id}/extensions': {
    request: { days: 30, reason: 'Customer postponed the board decision' },
    response: {
      ...registration,
      extension: { status: 'requested', days: 30, reason: 'Customer postponed the board decision' },
      version: 3,
    },
  },
  'POST /registrations/{id}/extensions/decision': {
    request: { decision: 'approve' },
    response: {
      ...registration,
      protectedUntil: '2027-03-31T10:02:00.000Z',
      extension: { status: 'approved', days: 30, reason: 'Customer postponed the board decision', decidedAt: later },
      version: 4,
    },
  },
  'GET /reviews': { response: page(submitted) },
  'GET /review/{token}': {},
  'HEAD /review/{token}': {},
  'POST /review/{token}': { request: { decision: 'approve', reason: 'First to register' } },
  'GET /conflicts': { response: page(conflict) },
  'GET /conflicts/{id}': { response: conflict },
  'POST /conflicts/{id}/resolve': {
    request: resolution,
    response: {
      ...conflict,
      state: 'resolved',
      resolution: { ...resolution, resolvedAt: later, resolvedBy: 'pm.dach@manufacturer.example' },
      version: 2,
    },
  },
  'POST /conflicts/{id}/escalate': {
    request: { note: 'Both dealers claim the relationship' },
    response: { ...conflict, level: 'regional_director', version: 2 },
  },
  'GET /forecast': {
    response: {
      from: '2027-01',
      to: '2027-03',
      groupBy: ['quarter', 'productLine'],
      weighting: 'stage',
      weightingQuality: { errorPercent: 18.4, calibrationGapPoints: 6.2, measuredOn: '2026-11-30' },
      currency: 'EUR',
      rows: [{ period: '2027-Q1', productLine: 'milling', ...figures }],
      totals: figures,
      unconvertibleCurrencies: [],
    },
  },
  'GET /forecast/deals': { response: page(forecastDeal) },
  'GET /forecast/accuracy': {
    response: {
      month: '2026-10',
      currency: 'EUR',
      actualWonValue: 95_000_000,
      snapshots: [
        {
          takenMonth: '2026-07',
          takenAt: '2026-07-01T02:00:00.000Z',
          forecastPipelineValue: 400_000_000,
          forecastWeightedValue: 110_000_000,
          error: -15_000_000,
          errorPercent: -13.6,
          byWeighting: {
            stage: { forecastWeightedValue: 110_000_000, error: -15_000_000, errorPercent: -13.6 },
            calibrated: { forecastWeightedValue: 97_000_000, error: -2_000_000, errorPercent: -2.1 },
          },
        },
      ],
    },
  },
  'POST /kpi-inputs/revenue': {
    request: { items: [{ ...row, productLine: 'milling', amount: 12_500_000, currency: 'EUR' }] },
    response: inputResult('revenue'),
  },
  'POST /kpi-inputs/training': {
    request: { items: [{ ...row, userId: 'u-1842', moduleId: 'mx-basics', completed: true }] },
    response: inputResult('training'),
  },
  'POST /kpi-inputs/marketing': {
    request: { items: [{ ...row, campaignId: 'spring-expo', participated: true }] },
    response: inputResult('marketing'),
  },
  'POST /kpi-inputs/support': { request: { items: [{ ...row, tickets: 3 }] }, response: inputResult('support') },
  'POST /kpi-inputs/satisfaction': { request: { items: [{ ...row, responses: 14, score: 82 }] }, response: inputResult('satisfaction') },
  'GET /dealers/{dealerId}/scorecard': { response: scorecard },
  'GET /dealers/{dealerId}/tier-history': { response: page(tierChange) },
  'POST /dealers/{dealerId}/improvement-plans': { request: planInput, response: plan },
  'GET /dealers/{dealerId}/improvement-plans': { response: page(plan) },
  ...fileExamples,
  ...INTEGRATION_EXAMPLES,
  ...businessReviewExamples,
  ...LEAD_EXAMPLES,
  ...FUND_EXAMPLES,
  ...enablementExamples,
  ...TRAINING_EXAMPLES,
  ...OUTBOX_EXAMPLES,
};
