/** Examples of the co-marketing funds routes, spread into EXAMPLES. */
import type { RouteExample } from '../examples.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const requestId = 'fr_4Kq8Zt2Lw9Xb6Nm3Rv7Hy5Pd';
const claimId = 'fc_9Tb3Wq6Lm2Xz8Kv4Ny7Hr5Js';
const at = '2027-01-11T09:30:00.000Z';
const budget = { byTier: { gold: eur(2_500_000), silver: eur(1_000_000), bronze: eur(0) }, costSharePercent: 50, claimDays: 60 };

const requestInput = {
  activity: 'Booth at the EMO trade fair',
  description: 'Shared booth with live demos of the MX-200 and a customer evening.',
  startsOn: '2027-02-15',
  endsOn: '2027-02-19',
  cost: eur(1_800_000),
  requested: eur(900_000),
};
const submitted = {
  id: requestId,
  dealerId: 'dealer-alpine',
  regionId: 'dach',
  period: '2027-Q1',
  status: 'submitted',
  ...requestInput,
  claimDeadline: '2027-04-20',
  submittedAt: at,
  version: 1,
};
const approved = {
  ...submitted,
  status: 'approved',
  approved: eur(750_000),
  decidedAt: '2027-01-12T08:00:00.000Z',
  decidedBy: 'pm.dach@manufacturer.example',
  decisionReason: 'Capped at the booth share',
  version: 2,
};
const claim = {
  id: claimId,
  requestId,
  dealerId: 'dealer-alpine',
  regionId: 'dach',
  period: '2027-Q1',
  activity: requestInput.activity,
  status: 'submitted',
  amount: eur(720_000),
  approvedRequest: eur(750_000),
  proof: ['file_7Hq2LmX9sT4vB8nK3pW6yZ1a', 'file_2Lm9Xb6Nm3Rv7Hy5PdKq8Wc4'],
  note: 'Invoice of the fair organiser and photos of the booth',
  submittedAt: '2027-02-25T14:00:00.000Z',
  version: 1,
};
const claimApproved = {
  ...claim,
  status: 'approved',
  decidedAt: '2027-03-01T10:00:00.000Z',
  decidedBy: 'pm.dach@manufacturer.example',
  version: 2,
};
const funds = {
  dealerId: 'dealer-alpine',
  period: '2027-Q1',
  tier: 'gold',
  basis: { kind: 'fixed', tier: 'gold' },
  costSharePercent: 50,
  claimDays: 60,
  allocation: eur(2_500_000),
  requested: eur(150_000),
  approved: eur(750_000),
  claimed: eur(720_000),
  approvedClaims: eur(0),
  paid: eur(0),
  available: eur(1_750_000),
  allocatedAt: '2027-01-01T00:15:00.000Z',
};
const page = <T>(item: T) => ({ items: [item], nextCursor: 'eyJhZnRlciI6IjIwMjctMDEtMTEifQ' });

export const FUND_EXAMPLES: Record<string, RouteExample> = {
  'PUT /funds/budgets/{period}': {
    request: budget,
    response: { period: '2027-Q1', ...budget, currency: 'EUR', updatedAt: '2026-12-15T10:00:00.000Z' },
  },
  'GET /funds/budgets/{period}': {
    response: {
      period: '2027-Q1',
      ...budget,
      currency: 'EUR',
      updatedAt: '2026-12-15T10:00:00.000Z',
      openedAt: '2027-01-01T00:15:00.000Z',
    },
  },
  'GET /funds': { response: funds },
  'GET /funds/ledger': {
    response: {
      dealerId: 'dealer-alpine',
      period: '2027-Q1',
      at: '2027-01-12T12:00:00.000Z',
      currency: 'EUR',
      balances: {
        allocated: eur(2_500_000),
        requested: eur(0),
        approved: eur(750_000),
        claimed: eur(0),
        approvedClaims: eur(0),
        paid: eur(0),
        available: eur(1_750_000),
      },
      entries: [
        {
          id: 'le_1',
          at: '2027-01-01T00:15:00.000Z',
          kind: 'allocated',
          deltas: { allocated: 2_500_000 },
          actor: { role: 'system', id: 'dealer-channel' },
        },
        {
          id: 'le_2',
          at,
          kind: 'request_submitted',
          deltas: { requested: 900_000 },
          requestId,
          actor: { role: 'dealer', id: 'dealer-alpine' },
        },
        {
          id: 'le_3',
          at: '2027-01-12T08:00:00.000Z',
          kind: 'request_approved',
          deltas: { requested: -900_000, approved: 750_000 },
          requestId,
          actor: { role: 'partner_manager', id: 'pm.dach@manufacturer.example' },
        },
      ],
    },
  },
  'POST /fund-requests': { request: requestInput, response: submitted },
  'GET /fund-requests': { response: page(approved) },
  'GET /fund-requests/{id}': { response: approved },
  'POST /fund-requests/{id}/decision': {
    request: { decision: 'approve', approved: eur(750_000), reason: 'Capped at the booth share' },
    response: approved,
  },
  'POST /fund-requests/{id}/claims': {
    request: { amount: eur(720_000), proof: claim.proof, note: claim.note },
    response: claim,
  },
  'GET /fund-claims': { response: page(claimApproved) },
  'GET /fund-claims/{id}': { response: claimApproved },
  'GET /fund-claims/{id}/proof': {
    response: {
      items: claim.proof.map((fileId, index) => ({
        fileId,
        fileName: index === 0 ? 'invoice-2027-0113.pdf' : `booth-photo-${index}.jpg`,
        contentType: index === 0 ? 'application/pdf' : 'image/jpeg',
        bytes: index === 0 ? 184_320 : 2_310_144,
        url: `https://files.example.com/dealers/alpine-maschinen/${fileId}?X-Amz-Expires=300`,
        expiresAt: '2027-02-20T09:05:00.000Z',
      })),
    },
  },
  'POST /fund-claims/{id}/decision': { request: { decision: 'approve' }, response: claimApproved },
  'POST /fund-claims/{id}/paid': {
    request: { paidOn: '2027-03-10', reference: 'SEPA-2027-000481' },
    response: {
      ...claimApproved,
      status: 'paid',
      paidOn: '2027-03-10',
      paymentReference: 'SEPA-2027-000481',
      paidAt: '2027-03-10T15:20:00.000Z',
      version: 3,
    },
  },
};
