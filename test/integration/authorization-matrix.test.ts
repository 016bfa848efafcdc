/**
 * The authorization matrix: every route of the route table × every kind of caller × the caller's own resource,
 * another dealer's of the same region (hidden from a dealer, visible to the region's managers) and another
 * region's; list routes are checked by content as well. Expectations are written here, independently of the route
 * table's `roles`, and a route without an entry fails the test.
 */
import { describe, expect, inject, it } from 'vitest';
import { ROLES, type Role, routeKey, routes } from '../../shared/api/routes.js';
import { signReviewToken } from '../../shared/review-links/review-token.js';
import {
  call,
  createTenant,
  forgedToken,
  partnerApplication,
  partnerManagerOf,
  registrationBody,
  reviewTokenSecret,
  tokenFor,
  uniqueId,
} from '../support/api.js';
import { asset, privateCurrency, privateYear } from '../support/enablement.js';
import { declareAndPut } from '../support/files.js';
import { acceptedLead, leadBody, leadOfferedTo, unassignedLead } from '../support/leads.js';
import {
  type Access,
  dealerOf,
  dealerToken,
  deny,
  type Entry,
  type Fixtures,
  type ListContent,
  managerToken,
  type Request,
  type Side,
} from './matrix/entry.js';
import { FUNDS_LIST_CONTENT, FUNDS_MATRIX } from './matrix/funds.js';
import { OUTBOX_MATRIX } from './matrix/outbox.js';
import { SETUP_LIST_CONTENT, SETUP_MATRIX } from './matrix/setup.js';

const adminOnly = { ...deny, channel_admin: 'any' as Access };
const managersOwn = { ...deny, partner_manager: 'own' as Access, regional_director: 'own' as Access };

async function registration(f: Fixtures, side: Side, state: 'submitted' | 'approved' | 'extension' = 'submitted') {
  const created = await call('POST', '/registrations', { token: dealerToken(f, side), body: registrationBody({}, f.t.sku) });
  if (created.status !== 201) throw new Error(`fixture: ${created.text}`);
  const id = created.body.id as string;
  if (state !== 'submitted') {
    await call('POST', `/registrations/${id}/decision`, { token: managerToken(f, side), body: { decision: 'approve' } });
  }
  if (state === 'extension') {
    await call('POST', `/registrations/${id}/extensions`, { token: dealerToken(f, side), body: { days: 10, reason: 'Board meeting' } });
  }
  return id;
}

/** A fresh conflict case, escalated to the level at which `resolver` (if given) has the authority to resolve it. */
async function conflict(f: Fixtures, side: Side, resolver?: Role) {
  const body = registrationBody({}, f.t.sku);
  await call('POST', '/registrations', { token: dealerToken(f, side), body });
  const second = await call('POST', '/registrations', { token: dealerToken(f, side), body });
  const cases = await call('GET', '/conflicts?limit=100', { token: f.t.tokens.admin });
  const found = cases.body.items.find((c: { parties: { registrationId: string }[] }) =>
    c.parties.some((p) => p.registrationId === second.body.id),
  );
  if (!found) throw new Error('fixture: no conflict');
  const steps = resolver === 'channel_admin' ? 2 : resolver === 'regional_director' ? 1 : 0;
  for (let i = 0; i < steps; i++) await call('POST', `/conflicts/${found.id}/escalate`, { token: f.t.tokens.admin, body: {} });
  return found.id as string;
}

/** A pending upload that arrived: the channel admin's asset when asked for by that role, else the side's dealer's proof. */
const upload = (f: Fixtures, side: Side, role?: Role) =>
  role === 'channel_admin'
    ? declareAndPut(f.t.tokens.admin, { purpose: 'asset', fileName: 'deck.pdf', contentType: 'application/pdf', bytes: 256 })
    : declareAndPut(dealerToken(f, side), { purpose: 'proof', fileName: 'proof.pdf', contentType: 'application/pdf', bytes: 256 });
const regionOf = (f: Fixtures, side: Side) => (side === 'other' ? f.t.otherRegionId : f.t.regionId);
const countryOf = (side: Side) => (side === 'other' ? 'NL' : 'DE');
/** A lead offered to the side's dealer (accepted by it for `accepted`). */
async function lead(f: Fixtures, side: Side, state: 'offered' | 'accepted' = 'offered') {
  const made =
    state === 'accepted'
      ? await acceptedLead(f.t.tokens.admin, dealerOf(f, side), dealerToken(f, side), regionOf(f, side), countryOf(side))
      : await leadOfferedTo(f.t.tokens.admin, dealerOf(f, side), regionOf(f, side), countryOf(side));
  return made.id;
}

const everyone: Record<Role, Access> = {
  dealer: 'any',
  partner_manager: 'any',
  regional_director: 'any',
  finance: 'any',
  channel_admin: 'any',
};

/** A price list of a currency and year of its own, valid on `<year>-06-01`. */
async function priceList(f: Fixtures) {
  const currency = privateCurrency();
  const year = privateYear();
  const id = uniqueId('pl');
  const body = {
    currency,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    items: [{ sku: f.t.sku, listPrice: { amount: 1000, currency } }],
  };
  const put = await call('PUT', `/price-lists/${id}`, { token: f.t.tokens.admin, body });
  if (put.status !== 200) throw new Error(`fixture price list: ${put.text}`);
  return { id, currency, year };
}

