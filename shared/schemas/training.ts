/** Training and certifications: modules with an optional quiz, completions (admin, LMS import, quiz), attempts. */
import * as z from 'zod';
import { CalendarDate, Instant, longText, Slug, text } from './common.js';
import { Tier } from './partner-program.js';

export const ModuleParams = z.strictObject({ moduleId: Slug });

const QuizQuestionInput = z
  .strictObject({
    text: longText(1000),
    options: z.array(text(300)).min(2, 'must offer at least 2 options').max(10, 'must offer at most 10 options'),
    answer: z
      .number('must be the index of the correct option')
      .int('must be the index of the correct option')
      .min(0, 'must not be negative'),
  })
  .refine((q) => q.answer < q.options.length, { message: 'must be the index of one of the options', path: ['answer'] });

export const QuizInput = z.strictObject({
  passPercent: z
    .number('must be a whole percentage')
    .int('must be a whole percentage')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100'),
  questions: z.array(QuizQuestionInput).min(1, 'must hold at least one question').max(50, 'must hold at most 50 questions'),
});

export const TrainingModuleInput = z.strictObject({
  title: text(200),
  description: longText(5000).optional(),
  requiredFor: z
    .array(Tier)
    .max(3)
    .refine((tiers) => new Set(tiers).size === tiers.length, 'must not name a tier twice')
    .describe('The tiers whose dealers must hold this certification; empty: optional for everyone.'),
  validityMonths: z
    .number('must be a whole number of months')
    .int('must be a whole number of months')
    .min(1, 'must be at least 1')
    .max(120, 'must be at most 120')
    .optional()
    .describe('How long a completion certifies; without it a certification never expires.'),
  quiz: QuizInput.optional(),
});

export const CertificationState = z.enum(['not_completed', 'valid', 'expiring', 'expired']);

export const CertificationStatus = z.object({
  state: CertificationState.describe('expiring: valid, but ends within 30 days.'),
  completedOn: CalendarDate.optional(),
  expiresOn: CalendarDate.optional().describe('The first day it no longer counts.'),
});

export const TrainingModule = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  requiredFor: z.array(Tier),
  validityMonths: z.number().int().optional(),
  quiz: z
    .object({
      passPercent: z.number().int(),
      questions: z.array(
        z.object({
          text: z.string(),
          options: z.array(z.string()),
          answer: z.number().int().optional().describe('The correct option: shown to channel admins only, never to dealers.'),
        }),
      ),
    })
    .optional(),
  updatedAt: Instant,
  required: z.boolean().optional().describe('For a dealer: whether the module is required for its tier.'),
  status: z
    .object({ mine: CertificationStatus, dealer: CertificationStatus })
    .optional()
    .describe("For a dealer user: its own completion and its dealer's certification (any of its users)."),
});

export const AttemptInput = z.strictObject({
  answers: z
    .array(
      z
        .number('must be the index of an option')
        .int('must be the index of an option')
        .min(0, 'must not be negative')
        .max(9, 'must be at most 9'),
    )
    .min(1, 'must answer at least one question')
    .max(50, 'must hold at most 50 answers'),
});

export const AttemptResult = z.object({
  passed: z.boolean(),
  scorePercent: z.number().int(),
  correct: z.number().int(),
  total: z.number().int(),
  completion: z
    .object({ completedOn: CalendarDate, expiresOn: CalendarDate.optional() })
    .optional()
    .describe('The completion a pass recorded for the caller and its dealer.'),
});

/** A dealer user's id as the LMS knows it (the identity provider's subject). */
export const UserId = z.string().regex(/^[^\s,;]{1,128}$/, 'must be 1-128 characters without spaces, commas or semicolons');

export const CompletionRow = z.strictObject({
  dealerId: Slug,
  userId: UserId,
  moduleId: Slug,
  completedOn: CalendarDate,
});

/** Most rows one completion import may carry. */
export const MAX_COMPLETION_ROWS = 5_000;

export const CompletionImport = z.strictObject({
  items: z.array(CompletionRow).min(1, 'must hold at least one row').max(MAX_COMPLETION_ROWS),
});

export const CompletionImportResult = z.object({
  rows: z.number().int().describe('Rows received and validated.'),
  recorded: z.number().int().describe('Completions stored for the first time.'),
  unchanged: z.number().int().describe('Completions that were already recorded (a re-run changes nothing).'),
  certifications: z.number().int().describe("Dealers' certifications that this import renewed or created."),
});
