/** Pieces every lead page shows: the status, the time left to accept, and what is known about the lead. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import type { AnyLead } from '../api/leads.js';

export function LeadStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge lead-${status}`}>{t(`leads.status.${status}`)}</span>;
}

/** The current time, refreshed every `everyMs`: enough for a countdown in minutes without re-rendering each second. */
function useNow(everyMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Hours and minutes until the accept window closes, counting down; "window closed" once it has. */
export function TimeLeft({ until }: { until: string }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const minutes = Math.max(0, Math.floor((new Date(until).getTime() - now) / 60_000));
  const urgent = minutes < 12 * 60;
  return (
    <time dateTime={until} title={formatDateTime(until, currentLocale())} className={urgent ? 'time-left urgent' : 'time-left'}>
      {minutes === 0 ? t('leads.windowClosed') : t('leads.timeLeft', { hours: Math.floor(minutes / 60), minutes: minutes % 60 })}
    </time>
  );
}

/** Customer, contact (only when the API gives it), interest, source and value as a definition list. */
export function LeadFacts({ lead }: { lead: AnyLead }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { customer, contact, interest } = lead;
  return (
    <dl className="details-grid">
      <dt>{t('leads.customer')}</dt>
      <dd>
        {customer.name}, {customer.postalCode ? `${customer.postalCode} ` : ''}
        {customer.city}, {customer.country}
        {customer.vatId ? ` · ${customer.vatId}` : ''}
      </dd>
      <dt>{t('leads.contact')}</dt>
      <dd>
        {contact ? (
          <>
            {contact.name} · <a href={`mailto:${contact.email}`}>{contact.email}</a>
            {contact.phone ? ` · ${contact.phone}` : ''}
            {contact.role ? ` · ${contact.role}` : ''}
          </>
        ) : (
          <span className="muted">{t('leads.contactHidden')}</span>
        )}
      </dd>
      <dt>{t('leads.interest')}</dt>
      <dd>
        {[...(interest.productLines ?? []), ...(interest.skus ?? [])].join(', ') || '—'}
        {interest.note ? <p className="lead-note">{interest.note}</p> : null}
      </dd>
      <dt>{t('leads.source')}</dt>
      <dd>{lead.source}</dd>
      <dt>{t('leads.value')}</dt>
      <dd>{lead.expectedValue ? formatMoney(lead.expectedValue, locale) : '—'}</dd>
      {'acceptBy' in lead && lead.acceptBy && lead.status === 'offered' ? (
        <>
          <dt>{t('leads.acceptBy')}</dt>
          <dd>
            {formatDateTime(lead.acceptBy, locale)} (<TimeLeft until={lead.acceptBy} />)
          </dd>
        </>
      ) : null}
    </dl>
  );
}
