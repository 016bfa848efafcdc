/**
 * SPEC §3 "What is protected is what was reviewed": after approval a dealer changes its deal within the product
 * lines it claims; a new line needs a new registration. Plus what a dealer phased out of the program may no
 * longer do, and what a review link shows once it no longer decides anything.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signReviewToken } from '../../shared/review-links/review-token.js';
import {
  call,
  createTenant,
  dealerEmailOf,
  partnerManagerOf,
  registrationBody,
  reviewTokenSecret,
  type Tenant,
  uniqueId,
} from '../support/api.js';

let t: Tenant;
let turningSku: string;
let millingSku2: string;

beforeAll(async () => {
  t = await createTenant();
  turningSku = uniqueId('SKU');
  millingSku2 = uniqueId('SKU');
  await call('PUT', `/products/${turningSku}`, { token: t.tokens.admin, body: { name: 'Lathe', productLine: 'turning' } });
  await call('PUT', `/products/${millingSku2}`, { token: t.tokens.admin, body: { name: 'Big mill', productLine: 'milling' } });
});

const name = () => `Fräserei ${uniqueId('f')} GmbH`;
const submit = (token: string, customerName: string, products = [{ sku: t.sku, quantity: 2 }]) =>
  call('POST', '/registrations', {
    token,
    body: registrationBody({ customer: { name: customerName, country: 'DE', city: 'Ulm' }, products }, t.sku),
  });
const patch = (id: string, version: number, body: unknown, token = t.tokens.dealer) =>
  call('PATCH', `/registrations/${id}`, { token, body, headers: { 'if-match': `"${version}"` } });

async function approved(customerName = name()) {
  const created = await submit(t.tokens.dealer, customerName);
  const decided = await call('POST', `/registrations/${created.body.id}/decision`, {
    token: t.tokens.manager,
    body: { decision: 'approve' },
  });
  expect(decided.body.status).toBe('approved');
  return decided.body;
}

describe('claim scope after approval', () => {
  it('refuses a product of another product line with 409 naming the line and the product, and writes nothing', async () => {
    const registration = await approved();
    const grown = await patch(registration.id, registration.version, {
      products: [
        { sku: t.sku, quantity: 2 },
        { sku: turningSku, quantity: 1 },
      ],
    });
    expect(grown.status).toBe(409);
    expect(grown.headers.get('content-type')).toBe('application/problem+json');
    expect(grown.body.detail).toContain('turning');
    expect(grown.body.errors).toEqual([{ path: '/products/1/sku', message: expect.stringContaining('product line turning') }]);
    const after = await call('GET', `/registrations/${registration.id}`, { token: t.tokens.dealer });
    expect(after.body).toMatchObject({ version: registration.version, products: registration.products });
  });

  it('accepts stage, value, dates, contact, next steps and products within the claimed lines', async () => {
    const registration = await approved();
    const changed = await patch(registration.id, registration.version, {
      products: [{ sku: millingSku2, quantity: 5 }],
      stage: 'late',
      expectedValue: { amount: 55_000_000, currency: 'EUR' },
      expectedCloseDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      contact: { name: 'Jan Berg', email: 'jan@kunde.example' },
      nextSteps: 'Contract draft',
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({
      status: 'approved',
      products: [{ sku: millingSku2, quantity: 5 }],
      protectedUntil: registration.protectedUntil,
    });
    // The claim still holds: another dealer's registration of the customer conflicts.
    expect((await submit(t.tokens.otherDealer, registration.customer.name)).body.status).toBe('in_conflict');
  });

  it('refuses a new line on a registration in conflict too: its conflict case is about the lines it named', async () => {
    const customerName = name();
    await submit(t.tokens.dealer, customerName);
    const second = await submit(t.tokens.otherDealer, customerName);
    expect(second.body.status).toBe('in_conflict');
    const grown = await patch(second.body.id, second.body.version, { products: [{ sku: turningSku, quantity: 1 }] }, t.tokens.otherDealer);
    expect(grown.status).toBe(409);
    expect(grown.body.errors[0].path).toBe('/products/0/sku');
  });
});

describe('a pending registration that adds a product line', () => {
  it('claims the new line in the same transaction, and is refused when another registration holds it', async () => {
    const customerName = name();
    const pending = (await submit(t.tokens.dealer, customerName)).body;
    const grown = await patch(pending.id, pending.version, {
      products: [
        { sku: t.sku, quantity: 1 },
        { sku: turningSku, quantity: 1 },
      ],
    });
    expect(grown.status, grown.text).toBe(200);
    expect((await submit(t.tokens.otherDealer, customerName, [{ sku: turningSku, quantity: 1 }])).body.status).toBe('in_conflict');

    const other = name();
    const turning = (await submit(t.tokens.otherDealer, other, [{ sku: turningSku, quantity: 1 }])).body;
    expect(turning.status).toBe('submitted');
    // The same customer for another line is no conflict: each line is its own claim.
    const mine = (await submit(t.tokens.dealer, other)).body;
    expect(mine.status).toBe('submitted');
    const refused = await patch(mine.id, mine.version, {
      products: [
        { sku: t.sku, quantity: 1 },
        { sku: turningSku, quantity: 1 },
      ],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('already protected or under review');
    expect(refused.text).not.toContain(t.otherDealerId);
    expect((await call('GET', `/registrations/${mine.id}`, { token: t.tokens.dealer })).body.version).toBe(mine.version);
  });

  it('releases the lock of a line it drops, so another dealer may claim that line', async () => {
    const customerName = name();
    const pending = (
      await submit(t.tokens.dealer, customerName, [
        { sku: t.sku, quantity: 1 },
        { sku: turningSku, quantity: 1 },
      ])
    ).body;
    expect((await patch(pending.id, pending.version, { products: [{ sku: t.sku, quantity: 1 }] })).status).toBe(200);
    expect((await submit(t.tokens.otherDealer, customerName, [{ sku: turningSku, quantity: 1 }])).body.status).toBe('submitted');
  });
});

describe('a phased-out dealer', () => {
  it('can no longer change a registration or ask for an extension (403 with the reason)', async () => {
    const registration = await approved();
    await call('PUT', `/dealers/${t.dealerId}`, {
      token: t.tokens.admin,
      body: { name: 'Test Dealer', regionId: t.regionId, email: dealerEmailOf(t.dealerId), status: 'phased_out' },
    });
    try {
      const changed = await patch(registration.id, registration.version, { stage: 'late' });
      expect(changed.status).toBe(403);
      expect(changed.body.detail).toContain('phased out');
      const extension = await call('POST', `/registrations/${registration.id}/extensions`, {
        token: t.tokens.dealer,
        body: { days: 10, reason: 'Tender' },
      });
      expect(extension.status).toBe(403);
      expect(extension.body.detail).toContain('phased out');
      expect((await call('GET', `/registrations/${registration.id}`, { token: t.tokens.dealer })).body.version).toBe(registration.version);
    } finally {
      await call('PUT', `/dealers/${t.dealerId}`, {
        token: t.tokens.admin,
        body: { name: 'Test Dealer', regionId: t.regionId, email: dealerEmailOf(t.dealerId), status: 'active' },
      });
    }
  });
});

describe('review links that no longer decide', () => {
  const link = (registrationId: string, expiresAt: number) =>
    `/review/${signReviewToken({ registrationId, recipient: partnerManagerOf(t.regionId), purpose: 'review', expiresAt }, reviewTokenSecret)}`;
  const form = (body: string) => ({ rawBody: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it('show the state only, never the deal, once expired or used', async () => {
    const created = (await submit(t.tokens.dealer, name())).body;
    const secrets = [created.customer.name, 'Test Dealer', 'Ulm', created.contact.name, created.products[0].sku];
    const expired = await call('GET', link(created.id, Date.now() - 1000));
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('submitted');
    for (const secret of secrets) expect(expired.text).not.toContain(secret);

    const valid = link(created.id, Date.now() + 3_600_000);
    expect((await call('GET', valid)).text).toContain(created.customer.name);
    expect((await call('POST', valid, form('decision=approve'))).status).toBe(200);
    const used = await call('GET', valid);
    expect(used.text).toContain('approved');
    for (const secret of secrets) expect(used.text).not.toContain(secret);
  });

  it('filter control characters out of the reason like every JSON text field', async () => {
    const created = (await submit(t.tokens.dealer, name())).body;
    const valid = link(created.id, Date.now() + 3_600_000);
    const refused = await call('POST', valid, form(`decision=reject&reason=${encodeURIComponent('No\u0000project\u202E')}`));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('must not contain control characters');
    expect((await call('GET', `/registrations/${created.id}`, { token: t.tokens.dealer })).body.status).toBe('submitted');
    const multiline = await call('POST', valid, form(`decision=reject&reason=${encodeURIComponent('No budget\nthis year')}`));
    expect(multiline.status).toBe(200);
  });
});
