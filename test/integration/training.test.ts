/**
 * Training over HTTP: modules and quizzes (answers never reach dealers), quiz attempts graded on the server and
 * rate-limited, completions by admins and LMS imports (JSON and CSV, validated per row, idempotent), certification
 * expiry and its warning mail, and `trainingCompletion` computed from the records.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/domain/certification.js';
import { call, createTenant, dealerEmailOf, mailsArrived, mailsTo, runJob, type Tenant, tokenFor, uniqueId } from '../support/api.js';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const today = () => new Date().toISOString().slice(0, 10);
const monthsAgo = (months: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};
const thisMonth = () => today().slice(0, 7);
const thisQuarter = () => `${today().slice(0, 4)}-Q${Math.ceil(Number(today().slice(5, 7)) / 3)}`;

const quiz = {
  passPercent: 60,
  questions: [
    { text: 'Coolant concentration of the MX-200?', options: ['2 %', '5-8 %', '15 %'], answer: 1 },
    { text: 'Spindle lubrication?', options: ['Daily', 'Weekly', 'Sealed for life'], answer: 2 },
    { text: 'Maximum tool weight?', options: ['8 kg', '20 kg'], answer: 0 },
  ],
};

async function putModule(body: Record<string, unknown>) {
  const id = uniqueId('mod');
  const response = await call('PUT', `/training/modules/${id}`, { token: t.tokens.admin, body });
  expect(response.status, response.text).toBe(200);
  return id;
}

/** The modules required for bronze (a fresh dealer's tier), read as an admin over every page. */
async function bronzeRequired(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET', `/training/modules?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: t.tokens.admin });
    ids.push(
      ...(page.body.items as { id: string; requiredFor: string[] }[]).filter((m) => m.requiredFor.includes('bronze')).map((m) => m.id),
    );
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

const trainingKpi = async (dealerId: string, period = thisQuarter()) => {
  const card = await call('GET', `/dealers/${dealerId}/scorecard?period=${period}`, { token: t.tokens.admin });
  expect(card.status, card.text).toBe(200);
  return card.body.kpis.trainingCompletion as number | null;
};

describe('training modules', () => {
  it('keeps the quiz answers for channel admins: dealers and managers get the questions without them', async () => {
    const id = await putModule({ title: 'MX-200 basics', requiredFor: ['gold'], validityMonths: 24, quiz });
    const asAdmin = await call('GET', `/training/modules/${id}`, { token: t.tokens.admin });
    expect(asAdmin.body.quiz.questions[1].answer).toBe(2);
    for (const token of [t.tokens.dealer, t.tokens.manager]) {
      const read = await call('GET', `/training/modules/${id}`, { token });
      expect(read.status).toBe(200);
      expect(read.body.quiz.questions).toEqual(quiz.questions.map(({ text, options }) => ({ text, options })));
      expect(read.text).not.toContain('"answer"');
    }
    const listed = await call('GET', '/training/modules?limit=100', { token: t.tokens.dealer });
    expect(listed.text).not.toContain('"answer"');
  });

  it('refuses a quiz whose answer is not one of its options, naming the field, and stores nothing', async () => {
    const id = uniqueId('mod');
    const bad = { title: 'Bad', requiredFor: [], quiz: { passPercent: 50, questions: [{ text: 'Q', options: ['a', 'b'], answer: 2 }] } };
    const response = await call('PUT', `/training/modules/${id}`, { token: t.tokens.admin, body: bad });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ path: '/quiz/questions/0/answer' }));
    expect((await call('GET', `/training/modules/${id}`, { token: t.tokens.admin })).status).toBe(404);
  });
});

