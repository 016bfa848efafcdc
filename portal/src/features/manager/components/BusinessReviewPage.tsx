import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { type BusinessReview, useBusinessReview, useHoldReview } from '../api/manager.js';

type Kpis = BusinessReview['pack']['kpis']['current'];
type Money = { amount: number; currency: string };

const KPI_ROWS: { key: keyof Kpis; kind: 'money' | 'ratio' | 'number' }[] = [
  { key: 'revenue', kind: 'money' },
  { key: 'yoyGrowth', kind: 'ratio' },
  { key: 'registeredDeals', kind: 'number' },
  { key: 'registrationToCloseRatio', kind: 'ratio' },
  { key: 'pipelineValue', kind: 'money' },
  { key: 'averageDealSize', kind: 'money' },
  { key: 'averageCycleDays', kind: 'number' },
  { key: 'portalLogins', kind: 'number' },
  { key: 'trainingCompletion', kind: 'ratio' },
  { key: 'marketingParticipation', kind: 'ratio' },
  { key: 'supportTickets', kind: 'number' },
];

type Commitment = { text: string; owner: string; due: string };
const blank = (): Commitment => ({ text: '', owner: '', due: '' });

/**
 * A dealer's quarterly business review: the pack (KPIs against the previous quarter and a year earlier, tier and gap,
 * pipeline and protections, improvement plan, last review's commitments), printable; managers hold it, which freezes it.
 */
