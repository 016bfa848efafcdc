import { call } from '../../support/api.js';
import {
  approvedRequest,
  claim,
  claimBody,
  currentPeriod,
  fundRequestBody,
  openFunds,
  proofOf,
  TEST_BUDGET,
  today,
} from '../../support/funds.js';
import { dealerOf, dealerToken, deny, type Entry, type Fixtures, type ListContent, managerToken, type Side } from './entry.js';

const managersOwn = { partner_manager: 'own', regional_director: 'own' } as const;
const manufacturerAny = { finance: 'any', channel_admin: 'any' } as const;

/** The tenant's dealers hold an allocation of the current quarter (the funds schedule runs once per tenant). */
const opened = new Map<string, Promise<void>>();
const funded = (f: Fixtures) => {
  if (!opened.has(f.t.dealerId)) opened.set(f.t.dealerId, openFunds(f.t));
  return opened.get(f.t.dealerId) as Promise<void>;
};

async function submittedRequest(f: Fixtures, side: Side) {
  await funded(f);
  const created = await call('POST', '/fund-requests', { token: dealerToken(f, side), body: fundRequestBody(1_000) });
  if (created.status !== 201) throw new Error(`fixture fund request: ${created.text}`);
  return created.body.id as string;
}

const approved = async (f: Fixtures, side: Side) => {
  await funded(f);
  return approvedRequest(f.t, 1_000, 1_000, dealerToken(f, side), managerToken(f, side));
};
const claimOf = async (f: Fixtures, side: Side, state: 'submitted' | 'approved') => {
  await funded(f);
  return claim(f.t, state, dealerToken(f, side), managerToken(f, side));
};

export const FUNDS_MATRIX: Record<string, Entry> = {
  'PUT /funds/budgets/{period}': {
    success: 200,
    access: { ...deny, channel_admin: 'any' },
    request: async () => ({ method: 'PUT', path: `/funds/budgets/${currentPeriod()}`, body: TEST_BUDGET }),
  },
  'GET /funds/budgets/{period}': {
    success: 200,
    access: { ...deny, ...manufacturerAny },
    request: async (f) => {
      await funded(f);
      return { method: 'GET', path: `/funds/budgets/${currentPeriod()}` };
    },
  },
  'GET /funds': {
    success: 200,
    access: { ...deny, ...managersOwn, ...manufacturerAny, dealer: 'own' },
    request: async (f, side) => {
      await funded(f);
      return { method: 'GET', path: `/funds?dealerId=${dealerOf(f, side)}&period=${currentPeriod()}` };
    },
  },
  'GET /funds/ledger': {
    success: 200,
    access: { ...deny, ...manufacturerAny },
    request: async (f, side) => {
      await funded(f);
      return { method: 'GET', path: `/funds/ledger?dealerId=${dealerOf(f, side)}&period=${currentPeriod()}` };
    },
  },
  'POST /fund-requests': {
    success: 201,
    access: { ...deny, dealer: 'any' },
    request: async (f) => {
      await funded(f);
      return { method: 'POST', path: '/fund-requests', body: fundRequestBody(1_000) };
    },
  },
  'GET /fund-requests': {
    success: 200,
    access: { ...deny, dealer: 'any', partner_manager: 'any', regional_director: 'any' },
    request: async () => ({ method: 'GET', path: '/fund-requests' }),
  },
  'GET /fund-requests/{id}': {
    success: 200,
    access: { ...deny, ...managersOwn, ...manufacturerAny, dealer: 'own' },
    request: async (f, side) => ({ method: 'GET', path: `/fund-requests/${await submittedRequest(f, side)}` }),
  },
  'POST /fund-requests/{id}/decision': {
    success: 200,
    access: { ...deny, ...managersOwn },
    request: async (f, side) => ({
      method: 'POST',
      path: `/fund-requests/${await submittedRequest(f, side)}/decision`,
      body: { decision: 'approve' },
    }),
  },
  'POST /fund-requests/{id}/claims': {
    success: 201,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({
      method: 'POST',
      path: `/fund-requests/${await approved(f, side)}/claims`,
      body: claimBody(500, [await proofOf(dealerToken(f, side))]),
    }),
  },
  'GET /fund-claims': {
    success: 200,
    access: { ...deny, partner_manager: 'any', regional_director: 'any', ...manufacturerAny },
    request: async () => ({ method: 'GET', path: '/fund-claims' }),
  },
  'GET /fund-claims/{id}': {
    success: 200,
    access: { ...deny, ...managersOwn, ...manufacturerAny, dealer: 'own' },
    request: async (f, side) => ({ method: 'GET', path: `/fund-claims/${await claimOf(f, side, 'submitted')}` }),
  },
  'GET /fund-claims/{id}/proof': {
    success: 200,
    access: { ...deny, ...managersOwn, ...manufacturerAny, dealer: 'own' },
    request: async (f, side) => ({ method: 'GET', path: `/fund-claims/${await claimOf(f, side, 'submitted')}/proof` }),
  },
  'POST /fund-claims/{id}/decision': {
    success: 200,
    access: { ...deny, ...managersOwn },
    request: async (f, side) => ({
      method: 'POST',
      path: `/fund-claims/${await claimOf(f, side, 'submitted')}/decision`,
      body: { decision: 'approve' },
    }),
  },
  'POST /fund-claims/{id}/paid': {
    success: 200,
    access: { ...deny, finance: 'any' },
    request: async (f, side) => ({
      method: 'POST',
      path: `/fund-claims/${await claimOf(f, side, 'approved')}/paid`,
      body: { paidOn: today(), reference: 'SEPA-1' },
    }),
  },
};

export const FUNDS_LIST_CONTENT: Record<string, ListContent> = {
  'GET /fund-requests': {
    path: '/fund-requests?limit=100',
    tokens: (f) => [f.t.tokens.dealer],
    create: submittedRequest,
    visible: ['own'],
    hidden: ['sameRegion', 'other'],
    hiddenDealers: (f) => [f.t.sameRegionDealerId, f.t.otherDealerId],
  },
  'GET /fund-claims': {
    path: '/fund-claims?status=submitted&limit=100',
    tokens: (f) => [f.t.tokens.manager, f.t.tokens.director],
    create: (f, side) => claimOf(f, side, 'submitted'),
    visible: ['own', 'sameRegion'],
    hidden: ['other'],
    hiddenDealers: (f) => [f.t.otherDealerId],
  },
};
