import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../../../components/BarChart.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { formatMoney, formatNumber, formatPercent } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { recentPeriods, type Scorecard, useScorecard, useTierHistory } from '../api/scorecard.js';

type Kpis = Scorecard['kpis'];

/** The twelve KPIs, each formatted as what it is (money, ratio, count, days). */
function kpiRows(kpis: Kpis, locale: string, t: (key: string) => string): { key: string; label: string; value: string }[] {
  const ratio = (v: number | null) => (v === null ? '—' : formatPercent(v, locale));
  const money = (m: { amount: number; currency: string } | null) => (m === null ? '—' : formatMoney(m, locale));
  const mix = kpis.productMix.map((p) => `${p.productLine} ${formatPercent(p.share, locale)}`).join(', ') || '—';
  return [
    { key: 'revenue', value: money(kpis.revenue) },
    { key: 'yoyGrowth', value: kpis.yoyGrowth === null ? '—' : formatPercent(kpis.yoyGrowth, locale) },
    { key: 'productMix', value: mix },
    { key: 'averageDealSize', value: money(kpis.averageDealSize) },
    { key: 'registeredDeals', value: formatNumber(kpis.registeredDeals, locale) },
    { key: 'registrationToCloseRatio', value: ratio(kpis.registrationToCloseRatio) },
    { key: 'pipelineValue', value: money(kpis.pipelineValue) },
    { key: 'averageCycleDays', value: kpis.averageCycleDays === null ? '—' : formatNumber(Math.round(kpis.averageCycleDays), locale) },
    { key: 'portalLogins', value: formatNumber(kpis.portalLogins, locale) },
    { key: 'trainingCompletion', value: ratio(kpis.trainingCompletion) },
    { key: 'marketingParticipation', value: ratio(kpis.marketingParticipation) },
    { key: 'supportTickets', value: formatNumber(kpis.supportTickets, locale) },
  ].map((row) => ({ ...row, label: t(`kpi.${row.key}`) }));
}

export function ScorecardPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useSession();
  const [period, setPeriod] = useState<string>();
  const card = useScorecard(session.dealerId, period);
  const history = useTierHistory(session.dealerId);
  const periods = recentPeriods();

  return (
    <Page title={t('scorecard.title')}>
      <label htmlFor="period">
        {t('scorecard.period')}
        <select id="period" value={period ?? ''} onChange={(event) => setPeriod(event.target.value || undefined)}>
          <option value="">{t('scorecard.currentQuarter')}</option>
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      {card.isPending ? <Loading /> : null}
      {card.isError ? <QueryError error={card.error} retry={() => void card.refetch()} /> : null}
      {card.data ? (
        <>
          <div className="cards">
            <article>
              <header>{t('scorecard.tier')}</header>
              <p className="big">{t(`tier.${card.data.tier}`)}</p>
              <p className="muted">
                {card.data.score === null
                  ? t('scorecard.noEvaluation')
                  : t('scorecard.score', { score: formatNumber(card.data.score, locale, { maximumFractionDigits: 1 }) })}
              </p>
            </article>
            <article>
              <header>{t('scorecard.gap')}</header>
              {card.data.gapToNextTier ? (
                <p>
                  {t('scorecard.gapText', {
                    tier: t(`tier.${card.data.gapToNextTier.tier}`),
                    score: formatNumber(card.data.gapToNextTier.score, locale, { maximumFractionDigits: 1 }),
                    revenue: formatMoney(card.data.gapToNextTier.revenue, locale),
                  })}
                </p>
              ) : (
                <p>{card.data.tier === 'gold' ? t('scorecard.topTier') : t('scorecard.noEvaluation')}</p>
              )}
            </article>
            <article>
              <header>{t('scorecard.diagnosis')}</header>
              {card.data.diagnosis.length === 0 ? (
                <p>{t('scorecard.noFlags')}</p>
              ) : (
                <ul>
                  {card.data.diagnosis.map((d) => (
                    <li key={d.code}>{t(`diagnosis.${d.code}`)}</li>
                  ))}
                </ul>
              )}
            </article>
          </div>
          {card.data.tierEvaluation ? (
            <section aria-labelledby="criteria-heading">
              <h2 id="criteria-heading">{t('scorecard.criteria')}</h2>
              <BarChart
                title={t('scorecard.criteria')}
                labels={Object.keys(card.data.tierEvaluation.criteria).map((c) => t(`criterion.${c}`))}
                series={[{ label: t('scorecard.points'), values: Object.values(card.data.tierEvaluation.criteria) }]}
                format={(v) => formatNumber(v, locale, { maximumFractionDigits: 0 })}
                horizontal
              />
            </section>
          ) : null}
          <section aria-labelledby="kpi-heading">
            <h2 id="kpi-heading">{t('scorecard.kpis', { period: card.data.period })}</h2>
            <BarChart
              title={t('scorecard.ratios')}
              labels={[t('kpi.registrationToCloseRatio'), t('kpi.trainingCompletion'), t('kpi.marketingParticipation')]}
              series={[
                {
                  label: t('scorecard.percent'),
                  values: [
                    card.data.kpis.registrationToCloseRatio,
                    card.data.kpis.trainingCompletion,
                    card.data.kpis.marketingParticipation,
                  ].map((v) => Math.round((v ?? 0) * 100)),
                },
              ]}
              format={(v) => `${formatNumber(v, locale)} %`}
              horizontal
            />
            <table className="responsive-table kpis">
              <thead>
                <tr>
                  <th scope="col">{t('scorecard.kpi')}</th>
                  <th scope="col">{t('scorecard.value')}</th>
                </tr>
              </thead>
              <tbody>
                {kpiRows(card.data.kpis, locale, t).map((row) => (
                  <tr key={row.key}>
                    <th scope="row" data-label={t('scorecard.kpi')}>
                      {row.label}
                    </th>
                    <td data-label={t('scorecard.value')}>{row.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
      <section aria-labelledby="tier-history-heading">
        <h2 id="tier-history-heading">{t('scorecard.tierHistory')}</h2>
        {history.isError ? <QueryError error={history.error} /> : null}
        {history.data?.items.length === 0 ? <p>{t('scorecard.noTierChanges')}</p> : null}
        <ol className="timeline">
          {(history.data?.items ?? []).map((change) => (
            <li key={change.quarter}>
              <strong>
                {change.quarter}: {change.from ? `${t(`tier.${change.from}`)} → ` : ''}
                {t(`tier.${change.to}`)}
              </strong>
              <ul>
                {change.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
