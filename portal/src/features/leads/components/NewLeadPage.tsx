/**
 * `/leads/new` for channel admins: one lead by form, or many from a CSV file — parsed and validated in the browser
 * by the API's schema (bad rows named by line and column, nothing sent), then sent a few at a time with progress.
 */
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { paths } from '../../../app/paths.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextAreaField, TextField } from '../../../components/Field.js';
import { Page } from '../../../components/Page.js';
import { ApiError } from '../../../lib/api-client.js';
import { currentLocale } from '../../../lib/i18n.js';
import { CURRENCIES, countryOptions } from '../../registrations/components/countries.js';
import { useFieldMessage } from '../../registrations/hooks/useFieldMessage.js';
import { createLead, type Lead, useCreateLead } from '../api/leads.js';
import {
  EMPTY_LEAD,
  type ImportRow,
  LEAD_COLUMNS,
  type LeadColumn,
  type LeadErrors,
  type LeadFields,
  leadServerErrors,
  parseLeadCsv,
  type RowProblem,
  validateLead,
} from '../hooks/lead-form.js';
import { LeadStatusBadge } from './LeadParts.js';

const newKey = () => crypto.randomUUID();

export function NewLeadPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('leads.create.title')}>
      <p className="muted">{t('leads.create.intro')}</p>
      <LeadForm />
      <LeadImport />
    </Page>
  );
}

function LeadForm() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const message = useFieldMessage();
  const create = useCreateLead();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const [form, setForm] = useState<LeadFields>(EMPTY_LEAD);
  const [touched, setTouched] = useState<Partial<Record<LeadColumn, boolean>>>({});
  const [fromServer, setFromServer] = useState<LeadErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string>();
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);

  const local = validateLead(form).errors;
  const shown = (field: LeadColumn) => message(fromServer[field] ?? (touched[field] || attempt > 0 ? local[field] : undefined));
  const label = (field: LeadColumn) => t(`leads.fields.${field}`);
  const props = (field: LeadColumn) => ({
    id: `lead-${field}`,
    label: label(field),
    value: form[field],
    onChange: (event: { target: { value: string } }) => {
      setForm({ ...form, [field]: event.target.value });
      if (fromServer[field]) setFromServer(({ [field]: _gone, ...rest }) => rest);
    },
    onBlur: () => setTouched((current) => ({ ...current, [field]: true })),
    error: shown(field),
  });
  const summary = LEAD_COLUMNS.filter((field) => (attempt > 0 ? shown(field) : fromServer[field])).map((field) => ({
    fieldId: `lead-${field}`,
    label: label(field),
    message: shown(field) as string,
  }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setAttempt((n) => n + 1);
    const { input } = validateLead(form);
    if (!input) return;
    try {
      const lead = await create.mutateAsync({ input, idempotencyKey });
      navigate(paths.lead(lead.id));
    } catch (error) {
      if (error instanceof ApiError) {
        setIdempotencyKey(newKey());
        const errors = leadServerErrors(error.problem.errors);
        setFromServer(errors);
        setFailure(Object.keys(errors).length ? undefined : (error.problem.detail ?? error.problem.title ?? t('common.failed')));
      } else {
        // No answer: the same key lets the retry return the first lead if the first attempt did land.
        setFailure(t('common.offline'));
      }
    }
  }

  return (
    <section aria-labelledby="lead-form-heading">
      <h2 id="lead-form-heading">{t('leads.create.one')}</h2>
      <ErrorSummary items={summary} attempt={attempt} />
      {failure ? (
        <p role="alert" className="error-summary">
          {failure}
        </p>
      ) : null}
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <fieldset>
          <legend>{t('leads.customer')}</legend>
          <TextField required autoComplete="off" {...props('customerName')} />
          <div className="grid">
            <SelectField required {...props('country')}>
              <option value="">{t('form.choose')}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField required {...props('city')} />
            <TextField {...props('postalCode')} />
          </div>
          <TextField hint={t('register.vatHint')} {...props('vatId')} />
        </fieldset>
        <fieldset>
          <legend>{t('leads.contact')}</legend>
          <div className="grid">
            <TextField required autoComplete="off" {...props('contactName')} />
            <TextField required type="email" inputMode="email" autoComplete="off" {...props('contactEmail')} />
            <TextField type="tel" inputMode="tel" {...props('contactPhone')} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('leads.interest')}</legend>
          <div className="grid">
            <TextField required hint={t('leads.create.sourceHint')} {...props('source')} />
            <TextField hint={t('leads.create.productLinesHint')} {...props('productLines')} />
          </div>
          <TextAreaField rows={2} {...props('note')} />
          <div className="grid">
            <TextField type="number" min={0} step="0.01" inputMode="decimal" {...props('amount')} />
            <SelectField {...props('currency')}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
            <TextField hint={t('leads.create.regionHint')} {...props('regionId')} />
          </div>
        </fieldset>
        <button type="submit" aria-busy={create.isPending} disabled={create.isPending}>
          {t('leads.create.submit')}
        </button>
      </form>
    </section>
  );
}

type Sent = { line: number; lead: Lead } | { line: number; problem: string };

