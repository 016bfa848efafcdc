/** Examples of the training and community routes, spread into EXAMPLES (shared/api/examples.ts). */
const at = '2026-11-30T09:15:00.000Z';

const quizInput = {
  passPercent: 80,
  questions: [
    { text: 'Which coolant concentration does the MX-200 need?', options: ['2 %', '5-8 %', '15 %'], answer: 1 },
    { text: 'How often is the spindle lubricated?', options: ['Daily', 'Weekly', 'Never: it is sealed'], answer: 2 },
  ],
};
const moduleInput = {
  title: 'MX-200 service basics',
  description: 'Installation, coolant, lubrication and the first service of an MX-200.',
  requiredFor: ['gold', 'silver'],
  validityMonths: 24,
  quiz: quizInput,
};
const storedModule = { id: 'mx-200-service', ...moduleInput, updatedAt: at };
const dealerModule = {
  ...storedModule,
  quiz: { passPercent: 80, questions: quizInput.questions.map(({ text, options }) => ({ text, options })) },
  required: true,
  status: {
    mine: { state: 'valid', completedOn: '2026-03-02', expiresOn: '2028-03-02' },
    dealer: { state: 'valid', completedOn: '2026-03-02', expiresOn: '2028-03-02' },
  },
};

const author = { kind: 'dealer', you: false };
const question = {
  id: 'q_7Hq2LmX9sT4vB8nK3pW6yZ',
  title: 'MX-500 spindle noise after 2,000 hours',
  body: 'One of our customers hears a whine above 8,000 rpm. Has anyone replaced the bearings themselves?',
  productLine: 'milling',
  author,
  createdAt: at,
  answerCount: 1,
};
const answer = {
  id: 'a_4Rk8Wn2Qz7Xy5Vb3Mt9Lp6Hs',
  questionId: question.id,
  body: 'Check the drawbar first; a worn one whines like that. Bearings are a service job for us.',
  author: { kind: 'manufacturer', you: false },
  createdAt: '2026-11-30T11:40:00.000Z',
};
const hidden = { reason: 'Names a customer', at: '2026-12-01T08:00:00.000Z' };
const page = <T>(item: T) => ({ items: [item], nextCursor: 'eyJQSyI6IkNPTU1VTklUWSJ9.c2lnbmF0dXJl' });

export const TRAINING_EXAMPLES: Record<string, { request?: unknown; response?: unknown }> = {
  'PUT /training/modules/{moduleId}': { request: moduleInput, response: storedModule },
  'GET /training/modules/{moduleId}': { response: dealerModule },
  'GET /training/modules': { response: page(dealerModule) },
  'POST /training/completions': {
    request: { items: [{ dealerId: 'dealer-alpine', userId: 'lms-anna.berger', moduleId: 'mx-200-service', completedOn: '2026-11-28' }] },
    response: { rows: 1, recorded: 1, unchanged: 0, certifications: 1 },
  },
  'POST /training/modules/{moduleId}/attempts': {
    request: { answers: [1, 2] },
    response: { passed: true, scorePercent: 100, correct: 2, total: 2, completion: { completedOn: '2026-11-30', expiresOn: '2028-11-30' } },
  },
  'GET /community/questions': { response: page(question) },
  'POST /community/questions': {
    request: { title: question.title, body: question.body, productLine: 'milling', showCompany: false },
    response: { ...question, author: { kind: 'dealer', you: true }, answerCount: 0 },
  },
  'GET /community/questions/{questionId}': { response: { ...question, answers: [answer] } },
  'POST /community/questions/{questionId}/answers': {
    request: { body: answer.body, showCompany: true },
    response: { ...answer, author: { kind: 'dealer', company: 'Alpine Maschinen GmbH', you: true } },
  },
  'POST /community/questions/{questionId}/hide': { request: { reason: hidden.reason }, response: { ...question, hidden } },
  'POST /community/answers/{answerId}/hide': { request: { reason: hidden.reason }, response: { ...answer, hidden } },
};
