/**
 * The conversion form: the registration form's deal fields (what the lead lacks), validated by the API's own
 * `LeadConversion` schema; problems land on the field the registration form would show them at.
 */
import { LeadConversion } from '@shared/schemas/leads.js';
import type { FieldProblem } from '../../../lib/api-client.js';
import { fromMinorUnits, todayUtc, toMinorUnits } from '../../../lib/format.js';
import { type FormField, fieldOf } from '../../registrations/hooks/registration-form.js';
import type { DealerLead } from '../api/leads.js';

export const CONVERSION_FIELDS = ['sku', 'quantity', 'amount', 'currency', 'closeDate', 'stage', 'competitors', 'nextSteps'] as const;
export type ConversionField = (typeof CONVERSION_FIELDS)[number] & FormField;
export type ConversionForm = Record<ConversionField, string>;
export type ConversionErrors = Partial<Record<ConversionField, string>>;

/** The form as the lead prefills it: its expected value, if it has one. */
export function conversionFormOf(lead: DealerLead): ConversionForm {
  const value = lead.expectedValue;
  return {
    sku: '',
    quantity: '1',
    amount: value ? String(fromMinorUnits(value.amount, value.currency)) : '',
    currency: value?.currency ?? 'EUR',
    closeDate: '',
    stage: '',
    competitors: '',
    nextSteps: '',
  };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
const number = (value: string) => (value.trim() === '' ? undefined : Number(value));

export function toConversionInput(form: ConversionForm): unknown {
  const amount = number(form.amount);
  const input = {
    products: form.sku ? [{ sku: form.sku, quantity: number(form.quantity) }] : [],
    expectedValue:
      amount === undefined
        ? undefined
        : { amount: Number.isNaN(amount) ? undefined : toMinorUnits(amount, form.currency), currency: form.currency },
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

const asConversionField = (field: FormField): ConversionField =>
  (CONVERSION_FIELDS as readonly string[]).includes(field) ? (field as ConversionField) : 'sku';

export function validateConversion(form: ConversionForm): { errors: ConversionErrors; input?: LeadConversion } {
  const result = LeadConversion.safeParse(toConversionInput(form));
  const errors: ConversionErrors = {};
  if (!result.success) for (const issue of result.error.issues) errors[asConversionField(fieldOf(issue.path))] ??= issue.message;
  if (!form.sku) errors.sku ??= 'is required';
  if (!form.closeDate) errors.closeDate ??= 'is required';
  else if (form.closeDate < todayUtc()) errors.closeDate ??= 'must not be in the past';
  if (Object.keys(errors).length > 0 || !result.success) return { errors };
  return { errors, input: result.data };
}

export function conversionServerErrors(problems: FieldProblem[] | undefined): ConversionErrors {
  const errors: ConversionErrors = {};
  for (const problem of problems ?? []) errors[asConversionField(fieldOf(problem.path))] ??= problem.message;
  return errors;
}