/** How many creations are in flight at once: quick for an admin's file, gentle on the routing counters. */
const IN_FLIGHT = 4;

function LeadImport() {
  const { t } = useTranslation();
  const [parsed, setParsed] = useState<{ rows: ImportRow[]; problems: RowProblem[]; name: string }>();
  const [sent, setSent] = useState<Sent[]>([]);
  const [sending, setSending] = useState(false);
  // One key per row and file: sending a failed row again returns its lead if the first attempt did land.
  const keys = useRef(new Map<number, string>());

  const onFile = async (file: File | undefined) => {
    setSent([]);
    keys.current = new Map();
    if (!file) return setParsed(undefined);
    setParsed({ ...parseLeadCsv(await file.text()), name: file.name });
  };

  const send = async (rows: ImportRow[]) => {
    setSending(true);
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const key = keys.current.get(row.line) ?? newKey();
        keys.current.set(row.line, key);
        const line = row.line;
        const outcome: Sent = await createLead(row.input, key).then(
          (lead) => ({ line, lead }),
          (error: unknown) => ({
            line,
            problem:
              error instanceof ApiError
                ? [error.problem.detail, ...(error.problem.errors ?? []).map((e) => `${e.path}: ${e.message}`)].filter(Boolean).join(' ')
                : t('common.offline'),
          }),
        );
        setSent((current) => [...current.filter((s) => s.line !== line), outcome]);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    setSending(false);
  };

  const rows = parsed?.rows ?? [];
  const failed = sent.filter((s): s is Extract<Sent, { problem: string }> => 'problem' in s);
  const created = sent.filter((s): s is Extract<Sent, { lead: Lead }> => 'lead' in s).sort((a, b) => a.line - b.line);
  const ready = parsed && parsed.problems.length === 0 && rows.length > 0;

  const onSend = (event: FormEvent) => {
    event.preventDefault();
    if (ready) void send(rows.filter((row) => !created.some((c) => c.line === row.line)));
  };

  return (
    <section aria-labelledby="lead-import-heading">
      <h2 id="lead-import-heading">{t('leads.import.title')}</h2>
      <p className="muted">{t('leads.import.intro', { columns: LEAD_COLUMNS.join(', ') })}</p>
      <form onSubmit={onSend}>
        <label htmlFor="lead-import-file">{t('leads.import.file')}</label>
        <input id="lead-import-file" type="file" accept=".csv,text/csv" onChange={(event) => void onFile(event.target.files?.[0])} />
        {ready && created.length < rows.length ? (
          <button type="submit" disabled={sending} aria-busy={sending}>
            {failed.length > 0 && !sending
              ? t('leads.import.retry', { count: failed.length })
              : t('leads.import.send', { count: rows.length })}
          </button>
        ) : null}
      </form>
      <div role="status" aria-live="polite">
        {ready && sent.length === 0 && !sending ? <p>{t('leads.import.valid', { count: rows.length, name: parsed.name })}</p> : null}
        {sent.length > 0 || sending ? (
          <p>{t('leads.import.progress', { done: sent.length, total: rows.length, failed: failed.length })}</p>
        ) : null}
      </div>
      {sent.length > 0 || sending ? <progress value={sent.length} max={rows.length} aria-label={t('leads.import.progressLabel')} /> : null}
      {parsed && parsed.problems.length > 0 ? (
        <div role="alert">
          <p>{t('leads.import.rejected', { count: parsed.problems.length })}</p>
          <ProblemTable problems={parsed.problems} />
        </div>
      ) : null}
      {failed.length > 0 && !sending ? (
        <div role="alert">
          <p>{t('leads.import.failed', { count: failed.length })}</p>
          <ProblemTable problems={failed.map((f) => ({ line: f.line, column: '', message: f.problem }))} />
        </div>
      ) : null}
      {created.length > 0 ? (
        <div className="overflow-auto">
          <table className="responsive-table striped">
            <caption>{t('leads.import.created', { count: created.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('leads.import.line')}</th>
                <th scope="col">{t('leads.customer')}</th>
                <th scope="col">{t('leads.statusFilter')}</th>
                <th scope="col">{t('leads.desk.offeredTo')}</th>
              </tr>
            </thead>
            <tbody>
              {created.map(({ line, lead }) => (
                <tr key={line}>
                  <td data-label={t('leads.import.line')}>{line}</td>
                  <td data-label={t('leads.customer')}>
                    <Link to={paths.lead(lead.id)}>{lead.customer.name}</Link>
                  </td>
                  <td data-label={t('leads.statusFilter')}>
                    <LeadStatusBadge status={lead.status} />
                  </td>
                  <td data-label={t('leads.desk.offeredTo')}>{lead.offeredTo ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function ProblemTable({ problems }: { problems: RowProblem[] }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-auto">
      <table className="striped">
        <thead>
          <tr>
            <th scope="col">{t('leads.import.line')}</th>
            <th scope="col">{t('leads.import.column')}</th>
            <th scope="col">{t('leads.import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={`${p.line}-${p.column}-${p.message}`} data-line={p.line}>
              <td>{p.line}</td>
              <td>{p.column}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
