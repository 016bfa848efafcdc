/**
 * SPEC §3 Authority, tried with two regions and two dealers in each: a registration in conflict is decided only
 * through its conflict case, and only by who the case's level names; a protected registration keeps its
 * protection (status and customer locks, read back from the table) against everyone else.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signReviewToken } from '../../shared/review-links/review-token.js';
import {
  call,
  createTenant,
  type Mail,
  mailsTo,
  partnerManagerOf,
  registrationBody,
  reviewTokenSecret,
  type Tenant,
  tokenFor,
  uniqueId,
} from '../support/api.js';

const stack = inject('stack');
const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: stack.dynamoDbUrl,
    region: stack.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
afterAll(() => table.destroy());

let t: Tenant;
/** Region A (DE, AT) and region B (NL), each with two dealers and its own partner manager and director. */
const tokens = {} as Record<'dealerA1' | 'dealerA2' | 'dealerB1' | 'dealerB2' | 'pmA' | 'rdA' | 'pmB' | 'rdB' | 'admin', string>;

beforeAll(async () => {
  t = await createTenant();
  const secondDealer = async (regionId: string) => {
    const dealerId = uniqueId('dealer');
    const put = await call('PUT', `/dealers/${dealerId}`, {
      token: t.tokens.admin,
      body: { name: `Second of ${regionId}`, regionId, email: `${dealerId}@dealer.example`, status: 'active' },
    });
    expect(put.status).toBe(200);
    return tokenFor({ role: 'dealer', dealerId });
  };
  Object.assign(tokens, {
    dealerA1: t.tokens.dealer,
    dealerA2: await secondDealer(t.regionId),
    dealerB1: t.tokens.otherDealer,
    dealerB2: await secondDealer(t.otherRegionId),
    pmA: t.tokens.manager,
    rdA: t.tokens.director,
    pmB: t.tokens.otherManager,
    rdB: await tokenFor({ role: 'regional_director', regions: [t.otherRegionId] }),
    admin: t.tokens.admin,
  });
});

/** A customer in region A's country. */
const body = (name: string) => registrationBody({ customer: { name, country: 'DE', city: 'Stuttgart' } }, t.sku);

async function protectedAndContested() {
  const name = `Präzision ${uniqueId('p')} GmbH`;
  const first = await call('POST', '/registrations', { token: tokens.dealerA1, body: body(name) });
  expect(first.status).toBe(201);
  const approved = await call('POST', `/registrations/${first.body.id}/decision`, { token: tokens.pmA, body: { decision: 'approve' } });
  expect(approved.body.status).toBe('approved');
  const second = await call('POST', '/registrations', { token: tokens.dealerB1, body: body(name.replace('Präzision', 'Praezision')) });
  expect(second.body.status).toBe('in_conflict');
  const detail = await call('GET', `/registrations/${second.body.id}`, { token: tokens.pmB });
  const conflictId = (await call('GET', '/conflicts?limit=100&state=open', { token: tokens.pmB })).body.items.find(
    (c: { parties: { registrationId: string }[] }) => c.parties.some((p) => p.registrationId === second.body.id),
  )?.id as string;
  expect(conflictId).toBeDefined();
  return { name, first: approved.body, second: detail.body, conflictId };
}

async function contested() {
  const name = `Gießerei ${uniqueId('g')} AG`;
  const first = await call('POST', '/registrations', { token: tokens.dealerA1, body: body(name) });
  const second = await call('POST', '/registrations', { token: tokens.dealerB1, body: body(name) });
  expect(second.body.status).toBe('in_conflict');
  const conflictId = (await call('GET', '/conflicts?limit=100&state=open', { token: tokens.pmA })).body.items.find(
    (c: { parties: { registrationId: string }[] }) => c.parties.some((p) => p.registrationId === second.body.id),
  )?.id as string;
  return { first: first.body, second: second.body, conflictId };
}

/** The registration as stored and whether each customer lock it lists is held by it. */
async function protection(id: string) {
  const { Item } = await table.send(
    new GetCommand({ TableName: stack.tableName, Key: { PK: `REG#${id}`, SK: 'REG' }, ConsistentRead: true }),
  );
  const locks = (Item?.locks ?? []) as string[];
  const holders = await Promise.all(
    locks.map(
      async (lock) =>
        (await table.send(new GetCommand({ TableName: stack.tableName, Key: { PK: lock, SK: 'LOCK' }, ConsistentRead: true }))).Item
          ?.holder,
    ),
  );
  return { status: Item?.status as string, locks: locks.length, allHeld: holders.every((h) => h === id) };
}

