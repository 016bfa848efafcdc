/**
 * Community use cases: asking, answering, reading, searching and moderating. What a caller gets back is built by
 * `authorAs` alone, so an author shown as "a dealer" leaves no dealer id, user id or stable pseudonym in any answer.
 */
import { randomBytes } from 'node:crypto';
import type * as z from 'zod';
import { community, type Moderation, type StoredAnswer, type StoredQuestion } from '../db/community-repository.js';
import { RATE_COUNTER_ITEM, type RateLimit, rateCounterUpdate, rateLimited } from '../db/rate-limits.js';
import { dealers } from '../db/setup-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import { actorOf, type Caller } from '../domain/caller.js';
import { authorAs, authorOf, indexWords, searchWords, seesHidden } from '../domain/community-posts.js';
import { NotFound } from '../domain/errors.js';
import type { AnswerInput, QuestionInput, QuestionQuery } from '../schemas/community.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const newId = (prefix: 'q' | 'a') => `${prefix}_${[...randomBytes(22)].map((b) => BASE62[b % 62]).join('')}`;

export const POST_LIMIT: RateLimit = {
  scope: 'community-posts',
  limit: 10,
  windowSeconds: 3600,
  description: 'At most 10 community posts (questions and answers) per user per hour',
};

const hiddenView = (hidden: Moderation | undefined) => (hidden ? { hidden: { reason: hidden.reason, at: hidden.at } } : {});

export function questionView(caller: Caller, q: StoredQuestion) {
  return {
    id: q.id,
    title: q.title,
    body: q.body,
    ...(q.productLine ? { productLine: q.productLine } : {}),
    author: authorAs(caller, q.author),
    createdAt: q.createdAt,
    answerCount: seesHidden(caller) ? q.answerCount : q.answerCount - q.hiddenAnswerCount,
    ...hiddenView(q.hidden),
  };
}

export function answerView(caller: Caller, a: StoredAnswer) {
  return {
    id: a.id,
    questionId: a.questionId,
    body: a.body,
    author: authorAs(caller, a.author),
    createdAt: a.createdAt,
    ...hiddenView(a.hidden),
  };
}

async function authorFor(caller: Caller, showCompany: boolean) {
  const company = caller.role === 'dealer' && showCompany && caller.dealerId ? (await dealers.get(caller.dealerId))?.name : undefined;
  return authorOf(caller, showCompany, company);
}

/** Runs a post's transaction; its rate counter refusing means the caller used up the window. */
async function withinLimit(caller: Caller, now: Date, write: (counter: ReturnType<typeof rateCounterUpdate>) => Promise<void>) {
  try {
    await write(rateCounterUpdate(POST_LIMIT, caller.subject, now));
  } catch (error) {
    if (error instanceof ConditionsFailed && error.failed.has(RATE_COUNTER_ITEM)) throw rateLimited(POST_LIMIT, now);
    throw error;
  }
}

export async function ask(caller: Caller, input: z.output<typeof QuestionInput>, now: Date) {
  const question: StoredQuestion = {
    id: newId('q'),
    title: input.title,
    body: input.body,
    ...(input.productLine ? { productLine: input.productLine } : {}),
    author: await authorFor(caller, input.showCompany),
    createdAt: now.toISOString(),
    answerCount: 0,
    hiddenAnswerCount: 0,
    words: indexWords(input.title, input.body),
  };
  await withinLimit(caller, now, (counter) => community.ask(question, counter));
  return questionView(caller, question);
}

export async function answer(caller: Caller, questionId: string, input: z.output<typeof AnswerInput>, now: Date) {
  const answer: StoredAnswer = {
    id: newId('a'),
    questionId,
    body: input.body,
    author: await authorFor(caller, input.showCompany),
    createdAt: now.toISOString(),
  };
  try {
    await withinLimit(caller, now, (counter) => community.answer(answer, counter, seesHidden(caller)));
  } catch (error) {
    if (error instanceof ConditionsFailed && error.failed.has('question')) throw new NotFound('There is no such question.');
    throw error;
  }
  return answerView(caller, answer);
}

export async function thread(caller: Caller, questionId: string) {
  const found = await community.thread(questionId);
  if (!found || (found.question.hidden && !seesHidden(caller))) throw new NotFound('There is no such question.');
  const answers = found.answers.filter((a) => seesHidden(caller) || !a.hidden).map((a) => answerView(caller, a));
  return { ...questionView(caller, found.question), answers };
}

export async function questions(caller: Caller, query: z.output<typeof QuestionQuery>) {
  const page = { limit: query.limit, cursor: query.cursor };
  const words = query.q === undefined ? [] : searchWords(query.q);
  if (query.q !== undefined && words.length === 0) return { items: [] };
  const found =
    words.length === 0
      ? await community.list(!seesHidden(caller), query.productLine, page)
      : await searchPage(caller, words, query.productLine, page);
  return { items: found.items.map((q) => questionView(caller, q)), ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}) };
}

/** Reads the index of the search's longest word (likely its rarest) and keeps the questions holding every word. */
async function searchPage(
  caller: Caller,
  words: string[],
  productLine: string | undefined,
  page: { limit: number; cursor?: string | undefined },
) {
  const driver = [...words].sort((a, b) => b.length - a.length || a.localeCompare(b))[0] as string;
  const found = await community.byWord(driver, page);
  return {
    items: found.items.filter(
      (q) =>
        words.every((w) => q.words.includes(w)) &&
        (productLine === undefined || q.productLine === productLine) &&
        (seesHidden(caller) || !q.hidden),
    ),
    nextCursor: found.nextCursor,
  };
}

const moderation = (caller: Caller, reason: string, now: Date): Moderation => ({ reason, at: now.toISOString(), by: actorOf(caller).id });

export async function hideQuestion(caller: Caller, questionId: string, reason: string, now: Date) {
  return questionView(caller, await community.hideQuestion(questionId, moderation(caller, reason, now)));
}

export async function hideAnswer(caller: Caller, answerId: string, reason: string, now: Date) {
  return answerView(caller, await community.hideAnswer(answerId, moderation(caller, reason, now)));
}
