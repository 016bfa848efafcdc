/** What a dealer can do with an open registration: edit (If-Match), ask for an extension, report the outcome, withdraw. */
import {
  ExtensionRequest as ExtensionSchema,
  Outcome as OutcomeSchema,
  RegistrationUpdate as UpdateSchema,
} from '@shared/schemas/registration.js';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type SummaryItem } from '../../../components/ErrorSummary.js';
import { SelectField, TextAreaField, TextField } from '../../../components/Field.js';
import { ApiError } from '../../../lib/api-client.js';
import { fromMinorUnits, todayUtc, toMinorUnits } from '../../../lib/format.js';
import { useReportOutcome, useRequestExtension, useUpdateRegistration, useWithdraw } from '../api/registrations.js';
import type { Registration } from '../api/types.js';
import { useFieldMessage } from '../hooks/useFieldMessage.js';

type Errors = Record<string, string>;

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, prefix: string): Errors {
  const errors: Errors = {};
  for (const issue of result.error?.issues ?? []) errors[`${prefix}-${String(issue.path.at(-1) ?? 'form')}`] ??= issue.message;
  return errors;
}

function problemErrors(error: unknown, prefix: string): Errors {
  const errors: Errors = {};
  if (error instanceof ApiError)
    for (const p of error.problem.errors ?? []) errors[`${prefix}-${p.path.split('/').filter(Boolean).at(-1) ?? 'form'}`] ??= p.message;
  return errors;
}

