import type * as z from 'zod';
import type { Registration as RegistrationSchema, RegistrationStatus as StatusSchema } from '../schemas/registration.js';
import type { ExpiryWarning } from './expiry-schedule.js';

export type RegistrationStatus = z.infer<typeof StatusSchema>;
export type Registration = z.infer<typeof RegistrationSchema>;

/** A registration as stored: what the API shows plus what only the manufacturer side uses. */
export interface StoredRegistration extends Registration {
  /** The dealer's region at submission: decides which managers review it. */
  regionId: string;
  /** Product lines of the registered SKUs at submission. */
  productLines: string[];
  updatedAt: string;
  /** Rules or conflicts that fired at submission; any flag sends the registration to a manager. */
  flags?: { rule: string; detail: string }[];
  /** Country and start of the normalised customer name: where near-duplicates are looked for. */
  customerBlock?: string;
  /** The customer locks this registration holds (their partition keys). */
  locks?: string[];
  /** The conflict case this registration is a party of. */
  conflictId?: string;
  /** The product line the forecast attributes the deal to (the one with the most units). */
  forecastLine?: string;
  /** Review SLA: each reminder and escalation is sent once. */
  reviewReminderSentAt?: string;
  reviewEscalatedAt?: string;
  /** Expiry warnings of the current protection. */
  expiryWarnings?: ExpiryWarning[];
  extensionRequestedAt?: string;
  /** Approved by auto-approval at submission, not by a manager. */
  approvedAutomatically?: boolean;
  /** When a change took an auto-approved deal beyond the auto-approval limit and the partner manager was asked to look. */
  reviewRequestedAt?: string;
}

/** All a dealer ever learns of a competing registration, whoever holds it, dealer or direct team. */
export const CONFLICT_NOTICE = 'This customer is already protected or under review.';

/**
 * The API view, field by field in contract order: what is not listed here never reaches a client. Rule flags
 * (which may name another dealer or the direct team) are for the manufacturer side only.
 */
export function toApiRegistration(r: StoredRegistration, audience: 'dealer' | 'manufacturer' = 'dealer'): Registration {
  const view = {
    id: r.id,
    dealerId: r.dealerId,
    status: r.status,
    customer: r.customer,
    contact: r.contact,
    products: r.products,
    expectedValue: r.expectedValue,
    expectedCloseDate: r.expectedCloseDate,
    stage: r.stage,
    competitors: r.competitors,
    nextSteps: r.nextSteps,
    submittedAt: r.submittedAt,
    decidedAt: r.decidedAt,
    decisionReason: r.decisionReason,
    protectedUntil: r.protectedUntil,
    extension: r.extension,
    outcome: r.outcome,
    earned: r.earned,
    leadId: r.leadId,
    ...(r.status === 'in_conflict' ? { conflictNotice: CONFLICT_NOTICE } : {}),
    ...(audience === 'manufacturer' && r.flags?.length ? { flags: r.flags } : {}),
    version: r.version,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as Registration;
}

export const OPEN_STATUSES: readonly RegistrationStatus[] = ['submitted', 'in_conflict', 'approved'];
