/**
 * The funds queues of a partner manager or regional director, for the dealers of their regions: requests to
 * decide (approve the amount asked or less, or reject with a reason) and claims to decide after seeing the proof.
 */
import { FundClaimDecision, FundRequestDecision } from '@shared/schemas/funds.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate, formatDateTime, formatMoney, fromMinorUnits, toMinorUnits } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useFieldMessage } from '../../registrations/hooks/useFieldMessage.js';
import {
  type FundClaim,
  type FundRequest,
  useClaimProof,
  useDecideClaim,
  useDecideRequest,
  useFundClaims,
  useFundRequests,
  useFunds,
} from '../api/funds.js';

const problemText = (error: unknown, fallback: string) =>
  error instanceof ApiError ? (error.problem.errors?.[0]?.message ?? error.problem.detail ?? fallback) : fallback;

function Available({ dealerId, period }: { dealerId: string; period: string }) {
  const { t } = useTranslation();
  const funds = useFunds({ dealerId, period });
  if (!funds.data) return null;
  return <>{t('funds.queue.available', { amount: formatMoney(funds.data.available, currentLocale()), period })}</>;
}

function RequestCard({ request }: { request: FundRequest }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const message = useFieldMessage();
  const decide = useDecideRequest();
  const currency = request.requested.currency;
  const [amount, setAmount] = useState(String(fromMinorUnits(request.requested.amount, currency)));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const [failure, setFailure] = useState<string>();
  const field = (name: string) => `request-${request.id}-${name}`;

  async function send(event: FormEvent, kind: 'approve' | 'reject') {
    event.preventDefault();
    setFailure(undefined);
    const typed = Number(amount.replace(',', '.'));
    const approved = amount.trim() === '' || Number.isNaN(typed) ? undefined : toMinorUnits(typed, currency);
    const decision =
      kind === 'approve'
        ? { decision: 'approve', approved: { amount: approved, currency }, ...(reason.trim() ? { reason } : {}) }
        : { decision: 'reject', reason };
    const parsed = FundRequestDecision.safeParse(decision);
    const found: { amount?: string; reason?: string } = {};
    if (!parsed.success) for (const issue of parsed.error.issues) found[issue.path[0] === 'reason' ? 'reason' : 'amount'] ??= issue.message;
    if (kind === 'approve' && approved !== undefined && approved > request.requested.amount)
      found.amount ??= t('funds.queue.errors.overRequested', { max: formatMoney(request.requested, locale) });
    if (kind === 'approve' && approved !== undefined && approved <= 0) found.amount ??= t('funds.queue.errors.notPositive');
    if (kind === 'reject' && !reason.trim()) found.reason = t('funds.queue.errors.reason');
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    try {
      await decide.mutateAsync({ id: request.id, decision: parsed.data });
    } catch (error) {
      setFailure(problemText(error, t('common.failed')));
    }
  }

  return (
    <article data-fund-request={request.id} aria-labelledby={field('title')}>
      <header>
        <h3 id={field('title')}>{request.activity}</h3>
        <small className="muted">
          {t('funds.queue.dealer', { dealerId: request.dealerId })} · {formatDate(request.startsOn, locale)} –{' '}
          {formatDate(request.endsOn, locale)}
        </small>
      </header>
      <p className="post-body">{request.description}</p>
      <p>
        {t('funds.queue.asked', { requested: formatMoney(request.requested, locale), cost: formatMoney(request.cost, locale) })}
        <br />
        <small className="muted">
          <Available dealerId={request.dealerId} period={request.period} />
        </small>
      </p>
      <form noValidate onSubmit={(event) => void send(event, 'approve')}>
        <div className="grid">
          <TextField
            id={field('amount')}
            label={t('funds.queue.approveAmount')}
            inputMode="decimal"
            value={amount}
            error={message(errors.amount)}
            hint={t('funds.queue.approveHint', { currency })}
            onChange={(event) => setAmount(event.target.value)}
          />
          <TextField
            id={field('reason')}
            label={t('funds.queue.reason')}
            value={reason}
            error={message(errors.reason)}
            hint={t('funds.queue.reasonHint')}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        {failure ? (
          <p role="alert" className="field-error">
            {failure}
          </p>
        ) : null}
        <div className="row-actions">
          <button type="submit" disabled={decide.isPending} aria-label={t('funds.queue.approveNamed', { activity: request.activity })}>
            {t('funds.queue.approve')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={decide.isPending}
            onClick={(event) => void send(event, 'reject')}
            aria-label={t('funds.queue.rejectNamed', { activity: request.activity })}
          >
            {t('funds.queue.reject')}
          </button>
        </div>
      </form>
    </article>
  );
}

function ProofList({ claimId }: { claimId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const proof = useClaimProof(claimId, open);
  if (!open)
    return (
      <button type="button" className="secondary outline" onClick={() => setOpen(true)}>
        {t('funds.queue.showProof')}
      </button>
    );
  if (proof.isPending) return <Loading />;
  if (proof.error) return <QueryError error={proof.error} retry={() => void proof.refetch()} />;
  return (
    <ul aria-label={t('funds.queue.proof')}>
      {proof.data.items.map((file) => (
        <li key={file.fileId}>
          <a href={file.url} download={file.fileName} target="_blank" rel="noreferrer">
            {file.fileName}
          </a>{' '}
          <small className="muted">{t('funds.queue.fileSize', { kb: Math.max(1, Math.round(file.bytes / 1024)) })}</small>
        </li>
      ))}
    </ul>
  );
}

function ClaimCard({ claim }: { claim: FundClaim }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const message = useFieldMessage();
  const decide = useDecideClaim();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const field = (name: string) => `claim-${claim.id}-${name}`;

  async function send(kind: 'approve' | 'reject') {
    setFailure(undefined);
    const parsed = FundClaimDecision.safeParse(
      kind === 'approve' ? { decision: 'approve', ...(reason.trim() ? { reason } : {}) } : { decision: 'reject', reason },
    );
    const problem =
      kind === 'reject' && !reason.trim() ? t('funds.queue.errors.reason') : parsed.success ? undefined : parsed.error.issues[0]?.message;
    setError(problem);
    if (problem || !parsed.success) return;
    try {
      await decide.mutateAsync({ id: claim.id, decision: parsed.data });
    } catch (failed) {
      setFailure(problemText(failed, t('common.failed')));
    }
  }

  return (
    <article data-fund-claim={claim.id} aria-labelledby={field('title')}>
      <header>
        <h3 id={field('title')}>{claim.activity}</h3>
        <small className="muted">
          {t('funds.queue.dealer', { dealerId: claim.dealerId })} ·{' '}
          {t('funds.queue.submittedAt', { at: formatDateTime(claim.submittedAt, locale) })}
        </small>
      </header>
      <p>{t('funds.queue.claimed', { amount: formatMoney(claim.amount, locale), approved: formatMoney(claim.approvedRequest, locale) })}</p>
      {claim.note ? <p className="post-body">{claim.note}</p> : null}
      <ProofList claimId={claim.id} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send('approve');
        }}
      >
        <TextField
          id={field('reason')}
          label={t('funds.queue.reason')}
          value={reason}
          error={message(error)}
          hint={t('funds.queue.reasonHint')}
          onChange={(event) => setReason(event.target.value)}
        />
        {failure ? (
          <p role="alert" className="field-error">
            {failure}
          </p>
        ) : null}
        <div className="row-actions">
          <button type="submit" disabled={decide.isPending} aria-label={t('funds.queue.approveClaimNamed', { activity: claim.activity })}>
            {t('funds.queue.approveClaim')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={decide.isPending}
            onClick={() => void send('reject')}
            aria-label={t('funds.queue.rejectClaimNamed', { activity: claim.activity })}
          >
            {t('funds.queue.rejectClaim')}
          </button>
        </div>
      </form>
    </article>
  );
}

export function FundQueuePage() {
  const { t } = useTranslation();
  const [requestCursors, setRequestCursors] = useState<string[]>([]);
  const [claimCursors, setClaimCursors] = useState<string[]>([]);
  const requests = useFundRequests('submitted', requestCursors.at(-1));
  const claims = useFundClaims('submitted', claimCursors.at(-1));
  return (
    <Page title={t('funds.queue.title')}>
      <section aria-labelledby="fund-requests-heading">
        <h2 id="fund-requests-heading">{t('funds.queue.requests')}</h2>
        {requests.isPending ? <Loading /> : null}
        {requests.error ? <QueryError error={requests.error} retry={() => void requests.refetch()} /> : null}
        {requests.data?.items.length === 0 ? <p>{t('funds.queue.noRequests')}</p> : null}
        {requests.data?.items.map((request) => (
          <RequestCard key={request.id} request={request} />
        ))}
        {requestCursors.length > 0 || requests.data?.nextCursor ? (
          <Pager cursors={requestCursors} setCursors={setRequestCursors} nextCursor={requests.data?.nextCursor} />
        ) : null}
      </section>
      <section aria-labelledby="fund-claims-heading">
        <h2 id="fund-claims-heading">{t('funds.queue.claims')}</h2>
        {claims.isPending ? <Loading /> : null}
        {claims.error ? <QueryError error={claims.error} retry={() => void claims.refetch()} /> : null}
        {claims.data?.items.length === 0 ? <p>{t('funds.queue.noClaims')}</p> : null}
        {claims.data?.items.map((claim) => (
          <ClaimCard key={claim.id} claim={claim} />
        ))}
        {claimCursors.length > 0 || claims.data?.nextCursor ? (
          <Pager cursors={claimCursors} setCursors={setClaimCursors} nextCursor={claims.data?.nextCursor} />
        ) : null}
      </section>
    </Page>
  );
}