describe('quiz attempts', () => {
  it('a quiz pass records a completion that moves trainingCompletion (records win over the LMS snapshot)', async () => {
    const withQuiz = await putModule({ title: 'Safety', requiredFor: ['bronze', 'silver'], validityMonths: 12, quiz });
    await putModule({ title: 'Sales basics', requiredFor: ['bronze'], validityMonths: 12 });
    const snapshot = await call('POST', '/kpi-inputs/training', {
      token: t.tokens.admin,
      body: {
        items: [
          { dealerId: t.dealerId, month: thisMonth(), userId: 'lms-1', moduleId: 'legacy-a', completed: true },
          { dealerId: t.dealerId, month: thisMonth(), userId: 'lms-1', moduleId: 'legacy-b', completed: false },
        ],
      },
    });
    expect(snapshot.status, snapshot.text).toBe(200);
    expect(await trainingKpi(t.dealerId)).toBe(0.5);

    const user = await tokenFor({ role: 'dealer', dealerId: t.dealerId, subject: uniqueId('anna') });
    const failed = await call('POST', `/training/modules/${withQuiz}/attempts`, { token: user, body: { answers: [0, 2, 1] } });
    expect(failed.status, failed.text).toBe(200);
    expect(failed.body).toEqual({ passed: false, scorePercent: 33, correct: 1, total: 3 });
    expect(await trainingKpi(t.dealerId)).toBe(0.5);

    const passed = await call('POST', `/training/modules/${withQuiz}/attempts`, { token: user, body: { answers: [1, 2, 1] } });
    expect(passed.body).toMatchObject({ passed: true, scorePercent: 66, completion: { completedOn: today() } });
    expect(passed.body.completion.expiresOn).toBe(addMonths(today(), 12));
    const required = await bronzeRequired();
    expect(required).toContain(withQuiz);
    expect(await trainingKpi(t.dealerId)).toBe(Math.round((1 / required.length) * 10_000) / 10_000);

    // The user's own status and its dealer's; a colleague sees the dealer certified, itself not.
    const mine = await call('GET', `/training/modules/${withQuiz}`, { token: user });
    expect(mine.body).toMatchObject({ required: true, status: { mine: { state: 'valid' }, dealer: { state: 'valid' } } });
    const colleague = await call('GET', `/training/modules/${withQuiz}`, { token: t.tokens.dealer });
    expect(colleague.body.status).toMatchObject({ mine: { state: 'not_completed' }, dealer: { state: 'valid', completedOn: today() } });
    // Another dealer holds nothing.
    const other = await call('GET', `/training/modules/${withQuiz}`, { token: t.tokens.sameRegionDealer });
    expect(other.body.status.dealer.state).toBe('not_completed');
  });

  it('refuses answers that do not match the questions, a module without a quiz, and a module that does not exist', async () => {
    const id = await putModule({ title: 'Q', requiredFor: [], quiz });
    const short = await call('POST', `/training/modules/${id}/attempts`, { token: t.tokens.dealer, body: { answers: [1] } });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ path: '/answers', message: 'must hold one answer for each of the 3 questions' }]);
    const noQuiz = await putModule({ title: 'No quiz', requiredFor: [] });
    expect((await call('POST', `/training/modules/${noQuiz}/attempts`, { token: t.tokens.dealer, body: { answers: [0] } })).status).toBe(
      409,
    );
    expect((await call('POST', '/training/modules/nope-none/attempts', { token: t.tokens.dealer, body: { answers: [0] } })).status).toBe(
      404,
    );
  });

  it('limits attempts per user and module: the sixth within the hour answers 429 with Retry-After', async () => {
    const id = await putModule({ title: 'Limited', requiredFor: [], quiz });
    const user = await tokenFor({ role: 'dealer', dealerId: t.dealerId, subject: uniqueId('tries') });
    const attempt = () => call('POST', `/training/modules/${id}/attempts`, { token: user, body: { answers: [0, 0, 1] } });
    const results = await Promise.all(Array.from({ length: 8 }, attempt));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    const retryAfter = Number(limited[0]?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(limited[0]?.headers.get('content-type')).toContain('application/problem+json');
    // Another user is not limited by this one.
    expect((await call('POST', `/training/modules/${id}/attempts`, { token: t.tokens.dealer, body: { answers: [0, 0, 1] } })).status).toBe(
      200,
    );
  });
});

