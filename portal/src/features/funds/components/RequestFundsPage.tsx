/** The dealer asks for co-marketing funds for an activity: checked as the API checks it, before it is sent. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { paths } from '../../../app/paths.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { TextAreaField, TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatMoney, todayUtc } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useFieldMessage } from '../../registrations/hooks/useFieldMessage.js';
import { type Funds, useFunds, useSubmitRequest } from '../api/funds.js';
import {
  EMPTY_REQUEST,
  type RequestErrors,
  type RequestField,
  type RuleProblem,
  serverRequestErrors,
  toRequestInput,
  validateRequest,
} from './request-form.js';

const newKey = () => crypto.randomUUID();

function RequestForm({ funds }: { funds: Funds }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const message = useFieldMessage();
  const navigate = useNavigate();
  const submit = useSubmitRequest();
  const [form, setForm] = useState(EMPTY_REQUEST);
  const [touched, setTouched] = useState<Partial<Record<RequestField, boolean>>>({});
  const [fromServer, setFromServer] = useState<RequestErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string>();
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const terms = { currency: funds.allocation.currency, costSharePercent: funds.costSharePercent };
  const today = todayUtc();
  const checked = validateRequest(form, terms, today);
  const cost = toRequestInput(form, terms.currency).cost.amount;
  const maximum =
    cost === undefined
      ? undefined
      : formatMoney({ amount: Math.floor((cost * terms.costSharePercent) / 100), currency: terms.currency }, locale);

  const ruleText = (rule: RuleProblem) =>
    rule.kind === 'other' ? rule.message : t(`funds.request.errors.${rule.kind}`, { max: maximum ?? '', share: terms.costSharePercent });
  const local: RequestErrors = { ...checked.schemaErrors };
  for (const rule of checked.rules) local[rule.field] ??= ruleText(rule);
  const shown = (field: RequestField) => message(fromServer[field] ?? (touched[field] || attempt > 0 ? local[field] : undefined));

  const props = (field: RequestField) => ({
    value: form[field],
    error: shown(field),
    onChange: (event: { target: { value: string } }) => {
      setForm({ ...form, [field]: event.target.value });
      if (fromServer[field]) setFromServer(({ [field]: _gone, ...rest }) => rest);
    },
    onBlur: () => setTouched((current) => ({ ...current, [field]: true })),
  });
  const labels = Object.fromEntries(Object.keys(EMPTY_REQUEST).map((f) => [f, t(`funds.fields.${f}`)])) as Record<RequestField, string>;
  const summary = (Object.keys(EMPTY_REQUEST) as RequestField[])
    .filter((field) => (attempt > 0 ? shown(field) : fromServer[field]))
    .map((field) => ({ fieldId: `request-${field}`, label: labels[field], message: shown(field) as string }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setAttempt((n) => n + 1);
    if (!checked.input) return;
    try {
      const request = await submit.mutateAsync({ body: checked.input, idempotencyKey });
      navigate(paths.funds, { state: { notice: t('funds.request.sent', { activity: request.activity }) } });
    } catch (error) {
      if (error instanceof ApiError) {
        setIdempotencyKey(newKey());
        const errors = serverRequestErrors(error.problem.errors);
        setFromServer(errors);
        setFailure(Object.keys(errors).length ? undefined : (error.problem.detail ?? t('common.failed')));
      } else {
        // No answer: the same key lets a retry get the first answer if the first attempt did land.
        setFailure(t('common.offline'));
      }
    }
  }

  const field = (name: RequestField) => ({ id: `request-${name}`, label: labels[name], ...props(name) });
  return (
    <>
      <p className="muted">{t('funds.request.intro', { share: terms.costSharePercent, period: funds.period })}</p>
      <ErrorSummary items={summary} attempt={attempt} />
      {failure ? (
        <p role="alert" className="error-summary">
          {failure}
        </p>
      ) : null}
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <p className="muted">{t('form.requiredNote')}</p>
        <TextField {...field('activity')} required autoComplete="off" />
        <TextAreaField {...field('description')} required rows={3} />
        <div className="grid">
          <TextField {...field('startsOn')} type="date" required min={today} hint={t('funds.request.startsHint')} />
          <TextField {...field('endsOn')} type="date" required min={form.startsOn || today} />
        </div>
        <div className="grid">
          <TextField {...field('cost')} inputMode="decimal" required hint={t('funds.request.inCurrency', { currency: terms.currency })} />
          <TextField
            {...field('requested')}
            inputMode="decimal"
            required
            hint={
              maximum
                ? t('funds.request.maxHint', { share: terms.costSharePercent, max: maximum })
                : t('funds.request.shareHint', { share: terms.costSharePercent })
            }
          />
        </div>
        <button type="submit" aria-busy={submit.isPending} disabled={submit.isPending}>
          {t('funds.request.send')}
        </button>
      </form>
    </>
  );
}

export function RequestFundsPage() {
  const { t } = useTranslation();
  const funds = useFunds();
  const noAllocation = funds.error instanceof ApiError && funds.error.status === 404;
  return (
    <Page title={t('funds.request.title')}>
      <p>
        <Link to={paths.funds}>{t('funds.back')}</Link>
      </p>
      {funds.isPending ? <Loading /> : null}
      {noAllocation ? <p>{t('funds.dealer.noAllocation')}</p> : null}
      {funds.error && !noAllocation ? <QueryError error={funds.error} retry={() => void funds.refetch()} /> : null}
      {funds.data ? <RequestForm funds={funds.data} /> : null}
    </Page>
  );
}
