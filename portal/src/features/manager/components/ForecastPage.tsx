import type { AccuracyReport, ForecastReport } from '@shared/schemas/forecast.js';
import { useQueries, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { BarChart } from '../../../components/BarChart.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { api, fetchText, queryString } from '../../../lib/api-client.js';
import { formatMoney, formatNumber } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';

type Report = z.infer<typeof ForecastReport>;
type Accuracy = z.infer<typeof AccuracyReport>;
const DIMENSIONS = ['productLine', 'region', 'dealer', 'tier'] as const;
const WEIGHTINGS = ['stage', 'history', 'dealer', 'calibrated'] as const;

const month = (offset: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
};

interface Settings {
  from: string;
  to: string;
  period: 'month' | 'quarter';
  dimensions: (typeof DIMENSIONS)[number][];
  weighting: (typeof WEIGHTINGS)[number];
}

const reportQuery = (s: Settings, format: 'json' | 'csv') =>
  queryString({ from: s.from, to: s.to, groupBy: [s.period, ...s.dimensions].join(','), weighting: s.weighting, format });

/** Saves a text as a file through a temporary link (the CSV exactly as the API answered it). */
function save(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Finance's forecast: month range, grouping and weighting; chart and table with totals; CSV downloads; accuracy. */
export function ForecastPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [draft, setDraft] = useState<Settings>({ from: month(0), to: month(5), period: 'month', dimensions: [], weighting: 'stage' });
  const [settings, setSettings] = useState(draft);
  const report = useQuery({
    queryKey: ['forecast', settings],
    queryFn: ({ signal }) => api.get<Report>(`/forecast${reportQuery(settings, 'json')}`, signal),
  });
  const accuracyMonths = [month(-6), month(-5), month(-4), month(-3), month(-2), month(-1)];
  const accuracy = useQueries({
    queries: accuracyMonths.map((m) => ({
      queryKey: ['accuracy', m],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Accuracy>(`/forecast/accuracy?month=${m}`, signal),
    })),
  });
  const [downloading, setDownloading] = useState(false);
  const download = async (kind: 'report' | 'lines') => {
    setDownloading(true);
    try {
      const text =
        kind === 'report'
          ? await fetchText(`/forecast${reportQuery(settings, 'csv')}`)
          : await fetchText(
              `/forecast/deals${queryString({ from: settings.from, to: settings.to, weighting: settings.weighting, format: 'csv', limit: 5000 })}`,
            );
      save(text, kind === 'report' ? `forecast-${settings.from}-${settings.to}.csv` : `forecast-deals-${settings.from}-${settings.to}.csv`);
    } finally {
      setDownloading(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSettings(draft);
  };

  const rows = report.data?.rows ?? [];
  const currency = report.data?.currency ?? 'EUR';
  const money = (amount: number) => formatMoney({ amount, currency }, locale);
  const label = (r: Report['rows'][number]) => [r.period, ...settings.dimensions.map((d) => r[d] ?? '')].join(' · ');
  const totals = rows.reduce(
    (sum, r) => ({
      openCount: sum.openCount + r.openCount,
      pipelineValue: sum.pipelineValue + r.pipelineValue,
      weightedValue: sum.weightedValue + r.weightedValue,
      wonCount: sum.wonCount + r.wonCount,
      wonValue: sum.wonValue + r.wonValue,
    }),
    { openCount: 0, pipelineValue: 0, weightedValue: 0, wonCount: 0, wonValue: 0 },
  );
  const accuracyRows = accuracy.map((q) => q.data).filter((a): a is Accuracy => Boolean(a?.snapshots.length));

  return (
    <Page title={t('manager.forecast.title')}>
      <form onSubmit={submit} className="no-print">
        <div className="grid">
          <label>
            {t('manager.forecast.from')}
            <input type="month" required value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </label>
          <label>
            {t('manager.forecast.to')}
            <input type="month" required value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <label>
            {t('manager.forecast.period')}
            <select value={draft.period} onChange={(e) => setDraft({ ...draft, period: e.target.value as Settings['period'] })}>
              <option value="month">{t('manager.forecast.month')}</option>
              <option value="quarter">{t('manager.forecast.quarter')}</option>
            </select>
          </label>
          <label>
            {t('manager.forecast.weighting')}
            <select value={draft.weighting} onChange={(e) => setDraft({ ...draft, weighting: e.target.value as Settings['weighting'] })}>
              {WEIGHTINGS.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>{t('manager.forecast.groupBy')}</legend>
          {DIMENSIONS.map((d) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={draft.dimensions.includes(d)}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    dimensions: e.target.checked
                      ? DIMENSIONS.filter((x) => x === d || draft.dimensions.includes(x))
                      : draft.dimensions.filter((x) => x !== d),
                  })
                }
              />
              {t(`manager.forecast.dims.${d}`)}
            </label>
          ))}
        </fieldset>
        <p className="row-actions">
          <button type="submit">{t('manager.forecast.show')}</button>
          <button type="button" className="secondary" disabled={downloading} onClick={() => void download('report')}>
            {t('manager.forecast.downloadReport')}
          </button>
          <button type="button" className="secondary" disabled={downloading} onClick={() => void download('lines')}>
            {t('manager.forecast.downloadLines')}
          </button>
        </p>
      </form>
      {report.isPending ? <Loading /> : null}
      {report.isError ? <QueryError error={report.error} retry={() => void report.refetch()} /> : null}
      {report.data ? (
        <>
          <BarChart
            title={t('manager.forecast.title')}
            labels={rows.map(label)}
            series={[
              { label: t('manager.forecast.pipeline'), values: rows.map((r) => r.pipelineValue / 100) },
              { label: t('manager.forecast.weighted'), values: rows.map((r) => r.weightedValue / 100) },
              { label: t('manager.forecast.won'), values: rows.map((r) => r.wonValue / 100) },
            ]}
            format={(v) => money(Math.round(v * 100))}
          />
          <div className="overflow-auto">
            <table className="striped" data-testid="forecast-table">
              <caption className="visually-hidden">{t('manager.forecast.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('manager.forecast.period')}</th>
                  <th scope="col">{t('manager.forecast.deals')}</th>
                  <th scope="col">{t('manager.forecast.pipeline')}</th>
                  <th scope="col">{t('manager.forecast.weighted')}</th>
                  <th scope="col">{t('manager.forecast.won')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={label(r)}>
                    <th scope="row">{label(r)}</th>
                    <td>{formatNumber(r.openCount, locale)}</td>
                    <td>{money(r.pipelineValue)}</td>
                    <td>{money(r.weightedValue)}</td>
                    <td>{money(r.wonValue)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('manager.forecast.total')}</th>
                  <td>{formatNumber(totals.openCount, locale)}</td>
                  <td>{money(totals.pipelineValue)}</td>
                  <td>{money(totals.weightedValue)}</td>
                  <td>{money(totals.wonValue)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : null}
      <h2>{t('manager.forecast.accuracy')}</h2>
      {accuracyRows.length ? (
        <BarChart
          title={t('manager.forecast.accuracy')}
          labels={accuracyRows.map((a) => a.month)}
          series={[
            {
              label: t('manager.forecast.snapshot'),
              values: accuracyRows.map((a) => (a.snapshots.at(-1)?.forecastWeightedValue ?? 0) / 100),
            },
            { label: t('manager.forecast.won'), values: accuracyRows.map((a) => a.actualWonValue / 100) },
          ]}
          format={(v) => money(Math.round(v * 100))}
        />
      ) : (
        <p>{t('manager.forecast.noAccuracy')}</p>
      )}
    </Page>
  );
}
