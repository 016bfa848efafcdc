/**
 * `/leads/:id`: for the dealer it was offered to, the lead with accept, decline (with a reason) and convert; for
 * managers and admins the lead with every routing decision and, while it waits unassigned, routing by hand.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { TextAreaField, TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { type DealerLead, type Lead, useAcceptLead, useDeclineLead, useLead, useRouteLead } from '../api/leads.js';
import { LeadFacts, LeadStatusBadge } from './LeadParts.js';
import { RoutingTraceView } from './RoutingTraceView.js';

export function LeadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const query = useLead(id);
  if (query.isPending) return <Loading />;
  if (query.isError)
    return (
      <Page title={t('leads.lead')}>
        <QueryError error={query.error} retry={() => void query.refetch()} />
        <Link to={paths.leads}>{t(session.role === 'dealer' ? 'leads.nav.inbox' : 'leads.nav.desk')}</Link>
      </Page>
    );
  return session.role === 'dealer' ? <DealerLeadView lead={query.data as DealerLead} /> : <ManagerLeadView lead={query.data as Lead} />;
}

/** What a failed answer says: the API's own words, or that the lead moved on meanwhile (409). */
function failureOf(error: unknown, fallback: string) {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title ?? fallback;
  return fallback;
}

function DealerLeadView({ lead }: { lead: DealerLead }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const accept = useAcceptLead(lead.id);
  const decline = useDeclineLead(lead.id);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [failure, setFailure] = useState<string>();

  const onAccept = async () => {
    setFailure(undefined);
    try {
      await accept.mutateAsync(undefined);
    } catch (error) {
      setFailure(failureOf(error, t('common.failed')));
    }
  };
  const onDecline = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!reason.trim()) {
      setReasonError(t('leads.decline.reasonRequired'));
      document.getElementById('decline-reason')?.focus();
      return;
    }
    setReasonError(undefined);
    try {
      await decline.mutateAsync(reason.trim());
    } catch (error) {
      setFailure(failureOf(error, t('common.failed')));
    }
  };

  return (
    <Page title={lead.customer.name}>
      <p>
        <LeadStatusBadge status={lead.status} />
      </p>
      <div role="status" aria-live="polite">
        {lead.status === 'accepted' ? (
          <p className="attention calm">{t('leads.accepted', { at: formatDateTime(lead.acceptedAt ?? '', locale) })}</p>
        ) : null}
        {lead.status === 'declined' ? (
          <p className="attention">
            {t('leads.declined', { at: formatDateTime(lead.declinedAt ?? '', locale) })}{' '}
            {lead.declineReason ? `“${lead.declineReason}”` : ''}
          </p>
        ) : null}
      </div>
      {failure ? (
        <p role="alert" className="error-summary">
          {failure}
        </p>
      ) : null}
      <section aria-labelledby="lead-facts-heading">
        <h2 id="lead-facts-heading">{t('leads.facts')}</h2>
        <LeadFacts lead={lead} />
      </section>
      {lead.status === 'offered' ? (
        <section aria-labelledby="answer-heading">
          <h2 id="answer-heading">{t('leads.answer')}</h2>
          <p className="muted">{t('leads.answerIntro')}</p>
          <button
            type="button"
            onClick={() => void onAccept()}
            aria-busy={accept.isPending}
            disabled={accept.isPending || decline.isPending}
          >
            {t('leads.accept')}
          </button>
          <details>
            <summary>{t('leads.decline.title')}</summary>
            <form noValidate onSubmit={(event) => void onDecline(event)}>
              <TextAreaField
                id="decline-reason"
                label={t('leads.decline.reason')}
                hint={t('leads.decline.hint')}
                required
                rows={3}
                maxLength={1000}
                value={reason}
                error={reasonError}
                onChange={(event) => setReason(event.target.value)}
              />
              <button type="submit" className="secondary" aria-busy={decline.isPending} disabled={accept.isPending || decline.isPending}>
                {t('leads.decline.submit')}
              </button>
            </form>
          </details>
        </section>
      ) : null}
      {lead.status === 'accepted' ? (
        <p>
          <Link to={paths.convertLead(lead.id)} role="button">
            {t('leads.convert.start')}
          </Link>
        </p>
      ) : null}
      {lead.status === 'converted' && lead.registrationId ? (
        <p>
          {t('leads.convertedOn', { at: formatDateTime(lead.convertedAt ?? '', locale) })}{' '}
          <Link to={paths.registration(lead.registrationId)}>{t('leads.openRegistration')}</Link>
        </p>
      ) : null}
      <p>
        <Link to={paths.leads}>{t('leads.backToInbox')}</Link>
      </p>
    </Page>
  );
}

