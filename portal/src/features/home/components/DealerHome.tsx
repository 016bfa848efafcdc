import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.js';
import { BarChart } from '../../../components/BarChart.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { ProtectedUntil } from '../../../components/ProtectedUntil.js';
import { QueryError } from '../../../components/QueryError.js';
import { StatusBadge } from '../../../components/StatusBadge.js';
import { formatDate, formatMoney, formatMonth, formatNumber } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { useOpenRegistrations } from '../../registrations/api/registrations.js';
import { useScorecard } from '../../scorecard/api/scorecard.js';
import { attentionOf, EXPIRY_WINDOW_DAYS, mainCurrency, pipelineByMonth, pipelineByStage } from '../hooks/pipeline.js';

/** The dealer's start page: what needs them now first, then where they stand. */
export function DealerHome() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useSession();
  const open = useOpenRegistrations();
  const card = useScorecard(session.dealerId);

  return (
    <Page
      title={t('home.title')}
      actions={
        <p>
          <Link to={paths.register} role="button">
            {t('nav.register')}
          </Link>
        </p>
      }
    >
      {/* One loading state for both queries, so nothing already shown moves when the other answers. */}
      {open.isPending || card.isPending ? <Loading /> : <DealerHomeContent open={open} card={card} locale={locale} />}
    </Page>
  );
}

function DealerHomeContent({
  open,
  card,
  locale,
}: {
  open: ReturnType<typeof useOpenRegistrations>;
  card: ReturnType<typeof useScorecard>;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {open.isError ? <QueryError error={open.error} retry={() => void open.refetch()} /> : null}
      {open.data ? <Attention data={open.data} locale={locale} /> : null}
      <div className="cards">
        {open.data ? (
          <article>
            <header>
              <h2>{t('home.open')}</h2>
            </header>
            <ul>
              {(['submitted', 'in_conflict', 'approved'] as const).map((status) => (
                <li key={status}>
                  <Link to={`${paths.registrations}?status=${status}`}>
                    {t(`status.${status}`)}: {formatNumber(open.data[status].length, locale)}
                  </Link>
                </li>
              ))}
            </ul>
          </article>
        ) : null}
        <article>
          <header>
            <h2>{t('home.tier')}</h2>
          </header>
          {card.isError ? <QueryError error={card.error} /> : null}
          {card.data ? (
            <>
              <p>
                <strong className="big">{t(`tier.${card.data.tier}`)}</strong>
                {card.data.score !== null
                  ? ` · ${t('scorecard.score', { score: formatNumber(card.data.score, locale, { maximumFractionDigits: 1 }) })}`
                  : ''}
              </p>
              <p>
                {card.data.gapToNextTier
                  ? t('scorecard.gapText', {
                      tier: t(`tier.${card.data.gapToNextTier.tier}`),
                      score: formatNumber(card.data.gapToNextTier.score, locale, { maximumFractionDigits: 1 }),
                      revenue: formatMoney(card.data.gapToNextTier.revenue, locale),
                    })
                  : card.data.tier === 'gold'
                    ? t('scorecard.topTier')
                    : t('scorecard.noEvaluation')}
              </p>
              <Link to={paths.scorecard}>{t('home.toScorecard')}</Link>
            </>
          ) : null}
        </article>
      </div>
      {open.data ? <Pipeline data={open.data} locale={locale} /> : null}
    </>
  );
}

function Attention({ data, locale }: { data: Parameters<typeof attentionOf>[0]; locale: string }) {
  const { t } = useTranslation();
  const { expiring, waiting } = attentionOf(data);
  if (expiring.length === 0 && waiting.length === 0) {
    return (
      <section className="attention calm" aria-labelledby="now-heading">
        <h2 id="now-heading">{t('home.now')}</h2>
        <p>{t('home.nothingNow')}</p>
      </section>
    );
  }
  return (
    <section className="attention" aria-labelledby="now-heading">
      <h2 id="now-heading">{t('home.now')}</h2>
      {expiring.length > 0 ? (
        <>
          <h3>{t('home.expiring', { count: expiring.length, days: EXPIRY_WINDOW_DAYS })}</h3>
          <ul>
            {expiring.map(({ registration }) => (
              <li key={registration.id}>
                <Link to={paths.registration(registration.id)}>{registration.customer.name}</Link> ·{' '}
                <ProtectedUntil until={registration.protectedUntil as string} />
                {registration.extension ? '' : ` · ${t('home.canExtend')}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {waiting.length > 0 ? (
        <>
          <h3>{t('home.waiting', { count: waiting.length })}</h3>
          <ul>
            {waiting.slice(0, 5).map((r) => (
              <li key={r.id}>
                <Link to={paths.registration(r.id)}>{r.customer.name}</Link> · <StatusBadge status={r.status} /> ·{' '}
                {t('home.submittedOn', { date: formatDate(r.submittedAt, locale) })}
              </li>
            ))}
          </ul>
          {waiting.length > 5 ? <Link to={`${paths.registrations}?status=submitted`}>{t('home.allWaiting')}</Link> : null}
        </>
      ) : null}
    </section>
  );
}

function Pipeline({ data, locale }: { data: Parameters<typeof attentionOf>[0]; locale: string }) {
  const { t } = useTranslation();
  const all = [...data.submitted, ...data.in_conflict, ...data.approved];
  if (all.length === 0) return null;
  const currency = mainCurrency(all);
  const stage = pipelineByStage(all, currency);
  const month = pipelineByMonth(all, currency);
  const money = (amount: number) => formatMoney({ amount, currency }, locale, { compact: true });
  const others = all.filter((r) => r.expectedValue.currency !== currency).length;
  return (
    <section aria-labelledby="pipeline-heading">
      <h2 id="pipeline-heading">{t('home.pipeline')}</h2>
      {others > 0 ? <p className="muted">{t('home.otherCurrencies', { count: others, currency })}</p> : null}
      <div className="grid">
        <div>
          <h3>{t('home.byStage')}</h3>
          <BarChart
            title={t('home.byStage')}
            labels={stage.stages.map((s) => t(`stage.${s}`))}
            series={[{ label: currency, values: stage.values }]}
            format={money}
          />
        </div>
        <div>
          <h3>{t('home.byMonth')}</h3>
          <BarChart
            title={t('home.byMonth')}
            labels={month.months.map((m) => formatMonth(m, locale))}
            series={[{ label: currency, values: month.values }]}
            format={money}
          />
        </div>
      </div>
    </section>
  );
}
