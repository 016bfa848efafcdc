/** The dealer's co-marketing funds: this quarter's balances as figures and a chart, its requests and claims. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { paths } from '../../../app/paths.js';
import { BarChart } from '../../../components/BarChart.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate, formatMoney, todayUtc } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { type FundRequest, type Funds, useFundRequests, useFunds } from '../api/funds.js';
import { claimable, daysFrom } from './dates.js';
import { FundStatus } from './FundStatus.js';

const money = (amount: number, funds: Funds) => ({ amount, currency: funds.allocation.currency });

function Balances({ funds }: { funds: Funds }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const show = (amount: number) => formatMoney(money(amount, funds), locale);
  const figures = [
    ['allocation', funds.allocation.amount],
    ['requested', funds.requested.amount],
    ['approved', funds.approved.amount],
    ['claimed', funds.claimed.amount],
    ['paid', funds.paid.amount],
    ['available', funds.available.amount],
  ] as const;
  // The allocation split into parts that add up to it: each amount in exactly one stage.
  const parts = [
    ['paid', funds.paid.amount],
    ['toPay', funds.approvedClaims.amount - funds.paid.amount],
    ['inReview', funds.claimed.amount - funds.approvedClaims.amount],
    ['unclaimed', funds.approved.amount - funds.claimed.amount],
    ['available', funds.available.amount],
  ] as const;
  return (
    <section aria-labelledby="balances-heading">
      <h2 id="balances-heading">{t('funds.dealer.balances', { period: funds.period })}</h2>
      <p className="muted">
        {t('funds.dealer.terms', { tier: t(`tier.${funds.tier}`), share: funds.costSharePercent, days: funds.claimDays })}
      </p>
      <dl className="fund-figures">
        {figures.map(([name, amount]) => (
          <div key={name}>
            <dt>{t(`funds.figures.${name}`)}</dt>
            <dd data-figure={name}>{show(amount)}</dd>
          </div>
        ))}
      </dl>
      <BarChart
        title={t('funds.dealer.chart')}
        labels={[t('funds.figures.allocation')]}
        series={parts.map(([name, amount]) => ({ label: t(`funds.parts.${name}`), values: [amount] }))}
        format={show}
        stacked
        horizontal
      />
    </section>
  );
}

function RequestRow({ request, today }: { request: FundRequest; today: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const daysLeft = daysFrom(today, request.claimDeadline);
  const openForClaims = request.status === 'approved' || request.status === 'claimed';
  return (
    <tr data-request={request.id}>
      <td data-label={t('funds.fields.activity')}>
        <strong>{request.activity}</strong>
        {request.decisionReason ? <small className="muted"> · {request.decisionReason}</small> : null}
      </td>
      <td data-label={t('funds.dealer.dates')}>
        {formatDate(request.startsOn, locale)} – {formatDate(request.endsOn, locale)}
      </td>
      <td data-label={t('funds.figures.requested')}>{formatMoney(request.requested, locale)}</td>
      <td data-label={t('funds.figures.approved')}>{request.approved ? formatMoney(request.approved, locale) : '—'}</td>
      <td data-label={t('funds.dealer.status')}>
        <FundStatus status={request.status} of="request" />
        {request.claim ? (
          <small>
            {' '}
            {t('funds.dealer.claim', { amount: formatMoney(request.claim.amount, locale) })}{' '}
            <FundStatus status={request.claim.status} of="claim" />
          </small>
        ) : null}
      </td>
      <td data-label={t('funds.dealer.deadline')}>
        {openForClaims ? (
          <>
            {formatDate(request.claimDeadline, locale)}
            {daysLeft >= 0 ? <small className="muted"> {t('funds.dealer.daysLeft', { count: daysLeft })}</small> : null}
          </>
        ) : (
          '—'
        )}
      </td>
      <td data-label={t('funds.dealer.actions')}>
        {claimable(request, today) ? (
          <Link to={paths.fundClaim(request.id)} aria-label={t('funds.dealer.claimNamed', { activity: request.activity })}>
            {t('funds.dealer.claimAction')}
          </Link>
        ) : request.status === 'approved' && today < request.endsOn ? (
          <small className="muted">{t('funds.dealer.claimFrom', { date: formatDate(request.endsOn, locale) })}</small>
        ) : null}
      </td>
    </tr>
  );
}

export function FundsPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  // The notice of what was just sent is shown once: a reload or a later visit does not repeat it.
  const [notice] = useState(() => (location.state as { notice?: string } | null)?.notice);
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const funds = useFunds();
  const [cursors, setCursors] = useState<string[]>([]);
  const requests = useFundRequests(undefined, cursors.at(-1));
  const today = todayUtc();
  const noAllocation = funds.error instanceof ApiError && funds.error.status === 404;
  return (
    <Page
      title={t('funds.dealer.title')}
      actions={
        <p>
          <Link to={paths.fundRequest} role="button">
            {t('funds.dealer.requestAction')}
          </Link>
        </p>
      }
    >
      {notice ? <p role="status">{notice}</p> : null}
      {funds.isPending ? <Loading /> : null}
      {noAllocation ? <p>{t('funds.dealer.noAllocation')}</p> : null}
      {funds.error && !noAllocation ? <QueryError error={funds.error} retry={() => void funds.refetch()} /> : null}
      {funds.data ? <Balances funds={funds.data} /> : null}
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">{t('funds.dealer.requests')}</h2>
        {requests.error ? <QueryError error={requests.error} retry={() => void requests.refetch()} /> : null}
        {requests.isPending ? <Loading /> : null}
        {requests.data && requests.data.items.length === 0 ? <p>{t('funds.dealer.noRequests')}</p> : null}
        {requests.data && requests.data.items.length > 0 ? (
          <table className="responsive-table">
            <thead>
              <tr>
                <th scope="col">{t('funds.fields.activity')}</th>
                <th scope="col">{t('funds.dealer.dates')}</th>
                <th scope="col">{t('funds.figures.requested')}</th>
                <th scope="col">{t('funds.figures.approved')}</th>
                <th scope="col">{t('funds.dealer.status')}</th>
                <th scope="col">{t('funds.dealer.deadline')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('funds.dealer.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.data.items.map((request) => (
                <RequestRow key={request.id} request={request} today={today} />
              ))}
            </tbody>
          </table>
        ) : null}
        {cursors.length > 0 || requests.data?.nextCursor ? (
          <Pager cursors={cursors} setCursors={setCursors} nextCursor={requests.data?.nextCursor} />
        ) : null}
      </section>
    </Page>
  );
}
