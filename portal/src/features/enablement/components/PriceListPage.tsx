/** The dealer's own tier's net prices on a day, searchable, with the API's CSV to download. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate, formatMoney, formatNumber, todayUtc } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { tierPricesCsv, useTierPrices } from '../api/enablement.js';
import { matches } from './search.js';

/** Saves a text as a file through a temporary link (the CSV exactly as the API answered it). */
function save(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export function PriceListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const requested = params.get('date') ?? '';
  const date = isDate(requested) ? requested : todayUtc();
  const [dateInput, setDateInput] = useState(date);
  const [filter, setFilter] = useState('');
  const [downloading, setDownloading] = useState(false);
  const prices = useTierPrices(date);
  const noList = prices.error instanceof ApiError && prices.error.status === 404;
  const items = (prices.data?.items ?? []).filter((item) => matches(filter, item.sku, item.name));

  const onShow = (event: FormEvent) => {
    event.preventDefault();
    if (isDate(dateInput)) setParams({ date: dateInput });
  };
  const download = async () => {
    setDownloading(true);
    try {
      save(await tierPricesCsv(date), `price-list-${date}.csv`);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Page title={t('enablement.prices.title')}>
      <p>{t('enablement.prices.intro')}</p>
      <form onSubmit={onShow} className="inline-form">
        <label htmlFor="price-date">{t('enablement.prices.date')}</label>
        {/* biome-ignore lint/a11y/noRedundantRoles: Pico CSS lays out an input and its button side by side only for role="group" */}
        <fieldset role="group">
          <input id="price-date" type="date" value={dateInput} required onChange={(event) => setDateInput(event.target.value)} />
          <button type="submit">{t('enablement.prices.show')}</button>
        </fieldset>
      </form>
      {prices.isPending ? <Loading /> : null}
      {noList ? <p role="status">{t('enablement.prices.none', { date: formatDate(date, locale) })}</p> : null}
      {prices.isError && !noList ? <QueryError error={prices.error} retry={() => void prices.refetch()} /> : null}
      {prices.data ? (
        <>
          <p>
            {prices.data.validTo
              ? t('enablement.prices.validity', {
                  id: prices.data.priceListId,
                  from: formatDate(prices.data.validFrom, locale),
                  to: formatDate(prices.data.validTo, locale),
                })
              : t('enablement.prices.validityOpen', { id: prices.data.priceListId, from: formatDate(prices.data.validFrom, locale) })}
            {prices.data.items[0] ? (
              <>
                <br />
                <strong>
                  {t('enablement.prices.tier', {
                    tier: t(`enablement.tiers.${prices.data.tier}`),
                    discount: formatNumber(prices.data.items[0].discountPercent, locale),
                  })}
                </strong>
              </>
            ) : null}
          </p>
          <div className="row-actions">
            <button type="button" className="secondary" aria-busy={downloading} disabled={downloading} onClick={() => void download()}>
              {t('enablement.prices.download')}
            </button>
          </div>
          <label htmlFor="price-filter">{t('enablement.prices.search')}</label>
          <input id="price-filter" type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
          {items.length === 0 ? (
            <p role="status">{t('enablement.prices.noneMatching')}</p>
          ) : (
            <div className="overflow-auto">
              <table className="responsive-table striped">
                <caption className="visually-hidden">{t('enablement.prices.caption', { date: formatDate(date, locale) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('enablement.prices.sku')}</th>
                    <th scope="col">{t('enablement.prices.name')}</th>
                    <th scope="col" className="number">
                      {t('enablement.prices.listPrice')}
                    </th>
                    <th scope="col" className="number">
                      {t('enablement.prices.discount')}
                    </th>
                    <th scope="col" className="number">
                      {t('enablement.prices.netPrice')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.sku}>
                      <td data-label={t('enablement.prices.sku')}>{item.sku}</td>
                      <td data-label={t('enablement.prices.name')}>{item.name}</td>
                      <td data-label={t('enablement.prices.listPrice')} className="number">
                        {formatMoney(item.listPrice, locale)}
                      </td>
                      <td data-label={t('enablement.prices.discount')} className="number">
                        {formatNumber(item.discountPercent / 100, locale, { style: 'percent', maximumFractionDigits: 2 })}
                      </td>
                      <td data-label={t('enablement.prices.netPrice')} className="number">
                        <strong>{formatMoney(item.netPrice, locale)}</strong>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </Page>
  );
}
