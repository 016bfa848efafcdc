/** Examples of the leads area's routes, spread into EXAMPLES (shared/api/examples.ts). */
const at = '2026-11-30T09:15:00.000Z';
const acceptBy = '2026-12-02T09:15:00.000Z';
const leadId = 'lead_5Tq8LmX2sR4vB9nK3pW7yZ';
const customer = { name: 'Huber Fräsen GmbH', country: 'DE', city: 'Ulm', postalCode: '89073', segment: 'smb' };
const contact = { name: 'Jonas Huber', email: 'jonas@huber-fraesen.example', phone: '+49 731 55501' };
const interest = { skus: ['MX-200'], note: 'Asked for a demo at the fair' };
const money = (amount: number) => ({ amount, currency: 'EUR' });

const trace = {
  round: 1,
  at,
  by: 'rules',
  seed: `${leadId}#1`,
  rule: 'weighted',
  ruleMatches: [],
  candidates: [
    { dealerId: 'dealer-alpine', tier: 'gold', status: 'active', openLeads: 4, capacity: 20 },
    { dealerId: 'dealer-rhein', tier: 'silver', status: 'active', openLeads: 10, capacity: 10 },
  ],
  exclusions: [{ dealerId: 'dealer-rhein', reason: 'at capacity (10 of 10 open leads)' }],
  weights: [{ dealerId: 'dealer-alpine', weight: 3, share: 1 }],
  draw: 0.4172,
  chosen: 'dealer-alpine',
  outcome: 'offered',
  reason: 'drawn among 1 dealer(s) of the region by tier weight',
  settings: { capacityByTier: { gold: 20, silver: 10, bronze: 5 }, weightByTier: { gold: 3, silver: 2, bronze: 1 } },
  full: [],
};

const lead = {
  id: leadId,
  status: 'offered',
  regionId: 'dach',
  customer,
  contact,
  interest,
  source: 'Hannover fair 2026',
  expectedValue: money(25_000_000),
  offeredTo: 'dealer-alpine',
  offeredAt: at,
  acceptBy,
  answers: [],
  createdAt: at,
  updatedAt: at,
  version: 1,
};

const dealerLead = {
  id: leadId,
  status: 'offered',
  customer,
  contact,
  interest,
  source: 'Hannover fair 2026',
  expectedValue: money(25_000_000),
  offeredAt: at,
  acceptBy,
};

const registration = {
  id: 'reg_9Kd2LmX9sT4vB8nK3pW6yQ',
  dealerId: 'dealer-alpine',
  status: 'approved',
  customer,
  contact,
  products: [{ sku: 'MX-200', quantity: 1 }],
  expectedValue: money(25_000_000),
  expectedCloseDate: '2027-03-31',
  stage: 'early',
  submittedAt: '2026-12-01T08:00:00.000Z',
  decidedAt: '2026-12-01T08:00:00.000Z',
  decisionReason: `Converted from lead ${leadId}, which the manufacturer routed to this dealer`,
  protectedUntil: '2027-03-01T08:00:00.000Z',
  leadId,
  version: 2,
};

const page = <T>(item: T) => ({ items: [item], nextCursor: 'eyJhZnRlciI6IjIwMjYtMTEtMzAifQ' });

export const LEAD_EXAMPLES = {
  'POST /leads': {
    request: { customer, contact, interest, source: 'Hannover fair 2026', expectedValue: money(25_000_000) },
    response: { ...lead, routing: [trace] },
  },
  'GET /leads': { response: page(dealerLead) },
  'GET /leads/{id}': { response: { ...lead, routing: [trace] } },
  'POST /leads/{id}/accept': {
    response: { ...dealerLead, status: 'accepted', acceptBy: undefined, acceptedAt: '2026-11-30T13:40:00.000Z' },
  },
  'POST /leads/{id}/decline': {
    request: { reason: 'No service capacity in that area before spring' },
    response: {
      id: leadId,
      status: 'declined',
      customer,
      interest,
      source: 'Hannover fair 2026',
      offeredAt: at,
      declinedAt: '2026-11-30T13:40:00.000Z',
      declineReason: 'No service capacity in that area before spring',
    },
  },
  'POST /leads/{id}/convert': {
    request: { products: [{ sku: 'MX-200', quantity: 1 }], expectedCloseDate: '2027-03-31', stage: 'early' },
    response: registration,
  },
  'POST /leads/{id}/route': {
    request: { dealerId: 'dealer-alpine' },
    response: {
      ...lead,
      routing: [
        {
          ...trace,
          outcome: 'unassigned',
          chosen: undefined,
          draw: undefined,
          weights: [],
          reason: 'no dealer of the region can take the lead',
        },
        {
          ...trace,
          round: 2,
          by: 'manual',
          rule: 'manual',
          reason: 'routed by hand',
          actor: { role: 'partner_manager', id: 'pm.dach@manufacturer.example' },
        },
      ],
    },
  },
};
