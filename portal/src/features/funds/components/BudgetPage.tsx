/**
 * A quarter's co-marketing budget: channel admins set fixed amounts per tier or an accrual percentage of won revenue,
 * with the cost share and claim days; finance reads it. Allocations follow when the funds schedule opens the period.
 */
import { BudgetInput, FundPeriod } from '@shared/schemas/funds.js';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime, formatMoney, fromMinorUnits, toMinorUnits } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { useFieldMessage } from '../../registrations/hooks/useFieldMessage.js';
import { type Budget, currentPeriod, useBudget, usePutBudget } from '../api/funds.js';

const TIERS = ['gold', 'silver', 'bronze'] as const;
type BudgetForm = {
  kind: 'fixed' | 'accrual';
  currency: string;
  gold: string;
  silver: string;
  bronze: string;
  accrualPercent: string;
  costSharePercent: string;
  claimDays: string;
};
type BudgetField = Exclude<keyof BudgetForm, 'kind'>;

const EMPTY: BudgetForm = {
  kind: 'fixed',
  currency: 'EUR',
  gold: '',
  silver: '',
  bronze: '',
  accrualPercent: '',
  costSharePercent: '50',
  claimDays: '60',
};
const num = (value: string) => (value.trim() === '' ? undefined : Number(value.replace(',', '.')));

function formOf(budget: Budget): BudgetForm {
  const major = (tier: (typeof TIERS)[number]) =>
    budget.byTier ? String(fromMinorUnits(budget.byTier[tier].amount, budget.currency)) : '';
  return {
    kind: budget.byTier ? 'fixed' : 'accrual',
    currency: budget.currency,
    gold: major('gold'),
    silver: major('silver'),
    bronze: major('bronze'),
    accrualPercent: budget.accrualPercent === undefined ? '' : String(budget.accrualPercent),
    costSharePercent: String(budget.costSharePercent),
    claimDays: String(budget.claimDays),
  };
}

function inputOf(form: BudgetForm) {
  const terms = { costSharePercent: num(form.costSharePercent), claimDays: num(form.claimDays) };
  if (form.kind === 'accrual') return { accrualPercent: num(form.accrualPercent), ...terms };
  const money = (value: string) => {
    const major = num(value);
    return { amount: major === undefined || Number.isNaN(major) ? undefined : toMinorUnits(major, form.currency), currency: form.currency };
  };
  return { byTier: { gold: money(form.gold), silver: money(form.silver), bronze: money(form.bronze) }, ...terms };
}

function fieldOfIssue(path: readonly PropertyKey[]): BudgetField {
  const [head, second, third] = path.map(String);
  if (head === 'byTier') return third === 'currency' ? 'currency' : ((second ?? 'gold') as BudgetField);
  return (head && head in EMPTY ? head : 'gold') as BudgetField;
}

function BudgetEditor({ period, budget }: { period: string; budget: Budget | null }) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const put = usePutBudget();
  const [form, setForm] = useState<BudgetForm>(budget ? formOf(budget) : EMPTY);
  const [errors, setErrors] = useState<Partial<Record<BudgetField, string>>>({});
  const [status, setStatus] = useState<string>();
  useEffect(() => setForm(budget ? formOf(budget) : EMPTY), [budget]);

  const props = (field: BudgetField) => ({
    id: `budget-${field}`,
    value: form[field],
    error: message(errors[field]),
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value }),
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    const parsed = BudgetInput.safeParse(inputOf(form));
    const found: Partial<Record<BudgetField, string>> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) found[fieldOfIssue(issue.path)] ??= issue.message;
    setErrors(found);
    if (!parsed.success) return;
    try {
      await put.mutateAsync({ period, body: parsed.data });
      setStatus(t('funds.budgets.saved', { period }));
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) {
        const fromServer: Partial<Record<BudgetField, string>> = {};
        for (const problem of error.problem.errors) fromServer[fieldOfIssue(problem.path.split('/').filter(Boolean))] ??= problem.message;
        setErrors(fromServer);
      } else setStatus(error instanceof ApiError ? (error.problem.detail ?? t('common.failed')) : t('common.offline'));
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)}>
      <SelectField
        id="budget-kind"
        label={t('funds.budgets.kind')}
        value={form.kind}
        onChange={(e) => setForm({ ...form, kind: e.target.value as BudgetForm['kind'] })}
      >
        <option value="fixed">{t('funds.budgets.fixed')}</option>
        <option value="accrual">{t('funds.budgets.accrual')}</option>
      </SelectField>
      {form.kind === 'fixed' ? (
        <div className="grid">
          {TIERS.map((tier) => (
            <TextField key={tier} {...props(tier)} label={t(`tier.${tier}`)} inputMode="decimal" required />
          ))}
          <TextField {...props('currency')} label={t('funds.budgets.currency')} required maxLength={3} />
        </div>
      ) : (
        <TextField {...props('accrualPercent')} label={t('funds.budgets.accrualPercent')} inputMode="decimal" required />
      )}
      <div className="grid">
        <TextField {...props('costSharePercent')} label={t('funds.budgets.costShare')} inputMode="decimal" required />
        <TextField {...props('claimDays')} label={t('funds.budgets.claimDays')} inputMode="numeric" required />
      </div>
      <button type="submit" aria-busy={put.isPending} disabled={put.isPending}>
        {t('funds.budgets.save')}
      </button>
      {status ? <p role="status">{status}</p> : null}
    </form>
  );
}

function BudgetSummary({ budget }: { budget: Budget }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <p>
      {budget.byTier
        ? TIERS.map((tier) => `${t(`tier.${tier}`)}: ${formatMoney((budget.byTier as NonNullable<Budget['byTier']>)[tier], locale)}`).join(
            ' · ',
          )
        : t('funds.budgets.accrualOf', { percent: budget.accrualPercent })}
      <br />
      <small className="muted">
        {t('funds.budgets.terms', { share: budget.costSharePercent, days: budget.claimDays })} ·{' '}
        {budget.openedAt ? t('funds.budgets.opened', { at: formatDateTime(budget.openedAt, locale) }) : t('funds.budgets.notOpened')}
      </small>
    </p>
  );
}

export function BudgetPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [period, setPeriod] = useState(currentPeriod());
  const valid = FundPeriod.safeParse(period).success;
  const budget = useBudget(valid ? period : currentPeriod());
  return (
    <Page title={t('funds.budgets.title')}>
      <TextField
        id="budget-period"
        label={t('funds.budgets.period')}
        value={period}
        hint={t('funds.budgets.periodHint')}
        error={valid ? undefined : t('funds.budgets.periodError')}
        onChange={(event) => setPeriod(event.target.value.toUpperCase())}
      />
      {budget.isPending ? <Loading /> : null}
      {budget.error ? <QueryError error={budget.error} retry={() => void budget.refetch()} /> : null}
      {budget.data === null ? <p>{t('funds.budgets.none')}</p> : null}
      {budget.data ? <BudgetSummary budget={budget.data} /> : null}
      {session.role === 'channel_admin' && budget.data !== undefined && valid ? (
        <BudgetEditor period={period} budget={budget.data} />
      ) : null}
    </Page>
  );
}
