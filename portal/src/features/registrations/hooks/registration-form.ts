/**
 * The register form's state (what the user typed, as strings) and its mapping to the API's input, validated by
 * the API's own schema; problems, from zod here or from the server's problem+json, land on the field they name.
 */
import { RegistrationInput } from '@shared/schemas/registration.js';
import type { FieldProblem } from '../../../lib/api-client.js';
import { todayUtc, toMinorUnits } from '../../../lib/format.js';

export const EMPTY_FORM = {
  customerName: '',
  country: '',
  city: '',
  contactName: '',
  contactEmail: '',
  sku: '',
  quantity: '1',
  amount: '',
  currency: 'EUR',
  closeDate: '',
  postalCode: '',
  vatId: '',
  website: '',
  segment: '',
  contactPhone: '',
  contactRole: '',
  stage: '',
  competitors: '',
  nextSteps: '',
};
export type RegistrationForm = typeof EMPTY_FORM;
export type FormField = keyof RegistrationForm;

/** The fields a dealer must fill in, in form order (at most eight visible; the rest are folded away). */
export const REQUIRED_FIELDS: readonly FormField[] = [
  'customerName',
  'country',
  'city',
  'contactName',
  'contactEmail',
  'sku',
  'amount',
  'closeDate',
];

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
const number = (value: string) => (value.trim() === '' ? undefined : Number(value));

export function toInput(form: RegistrationForm): unknown {
  const amount = number(form.amount);
  const input = {
    customer: {
      name: form.customerName,
      country: form.country || undefined,
      city: form.city,
      postalCode: optional(form.postalCode),
      vatId: optional(form.vatId),
      website: optional(form.website),
      segment: optional(form.segment),
    },
    contact: {
      name: form.contactName,
      email: form.contactEmail.trim(),
      phone: optional(form.contactPhone),
      role: optional(form.contactRole),
    },
    products: form.sku ? [{ sku: form.sku, quantity: number(form.quantity) }] : [],
    expectedValue: {
      amount: amount === undefined || Number.isNaN(amount) ? undefined : toMinorUnits(amount, form.currency),
      currency: form.currency,
    },
    expectedCloseDate: form.closeDate || undefined,
    stage: optional(form.stage),
    competitors: optional(form.competitors)
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    nextSteps: optional(form.nextSteps),
  };
  return JSON.parse(JSON.stringify(input)) as unknown;
}

/** A problem's path (zod's array or the server's JSON Pointer) to the form field that shows it. */
export function fieldOf(path: readonly PropertyKey[] | string): FormField {
  const parts = typeof path === 'string' ? path.split('/').filter(Boolean) : path.map(String);
  const [head, second] = parts;
  const last = parts.at(-1);
  switch (head) {
    case 'customer':
      return (
        (
          {
            name: 'customerName',
            country: 'country',
            city: 'city',
            postalCode: 'postalCode',
            vatId: 'vatId',
            website: 'website',
            segment: 'segment',
          } as const
        )[second as 'name'] ?? 'customerName'
      );
    case 'contact':
      return (
        ({ name: 'contactName', email: 'contactEmail', phone: 'contactPhone', role: 'contactRole' } as const)[second as 'name'] ??
        'contactName'
      );
    case 'products':
      return last === 'quantity' ? 'quantity' : 'sku';
    case 'expectedValue':
      return last === 'currency' ? 'currency' : 'amount';
    case 'expectedCloseDate':
      return 'closeDate';
    case 'stage':
    case 'competitors':
    case 'nextSteps':
      return head;
    default:
      return 'customerName';
  }
}

export type FieldErrors = Partial<Record<FormField, string>>;

/** What the API's schema (and its rule that a close date is not in the past) says about the form. */
export function validate(form: RegistrationForm): { errors: FieldErrors; input?: RegistrationInput } {
  const result = RegistrationInput.safeParse(toInput(form));
  const errors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = fieldOf(issue.path);
      errors[field] ??= issue.message;
    }
  }
  if (form.closeDate && form.closeDate < todayUtc()) errors.closeDate ??= 'must not be in the past';
  if (!form.sku) errors.sku ??= 'is required';
  if (Object.keys(errors).length > 0 || !result.success) return { errors };
  return { errors, input: result.data };
}

export function serverErrors(problems: FieldProblem[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems ?? []) errors[fieldOf(problem.path)] ??= problem.message;
  return errors;
}