function ActionForm(props: {
  title: string;
  submitLabel: string;
  errors: Errors;
  labels: Record<string, string>;
  attempt: number;
  onSubmit: () => void;
  busy: boolean;
  note?: ReactNode;
  children: ReactNode;
}) {
  const message = useFieldMessage();
  const items: SummaryItem[] = Object.entries(props.errors).map(([fieldId, m]) => ({
    fieldId,
    label: props.labels[fieldId] ?? fieldId,
    message: message(m) ?? m,
  }));
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <ErrorSummary items={items} attempt={props.attempt} />
      {props.note}
      {props.children}
      <button type="submit" aria-busy={props.busy} disabled={props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}

function Stale({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="error-summary">
      <p>{t('registration.stale')}</p>
      <button type="button" onClick={onReload}>
        {t('registration.reload')}
      </button>
    </div>
  );
}

export function EditForm({ registration, onReload }: { registration: Registration; onReload: () => void }) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const update = useUpdateRegistration(registration.id);
  const currency = registration.expectedValue.currency;
  const [form, setForm] = useState({
    amount: String(fromMinorUnits(registration.expectedValue.amount, currency)),
    closeDate: registration.expectedCloseDate,
    stage: registration.stage ?? '',
    nextSteps: registration.nextSteps ?? '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);
  const labels = {
    'edit-amount': t('register.fields.amount'),
    'edit-expectedCloseDate': t('register.fields.closeDate'),
    'edit-stage': t('register.fields.stage'),
    'edit-nextSteps': t('register.fields.nextSteps'),
  };

  const submit = async () => {
    setSaved(false);
    setAttempt((n) => n + 1);
    const amount = toMinorUnits(Number(form.amount), currency);
    const change = {
      ...(amount !== registration.expectedValue.amount ? { expectedValue: { amount, currency } } : {}),
      ...(form.closeDate !== registration.expectedCloseDate ? { expectedCloseDate: form.closeDate } : {}),
      ...(form.stage && form.stage !== registration.stage ? { stage: form.stage } : {}),
      ...(form.nextSteps.trim() && form.nextSteps !== registration.nextSteps ? { nextSteps: form.nextSteps } : {}),
    };
    const parsed = UpdateSchema.safeParse(change);
    const found = issuesOf(parsed, 'edit');
    if (form.closeDate < todayUtc()) found['edit-expectedCloseDate'] ??= 'must not be in the past';
    if (found['edit-form']) found['edit-amount'] = t('registration.nothingChanged');
    delete found['edit-form'];
    setErrors(found);
    if (!parsed.success || Object.keys(found).length) return;
    try {
      await update.mutateAsync({ update: parsed.data, version: registration.version });
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setStale(true);
      else
        setErrors({
          ...problemErrors(error, 'edit'),
          ...(error instanceof ApiError && !error.problem.errors ? { 'edit-amount': error.message } : {}),
        });
    }
  };
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });
  return (
    <>
      {stale ? (
        <Stale
          onReload={() => {
            setStale(false);
            onReload();
          }}
        />
      ) : null}
      {saved ? <p role="status">{t('registration.saved')}</p> : null}
      <ActionForm
        title={t('registration.edit')}
        submitLabel={t('registration.save')}
        errors={errors}
        labels={labels}
        attempt={attempt}
        busy={update.isPending}
        onSubmit={() => void submit()}
      >
        <div className="grid">
          <TextField
            id="edit-amount"
            label={`${labels['edit-amount']} (${currency})`}
            type="number"
            min={0}
            step="0.01"
            error={message(errors['edit-amount'])}
            {...field('amount')}
          />
          <TextField
            id="edit-expectedCloseDate"
            label={labels['edit-expectedCloseDate']}
            type="date"
            error={message(errors['edit-expectedCloseDate'])}
            {...field('closeDate')}
          />
          <SelectField id="edit-stage" label={labels['edit-stage']} error={message(errors['edit-stage'])} {...field('stage')}>
            <option value="">{t('form.none')}</option>
            {(['early', 'mid', 'late'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField
          id="edit-nextSteps"
          label={labels['edit-nextSteps']}
          rows={2}
          error={message(errors['edit-nextSteps'])}
          {...field('nextSteps')}
        />
      </ActionForm>
    </>
  );
}

export function ExtensionForm({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const request = useRequestExtension(registration.id);
  const [form, setForm] = useState({ days: '30', reason: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const labels = { 'extension-days': t('registration.extensionDays'), 'extension-reason': t('registration.extensionReason') };
  const submit = async () => {
    setAttempt((n) => n + 1);
    const parsed = ExtensionSchema.safeParse({ days: Number(form.days), reason: form.reason });
    setErrors(issuesOf(parsed, 'extension'));
    if (!parsed.success) return;
    try {
      await request.mutateAsync(parsed.data);
    } catch (error) {
      setErrors({
        ...problemErrors(error, 'extension'),
        ...(error instanceof ApiError && !error.problem.errors ? { 'extension-days': error.message } : {}),
      });
    }
  };
  return (
    <ActionForm
      title={t('registration.extension')}
      submitLabel={t('registration.requestExtension')}
      errors={errors}
      labels={labels}
      attempt={attempt}
      busy={request.isPending}
      onSubmit={() => void submit()}
    >
      <div className="grid">
        <TextField
          id="extension-days"
          label={labels['extension-days']}
          type="number"
          min={1}
          step={1}
          value={form.days}
          onChange={(e) => setForm({ ...form, days: e.target.value })}
          error={message(errors['extension-days'])}
        />
        <TextField
          id="extension-reason"
          label={labels['extension-reason']}
          value={form.reason}
          onChange={(e) => setForm({ ...form, reason: e.target.value })}
          error={message(errors['extension-reason'])}
        />
      </div>
    </ActionForm>
  );
}

export function OutcomeForm({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const report = useReportOutcome(registration.id);
  const currency = registration.expectedValue.currency;
  const [form, setForm] = useState({
    result: 'won',
    actualValue: String(fromMinorUnits(registration.expectedValue.amount, currency)),
    closedOn: todayUtc(),
    lostReason: '',
    competitor: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const labels = {
    'outcome-result': t('registration.result'),
    'outcome-actualValue': t('registration.actualValue'),
    'outcome-closedOn': t('registration.closedOn'),
    'outcome-lostReason': t('registration.lostReason'),
    'outcome-competitor': t('registration.competitor'),
  };
  const submit = async () => {
    setAttempt((n) => n + 1);
    const body =
      form.result === 'won'
        ? {
            result: 'won',
            closedOn: form.closedOn,
            ...(form.actualValue ? { actualValue: { amount: toMinorUnits(Number(form.actualValue), currency), currency } } : {}),
          }
        : {
            result: 'lost',
            closedOn: form.closedOn,
            lostReason: form.lostReason,
            ...(form.competitor.trim() ? { competitor: form.competitor } : {}),
          };
    const parsed = OutcomeSchema.safeParse(body);
    setErrors(issuesOf(parsed, 'outcome'));
    if (!parsed.success) return;
    try {
      await report.mutateAsync(parsed.data);
    } catch (error) {
      setErrors({
        ...problemErrors(error, 'outcome'),
        ...(error instanceof ApiError && !error.problem.errors ? { 'outcome-result': error.message } : {}),
      });
    }
  };
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
    error: message(errors[`outcome-${name}`]),
  });
  return (
    <ActionForm
      title={t('registration.outcome')}
      submitLabel={t('registration.reportOutcome')}
      errors={errors}
      labels={labels}
      attempt={attempt}
      busy={report.isPending}
      onSubmit={() => void submit()}
    >
      <div className="grid">
        <SelectField id="outcome-result" label={labels['outcome-result']} {...field('result')}>
          <option value="won">{t('status.won')}</option>
          <option value="lost">{t('status.lost')}</option>
        </SelectField>
        <TextField id="outcome-closedOn" label={labels['outcome-closedOn']} type="date" {...field('closedOn')} />
      </div>
      {form.result === 'won' ? (
        <TextField
          id="outcome-actualValue"
          label={`${labels['outcome-actualValue']} (${currency})`}
          type="number"
          min={0}
          step="0.01"
          {...field('actualValue')}
        />
      ) : (
        <div className="grid">
          <TextField id="outcome-lostReason" label={labels['outcome-lostReason']} {...field('lostReason')} />
          <TextField id="outcome-competitor" label={labels['outcome-competitor']} {...field('competitor')} />
        </div>
      )}
    </ActionForm>
  );
}

export function WithdrawButton({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const withdraw = useWithdraw(registration.id);
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)}>
        {t('registration.withdraw')}
      </button>
    );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a confirmation row of buttons, not a form field set
    <div role="group" aria-label={t('registration.withdraw')} className="row-actions">
      <p>{t('registration.withdrawConfirm')}</p>
      <button type="button" className="contrast" aria-busy={withdraw.isPending} onClick={() => withdraw.mutate()}>
        {t('registration.withdrawYes')}
      </button>
      <button type="button" className="secondary outline" onClick={() => setConfirming(false)}>
        {t('common.cancel')}
      </button>
      {withdraw.isError ? <p role="alert">{(withdraw.error as Error).message}</p> : null}
    </div>
  );
}
