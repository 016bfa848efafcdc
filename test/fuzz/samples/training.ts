/** Fuzz samples of the training and community routes, spread into SAMPLES (test/fuzz/samples.ts). */
import { call, tokenFor, uniqueId } from '../../support/api.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const json = (value: unknown) => ({ kind: 'json' as const, value });
const LIST = { limit: ['1', '100'] };

const quiz = {
  passPercent: 50,
  questions: [
    { text: 'Coolant concentration?', options: ['2 %', '5-8 %'], answer: 1 },
    { text: 'Spindle lubrication?', options: ['Daily', 'Sealed'], answer: 1 },
  ],
};

async function trainingModule(ctx: FuzzContext) {
  const id = uniqueId('fzmod');
  const put = await call('PUT', `/training/modules/${id}`, {
    token: ctx.t.tokens.admin,
    body: { title: 'Fuzz module', requiredFor: ['silver'], validityMonths: 12, quiz },
  });
  if (put.status !== 200) throw new Error(`fixture module: ${put.status} ${put.text}`);
  return id;
}

async function question(ctx: FuzzContext) {
  // A user of its own each time: the fixtures stay clear of the per-user post limit.
  const asked = await call('POST', '/community/questions', {
    token: await tokenFor({ role: 'dealer', dealerId: ctx.t.sameRegionDealerId }),
    body: { title: 'Fuzz question', body: 'Spindle noise', productLine: 'milling' },
  });
  if (asked.status !== 201) throw new Error(`fixture question: ${asked.status} ${asked.text}`);
  return asked.body.id as string;
}

async function answer(ctx: FuzzContext) {
  const id = await question(ctx);
  const answered = await call('POST', `/community/questions/${id}/answers`, {
    token: ctx.t.tokens.manager,
    body: { body: 'Check the drawbar' },
  });
  if (answered.status !== 201) throw new Error(`fixture answer: ${answered.status} ${answered.text}`);
  return answered.body.id as string;
}

const today = () => new Date().toISOString().slice(0, 10);

export const TRAINING_SAMPLES: Record<string, Sample> = {
  'PUT /training/modules/{moduleId}': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.admin,
        params: { moduleId: uniqueId('fzmod') },
        body: json({ title: 'Service basics', description: 'Coolant and lubrication', requiredFor: ['gold'], validityMonths: 24, quiz }),
      }),
  },
  'GET /training/modules/{moduleId}': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { moduleId: await trainingModule(ctx) } }),
  },
  'GET /training/modules': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, query: [['limit', '5']] }), queryVariants: LIST },
  'POST /training/completions': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.admin,
        body: json({ items: [{ dealerId: ctx.t.dealerId, userId: 'lms-1', moduleId: await trainingModule(ctx), completedOn: today() }] }),
      }),
  },
  'POST /training/modules/{moduleId}/attempts': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.dealer, params: { moduleId: await trainingModule(ctx) }, body: json({ answers: [1, 0] }) }),
  },
  'GET /community/questions': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, query: [['limit', '5']] }),
    queryVariants: { ...LIST, q: ['spindle', 'Fräse noise', 'zzz'], productLine: ['milling'] },
  },
  'POST /community/questions': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.otherDealer,
        body: json({ title: 'Spindle noise', body: 'It whines.', productLine: 'milling', showCompany: false }),
      }),
  },
  'GET /community/questions/{questionId}': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { questionId: await question(ctx) } }),
  },
  'POST /community/questions/{questionId}/answers': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.otherRegionSecondDealer,
        params: { questionId: await question(ctx) },
        body: json({ body: 'Try this.', showCompany: true }),
      }),
  },
  'POST /community/questions/{questionId}/hide': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.admin, params: { questionId: await question(ctx) }, body: json({ reason: 'Off topic' }) }),
  },
  'POST /community/answers/{answerId}/hide': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.admin, params: { answerId: await answer(ctx) }, body: json({ reason: 'Off topic' }) }),
  },
};
