import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { ProtectedUntil } from '../../../components/ProtectedUntil.js';
import { QueryError } from '../../../components/QueryError.js';
import { StatusBadge } from '../../../components/StatusBadge.js';
import { formatDate, formatMoney } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useRegistrations } from '../api/registrations.js';
import { type RegistrationStatus, STATUSES } from '../api/types.js';

/** The dealer's registrations: filter by status, search by customer, page by page (the filter lives in the URL). */
export function RegistrationsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? undefined) as RegistrationStatus | undefined;
  const q = params.get('q') ?? undefined;
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const list = useRegistrations({ status, q, cursor });
  const [search, setSearch] = useState(q ?? '');

  const apply = (next: { status?: string | undefined; q?: string | undefined }) => {
    const merged = new URLSearchParams(params);
    for (const [name, value] of Object.entries(next)) {
      if (value) merged.set(name, value);
      else merged.delete(name);
    }
    setCursors([]);
    setParams(merged);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: search.trim() || undefined });
  };

  return (
    <Page
      title={t('list.title')}
      actions={
        <p>
          <Link to={paths.register} role="button">
            {t('nav.register')}
          </Link>
        </p>
      }
    >
      <div className="grid">
        <label htmlFor="status-filter">
          {t('list.status')}
          <select id="status-filter" value={status ?? ''} onChange={(event) => apply({ status: event.target.value || undefined })}>
            <option value="">{t('list.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for the browsers dealers use */}
        <form role="search" onSubmit={onSearch}>
          <label htmlFor="customer-search">{t('list.search')}</label>
          {/* biome-ignore lint/a11y/noRedundantRoles: Pico CSS lays out an input and its button side by side only for role="group" */}
          <fieldset role="group">
            <input id="customer-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
            <button type="submit">{t('list.searchButton')}</button>
          </fieldset>
        </form>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p role="status">{q || status ? t('list.noneMatching') : t('list.none')}</p>
        ) : (
          <div className="overflow-auto">
            <table className="responsive-table striped" aria-busy={list.isFetching}>
              <caption className="visually-hidden">{t('list.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.customer')}</th>
                  <th scope="col">{t('list.status')}</th>
                  <th scope="col">{t('list.value')}</th>
                  <th scope="col">{t('list.closeDate')}</th>
                  <th scope="col">{t('list.protection')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <td data-label={t('list.customer')}>
                      <Link to={paths.registration(r.id)}>{r.customer.name}</Link>
                      <br />
                      <small className="muted">
                        {r.customer.city}, {r.customer.country}
                      </small>
                    </td>
                    <td data-label={t('list.status')}>
                      <StatusBadge status={r.status} />
                    </td>
                    <td data-label={t('list.value')}>{formatMoney(r.expectedValue, locale)}</td>
                    <td data-label={t('list.closeDate')}>{formatDate(r.expectedCloseDate, locale)}</td>
                    <td data-label={t('list.protection')}>
                      {r.status === 'approved' && r.protectedUntil ? <ProtectedUntil until={r.protectedUntil} /> : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <Pager cursors={cursors} setCursors={setCursors} nextCursor={list.data?.nextCursor} />
    </Page>
  );
}
