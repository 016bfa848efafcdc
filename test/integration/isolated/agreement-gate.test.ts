/**
 * The agreement gate (isolated: a material version in force binds every dealer, so no other test may run meanwhile;
 * the versions made here are removed afterwards): while the latest material version in force is not accepted, the
 * dealer's submissions answer 409 agreement-not-accepted; its admin accepts and they go through; a non-material
 * version shows but does not block.
 */
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, registrationBody } from '../../support/api.js';

const stack = inject('stack');
const today = () => new Date().toISOString().slice(0, 10);
const published: string[] = [];
/** Names that sort after every other test's versions and in the order published, so "the latest" is known here. */
const run = Date.now().toString(36);
const nextName = () => `zz-gate-${run}-${String(published.length).padStart(2, '0')}`;

async function publish(admin: string, material: boolean) {
  const version = nextName();
  const put = await call('PUT', `/agreements/${version}`, {
    token: admin,
    body: {
      title: `Partner agreement ${version}`,
      body: '# Protection\n\nApproved deals are protected for **90 days**.',
      material,
      effectiveFrom: today(),
    },
  });
  expect(put.status).toBe(200);
  published.push(version);
  return version;
}

afterAll(async () => {
  const client = new DynamoDBClient({
    endpoint: stack.dynamoDbUrl,
    region: stack.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const remove = (PK: string, SK: string) => client.send(new DeleteItemCommand({ TableName: stack.tableName, Key: marshall({ PK, SK }) }));
  await remove('AGREEMENTS', 'GATE');
  for (const version of published) await remove(`AGREEMENT#${version}`, 'AGREEMENT');
  client.destroy();
});

describe('the partner agreement gate on submissions', () => {
  it('a dealer without the material agreement gets 409 on submit and can submit after its admin accepts', async () => {
    const t = await createTenant();
    expect((await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) })).status).toBe(201);
    const version = await publish(t.tokens.admin, true);

    const refused = await call('POST', '/registrations', { token: t.tokens.dealerUser, body: registrationBody({}, t.sku) });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.type).toBe('https://dealer-channel.example/problems/agreement-not-accepted');
    expect(refused.body.detail).toContain(version);
    expect(refused.body.detail).toContain('/agreements/current');
    const current = await call('GET', '/agreements/current', { token: t.tokens.dealerUser });
    expect(current.body).toMatchObject({ version, material: true, accepted: false, blocking: true });
    // Another dealer is bound alike; a dealer user cannot accept for the dealer.
    expect((await call('POST', '/registrations', { token: t.tokens.otherDealer, body: registrationBody({}, t.sku) })).status).toBe(409);
    expect((await call('POST', `/agreements/${version}/accept`, { token: t.tokens.dealerUser })).status).toBe(403);

    const accepted = await call('POST', `/agreements/${version}/accept`, { token: t.tokens.dealer });
    expect(accepted.status).toBe(200);
    expect((await call('POST', '/registrations', { token: t.tokens.dealerUser, body: registrationBody({}, t.sku) })).status).toBe(201);
    expect((await call('GET', '/agreements/current', { token: t.tokens.dealer })).body).toMatchObject({
      version,
      accepted: true,
      blocking: false,
    });
    const acceptances = await call('GET', `/agreements/${version}/acceptances`, { token: t.tokens.admin });
    expect(acceptances.body.items).toEqual([
      expect.objectContaining({ dealerId: t.dealerId, version, acceptedAt: accepted.body.acceptedAt }),
    ]);
    // The other dealer, which has not accepted, is still refused.
    expect((await call('POST', '/registrations', { token: t.tokens.otherDealer, body: registrationBody({}, t.sku) })).status).toBe(409);
  });

  it('a non-material version in force is shown but does not block; accepting a later version covers an earlier one', async () => {
    const t = await createTenant();
    const material = await publish(t.tokens.admin, true);
    const minor = await publish(t.tokens.admin, false);
    const current = await call('GET', '/agreements/current', { token: t.tokens.dealer });
    // The latest in force is shown; the earlier material one still binds until a version at or after it is accepted.
    expect(current.body.version).toBe([material, minor].sort().at(-1));
    expect(current.body.blocking).toBe(true);
    const accepted = await call('POST', `/agreements/${current.body.version}/accept`, { token: t.tokens.dealer });
    expect(accepted.status).toBe(200);
    expect((await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) })).status).toBe(201);

    const other = await createTenant();
    await call('POST', `/agreements/${material}/accept`, { token: other.tokens.dealer });
    const later = await publish(t.tokens.admin, false);
    expect((await call('GET', '/agreements/current', { token: other.tokens.dealer })).body).toMatchObject({
      material: false,
      blocking: false,
    });
    expect((await call('POST', '/registrations', { token: other.tokens.dealer, body: registrationBody({}, other.sku) })).status).toBe(201);
    expect(later).toBeTruthy();
  });
});
