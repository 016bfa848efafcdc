/**
 * Training modules as each caller sees them: channel admins the whole module with its quiz answers; everyone else
 * the quiz without answers; a dealer user also whether the module is required for its dealer's tier and the
 * status of its own completion and of its dealer's certification.
 */

import type * as z from 'zod';
import { tiers } from '../db/tier-repository.js';
import { type StoredCompletion, type StoredModule, trainingModules, trainingRecords } from '../db/training-repository.js';
import type { Caller } from '../domain/caller.js';
import { bestCompletion, certificationState, isRequiredFor } from '../domain/certification.js';
import { NotFound } from '../domain/errors.js';
import { STARTING_TIER, type Tier } from '../domain/tier-ranking.js';
import type { TrainingModuleInput } from '../schemas/training.js';

const today = (now: Date) => now.toISOString().slice(0, 10);

interface DealerView {
  tier: Tier;
  completions: StoredCompletion[];
  userId: string;
  on: string;
}

function statusOf(completions: StoredCompletion[], on: string) {
  const best = bestCompletion(completions, on);
  return {
    state: certificationState(best, on),
    ...(best ? { completedOn: best.completedOn, ...(best.expiresOn ? { expiresOn: best.expiresOn } : {}) } : {}),
  };
}

function view(module: StoredModule, caller: Caller, dealer?: DealerView) {
  const quiz = module.quiz
    ? {
        passPercent: module.quiz.passPercent,
        questions: module.quiz.questions.map((q) => (caller.role === 'channel_admin' ? q : { text: q.text, options: q.options })),
      }
    : undefined;
  const base = { ...module, ...(quiz ? { quiz } : {}) };
  if (!dealer) return base;
  const ofModule = dealer.completions.filter((c) => c.moduleId === module.id);
  return {
    ...base,
    required: isRequiredFor(module, dealer.tier),
    status: {
      mine: statusOf(
        ofModule.filter((c) => c.userId === dealer.userId),
        dealer.on,
      ),
      dealer: statusOf(ofModule, dealer.on),
    },
  };
}

async function dealerView(caller: Caller, now: Date): Promise<DealerView | undefined> {
  if (caller.role !== 'dealer' || !caller.dealerId) return undefined;
  const [current, records] = await Promise.all([tiers.current(caller.dealerId), trainingRecords.forDealer(caller.dealerId)]);
  return { tier: current?.tier ?? STARTING_TIER, completions: records.completions, userId: caller.subject, on: today(now) };
}

export async function putModule(moduleId: string, input: z.output<typeof TrainingModuleInput>, now: Date) {
  const module: StoredModule = { id: moduleId, ...input, updatedAt: now.toISOString() };
  await trainingModules.put(module);
  return module;
}

export async function moduleFor(caller: Caller, moduleId: string, now: Date) {
  const [module, dealer] = await Promise.all([trainingModules.get(moduleId), dealerView(caller, now)]);
  if (!module) throw new NotFound('There is no such training module.');
  return view(module, caller, dealer);
}

export async function modulesFor(caller: Caller, page: { limit: number; cursor?: string | undefined }, now: Date) {
  const [modules, dealer] = await Promise.all([trainingModules.list(page), dealerView(caller, now)]);
  return { items: modules.items.map((m) => view(m, caller, dealer)), ...(modules.nextCursor ? { nextCursor: modules.nextCursor } : {}) };
}
