/** The products a dealer's tier may see: page by page, or searched by SKU or name across the whole catalogue. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { type CatalogProduct, useCatalogPage, useWholeCatalog } from '../api/enablement.js';
import { AvailabilityBadge } from './AvailabilityBadge.js';
import { matches } from './search.js';

function ProductTable({ products }: { products: CatalogProduct[] }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-auto">
      <table className="responsive-table striped">
        <caption className="visually-hidden">{t('enablement.products.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('enablement.products.product')}</th>
            <th scope="col">{t('enablement.products.sku')}</th>
            <th scope="col">{t('enablement.products.line')}</th>
            <th scope="col">{t('enablement.products.availability')}</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.sku}>
              <td data-label={t('enablement.products.product')}>
                <Link to={paths.product(p.sku)}>{p.name}</Link>
              </td>
              <td data-label={t('enablement.products.sku')}>{p.sku}</td>
              <td data-label={t('enablement.products.line')}>{p.productLine}</td>
              <td data-label={t('enablement.products.availability')}>
                <AvailabilityBadge availability={p.availability} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProductsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [search, setSearch] = useState(q);
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useCatalogPage(cursors.at(-1));
  const whole = useWholeCatalog(q !== '');
  const shown = q ? whole : page;
  const found = q && whole.data ? whole.data.filter((p) => matches(q, p.sku, p.name)) : undefined;

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setParams(search.trim() ? { q: search.trim() } : {});
  };

  return (
    <Page title={t('enablement.products.title')}>
      <p>{t('enablement.products.intro')}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for the browsers dealers use */}
      <form role="search" onSubmit={onSearch}>
        <label htmlFor="product-search">{t('enablement.products.search')}</label>
        {/* biome-ignore lint/a11y/noRedundantRoles: Pico CSS lays out an input and its button side by side only for role="group" */}
        <fieldset role="group">
          <input id="product-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          <button type="submit">{t('enablement.products.searchButton')}</button>
        </fieldset>
      </form>
      {shown.isPending ? <Loading /> : null}
      {shown.isError ? <QueryError error={shown.error} retry={() => void shown.refetch()} /> : null}
      {found ? (
        <>
          <p role="status">
            {found.length === 0
              ? t('enablement.products.noneMatching', { q })
              : t('enablement.products.matching', { count: found.length, q })}{' '}
            <Link to={paths.products} onClick={() => setSearch('')}>
              {t('enablement.products.clear')}
            </Link>
          </p>
          {found.length > 0 ? <ProductTable products={found} /> : null}
        </>
      ) : null}
      {!q && page.data ? (
        <>
          {page.data.items.length === 0 && cursors.length === 0 ? <p role="status">{t('enablement.products.none')}</p> : null}
          {page.data.items.length > 0 ? <ProductTable products={page.data.items} /> : null}
          <Pager cursors={cursors} setCursors={setCursors} nextCursor={page.data.nextCursor ?? undefined} />
        </>
      ) : null}
    </Page>
  );
}