const admin = (method: string, path: (f: Fixtures) => string, body?: (f: Fixtures) => unknown, success = 200): Entry => ({
  success,
  access: adminOnly,
  request: async (f) => ({ method, path: path(f), ...(body ? { body: body(f) } : {}) }),
});

/** A webhook target the test stack allows (WEBHOOK_ALLOWED_PRIVATE_ORIGINS); nothing needs to listen there. */
const webhookUrl = `${inject('stack').webhookReceiverOrigins[1]}/matrix`;

async function apiClient(f: Fixtures, side: Side) {
  const created = await call('POST', '/api-clients', {
    token: dealerToken(f, side),
    body: { name: 'CRM', scopes: ['registrations:read'] },
  });
  if (created.status !== 201) throw new Error(`fixture: ${created.text}`);
  return created.body.clientId as string;
}

async function webhook(f: Fixtures, side: Side) {
  const created = await call('POST', '/webhooks', {
    token: dealerToken(f, side),
    body: { url: webhookUrl, events: ['RegistrationApproved'] },
  });
  if (created.status !== 201) throw new Error(`fixture: ${created.text}`);
  return created.body.id as string;
}

const region = () => ({ name: 'R', countries: ['SE'], partnerManagerEmail: 'pm@m.example', regionalDirectorEmail: 'rd@m.example' });

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A version of the partner agreement: never material here, so that it blocks no other test's submissions. */
const agreementVersion = (effectiveFrom = inDays(30)) => ({ title: 'Agreement', body: '# Rules', material: false, effectiveFrom });
async function publish(f: Fixtures, effectiveFrom?: string) {
  const version = uniqueId('v');
  const put = await call('PUT', `/agreements/${version}`, { token: f.t.tokens.admin, body: agreementVersion(effectiveFrom) });
  if (put.status !== 200) throw new Error(`fixture agreement: ${put.text}`);
  return version;
}

const trainingReaders: Record<Role, Access> = { ...everyone, finance: 'deny' };

/** A fresh training module with a one-question quiz (answer: option 1), required for no tier. */
async function trainingModule(f: Fixtures) {
  const id = uniqueId('mod');
  const quiz = { passPercent: 50, questions: [{ text: 'Q', options: ['a', 'b'], answer: 1 }] };
  const put = await call('PUT', `/training/modules/${id}`, { token: f.t.tokens.admin, body: { title: 'M', requiredFor: [], quiz } });
  if (put.status !== 200) throw new Error(`fixture: ${put.text}`);
  return id;
}

/** A fresh community question asked by the side's dealer. */
async function question(f: Fixtures, side: Side) {
  const asked = await call('POST', '/community/questions', { token: dealerToken(f, side), body: { title: 'Q', body: 'Body' } });
  if (asked.status !== 201) throw new Error(`fixture: ${asked.text}`);
  return asked.body.id as string;
}

async function communityAnswer(f: Fixtures, side: Side) {
  const id = await question(f, side);
  const answered = await call('POST', `/community/questions/${id}/answers`, { token: f.t.tokens.manager, body: { body: 'Answer' } });
  if (answered.status !== 201) throw new Error(`fixture: ${answered.text}`);
  return answered.body.id as string;
}

