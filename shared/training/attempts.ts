/**
 * A dealer user takes a module's quiz: the attempt is counted against the user's hourly allowance for the module
 * (a conditional counter), graded on the server against answers dealers never see, and a pass records a
 * completion for the user and its dealer — which renews the dealer's certification and counts in its KPI.
 */
import { consumeRate, type RateLimit } from '../db/rate-limits.js';
import { trainingModules } from '../db/training-repository.js';
import type { Caller } from '../domain/caller.js';
import { expiresOn, grade } from '../domain/certification.js';
import { IllegalTransition, InvalidInput, NotFound } from '../domain/errors.js';
import { recordCompletion } from './completions.js';

export const attemptLimit = (moduleId: string): RateLimit => ({
  scope: `quiz#${moduleId}`,
  limit: 5,
  windowSeconds: 3600,
  description: 'At most 5 attempts per user and module per hour',
});

export async function attemptQuiz(caller: Caller, moduleId: string, answers: number[], now: Date) {
  const module = await trainingModules.get(moduleId);
  if (!module || !caller.dealerId) throw new NotFound('There is no such training module.');
  if (!module.quiz) throw new IllegalTransition('This module has no quiz; its completions are recorded by the channel team.');
  const total = module.quiz.questions.length;
  if (answers.length !== total) {
    throw new InvalidInput([{ path: '/answers', message: `must hold one answer for each of the ${total} questions` }]);
  }
  await consumeRate(attemptLimit(moduleId), caller.subject, now);
  const result = grade(module.quiz, answers);
  if (!result.passed) return result;
  const completedOn = now.toISOString().slice(0, 10);
  const expires = expiresOn(completedOn, module.validityMonths);
  await recordCompletion(
    {
      dealerId: caller.dealerId,
      userId: caller.subject,
      moduleId,
      completedOn,
      source: 'quiz',
      ...(expires ? { expiresOn: expires } : {}),
    },
    now,
  );
  return { ...result, completion: { completedOn, ...(expires ? { expiresOn: expires } : {}) } };
}
