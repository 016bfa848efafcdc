/**
 * Community over HTTP: questions and answers as plain text, authors shown as "a dealer" unless they show their
 * company — and then untraceable through every route, page and cursor —, moderation, the per-user rate limit and
 * search by words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTenant, localEvents, type Tenant, tokenFor, uniqueId } from '../support/api.js';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const ask = (token: string, body: Record<string, unknown>) => call('POST', '/community/questions', { token, body });

/** The pages of a listing (up to `maxIds` items), and everything the answers carried (bodies, cursors decoded, headers). */
async function everything(path: string, token: string, maxIds = 60) {
  const ids: string[] = [];
  let seen = '';
  let cursor: string | undefined;
  do {
    const page = await call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(page.status, page.text).toBe(200);
    ids.push(...(page.body.items as { id: string }[]).map((i) => i.id));
    seen += page.text + JSON.stringify([...page.headers.entries()]);
    cursor = page.body.nextCursor;
    if (cursor) seen += Buffer.from(cursor.split('.')[0] as string, 'base64url').toString();
  } while (cursor && ids.length < maxIds);
  return { ids, seen };
}

describe('asking and answering', () => {
  it('a community author shown as "a dealer" cannot be traced to its dealer through any route', async () => {
    const word = `zx${uniqueId('w').replace(/[^a-z0-9]/g, '')}`;
    const subject = uniqueId('asker');
    const asker = await tokenFor({ role: 'dealer', dealerId: t.dealerId, subject });
    const asked = await ask(asker, { title: `Spindle ${word}`, body: `Our ${word} whines above 8000 rpm.`, productLine: 'milling' });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.headers.get('location')).toBe(`/community/questions/${asked.body.id}`);
    expect(asked.body.author).toEqual({ kind: 'dealer', you: true });
    const answered = await call('POST', `/community/questions/${asked.body.id}/answers`, {
      token: asker,
      body: { body: `More on ${word}` },
    });
    expect(answered.status, answered.text).toBe(201);
    // A second question by the same dealer: nothing may link the two to one author either.
    const second = await ask(asker, { title: `Coolant ${word}`, body: 'Which concentration?' });

    const traces = [t.dealerId, subject];
    const observers = [t.tokens.sameRegionDealer, t.tokens.otherDealer, t.tokens.manager, t.tokens.finance, t.tokens.admin];
    for (const token of observers) {
      const routes = [
        await everything('/community/questions', token),
        await everything(`/community/questions?q=${word}`, token),
        await everything('/community/questions?productLine=milling', token),
      ];
      expect(routes[1]?.ids.sort()).toEqual([asked.body.id, second.body.id].sort());
      const thread = await call('GET', `/community/questions/${asked.body.id}`, { token });
      expect(thread.status).toBe(200);
      expect(thread.body.author).toEqual({ kind: 'dealer', you: false });
      expect(thread.body.answers[0].author).toEqual({ kind: 'dealer', you: false });
      const all = routes.map((r) => r.seen).join('') + thread.text + JSON.stringify([...thread.headers.entries()]);
      for (const trace of traces) expect(all, `a trace of the author: ${trace}`).not.toContain(trace);
      // Other tests' dealers may show their company ("Test Dealer" too): the author's own posts must not.
      expect(routes[1]?.seen + thread.text).not.toContain('Test Dealer');
      // No stable per-author field besides the post's own: the two questions share no value but kind and flags.
      const [one, two] = [thread.body, (await call('GET', `/community/questions/${second.body.id}`, { token })).body];
      expect(Object.keys(one.author)).toEqual(['kind', 'you']);
      expect(Object.keys(two.author)).toEqual(['kind', 'you']);
    }
    // The asker's dealer (a colleague too) sees "you"; nothing else identifies it.
    const colleague = await call('GET', `/community/questions/${asked.body.id}`, { token: t.tokens.dealer });
    expect(colleague.body.author).toEqual({ kind: 'dealer', you: true });
    // No event or mail carries the post.
    expect(JSON.stringify(await localEvents())).not.toContain(asked.body.id);
  });

  it('shows the company only when the author chose to, per post', async () => {
    const shown = await ask(t.tokens.dealer, { title: 'Who sells LT-300 spares?', body: 'Looking for a partner.', showCompany: true });
    expect(shown.body.author).toEqual({ kind: 'dealer', company: 'Test Dealer', you: true });
    const read = await call('GET', `/community/questions/${shown.body.id}`, { token: t.tokens.otherDealer });
    expect(read.body.author).toEqual({ kind: 'dealer', company: 'Test Dealer', you: false });
    expect(read.text).not.toContain(t.dealerId);
    const staff = await call('POST', `/community/questions/${shown.body.id}/answers`, {
      token: t.tokens.manager,
      body: { body: 'We do.' },
    });
    expect(staff.body.author).toEqual({ kind: 'manufacturer', you: true });
    const asDealer = await call('GET', `/community/questions/${shown.body.id}`, { token: t.tokens.dealer });
    expect(asDealer.body.answers.map((a: { author: unknown }) => a.author)).toEqual([{ kind: 'manufacturer', you: false }]);
    expect(asDealer.body.answerCount).toBe(1);
  });

  it('keeps text plain: markup comes back as the characters written, in JSON', async () => {
    const markup = '<script>alert(1)</script> & <b>bold</b>';
    const asked = await ask(t.tokens.dealer, { title: 'Markup <i>test</i>', body: markup });
    expect(asked.status).toBe(201);
    const read = await call('GET', `/community/questions/${asked.body.id}`, { token: t.tokens.otherDealer });
    expect(read.headers.get('content-type')).toBe('application/json');
    expect(read.body.body).toBe(markup);
    expect(read.body.title).toBe('Markup <i>test</i>');
  });

  it('refuses bad input naming the field and writes nothing; an unknown question is 404', async () => {
    const bad = await ask(t.tokens.dealer, { title: ' ', body: 'x'.repeat(10_001), extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/body', '/extra', '/title']);
    expect((await call('GET', '/community/questions/q_0000000000000000000000', { token: t.tokens.dealer })).status).toBe(404);
    const answer = await call('POST', '/community/questions/q_0000000000000000000000/answers', {
      token: t.tokens.dealer,
      body: { body: 'x' },
    });
    expect(answer.status).toBe(404);
    expect((await call('GET', '/community/questions/not-an-id', { token: t.tokens.dealer })).status).toBe(400);
  });
});

describe('moderation', () => {
  it('a hidden post disappears for dealers and stays visible, with its reason, to channel admins', async () => {
    const word = `mod${uniqueId('w').replace(/[^a-z0-9]/g, '')}`;
    const question = await ask(t.tokens.dealer, { title: `Hide me ${word}`, body: 'Names a customer.', productLine: 'turning' });
    const kept = await ask(t.tokens.dealer, { title: `Keep me ${word}`, body: 'Fine.' });
    const answer = await call('POST', `/community/questions/${kept.body.id}/answers`, {
      token: t.tokens.otherDealer,
      body: { body: 'Spam' },
    });

    expect(
      (await call('POST', `/community/questions/${question.body.id}/hide`, { token: t.tokens.dealer, body: { reason: 'x' } })).status,
    ).toBe(403);
    const hidden = await call('POST', `/community/questions/${question.body.id}/hide`, {
      token: t.tokens.admin,
      body: { reason: 'Names a customer' },
    });
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.body.hidden).toMatchObject({ reason: 'Names a customer' });
    expect(
      (await call('POST', `/community/questions/${question.body.id}/hide`, { token: t.tokens.admin, body: { reason: 'again' } })).status,
    ).toBe(409);
    const hiddenAnswer = await call('POST', `/community/answers/${answer.body.id}/hide`, {
      token: t.tokens.admin,
      body: { reason: 'Spam' },
    });
    expect(hiddenAnswer.status, hiddenAnswer.text).toBe(200);
    expect(
      (await call('POST', '/community/answers/a_0000000000000000000000/hide', { token: t.tokens.admin, body: { reason: 'x' } })).status,
    ).toBe(404);

    for (const token of [t.tokens.dealer, t.tokens.otherDealer, t.tokens.manager]) {
      expect((await call('GET', `/community/questions/${question.body.id}`, { token })).status).toBe(404);
      expect((await everything(`/community/questions?q=${word}`, token)).ids).toEqual([kept.body.id]);
      expect((await everything('/community/questions?productLine=turning', token)).ids).not.toContain(question.body.id);
      expect((await everything('/community/questions', token)).ids).not.toContain(question.body.id);
      const thread = await call('GET', `/community/questions/${kept.body.id}`, { token });
      expect(thread.body.answers).toEqual([]);
      expect(thread.body.answerCount).toBe(0);
      const answerToHidden = await call('POST', `/community/questions/${question.body.id}/answers`, { token, body: { body: 'x' } });
      expect(answerToHidden.status).toBe(404);
    }
    const asAdmin = await everything(`/community/questions?q=${word}`, t.tokens.admin);
    expect(asAdmin.ids.sort()).toEqual([question.body.id, kept.body.id].sort());
    expect((await everything('/community/questions?productLine=turning', t.tokens.admin)).ids).toContain(question.body.id);
    const adminThread = await call('GET', `/community/questions/${kept.body.id}`, { token: t.tokens.admin });
    expect(adminThread.body.answers).toHaveLength(1);
    expect(adminThread.body.answers[0].hidden.reason).toBe('Spam');
    expect(adminThread.body.answerCount).toBe(1);
  });
});

