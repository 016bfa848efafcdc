/**
 * One routing decision as a person reads it: which rule applied, every candidate with why it was left out or what
 * weight it had, each weighted dealer's slice of [0, 1), where the seeded draw fell, and the choice.
 */
import type { RoutingTrace } from '@shared/schemas/leads.js';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../../../components/BarChart.js';
import { formatDateTime, formatNumber, formatPercent } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';

/** Each weighted dealer's slice of [0, 1) in the order the draw walks them (the engine's order). */
function slices(trace: RoutingTrace) {
  let from = 0;
  return trace.weights.map((w) => {
    const slice = { ...w, from, to: from + w.share };
    from += w.share;
    return slice;
  });
}

export function RoutingTraceView({ trace }: { trace: RoutingTrace }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const bySlice = new Map(slices(trace).map((s) => [s.dealerId, s]));
  const excluded = new Map(trace.exclusions.map((e) => [e.dealerId, e.reason]));
  const listed = new Set(trace.candidates.map((c) => c.dealerId));
  // A rule's dealer or a hand-picked one outside the region's candidates still gets its row.
  const extra = [...new Set([...trace.exclusions.map((e) => e.dealerId), ...(trace.chosen ? [trace.chosen] : [])])].filter(
    (id) => !listed.has(id),
  );
  const fixed = (value: number) => formatNumber(value, locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  const headingId = `trace-${trace.round}`;

  return (
    <section aria-labelledby={headingId} className="routing-trace" data-round={trace.round}>
      <h3 id={headingId}>
        {t('leads.trace.round', { round: trace.round, at: formatDateTime(trace.at, locale) })}
        {' · '}
        {trace.by === 'manual' ? t('leads.trace.byHand', { actor: trace.actor?.id ?? '' }) : t('leads.trace.byRules')}
      </h3>
      <dl>
        <dt>{t('leads.trace.rule')}</dt>
        <dd>
          {t(`leads.trace.rules.${trace.rule}`)}
          {trace.ruleId ? ` (${trace.ruleId})` : ''}
        </dd>
        <dt>{t('leads.trace.outcome')}</dt>
        <dd>
          {trace.outcome === 'offered' && trace.chosen
            ? t('leads.trace.offeredTo', { dealer: trace.chosen })
            : t('leads.trace.leftUnassigned')}{' '}
          <span className="muted">— {trace.reason}</span>
        </dd>
        {trace.draw !== undefined ? (
          <>
            <dt>{t('leads.trace.draw')}</dt>
            <dd>{t('leads.trace.drawText', { draw: fixed(trace.draw), seed: trace.seed })}</dd>
          </>
        ) : null}
        {trace.full.length > 0 ? (
          <>
            <dt>{t('leads.trace.full')}</dt>
            <dd>{trace.full.join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('leads.trace.settings')}</dt>
        <dd>
          {(['gold', 'silver', 'bronze'] as const)
            .map((tier) =>
              t('leads.trace.tierSetting', {
                tier: t(`tier.${tier}`),
                weight: trace.settings.weightByTier[tier],
                capacity: trace.settings.capacityByTier[tier],
              }),
            )
            .join(' · ')}
        </dd>
      </dl>
      {trace.weights.length > 0 ? (
        <BarChart
          title={t('leads.trace.chart')}
          labels={trace.weights.map((w) => w.dealerId)}
          series={[{ label: t('leads.trace.share'), values: trace.weights.map((w) => w.share) }]}
          format={(value) => formatPercent(value, locale)}
          horizontal
        />
      ) : null}
      <div className="overflow-auto">
        <table className="responsive-table striped">
          <caption>{t('leads.trace.candidates', { count: trace.candidates.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('leads.trace.dealer')}</th>
              <th scope="col">{t('leads.trace.tier')}</th>
              <th scope="col">{t('leads.trace.openLeads')}</th>
              <th scope="col">{t('leads.trace.weight')}</th>
              <th scope="col">{t('leads.trace.slice')}</th>
              <th scope="col">{t('leads.trace.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {[...trace.candidates.map((c) => c.dealerId), ...extra].map((dealerId) => {
              const candidate = trace.candidates.find((c) => c.dealerId === dealerId);
              const slice = bySlice.get(dealerId);
              const chosen = trace.chosen === dealerId;
              const reason = excluded.get(dealerId);
              return (
                <tr key={dealerId} aria-current={chosen ? 'true' : undefined} data-dealer={dealerId}>
                  <th scope="row" data-label={t('leads.trace.dealer')}>
                    {dealerId}
                  </th>
                  <td data-label={t('leads.trace.tier')}>{candidate ? t(`tier.${candidate.tier}`) : '—'}</td>
                  <td data-label={t('leads.trace.openLeads')}>
                    {candidate ? t('leads.trace.openOf', { open: candidate.openLeads, capacity: candidate.capacity }) : '—'}
                  </td>
                  <td data-label={t('leads.trace.weight')}>{slice ? `${slice.weight} (${formatPercent(slice.share, locale)})` : '—'}</td>
                  <td data-label={t('leads.trace.slice')}>{slice ? `${fixed(slice.from)} – ${fixed(slice.to)}` : '—'}</td>
                  <td data-label={t('leads.trace.verdict')}>
                    {chosen ? (
                      <strong>{t('leads.trace.chosen')}</strong>
                    ) : reason ? (
                      t('leads.trace.excluded', { reason })
                    ) : trace.rule === 'weighted' ? (
                      t('leads.trace.notDrawn')
                    ) : (
                      t('leads.trace.notConsidered')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