const MATRIX: Record<string, Entry> = {
  'GET /health': { success: 200, request: async () => ({ method: 'GET', path: '/health' }) },
  'GET /openapi.json': { success: 200, request: async () => ({ method: 'GET', path: '/openapi.json' }) },
  'PUT /program': {
    success: 200,
    access: adminOnly,
    request: async (f) => ({ method: 'PUT', path: '/program', body: (await call('GET', '/program', { token: f.t.tokens.admin })).body }),
  },
  'GET /program': {
    success: 200,
    access: { ...deny, channel_admin: 'any', finance: 'any', partner_manager: 'any', regional_director: 'any' },
    request: async () => ({ method: 'GET', path: '/program' }),
  },
  'PUT /regions/{regionId}': admin('PUT', () => `/regions/${uniqueId('region')}`, region),
  'GET /regions/{regionId}': admin('GET', (f) => `/regions/${f.t.regionId}`),
  'GET /regions': admin('GET', () => '/regions'),
  'PUT /dealers/{dealerId}': admin(
    'PUT',
    () => `/dealers/${uniqueId('dealer')}`,
    (f) => ({ name: 'D', regionId: f.t.regionId, email: 'd@d.example', status: 'active' }),
  ),
  'GET /dealers/{dealerId}': admin('GET', (f) => `/dealers/${f.t.dealerId}`),
  'GET /dealers': admin('GET', () => '/dealers'),
  'PUT /products/{sku}': admin(
    'PUT',
    () => `/products/${uniqueId('SKU')}`,
    () => ({ name: 'P', productLine: 'milling' }),
  ),
  'GET /products/{sku}': admin('GET', (f) => `/products/${f.t.sku}`),
  'GET /products': admin('GET', () => '/products'),
  'GET /catalog': {
    success: 200,
    access: { dealer: 'any', partner_manager: 'any', regional_director: 'any', finance: 'any', channel_admin: 'any' },
    request: async () => ({ method: 'GET', path: '/catalog' }),
  },
  'PUT /rules/territories/{territoryId}': admin(
    'PUT',
    () => `/rules/territories/${uniqueId('terr')}`,
    (f) => ({ dealerId: f.t.dealerId, country: 'SE' }),
  ),
  'GET /rules/territories/{territoryId}': {
    success: 200,
    access: adminOnly,
    request: async (f) => {
      const id = uniqueId('terr');
      await call('PUT', `/rules/territories/${id}`, { token: f.t.tokens.admin, body: { dealerId: f.t.dealerId, country: 'SE' } });
      return { method: 'GET', path: `/rules/territories/${id}` };
    },
  },
  'GET /rules/territories': admin('GET', () => '/rules/territories'),
  'PUT /rules/named-accounts/{accountId}': admin(
    'PUT',
    () => `/rules/named-accounts/${uniqueId('acct')}`,
    () => ({ customer: { name: 'N', country: 'SE' }, owner: { direct: true } }),
  ),
  'GET /rules/named-accounts/{accountId}': {
    success: 200,
    access: adminOnly,
    request: async (f) => {
      const id = uniqueId('acct');
      await call('PUT', `/rules/named-accounts/${id}`, {
        token: f.t.tokens.admin,
        body: { customer: { name: 'N', country: 'SE' }, owner: { direct: true } },
      });
      return { method: 'GET', path: `/rules/named-accounts/${id}` };
    },
  },
  'GET /rules/named-accounts': admin('GET', () => '/rules/named-accounts'),
  'PUT /rules/direct': {
    success: 200,
    access: adminOnly,
    request: async (f) => ({
      method: 'PUT',
      path: '/rules/direct',
      body: (await call('GET', '/rules/direct', { token: f.t.tokens.admin })).body,
    }),
  },
  'GET /rules/direct': {
    success: 200,
    access: { ...deny, channel_admin: 'any', partner_manager: 'any', regional_director: 'any' },
    request: async () => ({ method: 'GET', path: '/rules/direct' }),
  },
  'POST /registrations': {
    success: 201,
    access: { ...deny, dealer: 'any' },
    request: async (f) => ({ method: 'POST', path: '/registrations', body: registrationBody({}, f.t.sku) }),
  },
  'GET /registrations': {
    success: 200,
    access: { ...deny, dealer: 'any' },
    request: async () => ({ method: 'GET', path: '/registrations' }),
  },
  'GET /registrations/{id}': {
    success: 200,
    access: { ...managersOwn, dealer: 'own', channel_admin: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/registrations/${await registration(f, side)}` }),
  },
  'GET /registrations/{id}/history': {
    success: 200,
    access: { ...managersOwn, dealer: 'own', channel_admin: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/registrations/${await registration(f, side)}/history` }),
  },
  'PATCH /registrations/{id}': {
    success: 200,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({
      method: 'PATCH',
      path: `/registrations/${await registration(f, side)}`,
      body: { stage: 'late' },
      headers: { 'if-match': '"1"' },
    }),
  },
  'POST /registrations/{id}/withdraw': {
    success: 200,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({ method: 'POST', path: `/registrations/${await registration(f, side)}/withdraw` }),
  },
  'POST /registrations/{id}/outcome': {
    success: 200,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({
      method: 'POST',
      path: `/registrations/${await registration(f, side, 'approved')}/outcome`,
      body: { result: 'lost', closedOn: new Date().toISOString().slice(0, 10), lostReason: 'Price' },
    }),
  },
  'POST /registrations/{id}/decision': {
    success: 200,
    access: managersOwn,
    request: async (f, side) => ({
      method: 'POST',
      path: `/registrations/${await registration(f, side)}/decision`,
      body: { decision: 'approve' },
    }),
  },
  'POST /registrations/{id}/extensions': {
    success: 200,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({
      method: 'POST',
      path: `/registrations/${await registration(f, side, 'approved')}/extensions`,
      body: { days: 5, reason: 'Tender delayed' },
    }),
  },
  'POST /registrations/{id}/extensions/decision': {
    success: 200,
    access: managersOwn,
    request: async (f, side) => ({
      method: 'POST',
      path: `/registrations/${await registration(f, side, 'extension')}/extensions/decision`,
      body: { decision: 'approve' },
    }),
  },
  'GET /review/{token}': {
    success: 200,
    request: async (f) => ({ method: 'GET', path: `/review/${await reviewToken(f)}` }),
  },
  'HEAD /review/{token}': { success: 200, request: async (f) => ({ method: 'HEAD', path: `/review/${await reviewToken(f)}` }) },
  'POST /review/{token}': {
    success: 200,
    request: async (f) => ({
      method: 'POST',
      path: `/review/${await reviewToken(f)}`,
      rawBody: 'decision=approve',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  },
  'GET /conflicts': {
    success: 200,
    access: { ...deny, partner_manager: 'any', regional_director: 'any', channel_admin: 'any' },
    request: async () => ({ method: 'GET', path: '/conflicts' }),
  },
  'GET /conflicts/{id}': {
    success: 200,
    access: { ...managersOwn, channel_admin: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/conflicts/${await conflict(f, side)}` }),
  },
  'POST /conflicts/{id}/resolve': {
    success: 200,
    access: { ...managersOwn, channel_admin: 'any' },
    request: async (f, side, role) => ({
      method: 'POST',
      path: `/conflicts/${await conflict(f, side, role)}/resolve`,
      body: { winner: 'direct', basis: 'relationship', note: 'Direct account' },
    }),
  },
  'POST /conflicts/{id}/escalate': {
    success: 200,
    access: { ...managersOwn, channel_admin: 'any' },
    request: async (f, side) => ({ method: 'POST', path: `/conflicts/${await conflict(f, side)}/escalate`, body: {} }),
  },
  'GET /forecast': {
    success: 200,
    access: { ...deny, finance: 'any', channel_admin: 'any' },
    request: async () => ({ method: 'GET', path: '/forecast?from=2031-01&to=2031-03' }),
  },
  'GET /forecast/deals': {
    success: 200,
    access: { ...deny, finance: 'any', channel_admin: 'any' },
    request: async () => ({ method: 'GET', path: '/forecast/deals?from=2031-01&to=2031-03' }),
  },
  'GET /forecast/accuracy': {
    success: 200,
    access: { ...deny, finance: 'any', channel_admin: 'any' },
    request: async () => ({ method: 'GET', path: '/forecast/accuracy?month=2031-01' }),
  },
  'GET /reviews': {
    success: 200,
    access: { ...deny, partner_manager: 'any', regional_director: 'any' },
    request: async () => ({ method: 'GET', path: '/reviews' }),
  },
  // Partner program
  'POST /kpi-inputs/revenue': admin(
    'POST',
    () => '/kpi-inputs/revenue',
    (f) => ({ items: [{ dealerId: f.t.dealerId, month: '2031-01', productLine: 'milling', amount: 100, currency: 'EUR' }] }),
  ),
  'POST /kpi-inputs/training': admin(
    'POST',
    () => '/kpi-inputs/training',
    (f) => ({ items: [{ dealerId: f.t.dealerId, month: '2031-01', userId: 'u1', moduleId: 'safety', completed: true }] }),
  ),
  'POST /kpi-inputs/marketing': admin(
    'POST',
    () => '/kpi-inputs/marketing',
    (f) => ({ items: [{ dealerId: f.t.dealerId, month: '2031-01', campaignId: 'fair', participated: true }] }),
  ),
  'POST /kpi-inputs/support': admin(
    'POST',
    () => '/kpi-inputs/support',
    (f) => ({ items: [{ dealerId: f.t.dealerId, month: '2031-01', tickets: 2 }] }),
  ),
  'POST /kpi-inputs/satisfaction': admin(
    'POST',
    () => '/kpi-inputs/satisfaction',
    (f) => ({ items: [{ dealerId: f.t.dealerId, month: '2031-01', responses: 3, score: 90 }] }),
  ),
  'GET /dealers/{dealerId}/scorecard': {
    success: 200,
    access: { ...managersOwn, dealer: 'own', channel_admin: 'any', finance: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/dealers/${dealerOf(f, side)}/scorecard?period=2031-Q1` }),
  },
  'GET /dealers/{dealerId}/tier-history': {
    success: 200,
    access: { ...managersOwn, dealer: 'own', channel_admin: 'any', finance: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/dealers/${dealerOf(f, side)}/tier-history` }),
  },
  'POST /dealers/{dealerId}/improvement-plans': {
    success: 201,
    access: { ...managersOwn, channel_admin: 'any' },
    // A fresh dealer of the side's region each time: a dealer has one open plan at a time.
    request: async (f, side) => {
      const dealerId = uniqueId('dealer');
      const regionId = side === 'other' ? f.t.otherRegionId : f.t.regionId;
      await call('PUT', `/dealers/${dealerId}`, {
        token: f.t.tokens.admin,
        body: { name: 'D', regionId, email: 'd@d.example', status: 'active' },
      });
      const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      return {
        method: 'POST',
        path: `/dealers/${dealerId}/improvement-plans`,
        body: { goals: [{ kpi: 'registeredDeals', target: 3 }], deadline },
      };
    },
  },
  'GET /dealers/{dealerId}/improvement-plans': {
    success: 200,
    access: { ...managersOwn, dealer: 'own', channel_admin: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/dealers/${dealerOf(f, side)}/improvement-plans` }),
  }, // Training: modules are the whole channel's (no tenant); completions and attempts name the caller's own dealer.
  'PUT /training/modules/{moduleId}': admin(
    'PUT',
    () => `/training/modules/${uniqueId('mod')}`,
    () => ({ title: 'Module', requiredFor: [] }),
  ),
  'GET /training/modules/{moduleId}': {
    success: 200,
    access: { ...trainingReaders },
    request: async (f) => ({ method: 'GET', path: `/training/modules/${await trainingModule(f)}` }),
  },
  'GET /training/modules': {
    success: 200,
    access: { ...trainingReaders },
    request: async () => ({ method: 'GET', path: '/training/modules' }),
  },
  'POST /training/completions': {
    success: 200,
    access: adminOnly,
    request: async (f, side) => ({
      method: 'POST',
      path: '/training/completions',
      body: { items: [{ dealerId: dealerOf(f, side), userId: 'lms-1', moduleId: await trainingModule(f), completedOn: '2026-01-15' }] },
    }),
  },
  'POST /training/modules/{moduleId}/attempts': {
    success: 200,
    access: { ...deny, dealer: 'any' },
    request: async (f) => ({ method: 'POST', path: `/training/modules/${await trainingModule(f)}/attempts`, body: { answers: [1] } }),
  },
  // Community: every role reads and posts; only channel admins moderate.
  'GET /community/questions': { success: 200, access: everyone, request: async () => ({ method: 'GET', path: '/community/questions' }) },
  'POST /community/questions': {
    success: 201,
    access: everyone,
    request: async () => ({ method: 'POST', path: '/community/questions', body: { title: 'Question', body: 'Body' } }),
  },
  'GET /community/questions/{questionId}': {
    success: 200,
    access: everyone,
    request: async (f, side) => ({ method: 'GET', path: `/community/questions/${await question(f, side)}` }),
  },
  'POST /community/questions/{questionId}/answers': {
    success: 201,
    access: everyone,
    request: async (f, side) => ({
      method: 'POST',
      path: `/community/questions/${await question(f, side)}/answers`,
      body: { body: 'Answer' },
    }),
  },
  'POST /community/questions/{questionId}/hide': {
    success: 200,
    access: adminOnly,
    request: async (f, side) => ({
      method: 'POST',
      path: `/community/questions/${await question(f, side)}/hide`,
      body: { reason: 'Off topic' },
    }),
  },
  'POST /community/answers/{answerId}/hide': {
    success: 200,
    access: adminOnly,
    request: async (f, side) => ({
      method: 'POST',
      path: `/community/answers/${await communityAnswer(f, side)}/hide`,
      body: { reason: 'Off topic' },
    }),
  },
  'GET /dealers/{dealerId}/business-reviews/{quarter}': {
    success: 200,
    access: { ...managersOwn, dealer: 'own', channel_admin: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/dealers/${dealerOf(f, side)}/business-reviews/2031-Q1` }),
  },
  'POST /dealers/{dealerId}/business-reviews/{quarter}': {
    success: 201,
    access: { ...managersOwn, channel_admin: 'any' },
    // A fresh dealer of the side's region each time: a quarter's review is held once.
    request: async (f, side) => {
      const dealerId = uniqueId('dealer');
      const regionId = side === 'other' ? f.t.otherRegionId : f.t.regionId;
      await call('PUT', `/dealers/${dealerId}`, {
        token: f.t.tokens.admin,
        body: { name: 'D', regionId, email: 'd@d.example', status: 'active' },
      });
      const today = new Date().toISOString().slice(0, 10);
      const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
      return {
        method: 'POST',
        path: `/dealers/${dealerId}/business-reviews/${quarter}`,
        body: { heldOn: today, commitments: [{ text: 'Two trainings', owner: 'Dealer', due: '2031-03-31' }] },
      };
    },
  },
  'POST /files': {
    success: 201,
    access: { ...deny, dealer: 'any', channel_admin: 'any' },
    request: async (_f, _side, role) => ({
      method: 'POST',
      path: '/files',
      body:
        role === 'channel_admin'
          ? { purpose: 'asset', fileName: 'deck.pdf', contentType: 'application/pdf', bytes: 256 }
          : { purpose: 'proof', fileName: 'proof.pdf', contentType: 'application/pdf', bytes: 256 },
    }),
  },
  // A file belongs to its uploader's tenant: each dealer its own, the manufacturer's to channel admins.
  'POST /files/{fileId}/confirm': {
    success: 200,
    access: { ...deny, dealer: 'own', channel_admin: 'any' },
    request: async (f, side, role) => ({ method: 'POST', path: `/files/${await upload(f, side, role)}/confirm` }),
  },
  'GET /files/{fileId}': {
    success: 200,
    access: { ...deny, dealer: 'own', channel_admin: 'any' },
    request: async (f, side, role) => ({ method: 'GET', path: `/files/${await upload(f, side, role)}` }),
  },
  'POST /api-clients': {
    success: 201,
    access: { ...deny, dealer: 'any' },
    request: async () => ({ method: 'POST', path: '/api-clients', body: { name: 'CRM', scopes: ['registrations:read'] } }),
  },
  'GET /api-clients': { success: 200, access: { ...deny, dealer: 'any' }, request: async () => ({ method: 'GET', path: '/api-clients' }) },
  'DELETE /api-clients/{clientId}': {
    success: 204,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({ method: 'DELETE', path: `/api-clients/${await apiClient(f, side)}` }),
  },
  'POST /webhooks': {
    success: 201,
    access: { ...deny, dealer: 'any' },
    request: async () => ({ method: 'POST', path: '/webhooks', body: { url: webhookUrl, events: ['RegistrationApproved'] } }),
  },
  'GET /webhooks': { success: 200, access: { ...deny, dealer: 'any' }, request: async () => ({ method: 'GET', path: '/webhooks' }) },
  'DELETE /webhooks/{id}': {
    success: 204,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({ method: 'DELETE', path: `/webhooks/${await webhook(f, side)}` }),
  },
  'POST /webhooks/{id}/secret': {
    success: 200,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({ method: 'POST', path: `/webhooks/${await webhook(f, side)}/secret` }),
  },
  'GET /webhooks/{id}/deliveries': {
    success: 200,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({ method: 'GET', path: `/webhooks/${await webhook(f, side)}/deliveries` }),
  },
  // Leads
  'POST /leads': {
    success: 201,
    access: adminOnly,
    request: async (f, side) => ({ method: 'POST', path: '/leads', body: leadBody(countryOf(side), regionOf(f, side)) }),
  },
  'GET /leads': {
    success: 200,
    access: { ...deny, dealer: 'any', partner_manager: 'any', regional_director: 'any', channel_admin: 'any' },
    request: async () => ({ method: 'GET', path: '/leads' }),
  },
  'GET /leads/{id}': {
    success: 200,
    access: { ...managersOwn, dealer: 'own', channel_admin: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/leads/${await lead(f, side)}` }),
  },
  'POST /leads/{id}/accept': {
    success: 200,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({ method: 'POST', path: `/leads/${await lead(f, side)}/accept` }),
  },
  'POST /leads/{id}/decline': {
    success: 200,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({ method: 'POST', path: `/leads/${await lead(f, side)}/decline`, body: { reason: 'No capacity' } }),
  },
  'POST /leads/{id}/convert': {
    success: 201,
    access: { ...deny, dealer: 'own' },
    request: async (f, side) => ({
      method: 'POST',
      path: `/leads/${await lead(f, side, 'accepted')}/convert`,
      body: {
        products: [{ sku: f.t.sku, quantity: 1 }],
        expectedCloseDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    }),
  },
  'POST /leads/{id}/route': {
    success: 200,
    access: { ...managersOwn, channel_admin: 'any' },
    request: async (f, side) => ({
      method: 'POST',
      path: `/leads/${(await unassignedLead(f.t.tokens.admin, regionOf(f, side), countryOf(side))).id}/route`,
      body: { dealerId: dealerOf(f, side) },
    }),
  },
  ...FUNDS_MATRIX,
  ...OUTBOX_MATRIX,
  ...SETUP_MATRIX,
  'GET /catalog/{sku}': { success: 200, access: everyone, request: async (f) => ({ method: 'GET', path: `/catalog/${f.t.sku}` }) },
  'PUT /price-lists/{priceListId}': admin(
    'PUT',
    () => `/price-lists/${uniqueId('pl')}`,
    (f) => {
      const currency = privateCurrency();
      const year = privateYear();
      return {
        currency,
        validFrom: `${year}-01-01`,
        validTo: `${year}-12-31`,
        items: [{ sku: f.t.sku, listPrice: { amount: 1000, currency } }],
      };
    },
  ),
  'GET /price-lists/{priceListId}': {
    success: 200,
    access: adminOnly,
    request: async (f) => ({ method: 'GET', path: `/price-lists/${(await priceList(f)).id}` }),
  },
  'GET /price-lists': admin('GET', () => '/price-lists'),
  // A dealer gets its own tier's prices; the manufacturer's staff name a tier.
  'GET /price-list': {
    success: 200,
    access: everyone,
    request: async (f, _side, role) => {
      const { currency, year } = await priceList(f);
      const tier = role && role !== 'dealer' ? '&tier=silver' : '';
      return { method: 'GET', path: `/price-list?date=${year}-06-01&currency=${currency}${tier}` };
    },
  },
  'PUT /assets/{assetId}': {
    success: 200,
    access: adminOnly,
    request: async (f) => {
      const fileId = await declareAndPut(f.t.tokens.admin, {
        purpose: 'asset',
        fileName: 'a.pdf',
        contentType: 'application/pdf',
        bytes: 64,
      });
      await call('POST', `/files/${fileId}/confirm`, { token: f.t.tokens.admin });
      return { method: 'PUT', path: `/assets/${uniqueId('asset')}`, body: { title: 'Deck', kind: 'presentation', fileId } };
    },
  },
  // Assets belong to no dealer: every dealer of a tier sees the same ones (tiers: test/integration/enablement.test.ts).
  'GET /assets/{assetId}': {
    success: 200,
    access: { ...deny, dealer: 'any', channel_admin: 'any' },
    request: async (f) => ({ method: 'GET', path: `/assets/${await asset(f.t.tokens.admin, { skus: [f.t.sku] })}` }),
  },
  'GET /assets': {
    success: 200,
    access: { ...deny, dealer: 'any', channel_admin: 'any' },
    request: async () => ({ method: 'GET', path: '/assets' }),
  },
  'GET /assets/{assetId}/download': {
    success: 200,
    access: { ...deny, dealer: 'any', channel_admin: 'any' },
    request: async (f) => ({ method: 'GET', path: `/assets/${await asset(f.t.tokens.admin, { skus: [f.t.sku] })}/download` }),
  },
  'GET /support': { success: 200, access: { ...deny, dealer: 'any' }, request: async () => ({ method: 'GET', path: '/support' }) },
  // ── Onboarding ───────────────────────────────────────────────────────────────────────────────────────────────
  'POST /partner-applications': {
    success: 202,
    request: async () => ({
      method: 'POST',
      path: '/partner-applications',
      body: {
        company: { name: 'Matrix Maschinen GmbH', country: 'DE', city: 'Ulm' },
        contact: { name: 'Jana Roth', email: 'jana@matrix.example' },
      },
    }),
  },
  'GET /partner-applications': admin('GET', () => '/partner-applications'),
  'POST /partner-applications/{id}/decision': {
    success: 200,
    access: adminOnly,
    request: async () => ({
      method: 'POST',
      path: `/partner-applications/${(await partnerApplication()).id}/decision`,
      body: { decision: 'decline', reason: 'Region covered' },
    }),
  },
  'PUT /agreements/{version}': admin(
    'PUT',
    () => `/agreements/${uniqueId('v')}`,
    () => agreementVersion(),
  ),
  'GET /agreements': admin('GET', () => '/agreements'),
  'GET /agreements/current': {
    success: 200,
    access: { ...deny, dealer: 'any' },
    request: async (f) => {
      await publish(f, today());
      return { method: 'GET', path: '/agreements/current' };
    },
  },
  'POST /agreements/{version}/accept': {
    success: 200,
    access: { ...deny, dealer: 'any' },
    request: async (f) => ({ method: 'POST', path: `/agreements/${await publish(f)}/accept` }),
  },
  'GET /agreements/{version}/acceptances': {
    success: 200,
    access: adminOnly,
    request: async (f) => ({ method: 'GET', path: `/agreements/${await publish(f)}/acceptances` }),
  },
  // A dealer's users: its own admin (404 for another dealer's), and channel admins for any dealer.
  'GET /dealers/{dealerId}/users': {
    success: 200,
    access: { ...deny, dealer: 'own', channel_admin: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/dealers/${dealerOf(f, side)}/users` }),
  },
  'POST /dealers/{dealerId}/users': {
    success: 201,
    access: { ...deny, dealer: 'own', channel_admin: 'any' },
    request: async (f, side) => ({
      method: 'POST',
      path: `/dealers/${dealerOf(f, side)}/users`,
      body: { email: `${uniqueId('colleague')}@dealer.example`, name: 'Jonas Huber' },
    }),
  },
  'POST /dealers/{dealerId}/users/{userId}/disable': {
    success: 200,
    access: { ...deny, dealer: 'own', channel_admin: 'any' },
    request: async (f, side) => {
      const invited = await call('POST', `/dealers/${dealerOf(f, side)}/users`, {
        token: f.t.tokens.admin,
        body: { email: `${uniqueId('colleague')}@dealer.example`, name: 'Jonas Huber' },
      });
      if (invited.status !== 201) throw new Error(`fixture user: ${invited.text}`);
      return { method: 'POST', path: `/dealers/${dealerOf(f, side)}/users/${invited.body.id}/disable` };
    },
  },
};

/**
 * Lists whose items belong to no tenant (the product catalogue, sales assets, training modules): they differ by tier only, never by
 * dealer or region, and test/integration/enablement.test.ts checks them by tier.
 */
const SAME_FOR_EVERYONE = ['GET /catalog', 'GET /assets', 'GET /training/modules'];

const LIST_CONTENT: Record<string, ListContent> = {
  'GET /api-clients': {
    path: '/api-clients?limit=100',
    tokens: (f) => [f.t.tokens.dealer],
    create: (f, side) => apiClient(f, side),
    visible: ['own'],
    hidden: ['sameRegion', 'other'],
    hiddenDealers: (f) => [f.t.sameRegionDealerId, f.t.otherDealerId],
  },
  'GET /webhooks': {
    path: '/webhooks?limit=100',
    tokens: (f) => [f.t.tokens.dealer],
    create: (f, side) => webhook(f, side),
    visible: ['own'],
    hidden: ['sameRegion', 'other'],
    hiddenDealers: (f) => [f.t.sameRegionDealerId, f.t.otherDealerId],
  },
  'GET /registrations': {
    path: '/registrations?limit=100',
    tokens: (f) => [f.t.tokens.dealer],
    create: (f, side) => registration(f, side),
    visible: ['own'],
    hidden: ['sameRegion', 'other'],
    hiddenDealers: (f) => [f.t.sameRegionDealerId, f.t.otherDealerId],
  },
  'GET /reviews': {
    path: '/reviews?limit=100',
    tokens: (f) => [f.t.tokens.manager, f.t.tokens.director],
    create: (f, side) => registration(f, side),
    visible: ['own', 'sameRegion'],
    hidden: ['other'],
    hiddenDealers: (f) => [f.t.otherDealerId],
  },
  'GET /conflicts': {
    path: '/conflicts?limit=100',
    tokens: (f) => [f.t.tokens.manager, f.t.tokens.director],
    create: (f, side) => conflict(f, side),
    visible: ['own', 'sameRegion'],
    hidden: ['other'],
    hiddenDealers: (f) => [f.t.otherDealerId],
  },
  'GET /leads': {
    path: '/leads?limit=100',
    tokens: (f) => [f.t.tokens.dealer],
    create: (f, side) => lead(f, side),
    visible: ['own'],
    hidden: ['sameRegion', 'other'],
    hiddenDealers: (f) => [f.t.sameRegionDealerId, f.t.otherDealerId],
  },
  ...FUNDS_LIST_CONTENT,
  ...SETUP_LIST_CONTENT,
  // Everyone's questions are listed to every dealer, and no answer names a dealer: not even the author's own.
  'GET /community/questions': {
    path: '/community/questions?limit=100',
    tokens: (f) => [f.t.tokens.dealer, f.t.tokens.manager],
    create: (f, side) => question(f, side),
    visible: ['own', 'sameRegion', 'other'],
    hidden: [],
    hiddenDealers: (f) => [f.t.dealerId, f.t.sameRegionDealerId, f.t.otherDealerId],
  },
};

/** Every page of a list: the items' ids and the whole text of the answers. */
async function everyPage(path: string, token: string) {
  const ids: string[] = [];
  let text = '';
  let cursor: string | undefined;
  do {
    const page = await call('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(page.status).toBe(200);
    ids.push(...(page.body.items as { id?: string; clientId?: string }[]).map((i) => (i.id ?? i.clientId) as string));
    text += page.text;
    cursor = page.body.nextCursor;
  } while (cursor);
  return { ids, text };
}

async function reviewToken(f: Fixtures) {
  const id = await registration(f, 'own');
  return signReviewToken(
    { registrationId: id, recipient: partnerManagerOf(f.t.regionId), purpose: 'review', expiresAt: Date.now() + 3_600_000 },
    reviewTokenSecret,
  );
}

const send = (request: Request, token?: string) =>
  call(request.method, request.path, {
    ...(token ? { token } : {}),
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }),
    ...(request.headers ? { headers: request.headers } : {}),
  });

function tamper(token: string, change: (claims: Record<string, unknown>) => void) {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  change(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

async function tokenOf(role: Role, f: Fixtures) {
  switch (role) {
    case 'dealer':
      return f.t.tokens.dealer;
    case 'partner_manager':
      return f.t.tokens.manager;
    case 'regional_director':
      return f.t.tokens.director;
    case 'finance':
      return f.t.tokens.finance;
    case 'channel_admin':
      return f.t.tokens.admin;
  }
}

describe('the authorization matrix', () => {
  it('has an entry for every route of the route table, and none for routes that do not exist', () => {
    const keys = routes.map(routeKey);
    expect(keys.filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k))).toEqual([]);
  });

  const jwtRoutes = routes
    .filter((r) => r.auth === 'jwt')
    .map(routeKey)
    .filter((k) => k in MATRIX);

  it.each(jwtRoutes)('%s: every role, own and other tenant, and bad credentials', async (key) => {
    const entry = MATRIX[key] as Entry;
    const f: Fixtures = { t: await createTenant(), otherManager: '' };
    f.otherManager = await tokenFor({ role: 'partner_manager', regions: [f.t.otherRegionId] });
    const failures: string[] = [];
    const expectStatus = (label: string, actual: number, expected: number) => {
      if (actual !== expected) failures.push(`${label}: ${actual}, expected ${expected}`);
    };

    // Callers that must be refused share one resource: refusals change nothing.
    const shared = {
      own: await entry.request(f, 'own'),
      sameRegion: await entry.request(f, 'sameRegion'),
      other: await entry.request(f, 'other'),
    };
    const ownToken = f.t.tokens.dealer;
    const badCredentials: [string, string | undefined][] = [
      ['no token', undefined],
      ['expired', await tokenFor({ role: 'channel_admin', expiresIn: -60 })],
      ['signed by another key', await forgedToken({ role: 'channel_admin' })],
      ['groups tampered', tamper(ownToken, (c) => (c['cognito:groups'] = ['channel_admin']))],
      ['dealer tampered', tamper(ownToken, (c) => (c['custom:dealer_id'] = f.t.otherDealerId))],
      ['not a JWT', 'garbage'],
    ];
    for (const [label, token] of badCredentials) expectStatus(label, (await send(shared.own, token)).status, 401);

    for (const role of ROLES) {
      const access = entry.access?.[role] ?? 'deny';
      const token = await tokenOf(role, f);
      if (access === 'deny') {
        expectStatus(`${role} own`, (await send(shared.own, token)).status, 403);
        expectStatus(`${role} other`, (await send(shared.other, token)).status, 403);
        expectStatus(`${role} same region`, (await send(shared.sameRegion, token)).status, 403);
        continue;
      }
      if (access === 'own') {
        expectStatus(`${role} other`, (await send(shared.other, token)).status, 404);
        // Another dealer of the same region: hidden from a dealer; its region's managers see both dealers.
        if (role === 'dealer') expectStatus(`${role} same region`, (await send(shared.sameRegion, token)).status, 404);
        else expectStatus(`${role} same region`, (await send(await entry.request(f, 'sameRegion', role), token)).status, entry.success);
      }
      const own = await send(await entry.request(f, 'own', role), token);
      expectStatus(`${role} own`, own.status, entry.success);
      if (access === 'any') expectStatus(`${role} other`, (await send(await entry.request(f, 'other', role), token)).status, entry.success);
    }
    expect(failures).toEqual([]);
  });

  it('checks by content every list whose items depend on who asks', () => {
    const scoped = routes
      .filter((r) => r.method === 'GET' && !r.params && r.query && 'limit' in r.query.shape)
      .filter((r) => r.roles.some((role) => role === 'dealer' || role === 'partner_manager' || role === 'regional_director'))
      .map(routeKey)
      .filter((k) => !SAME_FOR_EVERYONE.includes(k));
    expect(scoped.sort()).toEqual(Object.keys(LIST_CONTENT).sort());
  });

  it.each(Object.keys(LIST_CONTENT))('%s: lists the caller’s own items and never another dealer’s or region’s', async (key) => {
    const check = LIST_CONTENT[key] as ListContent;
    const f: Fixtures = { t: await createTenant(), otherManager: '' };
    f.otherManager = await tokenFor({ role: 'partner_manager', regions: [f.t.otherRegionId] });
    const visible = await Promise.all(check.visible.map((side) => check.create(f, side)));
    const hidden = await Promise.all(check.hidden.map((side) => check.create(f, side)));
    for (const token of check.tokens(f)) {
      const { ids, text } = await everyPage(check.path, token);
      expect(
        visible.filter((id) => !ids.includes(id)),
        `${key}: own items missing`,
      ).toEqual([]);
      expect(
        hidden.filter((id) => ids.includes(id) || text.includes(id)),
        `${key}: foreign items listed`,
      ).toEqual([]);
      for (const dealerId of check.hiddenDealers(f)) expect(text, `${key}: names ${dealerId}`).not.toContain(dealerId);
    }
  });

  it.each(routes.filter((r) => r.auth === 'public').map(routeKey))('%s: public, answers without a token', async (key) => {
    const entry = MATRIX[key] as Entry;
    const f: Fixtures = { t: await createTenant(), otherManager: '' };
    expect((await send(await entry.request(f, 'own'))).status).toBe(entry.success);
  });
});