function RouteByHand({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const route = useRouteLead(lead.id);
  const [dealerId, setDealerId] = useState('');
  const [error, setError] = useState<string>();
  const answered = new Set(lead.answers.map((a) => a.dealerId));
  const candidates = (lead.routing?.at(-1)?.candidates ?? []).filter((c) => !answered.has(c.dealerId) && c.status === 'active');

  const onRoute = async (event: FormEvent) => {
    event.preventDefault();
    if (!dealerId.trim()) {
      setError(t('leads.route.dealerRequired'));
      return;
    }
    setError(undefined);
    try {
      await route.mutateAsync(dealerId.trim());
    } catch (failure) {
      const field = failure instanceof ApiError ? failure.problem.errors?.find((e) => e.path === '/dealerId')?.message : undefined;
      setError(field ?? failureOf(failure, t('common.failed')));
    }
  };

  return (
    <section aria-labelledby="route-heading">
      <h2 id="route-heading">{t('leads.route.title')}</h2>
      <p className="muted">{t('leads.route.intro')}</p>
      <form noValidate onSubmit={(event) => void onRoute(event)}>
        <TextField
          id="route-dealer"
          label={t('leads.route.dealer')}
          hint={candidates.length ? t('leads.route.hint') : undefined}
          required
          list="route-candidates"
          autoComplete="off"
          value={dealerId}
          error={error}
          onChange={(event) => setDealerId(event.target.value)}
        />
        <datalist id="route-candidates">
          {candidates.map((c) => (
            <option key={c.dealerId} value={c.dealerId}>
              {t('leads.route.candidate', { tier: t(`tier.${c.tier}`), open: c.openLeads, capacity: c.capacity })}
            </option>
          ))}
        </datalist>
        <button type="submit" aria-busy={route.isPending} disabled={route.isPending}>
          {t('leads.route.submit')}
        </button>
      </form>
    </section>
  );
}

function ManagerLeadView({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const rounds = [...(lead.routing ?? [])].reverse();
  return (
    <Page title={lead.customer.name}>
      <p>
        <LeadStatusBadge status={lead.status} />{' '}
        {lead.offeredTo && lead.status !== 'unassigned' ? t('leads.desk.offeredToDealer', { dealer: lead.offeredTo }) : null}
      </p>
      <section aria-labelledby="lead-facts-heading">
        <h2 id="lead-facts-heading">{t('leads.facts')}</h2>
        <LeadFacts lead={lead} />
        {lead.registrationId ? (
          <p>{t('leads.desk.registration', { id: lead.registrationId, at: formatDateTime(lead.convertedAt ?? '', locale) })}</p>
        ) : null}
      </section>
      {lead.status === 'unassigned' ? <RouteByHand lead={lead} /> : null}
      {lead.answers.length > 0 ? (
        <section aria-labelledby="answers-heading">
          <h2 id="answers-heading">{t('leads.desk.answers')}</h2>
          <ul>
            {lead.answers.map((a) => (
              <li key={`${a.dealerId}-${a.at}`}>
                {t(`leads.desk.answer.${a.answer}`, { dealer: a.dealerId, at: formatDateTime(a.at, locale) })}
                {a.reason ? ` — “${a.reason}”` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="trace-heading">
        <h2 id="trace-heading">{t('leads.trace.title')}</h2>
        <p className="muted">{t('leads.trace.intro')}</p>
        {rounds.map((trace) => (
          <RoutingTraceView key={trace.round} trace={trace} />
        ))}
      </section>
      <p>
        <Link to={paths.leads}>{t('leads.backToDesk')}</Link>
      </p>
    </Page>
  );
}
