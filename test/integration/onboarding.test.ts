/**
 * Onboarding through the API on the local stack: partner applications (public, limited per source, answered alike
 * for known and unknown companies), approval that creates the dealer and invites its admin — who then signs in at
 * the local OpenID provider —, a dealer's users (its admin and channel admins only; another dealer's are 404), and
 * the partner agreement's versions and acceptances.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, createTenant, mailsArrived, mailsTo, ownSourceAddress, partnerApplication, postFrom, uniqueId } from '../support/api.js';
import { signInWithPassword, temporaryPasswordIn } from '../support/sign-in.js';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const application = (name: string, email: string) => ({
  company: { name, country: 'DE', city: 'Ulm' },
  contact: { name: 'Jana Roth', email },
});

describe('partner applications', () => {
  it('approval creates the dealer in the region and invites the applicant as its admin, who signs in', async () => {
    const t = await createTenant();
    const { id, email } = await partnerApplication({ language: 'de' });
    const received = await mailsArrived(email);
    expect(received[0]?.subject).toBe('Wir haben Ihre Bewerbung als Händler erhalten');
    expect(received[0]?.body.html).toContain('<html lang="de" ');

    const dealerId = uniqueId('dealer');
    const decided = await call('POST', `/partner-applications/${id}/decision`, {
      token: t.tokens.admin,
      body: { decision: 'approve', dealerId, regionId: t.regionId },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', dealerId, regionId: t.regionId, firstUser: { status: 'invited' } });
    const dealer = await call('GET', `/dealers/${dealerId}`, { token: t.tokens.admin });
    expect(dealer.body).toMatchObject({ regionId: t.regionId, email, status: 'active' });

    const mails = await mailsArrived(email, () => true, 3);
    expect(mails.map((m) => m.subject)).toContain('Willkommen in unserem Partnerprogramm');
    const invitation = mails.find((m) => temporaryPasswordIn(m.body.text ?? ''));
    const password = temporaryPasswordIn(invitation?.body.text ?? '') as string;
    const idToken = await signInWithPassword(email, password);
    const claims = decodeJwt(idToken);
    expect(claims).toMatchObject({ 'cognito:groups': ['dealer'], 'custom:dealer_id': dealerId, 'custom:dealer_role': 'admin', email });
    // The token works on the API: the new admin sees its dealer's users (itself) and may invite.
    const users = await call('GET', `/dealers/${dealerId}/users`, { token: idToken });
    expect(users.status).toBe(200);
    expect(users.body.items).toEqual([expect.objectContaining({ id: claims.sub, role: 'admin', status: 'active' })]);

    // The same decision again finishes nothing twice; another decision is refused.
    const again = await call('POST', `/partner-applications/${id}/decision`, {
      token: t.tokens.admin,
      body: { decision: 'approve', dealerId, regionId: t.regionId },
    });
    expect(again.status).toBe(200);
    expect(again.body.firstUser).toEqual(decided.body.firstUser);
    const decline = await call('POST', `/partner-applications/${id}/decision`, {
      token: t.tokens.admin,
      body: { decision: 'decline', reason: 'Changed our mind' },
    });
    expect(decline.status).toBe(409);
  });

  it('declines with a reason, mailed to the applicant in its language; an unknown region or a taken dealer id is refused', async () => {
    const t = await createTenant();
    const { id, email } = await partnerApplication({ language: 'nl' });
    const badRegion = await call('POST', `/partner-applications/${id}/decision`, {
      token: t.tokens.admin,
      body: { decision: 'approve', dealerId: uniqueId('dealer'), regionId: uniqueId('nowhere') },
    });
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.errors).toEqual([expect.objectContaining({ path: '/regionId' })]);
    const taken = await call('POST', `/partner-applications/${id}/decision`, {
      token: t.tokens.admin,
      body: { decision: 'approve', dealerId: t.dealerId, regionId: t.regionId },
    });
    expect(taken.status).toBe(409);
    const declined = await call('POST', `/partner-applications/${id}/decision`, {
      token: t.tokens.admin,
      body: { decision: 'decline', reason: 'Wij hebben al een dealer in uw regio' },
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Wij hebben al een dealer in uw regio' });
    const mails = await mailsArrived(email, (m) => m.subject === 'Uw aanmelding voor ons partnerprogramma');
    expect(mails[0]?.body.text).toContain('Reden: Wij hebben al een dealer in uw regio');
    expect(mails[0]?.body.html).toContain('<html lang="nl" ');
    const listed = await call('GET', '/partner-applications?status=declined&limit=100', { token: t.tokens.admin });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('answers a known dealer’s company exactly as an unknown one, and names bad fields without writing', async () => {
    const t = await createTenant();
    const source = ownSourceAddress();
    const known = await postFrom(source, '/partner-applications', application('Test Dealer', `${t.dealerId}@dealer.example`));
    const unknown = await postFrom(source, '/partner-applications', application(`Neu ${uniqueId('x')} GmbH`, 'neu@applicant.example'));
    expect(known.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    const bad = await postFrom(source, '/partner-applications', {
      company: { name: '', country: 'XX', city: 'Ulm' },
      contact: { name: 'Jana', email: 'not-an-address' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/company/country', '/company/name', '/contact/email']);
  });

  it('limits each source to 10 applications an hour (429 with Retry-After), others still apply', async () => {
    const source = ownSourceAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await postFrom(source, '/partner-applications', application(`Flood ${i} GmbH`, `flood${i}@applicant.example`))).status,
      );
    }
    expect(statuses).toEqual([...Array(10).fill(202), 429]);
    const limited = await postFrom(source, '/partner-applications', application('Flood GmbH', 'flood@applicant.example'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.type).toBe('https://dealer-channel.example/problems/rate-limited');
    const other = await postFrom(ownSourceAddress(), '/partner-applications', application('Other GmbH', 'other@applicant.example'));
    expect(other.status).toBe(202);
  });
});

describe("a dealer's users", () => {
  it('the dealer admin invites a colleague, who gets the invitation mail and signs in as a dealer user', async () => {
    const t = await createTenant();
    const email = `${uniqueId('colleague')}@dealer.example`;
    const invited = await call('POST', `/dealers/${t.dealerId}/users`, { token: t.tokens.dealer, body: { email, name: 'Jonas Huber' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ dealerId: t.dealerId, email, role: 'user', status: 'active' });
    const retry = await call('POST', `/dealers/${t.dealerId}/users`, { token: t.tokens.dealer, body: { email, name: 'Jonas Huber' } });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(invited.body.id);

    const [mail] = await mailsArrived(email);
    const idToken = await signInWithPassword(email, temporaryPasswordIn(mail?.body.text ?? '') as string);
    expect(decodeJwt(idToken)).toMatchObject({ 'custom:dealer_id': t.dealerId, 'custom:dealer_role': 'user', sub: invited.body.id });
    // A dealer user cannot invite, list or disable.
    const byUser = await call('POST', `/dealers/${t.dealerId}/users`, { token: idToken, body: { email: 'x@dealer.example', name: 'X' } });
    expect(byUser.status).toBe(403);
    expect((await call('GET', `/dealers/${t.dealerId}/users`, { token: idToken })).status).toBe(403);

    const listed = await call('GET', `/dealers/${t.dealerId}/users`, { token: t.tokens.dealer });
    expect(listed.body.items.map((u: { id: string }) => u.id)).toContain(invited.body.id);

    // Disabled: the next sign-in (and so the next token) is refused.
    const disabled = await call('POST', `/dealers/${t.dealerId}/users/${invited.body.id}/disable`, { token: t.tokens.dealer });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledBy: expect.any(String), disabledAt: expect.any(String) });
    await expect(signInWithPassword(email, temporaryPasswordIn(mail?.body.text ?? '') as string)).rejects.toThrow(/disabled/);
  });

  it('a dealer user cannot invite users', async () => {
    const t = await createTenant();
    const email = `${uniqueId('colleague')}@dealer.example`;
    const refused = await call('POST', `/dealers/${t.dealerId}/users`, {
      token: t.tokens.dealerUser,
      body: { email, name: 'Jonas Huber' },
    });
    expect(refused.status).toBe(403);
    expect(await mailsTo(email)).toEqual([]);
  });

  it('a dealer admin cannot touch another dealer’s users: 404, and nothing changes', async () => {
    const t = await createTenant();
    const theirs = await call('POST', `/dealers/${t.sameRegionDealerId}/users`, {
      token: t.tokens.sameRegionDealer,
      body: { email: `${uniqueId('neighbour')}@dealer.example`, name: 'Nina Nachbar' },
    });
    expect(theirs.status).toBe(201);
    const base = `/dealers/${t.sameRegionDealerId}/users`;
    expect((await call('GET', base, { token: t.tokens.dealer })).status).toBe(404);
    expect((await call('POST', base, { token: t.tokens.dealer, body: { email: 'spy@dealer.example', name: 'Spy' } })).status).toBe(404);
    expect((await call('POST', `${base}/${theirs.body.id}/disable`, { token: t.tokens.dealer })).status).toBe(404);
    // Nor through its own dealer's path.
    expect((await call('POST', `/dealers/${t.dealerId}/users/${theirs.body.id}/disable`, { token: t.tokens.dealer })).status).toBe(404);
    const still = await call('GET', base, { token: t.tokens.admin });
    expect(still.body.items).toEqual([expect.objectContaining({ id: theirs.body.id, status: 'active' })]);
  });

  it('refuses an address that has an account with another dealer (409), and a channel admin manages any dealer', async () => {
    const t = await createTenant();
    const email = `${uniqueId('shared')}@dealer.example`;
    expect((await call('POST', `/dealers/${t.otherDealerId}/users`, { token: t.tokens.admin, body: { email, name: 'A' } })).status).toBe(
      201,
    );
    const taken = await call('POST', `/dealers/${t.dealerId}/users`, { token: t.tokens.dealer, body: { email, name: 'A' } });
    expect(taken.status).toBe(409);
    expect(taken.text).not.toContain(t.otherDealerId);
  });
});

describe('the partner agreement (versions and acceptances)', () => {
  it('publishes versions from today on, freezes one in force, and keeps who accepted which version when', async () => {
    const t = await createTenant();
    const version = uniqueId('v');
    const body = { title: 'Partner agreement', body: '# Rules\n\n<script>alert(1)</script>', material: false, effectiveFrom: inDays(10) };
    const past = await call('PUT', `/agreements/${version}`, { token: t.tokens.admin, body: { ...body, effectiveFrom: '2020-01-01' } });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([expect.objectContaining({ path: '/effectiveFrom' })]);
    expect((await call('PUT', `/agreements/${version}`, { token: t.tokens.admin, body })).status).toBe(200);
    // Not in force yet: may change.
    expect((await call('PUT', `/agreements/${version}`, { token: t.tokens.admin, body: { ...body, title: 'Renamed' } })).status).toBe(200);

    const inForce = uniqueId('v');
    expect((await call('PUT', `/agreements/${inForce}`, { token: t.tokens.admin, body: { ...body, effectiveFrom: today() } })).status).toBe(
      200,
    );
    const frozen = await call('PUT', `/agreements/${inForce}`, { token: t.tokens.admin, body: { ...body, effectiveFrom: inDays(3) } });
    expect(frozen.status).toBe(409);

    expect((await call('POST', `/agreements/${version}/accept`, { token: t.tokens.dealerUser })).status).toBe(403);
    const accepted = await call('POST', `/agreements/${version}/accept`, { token: t.tokens.dealer });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ version, dealerId: t.dealerId, userId: expect.any(String), acceptedAt: expect.any(String) });
    const again = await call('POST', `/agreements/${version}/accept`, { token: t.tokens.dealer });
    expect(again.body).toEqual(accepted.body);
    expect((await call('POST', `/agreements/${uniqueId('none')}/accept`, { token: t.tokens.dealer })).status).toBe(404);

    const acceptances = await call('GET', `/agreements/${version}/acceptances`, { token: t.tokens.admin });
    expect(acceptances.body.items).toEqual([accepted.body]);
    const listed = await call('GET', '/agreements?limit=100', { token: t.tokens.admin });
    expect(listed.body.items.map((a: { version: string }) => a.version)).toEqual(expect.arrayContaining([version, inForce]));
  });
});
