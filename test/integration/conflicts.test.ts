import { beforeAll, describe, expect, it } from 'vitest';
import { readTaxId } from '../../shared/domain/customer-identity.js';
import { call, createTenant, registrationBody, type Tenant, tokenFor, uniqueId } from '../support/api.js';

const NOTICE = 'This customer is already protected or under review.';
let t: Tenant;
let admin: string;

beforeAll(async () => {
  t = await createTenant();
  admin = t.tokens.admin;
});

/** A random German VAT id whose check digit holds (the API refuses one that does not). */
function validGermanVatId(): string {
  const body = String(Math.floor(10_000_000 + Math.random() * 89_999_999));
  const digit = [...'0123456789'].find((d) => readTaxId(`DE${body}${d}`).kind === 'valid');
  return `DE${body}${digit}`;
}

const customer = (name: string, extra: Record<string, unknown> = {}) => ({ name, country: 'DE', city: 'Stuttgart', ...extra });
const register = (token: string, name: string, extra: Record<string, unknown> = {}, sku = t.sku, overrides: Record<string, unknown> = {}) =>
  call('POST', '/registrations', { token, body: registrationBody({ customer: customer(name, extra), ...overrides }, sku) });

/** Every string a dealer could read about its own registration. */
async function dealerView(token: string, id: string) {
  const [registration, history, list] = await Promise.all([
    call('GET', `/registrations/${id}`, { token }),
    call('GET', `/registrations/${id}/history`, { token }),
    call('GET', '/registrations?limit=100', { token }),
  ]);
  return [registration.text, history.text, list.text].join('\n');
}

describe('duplicate registrations', () => {
  it('puts the second registration of the same customer and product line in conflict, telling its dealer nothing more', async () => {
    const name = `Müller Maschinenbau ${uniqueId('x')} GmbH`;
    const first = await register(t.tokens.dealer, name, {}, t.sku, { expectedValue: { amount: 77_700_000, currency: 'EUR' } });
    expect(first.body.status).toBe('submitted');
    const variant = name.replace('Müller', 'MUELLER').replace(' GmbH', ' G.m.b.H.').toUpperCase();
    const second = await register(t.tokens.otherDealer, variant);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'in_conflict', conflictNotice: NOTICE });
    expect(second.body).not.toHaveProperty('flags');

    const seen = [second.text, await dealerView(t.tokens.otherDealer, second.body.id)].join('\n');
    for (const secret of [t.dealerId, first.body.id, '77700000', 'Test Dealer', 'direct']) {
      expect(seen).not.toContain(secret);
    }
    // The first dealer learns nothing of the second.
    const firstSeen = await dealerView(t.tokens.dealer, first.body.id);
    expect(firstSeen).not.toContain(t.otherDealerId);
    expect(firstSeen).not.toContain(second.body.id);
  });

  it('does not conflict across product lines, different companies or different countries', async () => {
    const name = `Bakker Transport ${uniqueId('y')}`;
    expect((await register(t.tokens.dealer, name)).body.status).toBe('submitted');
    const otherLine = uniqueId('SKU');
    await call('PUT', `/products/${otherLine}`, { token: admin, body: { name: 'Lathe', productLine: 'turning' } });
    expect((await register(t.tokens.otherDealer, name, {}, otherLine)).body.status).toBe('submitted');
    expect((await register(t.tokens.otherDealer, name.replace('Transport', 'Bouw'))).body.status).toBe('submitted');
    expect((await register(t.tokens.otherDealer, name, { country: 'AT', city: 'Wien' })).body.status).toBe('submitted');
  });

  it('treats a matching VAT id or web domain as the same customer, whatever the name', async () => {
    const vat = validGermanVatId();
    const domain = `${uniqueId('acme')}.example.de`;
    expect((await register(t.tokens.dealer, `Alpha ${uniqueId('a')}`, { vatId: vat })).body.status).toBe('submitted');
    expect((await register(t.tokens.otherDealer, `Beta ${uniqueId('b')}`, { vatId: vat.replace(/(\d{3})/, '$1 ') })).body.status).toBe(
      'in_conflict',
    );
    expect((await register(t.tokens.dealer, `Gamma ${uniqueId('c')}`, { website: `https://www.${domain}/de` })).body.status).toBe(
      'submitted',
    );
    expect((await register(t.tokens.otherDealer, `Delta ${uniqueId('d')}`, { website: domain })).body.status).toBe('in_conflict');
  });

  it('leaves exactly one of 50 concurrent submissions by 5 dealers pending, the rest in conflict, no 5xx', async () => {
    const tokens = [t.tokens.dealer, t.tokens.otherDealer];
    for (let i = 0; i < 3; i++) {
      const dealerId = uniqueId('dealer');
      await call('PUT', `/dealers/${dealerId}`, {
        token: admin,
        body: { name: `Racer ${i}`, regionId: t.regionId, email: `${dealerId}@dealer.example`, status: 'active' },
      });
      tokens.push(await tokenFor({ role: 'dealer', dealerId }));
    }
    const name = `Rennstall ${uniqueId('z')} AG`;
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => register(tokens[i % 5] as string, name)));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const statuses = responses.map((r) => r.body.status);
    expect(statuses.filter((s) => s === 'submitted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'in_conflict')).toHaveLength(49);

    const manager = await tokenFor({ role: 'partner_manager', regions: [t.regionId] });
    const cases = (await call('GET', '/conflicts?limit=100', { token: manager })).body.items.filter(
      (c: { customer: { name: string } }) => c.customer.name === name,
    );
    expect(cases).toHaveLength(1);
    expect(cases[0].parties).toHaveLength(50);
    const winner = responses.find((r) => r.body.status === 'submitted')?.body.id;
    expect(cases[0].parties[0].registrationId).toBe(winner);
  });
});

