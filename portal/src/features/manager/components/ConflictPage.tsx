import { mayResolve } from '@shared/domain/conflict-case.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { StatusBadge } from '../../../components/StatusBadge.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import type { RegistrationStatus } from '../../registrations/api/types.js';
import { type Conflict, useConflict, useConflictAction } from '../api/manager.js';

const LADDER = ['partner_manager', 'regional_director', 'customer_choice'] as const;
const BASES = ['first_registered', 'relationship', 'customer_choice'] as const;

/** The bases the API accepts at the case's level: the customer's choice only once escalated to the customer. */
const basesAt = (level: Conflict['level']) => BASES.filter((b) => b !== 'customer_choice' || level === 'customer_choice');

/**
 * A conflict case as the manufacturer side sees it: every party (who was first), the facts, the ladder and its
 * level; resolve only with the authority the API checks (the same rule, `mayResolve`), escalate while there is a
 * level above.
 */
export function ConflictPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useSession();
  const conflict = useConflict(id);
  const action = useConflictAction(id);
  const [winner, setWinner] = useState('');
  const [basis, setBasis] = useState<string>('first_registered');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | undefined>();

  if (conflict.isPending) return <Loading />;
  if (conflict.isError) return <QueryError error={conflict.error} retry={() => void conflict.refetch()} />;
  const c = conflict.data;
  const parties = [...c.parties].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const first = parties[0]?.registrationId;
  const open = c.state === 'open';
  const canResolve = open && mayResolve(c, { role: session.role, regions: session.regions });
  const canEscalate = open && c.level !== 'customer_choice';
  const chosenWinner = winner || (basis === 'first_registered' ? (first ?? '') : '');

  const resolve = (event: FormEvent) => {
    event.preventDefault();
    action.mutate(
      { kind: 'resolve', winner: chosenWinner, basis, note: note.trim() },
      {
        onSuccess: (r) =>
          setDone(
            t('manager.conflicts.resolvedBy', {
              basis: t(`manager.conflicts.bases.${r.resolution?.basis ?? basis}`),
              winner: r.resolution?.winner ?? '',
            }),
          ),
      },
    );
  };
  const escalate = () =>
    action.mutate(
      { kind: 'escalate' },
      { onSuccess: (r) => setDone(t('manager.conflicts.escalated', { level: t(`manager.conflicts.levels.${r.level}`) })) },
    );

  return (
    <Page title={t('manager.conflicts.case', { id: c.id })}>
      <dl className="facts">
        <dt>{t('manager.conflicts.customer')}</dt>
        <dd>
          {c.customer.name} ({c.customer.country})
        </dd>
        <dt>{t('manager.conflicts.productLine')}</dt>
        <dd>{c.productLine}</dd>
        <dt>{t('manager.conflicts.reason')}</dt>
        <dd>{c.reason.detail}</dd>
        <dt>{t('manager.conflicts.owner')}</dt>
        <dd>
          {c.owner} ({c.ownerRegionId ?? parties[0]?.regionId})
        </dd>
        <dt>{t('manager.conflicts.status')}</dt>
        <dd>{t(`manager.conflicts.${c.state}`)}</dd>
      </dl>
      <h2>{t('manager.conflicts.ladder')}</h2>
      <ol className="ladder">
        {LADDER.map((level) => (
          <li key={level} aria-current={level === c.level ? 'step' : undefined}>
            {level === c.level ? <strong>{t(`manager.conflicts.levels.${level}`)}</strong> : t(`manager.conflicts.levels.${level}`)}
          </li>
        ))}
      </ol>
      <h2>{t('manager.conflicts.parties')}</h2>
      <table className="responsive-table striped">
        <caption className="visually-hidden">{t('manager.conflicts.parties')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('manager.conflicts.dealer')}</th>
            <th scope="col">{t('manager.conflicts.region')}</th>
            <th scope="col">{t('manager.conflicts.submitted')}</th>
            <th scope="col">{t('manager.conflicts.status')}</th>
          </tr>
        </thead>
        <tbody>
          {parties.map((p) => (
            <tr key={p.registrationId}>
              <td data-label={t('manager.conflicts.dealer')}>
                {p.dealerId} <small className="muted">{p.registrationId}</small>
                {p.registrationId === first ? <mark> {t('manager.conflicts.first')}</mark> : null}
              </td>
              <td data-label={t('manager.conflicts.region')}>{p.regionId}</td>
              <td data-label={t('manager.conflicts.submitted')}>{formatDateTime(p.submittedAt, locale)}</td>
              <td data-label={t('manager.conflicts.status')}>
                <StatusBadge status={p.status as RegistrationStatus} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div role="status" aria-live="polite">
        {done ? <p className="notice">{done}</p> : null}
        {action.error ? <p role="alert">{action.error instanceof ApiError ? action.error.message : t('common.failed')}</p> : null}
      </div>
      {open && !canResolve ? <p>{t('manager.conflicts.noAuthority')}</p> : null}
      {canResolve ? (
        <form onSubmit={resolve} aria-label={t('manager.conflicts.resolve')}>
          <h2>{t('manager.conflicts.resolve')}</h2>
          <label>
            {t('manager.conflicts.basis')}
            <select value={basis} onChange={(e) => setBasis(e.target.value)}>
              {basesAt(c.level).map((b) => (
                <option key={b} value={b}>
                  {t(`manager.conflicts.bases.${b}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('manager.conflicts.winner')}
            <select value={chosenWinner} onChange={(e) => setWinner(e.target.value)} disabled={basis === 'first_registered'}>
              <option value="" disabled>
                —
              </option>
              {parties.map((p) => (
                <option key={p.registrationId} value={p.registrationId}>
                  {p.dealerId} ({p.registrationId})
                </option>
              ))}
              <option value="direct">{t('manager.conflicts.direct')}</option>
            </select>
          </label>
          <label>
            {t('manager.conflicts.note')}
            <textarea value={note} onChange={(e) => setNote(e.target.value)} required />
          </label>
          <button type="submit" disabled={action.isPending || !chosenWinner || !note.trim()}>
            {t('manager.conflicts.resolve')}
          </button>
        </form>
      ) : null}
      {canEscalate ? (
        <p>
          <button type="button" className="secondary" disabled={action.isPending} onClick={escalate}>
            {t('manager.conflicts.escalate')}
          </button>
        </p>
      ) : null}
      <h2>{t('manager.conflicts.history')}</h2>
      <ol>
        {c.history.map((h) => (
          <li key={`${h.at}-${h.action}`}>
            {formatDateTime(h.at, locale)} — {h.action} ({h.actor}){h.detail ? `: ${h.detail}` : ''}
          </li>
        ))}
      </ol>
    </Page>
  );
}
