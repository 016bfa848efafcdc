/**
 * Channel admins' price lists: create or replace one from rows typed in or a CSV file read in the browser, checked
 * by the API's own schema before it is sent (each bad row named); the existing lists.
 */
import { Slug } from '@shared/schemas/common.js';
import { PriceListInput } from '@shared/schemas/enablement.js';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type SummaryItem } from '../../../components/ErrorSummary.js';
import { TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate, formatDateTime, minorDigits } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { usePriceLists, useSavePriceList } from '../api/enablement.js';
import { minorUnitsOf, type PriceRow, parsePriceCsv } from './price-csv.js';

const TIERS = ['gold', 'silver', 'bronze'] as const;
type HeadField = 'id' | 'currency' | 'validFrom' | 'validTo' | 'gold' | 'silver' | 'bronze' | 'items';
interface Problems {
  head: Partial<Record<HeadField, string>>;
  rows: Record<number, { sku?: string; price?: string }>;
}
const NO_PROBLEMS: Problems = { head: {}, rows: {} };

const digitsOf = (currency: string) => {
  try {
    return minorDigits(currency);
  } catch {
    return 2;
  }
};

/** Sorts a problem at a JSON Pointer of the body (or `priceListId`) onto its field or row. */
function place(problems: Problems, path: string, message: string) {
  const parts = path.replace(/^\//, '').split('/');
  const [head, index, leaf] = parts;
  if (head === 'items' && index !== undefined && /^\d+$/.test(index)) {
    const row = problems.rows[Number(index)] ?? {};
    problems.rows[Number(index)] = row;
    if (leaf === 'sku') row.sku ??= message;
    else row.price ??= message;
  } else if (head === 'tierDiscountPercent') {
    const tier = (index ?? 'gold') as HeadField;
    problems.head[tier] ??= message;
  } else if (head === 'priceListId') problems.head.id ??= message;
  else if (head && ['currency', 'validFrom', 'validTo', 'items'].includes(head)) problems.head[head as HeadField] ??= message;
}

export function PriceListsAdminPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [head, setHead] = useState<Record<HeadField, string>>({
    id: '',
    currency: 'EUR',
    validFrom: '',
    validTo: '',
    gold: '',
    silver: '',
    bronze: '',
    items: '',
  });
  const [rows, setRows] = useState<PriceRow[]>([{ sku: '', price: '' }]);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const save = useSavePriceList();
  const [cursors, setCursors] = useState<string[]>([]);
  const lists = usePriceLists(cursors.at(-1));

  const input = () => {
    const currency = head.currency.trim().toUpperCase();
    const digits = digitsOf(currency);
    const discounts = TIERS.map((tier) => head[tier].trim());
    const priceProblems: Problems = { head: {}, rows: {} };
    const items = rows.map((row, index) => {
      const amount = minorUnitsOf(row.price, digits);
      if (amount === undefined) priceProblems.rows[index] = { price: t('enablement.priceLists.errors.price') };
      return { sku: row.sku.trim(), listPrice: { amount: amount ?? 0, currency } };
    });
    return {
      body: {
        currency,
        validFrom: head.validFrom,
        ...(head.validTo ? { validTo: head.validTo } : {}),
        ...(discounts.some(Boolean)
          ? { tierDiscountPercent: Object.fromEntries(TIERS.map((tier, i) => [tier, discounts[i] ? Number(discounts[i]) : undefined])) }
          : {}),
        items,
      },
      priceProblems,
    };
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setNotice(undefined);
    setFailure(undefined);
    const { body, priceProblems } = input();
    const found: Problems = priceProblems;
    const id = Slug.safeParse(head.id.trim());
    if (!id.success) place(found, 'priceListId', id.error.issues[0]?.message ?? '');
    const parsed = PriceListInput.safeParse(body);
    if (!parsed.success) for (const issue of parsed.error.issues) place(found, `/${issue.path.join('/')}`, issue.message);
    setProblems(found);
    if (!parsed.success || !id.success || Object.keys(found.head).length > 0 || Object.keys(found.rows).length > 0) return;
    try {
      const list = await save.mutateAsync({ id: id.data, input: parsed.data });
      setNotice(t('enablement.priceLists.saved', { id: list.id, count: list.items.length }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        const fromApi: Problems = { head: {}, rows: {} };
        for (const e of error.problem.errors) place(fromApi, e.path, e.message);
        setProblems(fromApi);
        setAttempt((n) => n + 1);
      } else if (error instanceof ApiError && error.status === 409) setFailure(t('enablement.priceLists.overlap'));
      else setFailure(t('common.failed'));
    }
  }

  async function onCsv(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const read = parsePriceCsv(await file.text());
    if (read.length === 0) {
      setProblems({ head: { items: t('enablement.priceLists.errors.csvEmpty') }, rows: {} });
      return;
    }
    setRows(read);
    setProblems(NO_PROBLEMS);
    setNotice(t('enablement.priceLists.csvRead', { count: read.length, name: file.name }));
  }

  const setField = (field: HeadField) => (event: { target: { value: string } }) => setHead({ ...head, [field]: event.target.value });
  const setRow = (index: number, change: Partial<PriceRow>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const rowName = (index: number) =>
    rows[index]?.sku.trim()
      ? t('enablement.priceLists.rowNamed', { number: index + 1, sku: rows[index]?.sku.trim() })
      : t('enablement.priceLists.row', { number: index + 1 });

  const headLabels: Record<HeadField, string> = {
    id: t('enablement.priceLists.id'),
    currency: t('enablement.priceLists.currency'),
    validFrom: t('enablement.priceLists.validFrom'),
    validTo: t('enablement.priceLists.validTo'),
    gold: t('enablement.tiers.gold'),
    silver: t('enablement.tiers.silver'),
    bronze: t('enablement.tiers.bronze'),
    items: t('enablement.priceLists.items'),
  };
  const summary: SummaryItem[] = [
    ...(Object.entries(problems.head) as [HeadField, string][]).map(([field, message]) => ({
      fieldId: field === 'items' ? 'pl-csv' : `pl-${field}`,
      label: headLabels[field],
      message,
    })),
    ...Object.entries(problems.rows).flatMap(([index, row]) => [
      ...(row.sku
        ? [{ fieldId: `pl-row-${index}-sku`, label: `${rowName(Number(index))}, ${t('enablement.priceLists.sku')}`, message: row.sku }]
        : []),
      ...(row.price
        ? [
            {
              fieldId: `pl-row-${index}-price`,
              label: `${rowName(Number(index))}, ${t('enablement.priceLists.listPrice')}`,
              message: row.price,
            },
          ]
        : []),
    ]),
  ];

  return (
    <Page title={t('enablement.priceLists.title')}>
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t('enablement.priceLists.edit')}</h2>
        <ErrorSummary items={summary} attempt={attempt} />
        {notice ? <p role="status">{notice}</p> : null}
        {failure ? (
          <p role="alert" className="error-summary">
            {failure}
          </p>
        ) : null}
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <div className="grid">
            <TextField
              id="pl-id"
              label={headLabels.id}
              hint={t('enablement.priceLists.idHint')}
              required
              value={head.id}
              error={problems.head.id}
              onChange={setField('id')}
            />
            <TextField
              id="pl-currency"
              label={headLabels.currency}
              required
              maxLength={3}
              value={head.currency}
              error={problems.head.currency}
              onChange={setField('currency')}
            />
          </div>
          <div className="grid">
            <TextField
              id="pl-validFrom"
              type="date"
              label={headLabels.validFrom}
              required
              value={head.validFrom}
              error={problems.head.validFrom}
              onChange={setField('validFrom')}
            />
            <TextField
              id="pl-validTo"
              type="date"
              label={headLabels.validTo}
              hint={t('enablement.priceLists.validToHint')}
              value={head.validTo}
              error={problems.head.validTo}
              onChange={setField('validTo')}
            />
          </div>
          <fieldset>
            <legend>{t('enablement.priceLists.discounts')}</legend>
            <small>{t('enablement.priceLists.discountsHint')}</small>
            <div className="grid">
              {TIERS.map((tier) => (
                <TextField
                  key={tier}
                  id={`pl-${tier}`}
                  label={headLabels[tier]}
                  inputMode="decimal"
                  value={head[tier]}
                  error={problems.head[tier]}
                  onChange={setField(tier)}
                />
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('enablement.priceLists.items')}</legend>
            <TextField
              id="pl-csv"
              type="file"
              accept=".csv,text/csv"
              label={t('enablement.priceLists.csv')}
              hint={t('enablement.priceLists.csvHint')}
              error={problems.head.items}
              onChange={(event) => void onCsv(event)}
            />
            <div className="overflow-auto">
              <table className="price-rows">
                <caption className="visually-hidden">{t('enablement.priceLists.items')}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('enablement.priceLists.sku')}</th>
                    <th scope="col">
                      {t('enablement.priceLists.listPrice')} ({head.currency.toUpperCase()})
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">{t('enablement.priceLists.remove')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, index) => {
                    const problem = problems.rows[index];
                    const number = index + 1;
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position; rows have no id of their own
                      <tr key={index}>
                        <td>{number}</td>
                        <td>
                          <input
                            id={`pl-row-${index}-sku`}
                            aria-label={`${t('enablement.priceLists.row', { number })}, ${t('enablement.priceLists.sku')}`}
                            aria-invalid={problem?.sku ? true : undefined}
                            aria-describedby={problem?.sku ? `pl-row-${index}-sku-error` : undefined}
                            value={row.sku}
                            onChange={(event) => setRow(index, { sku: event.target.value })}
                          />
                          {problem?.sku ? (
                            <small id={`pl-row-${index}-sku-error`} className="field-error">
                              {problem.sku}
                            </small>
                          ) : null}
                        </td>
                        <td>
                          <input
                            id={`pl-row-${index}-price`}
                            inputMode="decimal"
                            aria-label={`${t('enablement.priceLists.row', { number })}, ${t('enablement.priceLists.listPrice')}`}
                            aria-invalid={problem?.price ? true : undefined}
                            aria-describedby={problem?.price ? `pl-row-${index}-price-error` : undefined}
                            value={row.price}
                            onChange={(event) => setRow(index, { price: event.target.value })}
                          />
                          {problem?.price ? (
                            <small id={`pl-row-${index}-price-error`} className="field-error">
                              {problem.price}
                            </small>
                          ) : null}
                        </td>
                        <td>
                          <button
                            type="button"
                            className="secondary outline"
                            disabled={rows.length === 1}
                            onClick={() => setRows(rows.filter((_, i) => i !== index))}
                          >
                            <span aria-hidden="true">×</span>
                            <span className="visually-hidden">{t('enablement.priceLists.removeRow', { number })}</span>
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <button type="button" className="secondary" onClick={() => setRows([...rows, { sku: '', price: '' }])}>
              {t('enablement.priceLists.addRow')}
            </button>
          </fieldset>
          <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
            {t('enablement.priceLists.save')}
          </button>
        </form>
      </section>
      <section aria-labelledby="lists-heading">
        <h2 id="lists-heading">{t('enablement.priceLists.list')}</h2>
        {lists.isPending ? <Loading /> : null}
        {lists.isError ? <QueryError error={lists.error} retry={() => void lists.refetch()} /> : null}
        {lists.data && lists.data.items.length === 0 && cursors.length === 0 ? <p>{t('enablement.priceLists.none')}</p> : null}
        {lists.data && lists.data.items.length > 0 ? (
          <div className="overflow-auto">
            <table className="responsive-table striped">
              <caption className="visually-hidden">{t('enablement.priceLists.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{headLabels.id}</th>
                  <th scope="col">{headLabels.currency}</th>
                  <th scope="col">{t('enablement.priceLists.validity')}</th>
                  <th scope="col">{t('enablement.priceLists.discounts')}</th>
                  <th scope="col">{t('enablement.priceLists.itemCount')}</th>
                  <th scope="col">{t('enablement.priceLists.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {lists.data.items.map((list) => (
                  <tr key={list.id}>
                    <td data-label={headLabels.id}>{list.id}</td>
                    <td data-label={headLabels.currency}>{list.currency}</td>
                    <td data-label={t('enablement.priceLists.validity')}>
                      {formatDate(list.validFrom, locale)} –{' '}
                      {list.validTo ? formatDate(list.validTo, locale) : t('enablement.priceLists.openEnded')}
                    </td>
                    <td data-label={t('enablement.priceLists.discounts')}>
                      {TIERS.map((tier) => `${headLabels[tier]} ${list.tierDiscountPercent[tier]}`).join(' · ')}
                    </td>
                    <td data-label={t('enablement.priceLists.itemCount')}>{list.itemCount}</td>
                    <td data-label={t('enablement.priceLists.updated')}>{formatDateTime(list.updatedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager cursors={cursors} setCursors={setCursors} nextCursor={lists.data?.nextCursor ?? undefined} />
      </section>
    </Page>
  );
}
