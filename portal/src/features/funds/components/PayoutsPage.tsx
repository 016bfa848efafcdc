/**
 * Finance's payouts: the approved claims of every dealer, downloaded as the API's formula-safe CSV, each marked
 * paid with the payment's date and reference; the paid ones listed for looking back.
 */
import { FundClaimPayment } from '@shared/schemas/funds.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError, fetchText } from '../../../lib/api-client.js';
import { formatDate, formatMoney, todayUtc } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useFieldMessage } from '../../registrations/hooks/useFieldMessage.js';
import { type FundClaim, useFundClaims, useMarkPaid } from '../api/funds.js';
import { FundStatus } from './FundStatus.js';

/** Saves a text as a file through a temporary link (the CSV exactly as the API answered it). */
function save(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

function MarkPaid({ claim }: { claim: FundClaim }) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const markPaid = useMarkPaid();
  const [paidOn, setPaidOn] = useState(todayUtc());
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<{ paidOn?: string; reference?: string }>({});
  const [failure, setFailure] = useState<string>();
  const field = (name: string) => `paid-${claim.id}-${name}`;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const parsed = FundClaimPayment.safeParse({ paidOn, reference });
    const found: { paidOn?: string; reference?: string } = {};
    if (!parsed.success)
      for (const issue of parsed.error.issues) found[issue.path[0] === 'paidOn' ? 'paidOn' : 'reference'] ??= issue.message;
    setErrors(found);
    if (!parsed.success) return;
    try {
      await markPaid.mutateAsync({ id: claim.id, ...parsed.data });
    } catch (error) {
      setFailure(error instanceof ApiError ? (error.problem.detail ?? t('common.failed')) : t('common.offline'));
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="mark-paid">
      <TextField
        id={field('paidOn')}
        label={t('funds.payouts.paidOn')}
        type="date"
        required
        value={paidOn}
        error={message(errors.paidOn)}
        onChange={(event) => setPaidOn(event.target.value)}
      />
      <TextField
        id={field('reference')}
        label={t('funds.payouts.reference')}
        required
        autoComplete="off"
        value={reference}
        error={message(errors.reference)}
        onChange={(event) => setReference(event.target.value)}
      />
      {failure ? (
        <p role="alert" className="field-error">
          {failure}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={markPaid.isPending}
        aria-label={t('funds.payouts.markPaidNamed', { activity: claim.activity, dealerId: claim.dealerId })}
      >
        {t('funds.payouts.markPaid')}
      </button>
    </form>
  );
}

export function PayoutsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [status, setStatus] = useState<'approved' | 'paid'>('approved');
  const [cursors, setCursors] = useState<string[]>([]);
  const claims = useFundClaims(status, cursors.at(-1), 100);
  const [downloading, setDownloading] = useState(false);
  const [downloadFailed, setDownloadFailed] = useState(false);

  async function download() {
    setDownloading(true);
    setDownloadFailed(false);
    try {
      save(await fetchText(`/fund-claims?status=${status}&format=csv`), `fund-claims-${status}.csv`);
    } catch {
      setDownloadFailed(true);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Page title={t('funds.payouts.title')}>
      <p className="muted">{t('funds.payouts.intro')}</p>
      <div className="grid">
        <SelectField
          id="payout-status"
          label={t('funds.payouts.show')}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as 'approved' | 'paid');
            setCursors([]);
          }}
        >
          <option value="approved">{t('funds.payouts.toPay')}</option>
          <option value="paid">{t('funds.payouts.paid')}</option>
        </SelectField>
        <div>
          <button type="button" className="secondary" aria-busy={downloading} disabled={downloading} onClick={() => void download()}>
            {t('funds.payouts.download')}
          </button>
          {downloadFailed ? <p role="alert">{t('common.failed')}</p> : null}
        </div>
      </div>
      {claims.isPending ? <Loading /> : null}
      {claims.error ? <QueryError error={claims.error} retry={() => void claims.refetch()} /> : null}
      {claims.data?.items.length === 0 ? <p>{t('funds.payouts.none')}</p> : null}
      {claims.data && claims.data.items.length > 0 ? (
        <table className="responsive-table">
          <caption className="visually-hidden">{t('funds.payouts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funds.payouts.dealer')}</th>
              <th scope="col">{t('funds.fields.activity')}</th>
              <th scope="col">{t('funds.payouts.amount')}</th>
              <th scope="col">{t('funds.payouts.approvedOn')}</th>
              <th scope="col">{status === 'approved' ? t('funds.payouts.payment') : t('funds.payouts.reference')}</th>
            </tr>
          </thead>
          <tbody>
            {claims.data.items.map((claim) => (
              <tr key={claim.id} data-fund-claim={claim.id}>
                <td data-label={t('funds.payouts.dealer')}>{claim.dealerId}</td>
                <td data-label={t('funds.fields.activity')}>{claim.activity}</td>
                <td data-label={t('funds.payouts.amount')}>{formatMoney(claim.amount, locale)}</td>
                <td data-label={t('funds.payouts.approvedOn')}>{claim.decidedAt ? formatDate(claim.decidedAt, locale) : '—'}</td>
                <td data-label={status === 'approved' ? t('funds.payouts.payment') : t('funds.payouts.reference')}>
                  {claim.status === 'approved' ? (
                    <MarkPaid claim={claim} />
                  ) : (
                    <>
                      <FundStatus status={claim.status} of="claim" /> {claim.paymentReference}
                      {claim.paidOn ? ` · ${formatDate(claim.paidOn, locale)}` : ''}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursors.length > 0 || claims.data?.nextCursor ? (
        <Pager cursors={cursors} setCursors={setCursors} nextCursor={claims.data?.nextCursor} />
      ) : null}
    </Page>
  );
}
