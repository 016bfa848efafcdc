/** `/leads`: a dealer's inbox of the leads offered to it; for managers and admins the lead desk of their regions. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { formatDate, formatMoney } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { type DealerLead, type Lead, type LeadStatus, useLeads } from '../api/leads.js';
import { LeadStatusBadge, TimeLeft } from './LeadParts.js';

const DEALER_STATUSES: LeadStatus[] = ['offered', 'accepted', 'converted', 'declined'];
const DESK_STATUSES: LeadStatus[] = ['unassigned', 'offered', 'accepted', 'converted'];

export function LeadsPage() {
  const session = useSession();
  return session.role === 'dealer' ? <LeadInbox /> : <LeadDesk />;
}

/** The status filter, kept in the URL so a reload or a shared link shows the same list. */
function useStatusFilter() {
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<string[]>([]);
  const status = (params.get('status') ?? undefined) as LeadStatus | undefined;
  const setStatus = (next: string) => {
    setCursors([]);
    setParams(next ? { status: next } : {});
  };
  return { status, setStatus, cursors, setCursors, cursor: cursors.at(-1) };
}

function StatusFilter({ statuses, value, onChange }: { statuses: LeadStatus[]; value: string; onChange: (status: string) => void }) {
  const { t } = useTranslation();
  return (
    <label htmlFor="lead-status-filter">
      {t('leads.statusFilter')}
      <select id="lead-status-filter" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('leads.allStatuses')}</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {t(`leads.status.${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function LeadInbox() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const filter = useStatusFilter();
  const list = useLeads<DealerLead>({ status: filter.status, cursor: filter.cursor });
  return (
    <Page title={t('leads.inbox.title')}>
      <p className="muted">{t('leads.inbox.intro')}</p>
      <StatusFilter statuses={DEALER_STATUSES} value={filter.status ?? ''} onChange={filter.setStatus} />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p role="status">{t('leads.inbox.none')}</p>
        ) : (
          <ul className="lead-cards" aria-busy={list.isFetching}>
            {list.data.items.map((lead) => (
              <li key={lead.id} data-lead={lead.id}>
                <article>
                  <header>
                    <h2>
                      <Link to={paths.lead(lead.id)}>{lead.customer.name}</Link>
                    </h2>
                    <LeadStatusBadge status={lead.status} />{' '}
                    {lead.status === 'offered' && lead.acceptBy ? <TimeLeft until={lead.acceptBy} /> : null}
                  </header>
                  <p>
                    {lead.customer.city}, {lead.customer.country} · {lead.source}
                    {lead.expectedValue ? ` · ${formatMoney(lead.expectedValue, locale)}` : ''}
                  </p>
                  {lead.interest.productLines?.length || lead.interest.note ? (
                    <p className="muted">{[lead.interest.productLines?.join(', '), lead.interest.note].filter(Boolean).join(' — ')}</p>
                  ) : null}
                  <small className="muted">{t('leads.offeredOn', { date: formatDate(lead.offeredAt, locale) })}</small>
                </article>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <Pager cursors={filter.cursors} setCursors={filter.setCursors} nextCursor={list.data?.nextCursor} />
    </Page>
  );
}

function LeadTable({ leads, caption, busy }: { leads: Lead[]; caption: string; busy: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <div className="overflow-auto">
      <table className="responsive-table striped" aria-busy={busy}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('leads.customer')}</th>
            <th scope="col">{t('leads.statusFilter')}</th>
            <th scope="col">{t('leads.desk.offeredTo')}</th>
            <th scope="col">{t('leads.value')}</th>
            <th scope="col">{t('leads.desk.created')}</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.id} data-lead={lead.id}>
              <td data-label={t('leads.customer')}>
                <Link to={paths.lead(lead.id)}>{lead.customer.name}</Link>
                <br />
                <small className="muted">
                  {lead.customer.city}, {lead.customer.country} · {lead.regionId}
                </small>
              </td>
              <td data-label={t('leads.statusFilter')}>
                <LeadStatusBadge status={lead.status} />
                {lead.status === 'offered' && lead.acceptBy ? (
                  <>
                    <br />
                    <TimeLeft until={lead.acceptBy} />
                  </>
                ) : null}
              </td>
              <td data-label={t('leads.desk.offeredTo')}>{lead.offeredTo ?? '—'}</td>
              <td data-label={t('leads.value')}>{lead.expectedValue ? formatMoney(lead.expectedValue, locale) : '—'}</td>
              <td data-label={t('leads.desk.created')}>{formatDate(lead.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LeadDesk() {
  const { t } = useTranslation();
  const session = useSession();
  const filter = useStatusFilter();
  const unassigned = useLeads<Lead>({ status: 'unassigned', limit: 100 });
  const list = useLeads<Lead>({ status: filter.status, cursor: filter.cursor });
  return (
    <Page
      title={t('leads.desk.title')}
      actions={
        session.role === 'channel_admin' ? (
          <p>
            <Link to={paths.newLead} role="button">
              {t('leads.nav.create')}
            </Link>
          </p>
        ) : undefined
      }
    >
      <section aria-labelledby="unassigned-heading">
        <h2 id="unassigned-heading">{t('leads.desk.unassigned')}</h2>
        <p className="muted">{t('leads.desk.unassignedIntro')}</p>
        {unassigned.isPending ? <Loading /> : null}
        {unassigned.isError ? <QueryError error={unassigned.error} retry={() => void unassigned.refetch()} /> : null}
        {unassigned.data ? (
          unassigned.data.items.length === 0 ? (
            <p role="status">{t('leads.desk.noneUnassigned')}</p>
          ) : (
            <LeadTable leads={unassigned.data.items} caption={t('leads.desk.unassigned')} busy={unassigned.isFetching} />
          )
        ) : null}
      </section>
      <section aria-labelledby="all-leads-heading">
        <h2 id="all-leads-heading">{t('leads.desk.all')}</h2>
        <StatusFilter statuses={DESK_STATUSES} value={filter.status ?? ''} onChange={filter.setStatus} />
        {list.isPending ? <Loading /> : null}
        {list.isError ? <QueryError error={list.error} retry={() => void list.refetch()} /> : null}
        {list.data ? (
          list.data.items.length === 0 ? (
            <p role="status">{t('leads.desk.none')}</p>
          ) : (
            <LeadTable leads={list.data.items} caption={t('leads.desk.all')} busy={list.isFetching} />
          )
        ) : null}
        <Pager cursors={filter.cursors} setCursors={filter.setCursors} nextCursor={list.data?.nextCursor} />
      </section>
    </Page>
  );
}