describe('rate limit and search', () => {
  it('limits posts per user: the eleventh within the hour answers 429 with Retry-After and writes nothing', async () => {
    const subject = uniqueId('busy');
    const busy = await tokenFor({ role: 'dealer', dealerId: t.dealerId, subject });
    const word = `rl${uniqueId('w').replace(/[^a-z0-9]/g, '')}`;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(busy, { title: `Post ${i} ${word}`, body: 'Text' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await everything(`/community/questions?q=${word}`, t.tokens.admin)).ids).toHaveLength(10);
    // Another user of the same dealer may still post.
    expect((await ask(t.tokens.dealer, { title: 'Still possible', body: 'Yes' })).status).toBe(201);
  });

  it('finds questions holding every word of the search, case and accents ignored, newest first', async () => {
    const tag = `s${uniqueId('w').replace(/[^a-z0-9]/g, '')}`;
    const first = await ask(t.tokens.dealer, { title: `Fräse ${tag} vibriert`, body: 'Die Spindel des MX-500 vibriert.' });
    const second = await ask(t.tokens.otherDealer, { title: `Milling ${tag}`, body: 'Our FRASE setup: coolant question.' });
    expect((await everything(`/community/questions?q=${tag}`, t.tokens.dealer)).ids).toEqual([second.body.id, first.body.id]);
    expect((await everything(`/community/questions?q=frase%20${tag.toUpperCase()}`, t.tokens.dealer)).ids).toEqual([
      second.body.id,
      first.body.id,
    ]);
    expect((await everything(`/community/questions?q=${tag}%20spindel`, t.tokens.dealer)).ids).toEqual([first.body.id]);
    expect((await everything(`/community/questions?q=${tag}%20nowhere`, t.tokens.dealer)).ids).toEqual([]);
    expect((await everything('/community/questions?q=%3F%3F', t.tokens.dealer)).ids).toEqual([]);
  });
});
