import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { api } from '../../../lib/api-client.js';
import { formatDate, formatMoney, formatNumber } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useScorecard } from '../../scorecard/api/scorecard.js';
import { quarterOf } from '../api/manager.js';

interface Plan {
  id: string;
  status: string;
  deadline: string;
  goals: { kpi: string; target: number; direction: string }[];
  results?: { kpi: string; actual: number | null; met: boolean }[];
}

/** A dealer as its manager follows it: scorecard, diagnosis, improvement plans and its business reviews. */
export function DealerPage() {
  const { dealerId = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const card = useScorecard(dealerId);
  const plans = useQuery({
    queryKey: ['plans', dealerId],
    queryFn: ({ signal }) => api.get<{ items: Plan[] }>(`/dealers/${encodeURIComponent(dealerId)}/improvement-plans?limit=100`, signal),
  });
  const current = quarterOf(new Date().toISOString().slice(0, 10));
  const year = Number(current.slice(0, 4));
  const q = Number(current.slice(6));
  const previous = q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  if (card.isPending) return <Loading />;
  if (card.isError) return <QueryError error={card.error} retry={() => void card.refetch()} />;
  const s = card.data;
  return (
    <Page title={`${t('manager.dealers.title')} ${dealerId}`}>
      <p>
        <Link to={paths.businessReview(dealerId, previous)}>{t('manager.dealers.review', { quarter: previous })}</Link> ·{' '}
        <Link to={paths.businessReview(dealerId, current)}>{t('manager.dealers.review', { quarter: current })}</Link>
      </p>
      <h2>{t('manager.dealers.scorecard')}</h2>
      <dl className="facts">
        <dt>{t('scorecard.tier')}</dt>
        <dd>
          {t(`tier.${s.tier}`)} {s.score === null ? '' : `(${formatNumber(s.score, locale, { maximumFractionDigits: 1 })})`}
        </dd>
        <dt>{t('kpi.revenue')}</dt>
        <dd>{formatMoney(s.kpis.revenue, locale)}</dd>
        <dt>{t('kpi.registeredDeals')}</dt>
        <dd>{s.kpis.registeredDeals}</dd>
        <dt>{t('kpi.pipelineValue')}</dt>
        <dd>{formatMoney(s.kpis.pipelineValue, locale)}</dd>
      </dl>
      <h2>{t('manager.dealers.diagnosis')}</h2>
      {s.diagnosis.length ? (
        <ul>
          {s.diagnosis.map((d) => (
            <li key={d.code}>{t(`diagnosis.${d.code}`, { defaultValue: d.detail })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('manager.dealers.noDiagnosis')}</p>
      )}
      <h2>{t('manager.dealers.plans')}</h2>
      {plans.data?.items.length ? (
        <ul>
          {plans.data.items.map((p) => (
            <li key={p.id}>
              <details>
                <summary>
                  {formatDate(p.deadline, locale)} — {p.status}
                </summary>
                <ul>
                  {p.goals.map((g) => {
                    const result = p.results?.find((r) => r.kpi === g.kpi);
                    return (
                      <li key={g.kpi}>
                        {t(`kpi.${g.kpi}`, { defaultValue: g.kpi })} {g.direction === 'at_most' ? '≤' : '≥'} {g.target}
                        {result ? ` → ${result.actual ?? '—'} (${result.met ? '✓' : '✗'})` : ''}
                      </li>
                    );
                  })}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('manager.dealers.noPlans')}</p>
      )}
    </Page>
  );
}
