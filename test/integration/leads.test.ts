/** Lead distribution over HTTP: routing by rules and by weight, answers, conversion (the capacity race: isolated/lead-race.test.ts). */
import { describe, expect, it } from 'vitest';
import { call, eventsArrived, mailsArrived, registrationBody, tokenFor, uniqueId } from '../support/api.js';
import { createLead, leadBody, leadOfferedTo, leadRegion } from '../support/leads.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('routing', () => {
  it('sends a named account’s lead to its dealer, with the trace saying why', async () => {
    const r = await leadRegion('IS', 3);
    const owner = r.dealerIds[2] as string;
    const body = leadBody('IS', r.regionId, { customer: { name: 'Fiskur Vélar Ltd', country: 'IS', city: 'Reykjavík' } });
    await call('PUT', `/rules/named-accounts/${uniqueId('acct')}`, {
      token: r.admin,
      body: { customer: { name: 'Fiskur Velar', country: 'IS' }, owner: { dealerId: owner } },
    });
    const lead = await createLead(r.admin, body);
    expect(lead).toMatchObject({ status: 'offered', offeredTo: owner });
    const read = await call('GET', `/leads/${lead.id}`, { token: r.manager });
    expect(read.status).toBe(200);
    expect(read.body.routing).toHaveLength(1);
    expect(read.body.routing[0]).toMatchObject({ rule: 'named_account', chosen: owner, outcome: 'offered', by: 'rules' });
    expect(read.body.acceptBy).toBeDefined();
    const offered = await call('GET', `/leads/${lead.id}`, { token: r.tokens.get(owner) as string });
    expect(offered.body).toMatchObject({ id: lead.id, status: 'offered', contact: { email: 'jonas@lead.example' } });
    expect(offered.text).not.toContain(r.regionId);
    await mailsArrived(`${owner}@dealer.example`, (m) => m.subject.startsWith('New lead for you'));
    await eventsArrived((e) => e.detailType === 'LeadOffered' && e.detail.leadId === lead.id);
  });

  it('routes on after a decline to another dealer, never back, and leaves the lead with the partner manager at the end', async () => {
    const r = await leadRegion('MT', 3);
    const lead = await createLead(r.admin, leadBody('MT', r.regionId));
    const seen: string[] = [];
    let current = lead.offeredTo as string;
    for (let round = 0; round < 3; round++) {
      expect(r.dealerIds).toContain(current);
      expect(seen).not.toContain(current);
      seen.push(current);
      const declined = await call('POST', `/leads/${lead.id}/decline`, {
        token: r.tokens.get(current) as string,
        body: { reason: 'No capacity' },
      });
      expect(declined.status, declined.text).toBe(200);
      expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'No capacity' });
      expect(declined.body.contact).toBeUndefined();
      const now = (await call('GET', `/leads/${lead.id}`, { token: r.manager })).body;
      if (round < 2) {
        expect(now.status).toBe('offered');
        current = now.offeredTo;
      } else {
        expect(now.status).toBe('unassigned');
        expect(now.offeredTo).toBeUndefined();
        expect(now.routing.at(-1)).toMatchObject({ outcome: 'unassigned', rule: 'none' });
        expect(now.routing.at(-1).exclusions.map((e: { reason: string }) => e.reason)).toEqual([
          'declined the lead',
          'declined the lead',
          'declined the lead',
        ]);
      }
    }
    // Each dealer keeps its own history of having declined.
    for (const dealerId of seen) {
      const own = await call('GET', `/leads?status=declined`, { token: r.tokens.get(dealerId) as string });
      expect(own.body.items.map((l: { id: string }) => l.id)).toContain(lead.id);
    }
    await mailsArrived(`pm-${r.regionId}@manufacturer.example`, (m) => m.subject.startsWith('Lead needs routing by hand'));

    // The partner manager routes by hand: never to a dealer that declined, and only to a dealer of the program.
    const back = await call('POST', `/leads/${lead.id}/route`, { token: r.manager, body: { dealerId: seen[0] } });
    expect(back.status).toBe(409);
    expect(back.body.detail).toContain('declined');
    const stranger = await call('POST', `/leads/${lead.id}/route`, { token: r.manager, body: { dealerId: 'no-such-dealer' } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors[0].path).toBe('/dealerId');
    const fresh = uniqueId('ldealer');
    await call('PUT', `/dealers/${fresh}`, {
      token: r.admin,
      body: { name: 'Late joiner', regionId: r.regionId, email: `${fresh}@dealer.example`, status: 'active' },
    });
    const routed = await call('POST', `/leads/${lead.id}/route`, { token: r.manager, body: { dealerId: fresh } });
    expect(routed.status, routed.text).toBe(200);
    expect(routed.body).toMatchObject({ status: 'offered', offeredTo: fresh });
    expect(routed.body.routing.at(-1)).toMatchObject({ by: 'manual', rule: 'manual', chosen: fresh, actor: { role: 'partner_manager' } });
    expect((await call('POST', `/leads/${lead.id}/route`, { token: r.manager, body: { dealerId: fresh } })).status).toBe(409);
  });
});

