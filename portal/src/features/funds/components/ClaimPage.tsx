/**
 * The dealer claims an approved request after the activity: the amount (at most the approval), the invoice and any
 * evidence uploaded and confirmed first, then the claim names their file ids (checked by the contract's schema).
 */
import { FundClaimInput } from '@shared/schemas/funds.js';
import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { TextAreaField, TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate, formatMoney, fromMinorUnits, todayUtc, toMinorUnits } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useFieldMessage } from '../../registrations/hooks/useFieldMessage.js';
import { type FundRequest, useFundRequest, useSubmitClaim } from '../api/funds.js';
import { claimable, daysFrom } from './dates.js';
import { FundStatus } from './FundStatus.js';
import { ProofUpload } from './ProofUpload.js';

type ClaimField = 'amount' | 'invoice' | 'evidence' | 'note';

function ClaimForm({ request }: { request: FundRequest & { approved: { amount: number; currency: string } } }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const message = useFieldMessage();
  const navigate = useNavigate();
  const submit = useSubmitClaim();
  const approved = request.approved;
  const [amount, setAmount] = useState(String(fromMinorUnits(approved.amount, approved.currency)));
  const [note, setNote] = useState('');
  const [invoice, setInvoice] = useState<{ ids: string[]; busy: boolean }>({ ids: [], busy: false });
  const [evidence, setEvidence] = useState<{ ids: string[]; busy: boolean }>({ ids: [], busy: false });
  const [attempt, setAttempt] = useState(0);
  const [fromServer, setFromServer] = useState<Partial<Record<ClaimField, string>>>({});
  const [failure, setFailure] = useState<string>();
  const onInvoice = useCallback((ids: string[], busy: boolean) => setInvoice({ ids, busy }), []);
  const onEvidence = useCallback((ids: string[], busy: boolean) => setEvidence({ ids, busy }), []);

  const typed = Number(amount.replace(',', '.'));
  const minor = amount.trim() === '' || Number.isNaN(typed) ? undefined : toMinorUnits(typed, approved.currency);
  const body = {
    amount: { amount: minor, currency: approved.currency },
    proof: [...invoice.ids, ...evidence.ids],
    ...(note.trim() ? { note } : {}),
  };
  const parsed = FundClaimInput.safeParse(body);
  const local: Partial<Record<ClaimField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head] = issue.path.map(String);
      const field: ClaimField = head === 'proof' ? 'invoice' : head === 'note' ? 'note' : 'amount';
      local[field] ??= issue.message;
    }
  }
  if (minor !== undefined && minor > approved.amount)
    local.amount ??= t('funds.claim.errors.overApproved', { max: formatMoney(approved, locale) });
  if (minor !== undefined && minor <= 0) local.amount ??= t('funds.claim.errors.notPositive');
  if (invoice.ids.length === 0) local.invoice = t('funds.claim.errors.invoice');
  const busy = invoice.busy || evidence.busy;
  const shown = (field: ClaimField) => message(fromServer[field] ?? (attempt > 0 ? local[field] : undefined));
  const labels: Record<ClaimField, string> = {
    amount: t('funds.claim.amount'),
    invoice: t('funds.claim.invoice'),
    evidence: t('funds.claim.evidence'),
    note: t('funds.claim.note'),
  };
  const summary = (['amount', 'invoice', 'evidence', 'note'] as const)
    .filter((field) => shown(field))
    .map((field) => ({ fieldId: `claim-${field}`, label: labels[field], message: shown(field) as string }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setAttempt((n) => n + 1);
    if (busy || Object.keys(local).length > 0 || !parsed.success) return;
    try {
      await submit.mutateAsync({ requestId: request.id, body: parsed.data });
      navigate(paths.funds, { state: { notice: t('funds.claim.sent', { activity: request.activity }) } });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFailure(t('common.offline'));
        return;
      }
      const errors: Partial<Record<ClaimField, string>> = {};
      for (const problem of error.problem.errors ?? []) {
        errors[problem.path.startsWith('/proof') ? 'invoice' : problem.path.startsWith('/note') ? 'note' : 'amount'] ??= problem.message;
      }
      setFromServer(errors);
      setFailure(Object.keys(errors).length ? undefined : (error.problem.detail ?? t('common.failed')));
    }
  }

  return (
    <>
      <ErrorSummary items={summary} attempt={attempt} />
      {failure ? (
        <p role="alert" className="error-summary">
          {failure}
        </p>
      ) : null}
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="claim-amount"
          label={labels.amount}
          required
          inputMode="decimal"
          value={amount}
          error={shown('amount')}
          hint={t('funds.claim.amountHint', { max: formatMoney(approved, locale) })}
          onChange={(event) => {
            setAmount(event.target.value);
            setFromServer(({ amount: _gone, ...rest }) => rest);
          }}
        />
        <ProofUpload
          id="claim-invoice"
          label={labels.invoice}
          hint={t('funds.claim.invoiceHint')}
          required
          error={shown('invoice')}
          onChange={onInvoice}
        />
        <ProofUpload id="claim-evidence" label={labels.evidence} hint={t('funds.claim.evidenceHint')} multiple onChange={onEvidence} />
        <TextAreaField
          id="claim-note"
          label={labels.note}
          rows={2}
          value={note}
          error={shown('note')}
          onChange={(event) => setNote(event.target.value)}
        />
        <button type="submit" aria-busy={submit.isPending} disabled={submit.isPending || busy}>
          {busy ? t('funds.claim.waitUploads') : t('funds.claim.send')}
        </button>
      </form>
    </>
  );
}

export function ClaimPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const request = useFundRequest(id);
  const today = todayUtc();
  const data = request.data;
  return (
    <Page title={t('funds.claim.title')}>
      <p>
        <Link to={paths.funds}>{t('funds.back')}</Link>
      </p>
      {request.isPending ? <Loading /> : null}
      {request.error ? <QueryError error={request.error} retry={() => void request.refetch()} /> : null}
      {data ? (
        <>
          <section aria-labelledby="claim-request-heading">
            <h2 id="claim-request-heading">{data.activity}</h2>
            <p>
              <FundStatus status={data.status} of="request" />{' '}
              {t('funds.claim.window', {
                from: formatDate(data.endsOn, locale),
                until: formatDate(data.claimDeadline, locale),
                count: Math.max(0, daysFrom(today, data.claimDeadline)),
              })}
            </p>
            {data.approved ? <p>{t('funds.claim.approved', { amount: formatMoney(data.approved, locale) })}</p> : null}
          </section>
          {claimable(data, today) && data.approved ? (
            <ClaimForm request={{ ...data, approved: data.approved }} />
          ) : (
            <p role="status">
              {data.status === 'approved' && today < data.endsOn
                ? t('funds.claim.notYet', { date: formatDate(data.endsOn, locale) })
                : t('funds.claim.notOpen')}
            </p>
          )}
        </>
      ) : null}
    </Page>
  );
}