describe('completions by admins and LMS imports', () => {
  it('an expired certification stops counting; it counted while it was valid', async () => {
    const tenant = await createTenant();
    const id = uniqueId('mod');
    expect(
      (
        await call('PUT', `/training/modules/${id}`, {
          token: t.tokens.admin,
          body: { title: 'Expiring', requiredFor: ['bronze'], validityMonths: 6 },
        })
      ).status,
    ).toBe(200);
    const completedOn = monthsAgo(9);
    const csv = `dealerId,userId,moduleId,completedOn\n${tenant.dealerId},lms-7,${id},${completedOn}\n`;
    const imported = await call('POST', '/training/completions', {
      token: t.tokens.admin,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toEqual({ rows: 1, recorded: 1, unchanged: 0, certifications: 1 });

    const module = await call('GET', `/training/modules/${id}`, { token: tenant.tokens.dealer });
    expect(module.body.status.dealer).toMatchObject({ state: 'expired', completedOn });
    expect(await trainingKpi(tenant.dealerId)).toBe(0);
    const validThen = `${completedOn.slice(0, 4)}-Q${Math.ceil(Number(completedOn.slice(5, 7)) / 3)}`;
    const share = (required: string[]) => Math.round((1 / required.length) * 10_000) / 10_000;
    expect(await trainingKpi(tenant.dealerId, validThen)).toBe(share(await bronzeRequired()));

    // A renewal makes it count again.
    const renewed = await call('POST', '/training/completions', {
      token: t.tokens.admin,
      body: { items: [{ dealerId: tenant.dealerId, userId: 'lms-8', moduleId: id, completedOn: today() }] },
    });
    expect(renewed.body).toMatchObject({ recorded: 1, certifications: 1 });
    expect(await trainingKpi(tenant.dealerId)).toBe(share(await bronzeRequired()));
  });

  it('validates every row first, naming the row and the column, and stores nothing on an error', async () => {
    const id = await putModule({ title: 'Import', requiredFor: [] });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const csv = [
      'dealerId,userId,moduleId,completedOn',
      `${t.dealerId},u-1,${id},2026-02-30`,
      `no-such-dealer,u-2,${id},2026-01-15`,
      `${t.dealerId},u-3,no-such-module,2026-01-15`,
      `${t.dealerId},u-4,${id},${tomorrow}`,
      `${t.dealerId},u-5,${id},2026-01-15`,
    ].join('\n');
    const first = await call('POST', '/training/completions', {
      token: t.tokens.admin,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(first.status).toBe(400);
    expect(first.body.errors).toEqual([
      { path: '/lines/2/completedOn', message: 'line 2: must be a date that exists' },
      { path: '/lines/5/completedOn', message: 'line 5: must not be in the future' },
    ]);
    const second = await call('POST', '/training/completions', {
      token: t.tokens.admin,
      rawBody: csv
        .split('\n')
        .filter((_, i) => i !== 1 && i !== 4)
        .join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(second.status).toBe(400);
    expect(second.body.errors).toEqual([
      { path: '/lines/2/dealerId', message: 'line 2: is not a dealer (no-such-dealer)' },
      { path: '/lines/3/moduleId', message: 'line 3: is not a training module (no-such-module)' },
    ]);
    const module = await call('GET', `/training/modules/${id}`, { token: t.tokens.dealer });
    expect(module.body.status.dealer.state).toBe('not_completed');
    const unknownColumn = await call('POST', '/training/completions', {
      token: t.tokens.admin,
      rawBody: 'dealerId,user,moduleId,completedOn\nx,y,z,2026-01-01',
      headers: { 'content-type': 'text/csv' },
    });
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.errors[0].path).toBe('/columns/user');
  });

  it('a re-run of an import changes nothing', async () => {
    const id = await putModule({ title: 'Rerun', requiredFor: [], validityMonths: 12 });
    const body = {
      items: [
        { dealerId: t.dealerId, userId: 'lms-a', moduleId: id, completedOn: monthsAgo(2) },
        { dealerId: t.dealerId, userId: 'lms-b', moduleId: id, completedOn: monthsAgo(1) },
      ],
    };
    const first = await call('POST', '/training/completions', { token: t.tokens.admin, body });
    expect(first.body).toMatchObject({ rows: 2, recorded: 2, unchanged: 0 });
    const again = await call('POST', '/training/completions', { token: t.tokens.admin, body });
    expect(again.body).toEqual({ rows: 2, recorded: 0, unchanged: 2, certifications: 0 });
    const module = await call('GET', `/training/modules/${id}`, { token: t.tokens.dealer });
    expect(module.body.status.dealer.completedOn).toBe(monthsAgo(1));
  });
});

describe('certification expiry warnings', () => {
  it('mails the dealer 30 days before its certification ends, once, however often the schedule runs', async () => {
    const tenant = await createTenant();
    const id = uniqueId('mod');
    await call('PUT', `/training/modules/${id}`, {
      token: t.tokens.admin,
      body: { title: `Expiry ${id}`, requiredFor: [], validityMonths: 2 },
    });
    const completedOn = today();
    await call('POST', '/training/completions', {
      token: t.tokens.admin,
      body: { items: [{ dealerId: tenant.dealerId, userId: 'lms-1', moduleId: id, completedOn }] },
    });
    const module = await call('GET', `/training/modules/${id}`, { token: tenant.tokens.dealer });
    const expiresOn = module.body.status.dealer.expiresOn as string;
    const dueOn = new Date(Date.parse(`${expiresOn}T00:00:00Z`) - 30 * 86_400_000);
    const before = new Date(dueOn.getTime() - 86_400_000 + 12 * 3_600_000);
    await runJob('training', before);
    expect((await mailsTo(dealerEmailOf(tenant.dealerId))).filter((m) => m.subject.includes(id))).toEqual([]);

    const at = new Date(dueOn.getTime() + 12 * 3_600_000);
    const [first, second] = await Promise.all([runJob('training', at), runJob('training', at)]);
    expect((first.warned ?? 0) + (second.warned ?? 0)).toBeGreaterThanOrEqual(1);
    const mails = await mailsArrived(dealerEmailOf(tenant.dealerId), (m) => m.subject.includes(id));
    await runJob('training', new Date(at.getTime() + 86_400_000));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await mailsTo(dealerEmailOf(tenant.dealerId))).filter((m) => m.subject.includes(id))).toHaveLength(1);
    const endsOn = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${expiresOn}T00:00:00Z`));
    expect(mails[0]?.subject).toBe(`Certification ending on ${endsOn}: Expiry ${id}`);
    expect(mails[0]?.body.text).toContain(`Ends on: ${endsOn}`);
    expect(mails[0]?.body.html).toContain('lang="en"');
  });

  it.each([
    ['de', 'Zertifizierung endet am', 'Endet am', 'de-DE'],
    ['nl', 'Certificering eindigt op', 'Eindigt op', 'nl-NL'],
  ] as const)(
    'writes the warning in the dealer’s language (%s) through the shared mail layout',
    async (language, subject, label, locale) => {
      const tenant = await createTenant();
      const dealer = await call('PUT', `/dealers/${tenant.dealerId}`, {
        token: t.tokens.admin,
        body: { name: 'Test Dealer', regionId: tenant.regionId, email: dealerEmailOf(tenant.dealerId), status: 'active', language },
      });
      expect(dealer.status, dealer.text).toBe(200);
      const id = uniqueId('mod');
      await call('PUT', `/training/modules/${id}`, {
        token: t.tokens.admin,
        body: { title: `Ablauf <b>${id}</b>`, requiredFor: [], validityMonths: 2 },
      });
      await call('POST', '/training/completions', {
        token: t.tokens.admin,
        body: { items: [{ dealerId: tenant.dealerId, userId: 'lms-1', moduleId: id, completedOn: today() }] },
      });
      const module = await call('GET', `/training/modules/${id}`, { token: tenant.tokens.dealer });
      const expiresOn = module.body.status.dealer.expiresOn as string;
      await runJob('training', new Date(Date.parse(`${expiresOn}T12:00:00Z`) - 30 * 86_400_000));
      const [mail] = await mailsArrived(dealerEmailOf(tenant.dealerId), (m) => m.subject.includes(id));
      const endsOn = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${expiresOn}T00:00:00Z`));
      expect(mail?.subject).toBe(`${subject} ${endsOn}: Ablauf <b>${id}</b>`);
      expect(mail?.body.text).toContain(`${label}: ${endsOn}`);
      expect(mail?.body.text).toContain('/training');
      expect(mail?.body.html).toContain(`lang="${language}"`);
      expect(mail?.body.html).toContain(`Ablauf &lt;b&gt;${id}&lt;/b&gt;`);
      expect(mail?.body.html).not.toContain(`<b>${id}`);
    },
  );
});