describe('near-identical names racing', () => {
  it('leave exactly one of 20 concurrent submissions of near-identical (not identical) names unconflicted', async () => {
    const tokens = [t.tokens.dealer, t.tokens.otherDealer];
    for (let i = 0; i < 2; i++) {
      const dealerId = uniqueId('dealer');
      await call('PUT', `/dealers/${dealerId}`, {
        token: admin,
        body: { name: `Sprinter ${i}`, regionId: t.regionId, email: `${dealerId}@dealer.example`, status: 'active' },
      });
      tokens.push(await tokenFor({ role: 'dealer', dealerId }));
    }
    // One typo each, at a different place of a long word: every two names are near-identical, no two are equal.
    const word = 'landmaschinenvertrieb';
    const typos = [...Array.from({ length: 17 }, (_, i) => [i + 4, 'x'] as const), [5, 'q'] as const, [7, 'q'] as const, [9, 'q'] as const];
    const tag = uniqueId('n').replace(/\d/g, '');
    const names = typos.map(([at, letter]) => `Oberschwaben ${word.slice(0, at)}${letter}${word.slice(at + 1)} ${tag}`);
    expect(new Set(names).size).toBe(20);

    const responses = await Promise.all(names.map((name, i) => register(tokens[i % tokens.length] as string, name)));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const statuses = responses.map((r) => r.body.status);
    expect(statuses.filter((s) => s === 'submitted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'in_conflict')).toHaveLength(19);
  });
});

describe('conflict cases', () => {
  async function conflictOf(name: string) {
    const first = await register(t.tokens.dealer, name);
    const second = await register(t.tokens.otherDealer, name);
    expect(second.body.status).toBe('in_conflict');
    const cases = (await call('GET', '/conflicts?limit=100&state=open', { token: t.tokens.manager })).body.items;
    const found = cases.find((c: { parties: { registrationId: string }[] }) => c.parties.some((p) => p.registrationId === second.body.id));
    expect(found).toBeDefined();
    return { first: first.body, second: second.body, conflict: found };
  }

  it('records both sides, who was first, the owner and the rule that fired', async () => {
    const { first, second, conflict } = await conflictOf(`Firma ${uniqueId('c')} KG`);
    expect(conflict).toMatchObject({
      state: 'open',
      level: 'partner_manager',
      owner: `pm-${t.regionId}@manufacturer.example`,
      reason: { kind: 'duplicate' },
      productLine: 'milling',
    });
    expect(conflict.parties.map((p: { registrationId: string }) => p.registrationId)).toEqual([first.id, second.id]);
    expect(conflict.parties[0].submittedAt <= conflict.parties[1].submittedAt).toBe(true);
    const detail = await call('GET', `/conflicts/${conflict.id}`, { token: t.tokens.otherManager });
    expect(detail.status).toBe(200);
    const stranger = await tokenFor({ role: 'partner_manager', regions: ['nowhere'] });
    expect((await call('GET', `/conflicts/${conflict.id}`, { token: stranger })).status).toBe(404);
    expect((await call('GET', `/conflicts/${conflict.id}`, { token: t.tokens.dealer })).status).toBe(403);
    expect((await call('GET', '/conflicts', { token: t.tokens.otherDealer })).status).toBe(403);
    const flagged = await call('GET', `/registrations/${second.id}`, { token: t.tokens.otherManager });
    expect(flagged.body.flags).toEqual([expect.objectContaining({ rule: 'duplicate' })]);
  });

  it('escalates partner manager → regional director → customer choice, then resolves for the winner', async () => {
    const { first, second, conflict } = await conflictOf(`Werkzeugbau ${uniqueId('e')} GmbH`);
    const path = `/conflicts/${conflict.id}`;
    const customerChoice = { winner: second.id, basis: 'customer_choice', note: 'The customer prefers the local dealer' };
    expect((await call('POST', `${path}/resolve`, { token: t.tokens.manager, body: customerChoice })).status).toBe(409);
    expect((await call('POST', `${path}/escalate`, { token: t.tokens.manager, body: { note: 'Needs the director' } })).body.level).toBe(
      'regional_director',
    );
    expect((await call('POST', `${path}/escalate`, { token: t.tokens.director, body: {} })).body.level).toBe('customer_choice');
    expect((await call('POST', `${path}/escalate`, { token: t.tokens.director, body: {} })).status).toBe(409);
    // At customer_choice the owner region's director decides (SPEC §3); the partner manager no longer may.
    expect((await call('POST', `${path}/resolve`, { token: t.tokens.manager, body: customerChoice })).status).toBe(403);
    expect(
      (
        await call('POST', `${path}/resolve`, {
          token: t.tokens.director,
          body: { ...customerChoice, winner: 'reg_000000000000000000000000' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('POST', `${path}/resolve`, { token: t.tokens.manager, body: { ...customerChoice, basis: 'coin_toss' } })).status,
    ).toBe(400);

    const resolved = await call('POST', `${path}/resolve`, { token: t.tokens.director, body: customerChoice });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolution: { winner: second.id, basis: 'customer_choice' } });
    expect(resolved.body.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['escalated_to_regional_director', 'escalated_to_customer_choice', 'resolved']),
    );
    const winner = (await call('GET', `/registrations/${second.id}`, { token: t.tokens.otherDealer })).body;
    expect(winner.status).toBe('approved');
    expect(winner.protectedUntil).toBeDefined();
    expect(winner).not.toHaveProperty('conflictNotice');
    const loser = (await call('GET', `/registrations/${first.id}`, { token: t.tokens.dealer })).body;
    expect(loser.status).toBe('rejected');
    expect(loser.decisionReason).not.toContain(t.otherDealerId);
    expect(
      (await call('POST', `${path}/resolve`, { token: t.tokens.director, body: { ...customerChoice, winner: first.id } })).status,
    ).toBe(409);

    // The winner now holds the customer: a newcomer conflicts with it.
    expect((await register(t.tokens.dealer, loser.customer.name)).body.status).toBe('in_conflict');
  });

  it('resolves on first_registered only for the first party, and settles for the direct team', async () => {
    const { first, second, conflict } = await conflictOf(`Stahl ${uniqueId('f')} AG`);
    const path = `/conflicts/${conflict.id}/resolve`;
    expect(
      (await call('POST', path, { token: t.tokens.manager, body: { winner: second.id, basis: 'first_registered', note: 'x' } })).status,
    ).toBe(400);
    const direct = await call('POST', path, {
      token: t.tokens.manager,
      body: { winner: 'direct', basis: 'relationship', note: 'Key account of the direct team' },
    });
    expect(direct.status, direct.text).toBe(200);
    for (const [token, id] of [
      [t.tokens.dealer, first.id],
      [t.tokens.otherDealer, second.id],
    ] as const) {
      const view = (await call('GET', `/registrations/${id}`, { token })).body;
      expect(view.status).toBe('rejected');
      expect(JSON.stringify(view)).not.toMatch(/direct team|Key account/);
    }
  });
});

describe('customer locks', () => {
  it('are released when the holder is rejected, withdrawn or lost, so the customer can be registered again', async () => {
    for (const close of ['reject', 'withdraw', 'lose'] as const) {
      const name = `Freigabe ${close} ${uniqueId('l')}`;
      const holder = (await register(t.tokens.dealer, name)).body;
      const probe = (await register(t.tokens.otherDealer, name)).body;
      expect(probe.status).toBe('in_conflict');
      // The probe is pending too; withdrawn, it leaves the holder as the only claim.
      await call('POST', `/registrations/${probe.id}/withdraw`, { token: t.tokens.otherDealer });
      if (close === 'reject') {
        await call('POST', `/registrations/${holder.id}/decision`, {
          token: t.tokens.manager,
          body: { decision: 'reject', reason: 'No project' },
        });
      } else if (close === 'withdraw') {
        await call('POST', `/registrations/${holder.id}/withdraw`, { token: t.tokens.dealer });
      } else {
        await call('POST', `/registrations/${holder.id}/decision`, { token: t.tokens.manager, body: { decision: 'approve' } });
        await call('POST', `/registrations/${holder.id}/outcome`, {
          token: t.tokens.dealer,
          body: { result: 'lost', closedOn: new Date().toISOString().slice(0, 10), lostReason: 'Price' },
        });
      }
      const again = await register(t.tokens.otherDealer, name);
      expect(again.body.status, close).toBe('submitted');
    }
  });
});

describe('rules of engagement', () => {
  it('flags a registration in another dealer’s territory, a named account and what the direct team keeps', async () => {
    const country = 'AT';
    const territoryId = uniqueId('territory');
    expect(
      (
        await call('PUT', `/rules/territories/${territoryId}`, {
          token: admin,
          body: { dealerId: t.otherDealerId, country, postalPrefixes: ['10', '11'] },
        })
      ).status,
    ).toBe(200);
    const accountName = `Named ${uniqueId('n')} GmbH`;
    await call('PUT', `/rules/named-accounts/${uniqueId('acct')}`, {
      token: admin,
      body: { customer: { name: accountName, country: 'DE' }, owner: { direct: true } },
    });
    const flagsOf = async (response: { body: { id: string } }) =>
      ((await call('GET', `/registrations/${response.body.id}`, { token: t.tokens.manager })).body.flags ?? []).map(
        (f: { rule: string }) => f.rule,
      );

    const inTerritory = await register(t.tokens.dealer, `Wiener ${uniqueId('w')}`, { country, city: 'Wien', postalCode: '1010' });
    expect(await flagsOf(inTerritory)).toEqual(['territory']);
    expect(inTerritory.body).not.toHaveProperty('flags');
    const outside = await register(t.tokens.dealer, `Grazer ${uniqueId('g')}`, { country, city: 'Graz', postalCode: '8010' });
    expect(await flagsOf(outside)).toEqual([]);
    const owner = await register(t.tokens.otherDealer, `Wiener ${uniqueId('o')}`, { country, city: 'Wien', postalCode: '1010' });
    expect(await flagsOf(owner)).toEqual([]);

    const named = await register(t.tokens.dealer, accountName.replace(' GmbH', ''));
    expect(await flagsOf(named)).toEqual(['named_account']);

    const before = (await call('GET', '/rules/direct', { token: admin })).body;
    await call('PUT', '/rules/direct', { token: admin, body: { segments: ['enterprise'], productLines: [] } });
    try {
      const enterprise = await register(t.tokens.dealer, `Konzern ${uniqueId('k')}`, { segment: 'enterprise' });
      expect(await flagsOf(enterprise)).toEqual(['direct_segment']);
    } finally {
      await call('PUT', '/rules/direct', { token: admin, body: before });
    }
  });

  it('validates rule input and keeps the rules to channel admins', async () => {
    expect((await call('PUT', '/rules/territories/t1', { token: admin, body: { dealerId: 'ghost-dealer', country: 'DE' } })).status).toBe(
      400,
    );
    expect((await call('PUT', '/rules/territories/t1', { token: admin, body: { dealerId: t.dealerId, country: 'Germany' } })).status).toBe(
      400,
    );
    expect(
      (
        await call('PUT', '/rules/named-accounts/a1', {
          token: admin,
          body: { customer: { name: 'X', country: 'DE' }, owner: { direct: false } },
        })
      ).status,
    ).toBe(400);
    expect((await call('PUT', '/rules/direct', { token: admin, body: { segments: ['huge'], productLines: [] } })).status).toBe(400);
    expect((await call('PUT', '/rules/direct', { token: t.tokens.manager, body: { segments: [], productLines: [] } })).status).toBe(403);
    expect((await call('GET', '/rules/territories', { token: t.tokens.dealer })).status).toBe(403);
  });
});