export function BusinessReviewPage() {
  const params = useParams();
  const session = useSession();
  const dealerId = session.role === 'dealer' ? (session.dealerId ?? '') : (params.dealerId ?? '');
  const quarter = params.quarter ?? '';
  const { t } = useTranslation();
  const locale = currentLocale();
  const review = useBusinessReview(dealerId, quarter);
  const hold = useHoldReview(dealerId, quarter);
  const [heldOn, setHeldOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [commitments, setCommitments] = useState<Commitment[]>([blank()]);

  if (review.isPending) return <Loading />;
  if (review.isError) return <QueryError error={review.error} retry={() => void review.refetch()} />;
  const r = review.data;
  const { pack } = r;
  const value = (v: unknown, kind: 'money' | 'ratio' | 'number') =>
    v === null || v === undefined
      ? '—'
      : kind === 'money'
        ? formatMoney(v as Money, locale)
        : kind === 'ratio'
          ? formatPercent(v as number, locale)
          : formatNumber(v as number, locale, { maximumFractionDigits: 1 });
  const mayHold = r.state === 'draft' && session.role !== 'dealer' && session.role !== 'finance';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    hold.mutate({ heldOn, commitments: commitments.filter((c) => c.text.trim() || c.owner.trim() || c.due) });
  };
  const fieldError = (index: number, field: string) =>
    hold.error instanceof ApiError
      ? hold.error.problem.errors?.find((e) => e.path === `/commitments/${index}/${field}`)?.message
      : undefined;

  return (
    <Page
      title={t('manager.review.title', { quarter: r.quarter, dealer: r.dealerName })}
      actions={
        <p className="no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('manager.review.print')}
          </button>
        </p>
      }
    >
      <p role="status">
        {r.held
          ? t('manager.review.held', { on: formatDate(r.held.heldOn, locale), by: r.held.heldBy.id, at: formatDateTime(r.asOf, locale) })
          : t('manager.review.draft', { at: formatDateTime(r.asOf, locale) })}
      </p>
      <section className="review-pack">
        <h2>{t('manager.review.kpis')}</h2>
        <table className="striped">
          <thead>
            <tr>
              <th scope="col">{t('manager.review.kpi')}</th>
              <th scope="col">{pack.quarters.current}</th>
              <th scope="col">{pack.quarters.previousQuarter}</th>
              <th scope="col">{pack.quarters.yearEarlier}</th>
            </tr>
          </thead>
          <tbody>
            {KPI_ROWS.map(({ key, kind }) => (
              <tr key={key}>
                <th scope="row">{t(`kpi.${key}`)}</th>
                <td>{value(pack.kpis.current[key], kind)}</td>
                <td>{value(pack.kpis.previousQuarter[key], kind)}</td>
                <td>{value(pack.kpis.yearEarlier[key], kind)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('manager.review.tier')}</h2>
        <p>
          <strong>{t(`tier.${pack.tier.tier}`)}</strong>
          {pack.tier.score === null ? '' : ` · ${formatNumber(pack.tier.score, locale, { maximumFractionDigits: 1 })}`} ·{' '}
          {pack.tier.gapToNextTier
            ? t('manager.review.gap', {
                score: formatNumber(pack.tier.gapToNextTier.score, locale, { maximumFractionDigits: 1 }),
                revenue: formatMoney(pack.tier.gapToNextTier.revenue, locale),
                tier: t(`tier.${pack.tier.gapToNextTier.tier}`),
              })
            : t('manager.review.topTier')}
        </p>
        <h2>{t('manager.review.pipeline')}</h2>
        <table className="striped">
          <thead>
            <tr>
              <th scope="col">{t('manager.review.stage')}</th>
              <th scope="col">{t('manager.review.count')}</th>
              <th scope="col">{t('manager.review.value')}</th>
            </tr>
          </thead>
          <tbody>
            {pack.pipeline.byStage.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{s.stage === 'none' ? '—' : t(`stage.${s.stage}`)}</th>
                <td>{s.count}</td>
                <td>{formatMoney(s.value, locale)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('manager.review.total')}</th>
              <td>{pack.pipeline.openRegistrations}</td>
              <td>{formatMoney(pack.pipeline.value, locale)}</td>
            </tr>
          </tbody>
        </table>
        <h2>{t('manager.review.protections')}</h2>
        <p>{t('manager.review.activeProtections', { active: pack.protections.active, soon: pack.protections.endingWithin30Days })}</p>
        {pack.protections.items.length ? (
          <table className="striped">
            <thead>
              <tr>
                <th scope="col">{t('manager.conflicts.customer')}</th>
                <th scope="col">{t('manager.review.value')}</th>
                <th scope="col">{t('manager.review.until')}</th>
              </tr>
            </thead>
            <tbody>
              {pack.protections.items.map((p) => (
                <tr key={p.registrationId}>
                  <td>{p.customer}</td>
                  <td>{formatMoney(p.expectedValue, locale)}</td>
                  <td>{formatDate(p.protectedUntil, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <h2>{t('manager.review.plan')}</h2>
        {pack.improvementPlan ? (
          <p>
            {t('manager.review.deadline', { date: formatDate(pack.improvementPlan.deadline, locale), status: pack.improvementPlan.status })}
            :{' '}
            {pack.improvementPlan.goals
              .map((g) => `${t(`kpi.${g.kpi}`, { defaultValue: g.kpi })} ${g.direction === 'at_most' ? '≤' : '≥'} ${g.target}`)
              .join(' · ')}
          </p>
        ) : (
          <p>{t('manager.review.noPlan')}</p>
        )}
        <h2>{t('manager.review.previous')}</h2>
        {pack.previousReview ? (
          <CommitmentTable
            rows={pack.previousReview.commitments.map((c) => ({ ...c, state: t(`manager.review.states.${c.state}`) }))}
            caption={`${pack.previousReview.quarter} · ${formatDate(pack.previousReview.heldOn, locale)}`}
          />
        ) : (
          <p>{t('manager.review.noPrevious')}</p>
        )}
        {r.held ? (
          <>
            <h2>{t('manager.review.agreed')}</h2>
            <CommitmentTable rows={r.held.commitments} caption={t('manager.review.agreed')} />
          </>
        ) : null}
      </section>
      {mayHold ? (
        <form className="no-print" onSubmit={submit} aria-label={t('manager.review.hold')}>
          <h2>{t('manager.review.hold')}</h2>
          <label>
            {t('manager.review.heldOn')}
            <input type="date" required value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
          </label>
          {commitments.map((c, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
            <fieldset key={index} className="grid">
              <legend>
                {t('manager.review.commitment')} {index + 1}
              </legend>
              {(['text', 'owner', 'due'] as const).map((field) => {
                const error = fieldError(index, field);
                return (
                  <label key={field}>
                    {t(`manager.review.${field === 'text' ? 'commitment' : field}`)}
                    <input
                      type={field === 'due' ? 'date' : 'text'}
                      value={c[field]}
                      aria-invalid={error ? true : undefined}
                      onChange={(e) => setCommitments((all) => all.map((x, i) => (i === index ? { ...x, [field]: e.target.value } : x)))}
                    />
                    {error ? <small>{error}</small> : null}
                  </label>
                );
              })}
              <button type="button" className="secondary" onClick={() => setCommitments((all) => all.filter((_, i) => i !== index))}>
                {t('manager.review.remove')}
              </button>
            </fieldset>
          ))}
          <p className="row-actions">
            <button type="button" className="secondary" onClick={() => setCommitments((all) => [...all, blank()])}>
              {t('manager.review.addCommitment')}
            </button>
            <button type="submit" disabled={hold.isPending}>
              {t('manager.review.holdButton')}
            </button>
          </p>
          {hold.error ? <p role="alert">{hold.error instanceof ApiError ? hold.error.message : t('common.failed')}</p> : null}
        </form>
      ) : null}
    </Page>
  );
}

function CommitmentTable({ rows, caption }: { rows: (Commitment & { state?: string })[]; caption: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const withState = rows.some((r) => r.state);
  return (
    <table className="striped">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('manager.review.commitment')}</th>
          <th scope="col">{t('manager.review.owner')}</th>
          <th scope="col">{t('manager.review.due')}</th>
          {withState ? <th scope="col">{t('manager.review.state')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={`${c.text}-${c.due}`}>
            <td>{c.text}</td>
            <td>{c.owner}</td>
            <td>{formatDate(c.due, locale)}</td>
            {withState ? <td>{c.state}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