const link = (registrationId: string, recipient: string, purpose: 'review' | 'extension' = 'review') =>
  `/review/${signReviewToken({ registrationId, recipient, purpose, expiresAt: Date.now() + 3_600_000 }, reviewTokenSecret)}`;

const form = (decision: string) => ({
  rawBody: `decision=${decision}&reason=Mine`,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (done(value) || i >= 50) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a protected registration against another region', () => {
  it('cannot be taken by the other region’s manager: /decision, extension decision, review link and resolve all refuse', async () => {
    const { first, second, conflictId } = await protectedAndContested();
    const before = await protection(first.id);
    expect(before).toMatchObject({ status: 'approved', allHeld: true });
    expect(before.locks).toBeGreaterThan(0);

    // The in-conflict registration is the other manager's own region's, so it sees it: 409, decided through the case.
    const decision = await call('POST', `/registrations/${second.id}/decision`, { token: tokens.pmB, body: { decision: 'approve' } });
    expect(decision.status).toBe(409);
    expect(decision.headers.get('content-type')).toBe('application/problem+json');
    expect(decision.body.detail).toContain(`conflict case ${conflictId}`);
    expect(
      (await call('POST', `/registrations/${second.id}/decision`, { token: tokens.rdB, body: { decision: 'reject', reason: 'x' } })).status,
    ).toBe(409);
    // Region A's manager owns the case but does not see region B's registration itself.
    expect((await call('POST', `/registrations/${second.id}/decision`, { token: tokens.pmA, body: { decision: 'approve' } })).status).toBe(
      404,
    );
    // The protected registration is region A's: region B's managers do not see it.
    expect(
      (await call('POST', `/registrations/${first.id}/decision`, { token: tokens.pmB, body: { decision: 'reject', reason: 'Mine now' } }))
        .status,
    ).toBe(404);

    const extension = await call('POST', `/registrations/${first.id}/extensions`, {
      token: tokens.dealerA1,
      body: { days: 30, reason: 'Tender delayed' },
    });
    expect(extension.status).toBe(200);
    expect(
      (
        await call('POST', `/registrations/${first.id}/extensions/decision`, {
          token: tokens.pmB,
          body: { decision: 'reject', reason: 'No' },
        })
      ).status,
    ).toBe(404);
    const onConflicted = await call('POST', `/registrations/${second.id}/extensions/decision`, {
      token: tokens.pmB,
      body: { decision: 'approve' },
    });
    expect(onConflicted.status).toBe(409);
    expect(onConflicted.body.detail).toContain('conflict case');

    // Review links: one for the in-conflict registration refuses; one to region B's manager for A's is not theirs.
    const conflictedLink = link(second.id, partnerManagerOf(t.otherRegionId));
    const page = await call('GET', conflictedLink);
    expect(page.status).toBe(200);
    expect(page.text).toContain('conflict case');
    expect(page.text).not.toContain('Approve');
    expect(page.text).not.toContain(second.customer.name);
    expect((await call('POST', conflictedLink, form('approve'))).status).toBe(409);
    expect((await call('POST', link(first.id, partnerManagerOf(t.otherRegionId), 'extension'), form('reject'))).status).toBe(403);

    // The case: region B's managers see it and may escalate it, never resolve it.
    const resolve = await call('POST', `/conflicts/${conflictId}/resolve`, {
      token: tokens.pmB,
      body: { winner: second.id, basis: 'relationship', note: 'Our dealer knows them' },
    });
    expect(resolve.status).toBe(403);
    expect(resolve.body.detail).toContain(`partner manager of region ${t.regionId}`);
    expect((await call('GET', `/conflicts/${conflictId}`, { token: tokens.pmB })).body).toMatchObject({
      state: 'open',
      owner: partnerManagerOf(t.regionId),
      ownerRegionId: t.regionId,
    });

    expect(await protection(first.id)).toEqual(before);
    expect((await protection(second.id)).status).toBe('in_conflict');
    const held = await call('GET', `/registrations/${first.id}`, { token: tokens.dealerA1 });
    expect(held.body).toMatchObject({ status: 'approved', protectedUntil: first.protectedUntil, extension: { status: 'requested' } });

    // The owner resolves; the protection stands and the newcomer is rejected with the basis recorded.
    const owner = await call('POST', `/conflicts/${conflictId}/resolve`, {
      token: tokens.pmA,
      body: { winner: first.id, basis: 'first_registered', note: 'Registered first' },
    });
    expect(owner.status, owner.text).toBe(200);
    expect(owner.body.resolution).toMatchObject({ winner: first.id, basis: 'first_registered' });
    expect(await protection(first.id)).toMatchObject({ status: 'approved', allHeld: true, locks: before.locks });
    expect(await protection(second.id)).toMatchObject({ status: 'rejected', locks: 0 });
    const history = (await call('GET', `/registrations/${second.id}/history`, { token: tokens.pmB })).body.items;
    expect(history.find((h: { action: string }) => h.action === 'conflict_lost')).toMatchObject({
      action: 'conflict_lost',
      detail: 'first registered',
      toStatus: 'rejected',
    });
  });

  it('sends the case owner a conflict notice without a decision link, and the newcomer’s region no review prompt', async () => {
    const { name, second, conflictId } = await protectedAndContested();
    const notices = await eventually(
      async () =>
        (await mailsTo(partnerManagerOf(t.regionId))).filter(
          (m: Mail) => m.subject === `Registration in conflict: ${second.customer.name}`,
        ),
      (found) => found.length > 0,
    );
    expect(notices).toHaveLength(1);
    const notice = notices[0] as Mail;
    expect(notice.body.text).toContain(conflictId);
    expect(notice.body.text).toContain(second.id);
    expect(`${notice.body.text}${notice.body.html}`).not.toMatch(/\/review\//);
    const prompts = (await mailsTo(partnerManagerOf(t.otherRegionId))).filter((m: Mail) =>
      m.subject.includes(name.split(' ')[1] as string),
    );
    expect(prompts).toEqual([]);
  });
});

describe('who resolves at each level of the ladder', () => {
  it('partner_manager: only the owner; regional_director: only the owner region’s director; customer_choice: that director or a channel admin', async () => {
    const { first, second, conflictId } = await contested();
    const path = `/conflicts/${conflictId}`;
    const resolution = (basis: string, winner = second.id) => ({ body: { winner, basis, note: 'Decided' } });
    const refused = async (token: string, basis = 'relationship') =>
      (await call('POST', `${path}/resolve`, { token, ...resolution(basis) })).status;

    // partner_manager level: the owner's director, the other region and a channel admin may not.
    expect(await refused(tokens.rdA)).toBe(403);
    expect(await refused(tokens.rdB)).toBe(403);
    expect(await refused(tokens.admin)).toBe(403);
    expect(await refused(tokens.pmB)).toBe(403);
    // The other region's manager escalates: it sees the case.
    const up = await call('POST', `${path}/escalate`, { token: tokens.pmB, body: { note: 'We disagree' } });
    expect(up.body.level).toBe('regional_director');

    // regional_director level: the owner is no longer the one to decide.
    expect(await refused(tokens.pmA)).toBe(403);
    expect(await refused(tokens.rdB)).toBe(403);
    expect(await refused(tokens.admin)).toBe(403);
    expect((await call('POST', `${path}/escalate`, { token: tokens.rdA, body: {} })).body.level).toBe('customer_choice');

    // customer_choice level: the owner region's director or a channel admin.
    expect(await refused(tokens.pmA, 'customer_choice')).toBe(403);
    expect(await refused(tokens.pmB, 'customer_choice')).toBe(403);
    expect(await refused(tokens.rdB, 'customer_choice')).toBe(403);
    const settled = await call('POST', `${path}/resolve`, { token: tokens.admin, ...resolution('customer_choice') });
    expect(settled.status, settled.text).toBe(200);
    expect(settled.body.resolution).toMatchObject({ winner: second.id, basis: 'customer_choice' });
    expect((await protection(second.id)).status).toBe('approved');
    expect(await protection(first.id)).toMatchObject({ status: 'rejected', locks: 0 });
  });

  it('the owner region’s director resolves at director level', async () => {
    const { first, conflictId } = await contested();
    await call('POST', `/conflicts/${conflictId}/escalate`, { token: tokens.pmA, body: {} });
    const settled = await call('POST', `/conflicts/${conflictId}/resolve`, {
      token: tokens.rdA,
      body: { winner: first.id, basis: 'first_registered', note: 'First' },
    });
    expect(settled.status, settled.text).toBe(200);
    expect(await protection(first.id)).toMatchObject({ status: 'approved', allHeld: true });
  });
});
