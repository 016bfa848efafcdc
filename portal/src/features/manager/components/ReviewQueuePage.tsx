import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate, formatMoney, formatPercent } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import type { Registration } from '../../registrations/api/types.js';
import { useScorecard } from '../../scorecard/api/scorecard.js';
import { decide, useProgram, useReviewQueue } from '../api/manager.js';
import { managerTexts } from '../texts.js';

const HOUR_MS = 3_600_000;
/** How long an approval waits before it is sent, so that a slip can be undone. */
export const UNDO_SECONDS = 5;
const SHORTCUTS_KEY = 'dealer-channel.queue-shortcuts';

type Outcome = { id: string; customer: string; ok: boolean; message: string };

/** Time left to the review target, and the flag: 75 % of it used, or past it. */
function timing(r: Registration, targetHours: number, now: number) {
  const elapsed = now - new Date(r.submittedAt).getTime();
  const left = targetHours * HOUR_MS - elapsed;
  const flag = left <= 0 ? 'past' : elapsed >= 0.75 * targetHours * HOUR_MS ? 'near' : undefined;
  return { left, flag };
}

function TrackRecord({ dealerId }: { dealerId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const card = useScorecard(dealerId);
  if (!card.data) return null;
  const ratio = card.data.kpis.registrationToCloseRatio;
  return (
    <small className="muted">
      {t('manager.queue.tier', { tier: t(`tier.${card.data.tier}`) })} ·{' '}
      {ratio === null ? t('manager.queue.noRecord') : t('manager.queue.ratio', { ratio: formatPercent(ratio, locale) })}
    </small>
  );
}

/** The review queue of the manager's regions: least time left first, decided one by one or in bulk. */
export function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const queue = useReviewQueue();
  const program = useProgram();
  const [now, setNow] = useState(() => Date.now());
  const [pending, setPending] = useState<{ id: string; customer: string; seconds: number } | undefined>();
  const [rejecting, setRejecting] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [reasonLanguage, setReasonLanguage] = useState<keyof typeof managerTexts>(
    (['en', 'de', 'nl'].includes(i18n.language.slice(0, 2)) ? i18n.language.slice(0, 2) : 'en') as keyof typeof managerTexts,
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [shortcuts, setShortcuts] = useState(() => localStorage.getItem(SHORTCUTS_KEY) !== 'off');
  const [focus, setFocus] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, []);

  const targetHours = program.data?.reviewTargetHours ?? 24;
  const items = [...(queue.data?.items ?? [])].sort((a, b) => timing(a, targetHours, now).left - timing(b, targetHours, now).left);

  const report = useCallback(
    async (r: Registration, decision: 'approve' | 'reject', why: string) => {
      try {
        await decide(r.id, decision, why);
        setOutcomes((o) => [
          ...o,
          {
            id: r.id,
            customer: r.customer.name,
            ok: true,
            message: t(`manager.queue.${decision === 'approve' ? 'approved' : 'rejected'}`, { customer: r.customer.name }),
          },
        ]);
      } catch (error) {
        const message = error instanceof ApiError ? error.message : t('common.failed');
        setOutcomes((o) => [
          ...o,
          { id: r.id, customer: r.customer.name, ok: false, message: t('manager.queue.failed', { customer: r.customer.name, message }) },
        ]);
      }
      await client.invalidateQueries({ queryKey: ['reviews'] });
    },
    [client, t],
  );

  const approveWithUndo = (r: Registration) => {
    if (pending) return;
    setPending({ id: r.id, customer: r.customer.name, seconds: UNDO_SECONDS });
    timer.current = setInterval(() => {
      setPending((p) => {
        if (!p) return p;
        if (p.seconds > 1) return { ...p, seconds: p.seconds - 1 };
        clearInterval(timer.current);
        void report(r, 'approve', managerTexts[reasonLanguage].templates.approve);
        return undefined;
      });
    }, 1000);
  };
  const undo = () => {
    clearInterval(timer.current);
    setPending(undefined);
  };
  useEffect(() => () => clearInterval(timer.current), []);

  const startReject = (r: Registration) => {
    setRejecting(r.id);
    setReason('');
  };

  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || event.ctrlKey || event.metaKey || event.altKey) return;
      const current = items[focus];
      if (event.key === 'j') setFocus((f) => Math.min(f + 1, items.length - 1));
      else if (event.key === 'k') setFocus((f) => Math.max(f - 1, 0));
      else if (event.key === 'a' && current && current.status === 'submitted') approveWithUndo(current);
      else if (event.key === 'r' && current && current.status === 'submitted') startReject(current);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const toggleShortcuts = (on: boolean) => {
    setShortcuts(on);
    localStorage.setItem(SHORTCUTS_KEY, on ? 'on' : 'off');
  };

  const bulkApprove = async () => {
    setPreview(false);
    const chosen = items.filter((r) => selected.has(r.id));
    setSelected(new Set());
    for (const r of chosen) await report(r, 'approve', managerTexts[reasonLanguage].templates.approve);
  };

  const templates = managerTexts[reasonLanguage].templates;
  const chosen = items.filter((r) => selected.has(r.id));

  return (
    <Page title={t('manager.queue.title')}>
      <p>{t('manager.queue.intro')}</p>
      <label>
        <input
          type="checkbox"
          role="switch"
          aria-checked={shortcuts}
          checked={shortcuts}
          onChange={(e) => toggleShortcuts(e.target.checked)}
        />
        {t('manager.queue.shortcuts')}
      </label>
      <div aria-live="polite" role="status">
        {pending ? (
          <p className="notice">
            {t('manager.queue.approving', { customer: pending.customer, seconds: pending.seconds })}{' '}
            <button type="button" className="secondary" onClick={undo}>
              {t('manager.queue.undo')}
            </button>
          </p>
        ) : null}
        {outcomes.length ? (
          <section aria-label={t('manager.queue.bulkResult')}>
            <ul className="outcomes">
              {outcomes.map((o) => (
                <li key={`${o.id}-${o.message}`} className={o.ok ? 'ok' : 'error'}>
                  {o.message}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      {queue.isPending ? <Loading /> : null}
      {queue.isError ? <QueryError error={queue.error} retry={() => void queue.refetch()} /> : null}
      {queue.data && items.length === 0 ? <p>{t('manager.queue.none')}</p> : null}
      {items.length ? (
        <>
          <p className="row-actions">
            <button type="button" disabled={chosen.length === 0 || Boolean(pending)} onClick={() => setPreview(true)}>
              {t('manager.queue.bulkApprove', { count: chosen.length })}
            </button>
          </p>
          {preview ? (
            <article aria-label={t('manager.queue.bulkPreview', { count: chosen.length })}>
              <p>
                <strong>{t('manager.queue.bulkPreview', { count: chosen.length })}</strong>
              </p>
              <ul>
                {chosen.map((r) => (
                  <li key={r.id}>
                    {r.customer.name} — {formatMoney(r.expectedValue, locale)}
                  </li>
                ))}
              </ul>
              <p className="row-actions">
                <button type="button" onClick={() => void bulkApprove()}>
                  {t('manager.queue.bulkConfirm')}
                </button>
                <button type="button" className="secondary" onClick={() => setPreview(false)}>
                  {t('common.cancel')}
                </button>
              </p>
            </article>
          ) : null}
          <div className="overflow-auto">
            <table className="responsive-table striped">
              <caption className="visually-hidden">{t('manager.queue.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('manager.queue.select', { customer: '' })}</span>
                  </th>
                  <th scope="col">{t('manager.queue.customer')}</th>
                  <th scope="col">{t('manager.queue.dealer')}</th>
                  <th scope="col">{t('manager.queue.timeLeft')}</th>
                  <th scope="col">{t('manager.queue.flags')}</th>
                  <th scope="col">{t('manager.queue.decide')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r, index) => {
                  const { left, flag } = timing(r, targetHours, now);
                  const hours = Math.round(Math.abs(left) / HOUR_MS);
                  const conflict = r.status === 'in_conflict';
                  return (
                    <tr key={r.id} aria-current={shortcuts && index === focus ? 'true' : undefined} data-registration={r.id}>
                      <td>
                        {conflict ? null : (
                          <input
                            type="checkbox"
                            aria-label={t('manager.queue.select', { customer: r.customer.name })}
                            checked={selected.has(r.id)}
                            onChange={(e) =>
                              setSelected((s) => {
                                const next = new Set(s);
                                if (e.target.checked) next.add(r.id);
                                else next.delete(r.id);
                                return next;
                              })
                            }
                          />
                        )}
                      </td>
                      <td data-label={t('manager.queue.customer')}>
                        <strong>{r.customer.name}</strong>
                        <br />
                        <small>
                          {r.customer.city}, {r.customer.country} · {formatMoney(r.expectedValue, locale)} ·{' '}
                          {formatDate(r.expectedCloseDate, locale)}
                          {r.stage ? ` · ${t(`stage.${r.stage}`)}` : ''} · {r.products.map((p) => `${p.quantity} × ${p.sku}`).join(', ')}
                        </small>
                      </td>
                      <td data-label={t('manager.queue.dealer')}>
                        <Link to={paths.dealer(r.dealerId)}>{r.dealerId}</Link>
                        <br />
                        <TrackRecord dealerId={r.dealerId} />
                      </td>
                      <td data-label={t('manager.queue.timeLeft')}>
                        {left > 0 ? t('manager.queue.left', { hours }) : t('manager.queue.overdue', { hours })}
                        {flag ? (
                          <>
                            <br />
                            <mark className={`flag-${flag}`}>
                              {t(flag === 'past' ? 'manager.queue.pastTarget' : 'manager.queue.nearTarget')}
                            </mark>
                          </>
                        ) : null}
                      </td>
                      <td data-label={t('manager.queue.flags')}>
                        {r.flags?.map((f) => (
                          <div key={`${f.rule}-${f.detail}`}>
                            <mark>{f.rule}</mark> {f.detail}
                          </div>
                        ))}
                        {conflict ? <div>{t('manager.queue.inConflict')}</div> : null}
                      </td>
                      <td data-label={t('manager.queue.decide')}>
                        {conflict ? (
                          <Link to={paths.conflicts}>{t('manager.queue.openCase')}</Link>
                        ) : rejecting === r.id ? (
                          <form
                            onSubmit={(e) => {
                              e.preventDefault();
                              setRejecting(undefined);
                              void report(r, 'reject', reason.trim());
                            }}
                          >
                            <label>
                              {t('manager.queue.reasonLanguage')}
                              <select
                                value={reasonLanguage}
                                onChange={(e) => setReasonLanguage(e.target.value as keyof typeof managerTexts)}
                              >
                                <option value="en">English</option>
                                <option value="de">Deutsch</option>
                                <option value="nl">Nederlands</option>
                              </select>
                            </label>
                            <label>
                              {t('manager.queue.reasonTemplate')}
                              <select value="" onChange={(e) => setReason(e.target.value)}>
                                <option value="">—</option>
                                {(['duplicate', 'incomplete', 'direct', 'territory'] as const).map((key) => (
                                  <option key={key} value={templates[key]}>
                                    {templates[key]}
                                  </option>
                                ))}
                              </select>
                            </label>
                            <label>
                              {t('manager.queue.reason')}
                              <textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
                            </label>
                            <button type="submit" disabled={!reason.trim()}>
                              {t('manager.queue.confirmReject')}
                            </button>
                            <button type="button" className="secondary" onClick={() => setRejecting(undefined)}>
                              {t('common.cancel')}
                            </button>
                          </form>
                        ) : (
                          <div className="row-actions">
                            <button type="button" disabled={Boolean(pending)} onClick={() => approveWithUndo(r)}>
                              {t('manager.queue.approve')}
                            </button>
                            <button type="button" className="secondary" onClick={() => startReject(r)}>
                              {t('manager.queue.reject')}
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Page>
  );
}
