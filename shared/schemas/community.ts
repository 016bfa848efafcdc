/** Community questions and answers: plain text, authors shown as "a dealer" unless they show their company. */
import * as z from 'zod';
import { Instant, ListQuery, longText, Slug, text } from './common.js';

export const QuestionId = z.string().regex(/^q_[0-9A-Za-z]{22}$/, 'is not a question id');
export const AnswerId = z.string().regex(/^a_[0-9A-Za-z]{22}$/, 'is not an answer id');

export const QuestionParams = z.strictObject({ questionId: QuestionId });
export const AnswerParams = z.strictObject({ answerId: AnswerId });

const showCompany = z
  .boolean('must be true or false')
  .default(false)
  .describe('A dealer\'s post shows its company name only when this is true; otherwise the author is shown as "a dealer".');

export const QuestionInput = z.strictObject({
  title: text(200),
  body: longText(10_000),
  productLine: Slug.optional(),
  showCompany,
});

export const AnswerInput = z.strictObject({ body: longText(10_000), showCompany });

export const HideInput = z.strictObject({ reason: text(500) });

export const QuestionQuery = ListQuery.extend({
  q: text(200).optional().describe('Words that must all appear in the title or body (whole words, case and accents ignored).'),
  productLine: Slug.optional(),
});

export const Author = z.object({
  kind: z.enum(['dealer', 'manufacturer']),
  company: z.string().optional().describe("The dealer's name, only when the author chose to show it."),
  you: z.boolean().describe("True on the caller's own dealer's (or, for staff, the caller's own) posts; computed for the caller only."),
});

const Hidden = z.object({ reason: z.string(), at: Instant }).describe('Moderation: hidden posts are shown to channel admins only.');

export const Answer = z.object({
  id: z.string(),
  questionId: z.string(),
  body: z.string(),
  author: Author,
  createdAt: Instant,
  hidden: Hidden.optional(),
});

export const Question = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  productLine: z.string().optional(),
  author: Author,
  createdAt: Instant,
  answerCount: z.number().int().describe('Answers visible to the caller.'),
  hidden: Hidden.optional(),
});

export const QuestionThread = Question.extend({ answers: z.array(Answer) });
