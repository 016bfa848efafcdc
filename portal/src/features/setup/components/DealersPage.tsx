/**
 * The dealers a manager looks after (its regions') or, for a channel admin, every dealer: searched by name or id,
 * filtered by region, paged by cursor, each linked to its scorecard page. Channel admins add and change dealers here.
 */
import { DealerInput, DealerStatus } from '@shared/schemas/setup.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { type DealerDirectoryEntry, useAllRegions, useDealerDirectory } from '../api/setup.js';
import { ItemEditor, inputFields } from './CollectionPage.js';
import { languageOptions } from './CollectionPages.js';
import type { FieldSpec, Json } from './SchemaForm.js';

type Editing = { mode: 'new' } | { mode: 'edit'; item: DealerDirectoryEntry } | undefined;

export function DealersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const admin = session.role === 'channel_admin';
  const regions = useAllRegions(admin);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<{ q?: string; regionId?: string }>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing>();
  const [saved, setSaved] = useState<string>();
  const list = useDealerDirectory(query, cursors.at(-1));
  const regionChoices = admin
    ? (regions.data ?? []).map((r) => ({ value: r.id, label: `${r.name} (${r.id})` }))
    : session.regions.map((id) => ({ value: id, label: id }));
  const regionName = (id: string) => regions.data?.find((r) => r.id === id)?.name ?? id;

  const apply = (next: { q?: string; regionId?: string }) => {
    setCursors([]);
    setQuery(next);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ ...query, q: search.trim() || undefined });
  };
  const withoutEmpty = (next: { q?: string | undefined; regionId?: string | undefined }) =>
    Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as { q?: string; regionId?: string };

  const fields: FieldSpec[] = [
    { path: '/name', label: 'setup.dealers.name', kind: 'text', required: true },
    { path: '/regionId', label: 'setup.dealers.region', kind: 'select', required: true, options: regionChoices },
    { path: '/email', label: 'setup.dealers.email', kind: 'email', required: true },
    {
      path: '/status',
      label: 'setup.dealers.status',
      kind: 'select',
      required: true,
      options: DealerStatus.options.map((s) => ({ value: s, label: t(`setup.dealers.statuses.${s}`) })),
    },
    { path: '/language', label: 'setup.language', kind: 'select', options: languageOptions, hint: 'setup.languageHint' },
    { path: '/partnerManager/name', label: 'setup.dealers.ownManagerName', kind: 'text', hint: 'setup.dealers.ownManagerHint' },
    { path: '/partnerManager/email', label: 'setup.dealers.ownManagerEmail', kind: 'email' },
  ];

  return (
    <Page
      title={t('setup.dealers.title')}
      actions={
        admin ? (
          <p>
            <button
              type="button"
              onClick={() => {
                setSaved(undefined);
                setEditing({ mode: 'new' });
              }}
            >
              {t('setup.dealers.new')}
            </button>
          </p>
        ) : undefined
      }
    >
      <p>{admin ? t('setup.dealers.introAdmin') : t('setup.dealers.introManager')}</p>
      {saved ? <p role="status">{t('setup.form.savedNamed', { id: saved })}</p> : null}
      {admin ? (
        <ItemEditor<DealerDirectoryEntry>
          spec={{
            collection: 'dealers',
            texts: 'dealers',
            schema: DealerInput,
            idOf: (d) => d.id,
            inputOf: (d) => inputFields(DealerInput, d),
            blank: { status: 'active' },
            // The own partner manager is all or nothing: empty fields mean the region's.
            prepare: (body: Json) => {
              const own = body.partnerManager as Json | undefined;
              if (own && Object.keys(own).length === 0) {
                const { partnerManager: _none, ...rest } = body;
                return rest;
              }
              return body;
            },
          }}
          fields={fields}
          editing={editing}
          close={(id) => {
            setEditing(undefined);
            setSaved(id);
          }}
        />
      ) : null}
      <search>
        <form className="row-actions" onSubmit={onSearch}>
          <label>
            {t('setup.dealers.search')}
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <label>
            {t('setup.dealers.region')}
            <select value={query.regionId ?? ''} onChange={(e) => apply(withoutEmpty({ ...query, regionId: e.target.value }))}>
              <option value="">{t('setup.dealers.allRegions')}</option>
              {regionChoices.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('setup.dealers.searchButton')}</button>
        </form>
      </search>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <p>{t('setup.dealers.none')}</p> : null}
      {list.data?.items.length ? (
        <div className="overflow-auto">
          <table className="responsive-table striped" aria-busy={list.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('setup.dealers.name')}</th>
                <th scope="col">{t('setup.dealers.region')}</th>
                <th scope="col">{t('setup.dealers.tier')}</th>
                <th scope="col">{t('setup.dealers.status')}</th>
                <th scope="col">{t('setup.language')}</th>
                {admin ? <th scope="col">{t('setup.form.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.id}>
                  <td data-label={t('setup.dealers.name')}>
                    <Link to={paths.dealer(d.id)}>{d.name}</Link> <span className="muted">{d.id}</span>
                  </td>
                  <td data-label={t('setup.dealers.region')}>{regionName(d.regionId)}</td>
                  <td data-label={t('setup.dealers.tier')}>{t(`tier.${d.tier}`)}</td>
                  <td data-label={t('setup.dealers.status')}>{t(`setup.dealers.statuses.${d.status}`)}</td>
                  <td data-label={t('setup.language')}>{t(`setup.languages.${d.language ?? 'en'}`)}</td>
                  {admin ? (
                    <td data-label={t('setup.form.actions')}>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          setSaved(undefined);
                          setEditing({ mode: 'edit', item: d });
                        }}
                      >
                        {t('setup.form.editNamed', { id: d.name })}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager cursors={cursors} setCursors={setCursors} nextCursor={list.data?.nextCursor} />
    </Page>
  );
}
