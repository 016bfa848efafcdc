/**
 * The request form's state (what the dealer typed) and its mapping to the API's input, checked by the contract's
 * zod schema and the program's rules (`requestProblems`: before the activity, up to the cost share); each problem
 * lands on the field it names, from here or from the server's problem+json.
 */
import { requestProblems } from '@shared/domain/funds.js';
import { FundRequestInput } from '@shared/schemas/funds.js';
import type { FieldProblem } from '../../../lib/api-client.js';
import { toMinorUnits } from '../../../lib/format.js';

export const EMPTY_REQUEST = { activity: '', description: '', startsOn: '', endsOn: '', cost: '', requested: '' };
export type RequestForm = typeof EMPTY_REQUEST;
export type RequestField = keyof RequestForm;
export type RequestErrors = Partial<Record<RequestField, string>>;

/** What the program allows, from the dealer's allocation. */
export interface RequestTerms {
  currency: string;
  costSharePercent: number;
}

const minor = (value: string, currency: string) => {
  const number = Number(value.replace(',', '.'));
  return value.trim() === '' || Number.isNaN(number) ? undefined : toMinorUnits(number, currency);
};

export function toRequestInput(form: RequestForm, currency: string) {
  return {
    activity: form.activity,
    description: form.description,
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    cost: { amount: minor(form.cost, currency), currency },
    requested: { amount: minor(form.requested, currency), currency },
  };
}

/** A problem's path (zod's array or the server's JSON Pointer) to the field that shows it. */
export function requestFieldOf(path: readonly PropertyKey[] | string): RequestField {
  const [head] = typeof path === 'string' ? path.split('/').filter(Boolean) : path.map(String);
  return head && head in EMPTY_REQUEST ? (head as RequestField) : 'activity';
}

/** A rule's problem as the reader's words: the kind of problem (`kind`) with the field it is at. */
export type RuleProblem = {
  field: RequestField;
  kind: 'startsPast' | 'endsBeforeStart' | 'notPositive' | 'overShare' | 'other';
  message: string;
};

function ruleKind(problem: FieldProblem): RuleProblem['kind'] {
  if (problem.path === '/startsOn') return 'startsPast';
  if (problem.path === '/endsOn') return 'endsBeforeStart';
  if (problem.path === '/requested/amount') return problem.message.startsWith('must be more than 0') ? 'notPositive' : 'overShare';
  return 'other';
}

export function validateRequest(form: RequestForm, terms: RequestTerms, today: string) {
  const parsed = FundRequestInput.safeParse(toRequestInput(form, terms.currency));
  const schemaErrors: RequestErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) schemaErrors[requestFieldOf(issue.path)] ??= issue.message;
  const rules: RuleProblem[] = parsed.success
    ? requestProblems(parsed.data, terms, today).map((problem) => ({
        field: requestFieldOf(problem.path),
        kind: ruleKind(problem),
        message: problem.message,
      }))
    : [];
  return { schemaErrors, rules, input: parsed.success && rules.length === 0 ? parsed.data : undefined };
}

export function serverRequestErrors(problems: FieldProblem[] | undefined): RequestErrors {
  const errors: RequestErrors = {};
  for (const problem of problems ?? []) errors[requestFieldOf(problem.path)] ??= problem.message;
  return errors;
}
