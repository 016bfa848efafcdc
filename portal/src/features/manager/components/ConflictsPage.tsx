import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useConflicts } from '../api/manager.js';

/** The conflict cases that involve the caller's regions (all, for a channel admin), open or resolved. */
export function ConflictsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [state, setState] = useState<'open' | 'resolved'>('open');
  const list = useConflicts(state);
  return (
    <Page title={t('manager.conflicts.title')}>
      <fieldset className="row-actions">
        <legend className="visually-hidden">{t('manager.conflicts.title')}</legend>
        {(['open', 'resolved'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="conflict-state" checked={state === s} onChange={() => setState(s)} />
            {t(`manager.conflicts.${s}`)}
          </label>
        ))}
      </fieldset>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => void list.refetch()} /> : null}
      {list.data?.items.length === 0 ? <p>{t('manager.conflicts.none')}</p> : null}
      {list.data?.items.length ? (
        <table className="responsive-table striped">
          <caption className="visually-hidden">{t('manager.conflicts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('manager.conflicts.customer')}</th>
              <th scope="col">{t('manager.conflicts.productLine')}</th>
              <th scope="col">{t('manager.conflicts.level')}</th>
              <th scope="col">{t('manager.conflicts.parties')}</th>
              <th scope="col">{t('manager.conflicts.submitted')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => (
              <tr key={c.id}>
                <td data-label={t('manager.conflicts.customer')}>
                  <Link to={paths.conflict(c.id)}>{c.customer.name}</Link> ({c.customer.country})
                </td>
                <td data-label={t('manager.conflicts.productLine')}>{c.productLine}</td>
                <td data-label={t('manager.conflicts.level')}>{t(`manager.conflicts.levels.${c.level}`)}</td>
                <td data-label={t('manager.conflicts.parties')}>{c.parties.length}</td>
                <td data-label={t('manager.conflicts.submitted')}>{formatDateTime(c.openedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
