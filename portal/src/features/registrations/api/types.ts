/** The API's registration shapes, inferred from the same zod schemas the API validates and answers with. */

import type {
  ExtensionRequest as ExtensionRequestSchema,
  HistoryEvent as HistoryEventSchema,
  Outcome as OutcomeSchema,
  RegistrationInput as RegistrationInputSchema,
  Registration as RegistrationSchema,
  RegistrationStatus as RegistrationStatusSchema,
  RegistrationUpdate as RegistrationUpdateSchema,
} from '@shared/schemas/registration.js';
import type * as z from 'zod';

export type Registration = z.infer<typeof RegistrationSchema>;
export type RegistrationInput = z.infer<typeof RegistrationInputSchema>;
export type RegistrationUpdate = z.infer<typeof RegistrationUpdateSchema>;
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;
export type ExtensionRequest = z.infer<typeof ExtensionRequestSchema>;

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const STATUSES: readonly RegistrationStatus[] = [
  'submitted',
  'in_conflict',
  'approved',
  'won',
  'lost',
  'rejected',
  'expired',
  'withdrawn',
];
export const OPEN_STATUSES: readonly RegistrationStatus[] = ['submitted', 'in_conflict', 'approved'];