describe('what a dealer sees', () => {
  it('shows a dealer only the leads offered to it: another dealer’s lead is 404 everywhere', async () => {
    const r = await leadRegion('LV', 2);
    const [mine, theirs] = r.dealerIds as [string, string];
    const lead = await leadOfferedTo(r.admin, theirs, r.regionId, 'LV');
    const token = r.tokens.get(mine) as string;
    for (const [method, path, body] of [
      ['GET', `/leads/${lead.id}`, undefined],
      ['POST', `/leads/${lead.id}/accept`, undefined],
      ['POST', `/leads/${lead.id}/decline`, { reason: 'x' }],
      ['POST', `/leads/${lead.id}/convert`, { products: [{ sku: 'MX-200', quantity: 1 }], expectedCloseDate: inDays(30) }],
    ] as const) {
      const response = await call(method, path, { token, ...(body ? { body } : {}) });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const list = await call('GET', '/leads?limit=100', { token });
    expect(list.text).not.toContain(lead.id);
    expect(list.text).not.toContain(theirs);
    const managerOfOther = await tokenFor({ role: 'partner_manager', regions: [uniqueId('elsewhere')] });
    expect((await call('GET', `/leads/${lead.id}`, { token: managerOfOther })).status).toBe(404);
  });

  it('refuses bad input with the field named, and replays a create retried with its Idempotency-Key', async () => {
    const r = await leadRegion('EE', 1);
    const bad = await call('POST', '/leads', { token: r.admin, body: leadBody('EE', r.regionId, { source: '' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('/source');
    const wrongRegion = await call('POST', '/leads', { token: r.admin, body: leadBody('LT', r.regionId) });
    expect(wrongRegion.status).toBe(400);
    expect(wrongRegion.body.errors[0].path).toBe('/regionId');
    const body = leadBody('EE', r.regionId);
    const key = uniqueId('idem');
    const first = await call('POST', '/leads', { token: r.admin, body, headers: { 'idempotency-key': key } });
    const again = await call('POST', '/leads', { token: r.admin, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call('POST', '/leads', { token: r.admin, body: leadBody('EE', r.regionId), headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
  });
});

describe('conversion', () => {
  it('turns an accepted lead into an approved, protected registration carrying leadId', async () => {
    const t = await leadRegion('LT', 1);
    const admin = t.admin;
    const sku = uniqueId('SKU');
    await call('PUT', `/products/${sku}`, { token: admin, body: { name: 'Lead machine', productLine: 'milling' } });
    const dealerId = t.dealerIds[0] as string;
    const token = t.tokens.get(dealerId) as string;
    const lead = await createLead(admin, leadBody('LT', t.regionId));
    expect(lead.offeredTo).toBe(dealerId);
    const early = await call('POST', `/leads/${lead.id}/convert`, {
      token,
      body: { products: [{ sku, quantity: 1 }], expectedCloseDate: inDays(30) },
    });
    expect(early.status).toBe(409);
    const accepted = await call('POST', `/leads/${lead.id}/accept`, { token });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted' });
    expect((await call('POST', `/leads/${lead.id}/decline`, { token, body: { reason: 'changed my mind' } })).status).toBe(409);
    const converted = await call('POST', `/leads/${lead.id}/convert`, {
      token,
      body: { products: [{ sku, quantity: 2 }], expectedCloseDate: inDays(60), stage: 'early' },
    });
    expect(converted.status, converted.text).toBe(201);
    expect(converted.body).toMatchObject({ status: 'approved', leadId: lead.id, dealerId, contact: { email: 'jonas@lead.example' } });
    expect(converted.body.protectedUntil).toBeDefined();
    expect(converted.headers.get('location')).toBe(`/registrations/${converted.body.id}`);
    const retry = await call('POST', `/leads/${lead.id}/convert`, {
      token,
      body: { products: [{ sku, quantity: 2 }], expectedCloseDate: inDays(60) },
    });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(converted.body.id);
    const after = await call('GET', `/leads/${lead.id}`, { token });
    expect(after.body).toMatchObject({ status: 'converted', registrationId: converted.body.id });
    const card = await call('GET', `/dealers/${dealerId}/scorecard`, { token });
    expect(card.status, card.text).toBe(200);
    expect(card.body.leads).toMatchObject({ offered: 1, accepted: 1, converted: 1 });
    expect(card.body.leads.medianHoursToAccept).toBeGreaterThanOrEqual(0);
    await eventsArrived((e) => e.detailType === 'LeadConverted' && e.detail.leadId === lead.id);
    await eventsArrived((e) => e.detailType === 'LeadAccepted' && e.detail.leadId === lead.id);
  });

  it('puts the registration in conflict when another dealer already claims the customer', async () => {
    const r = await leadRegion('LT', 1);
    const sku = uniqueId('SKU');
    await call('PUT', `/products/${sku}`, { token: r.admin, body: { name: 'Lead machine', productLine: 'milling' } });
    const body = leadBody('LT', r.regionId);
    const rival = await leadRegion('LT', 1);
    const rivalToken = rival.tokens.get(rival.dealerIds[0] as string) as string;
    const claimed = await call('POST', '/registrations', {
      token: rivalToken,
      body: registrationBody({ customer: { ...body.customer } }, sku),
    });
    expect(claimed.status, claimed.text).toBe(201);
    const lead = await createLead(r.admin, body);
    const token = r.tokens.get(lead.offeredTo as string) as string;
    expect((await call('POST', `/leads/${lead.id}/accept`, { token })).status).toBe(200);
    const converted = await call('POST', `/leads/${lead.id}/convert`, {
      token,
      body: { products: [{ sku, quantity: 1 }], expectedCloseDate: inDays(45) },
    });
    expect(converted.status, converted.text).toBe(201);
    expect(converted.body).toMatchObject({
      status: 'in_conflict',
      leadId: lead.id,
      conflictNotice: 'This customer is already protected or under review.',
    });
    expect(converted.body.protectedUntil).toBeUndefined();
    expect(converted.text).not.toContain(rival.dealerIds[0] as string);
  });
});
