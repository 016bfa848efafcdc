import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { ProtectedUntil } from '../../../components/ProtectedUntil.js';
import { QueryError } from '../../../components/QueryError.js';
import { StatusBadge } from '../../../components/StatusBadge.js';
import { formatDate, formatMoney } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useRegistration } from '../api/registrations.js';
import { OPEN_STATUSES } from '../api/types.js';
import { EditForm, ExtensionForm, OutcomeForm, WithdrawButton } from './RegistrationActions.js';
import { RegistrationTimeline } from './RegistrationTimeline.js';

export function RegistrationPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const location = useLocation();
  const justSubmitted = (location.state as { submitted?: boolean } | null)?.submitted === true;
  const query = useRegistration(id);

  if (query.isPending) return <Loading />;
  if (query.isError)
    return (
      <Page title={t('registration.title')}>
        <QueryError error={query.error} retry={() => void query.refetch()} />
        <Link to={paths.registrations}>{t('nav.registrations')}</Link>
      </Page>
    );
  const r = query.data;
  const open = OPEN_STATUSES.includes(r.status);
  return (
    <Page title={r.customer.name}>
      {justSubmitted && r.status !== 'in_conflict' ? (
        <p role="status" className="attention calm">
          {r.status === 'approved' ? t('registration.submittedApproved') : t('registration.submittedPending')}
        </p>
      ) : null}
      {r.status === 'in_conflict' ? (
        <div role={justSubmitted ? 'alert' : undefined} className="attention confidentiality-notice">
          <p>
            <strong>{t('registration.conflictNotice')}</strong>
          </p>
          <p>{t('registration.conflictNext')}</p>
        </div>
      ) : null}
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="visually-hidden">
          {t('registration.summary')}
        </h2>
        <p>
          <StatusBadge status={r.status} />{' '}
          {r.status === 'approved' && r.protectedUntil ? (
            <strong>
              <ProtectedUntil until={r.protectedUntil} />
            </strong>
          ) : null}
        </p>
        <dl className="details-grid">
          <dt>{t('register.customer')}</dt>
          <dd>
            {r.customer.name}, {r.customer.postalCode ? `${r.customer.postalCode} ` : ''}
            {r.customer.city}, {r.customer.country}
            {r.customer.vatId ? ` · ${r.customer.vatId}` : ''}
          </dd>
          <dt>{t('register.contact')}</dt>
          <dd>
            {r.contact.name} · {r.contact.email}
            {r.contact.phone ? ` · ${r.contact.phone}` : ''}
          </dd>
          <dt>{t('register.fields.sku')}</dt>
          <dd>{r.products.map((p) => `${p.quantity} × ${p.sku}`).join(', ')}</dd>
          <dt>{t('register.fields.amount')}</dt>
          <dd>{formatMoney(r.expectedValue, locale)}</dd>
          <dt>{t('register.fields.closeDate')}</dt>
          <dd>{formatDate(r.expectedCloseDate, locale)}</dd>
          {r.stage ? (
            <>
              <dt>{t('register.fields.stage')}</dt>
              <dd>{t(`stage.${r.stage}`)}</dd>
            </>
          ) : null}
          <dt>{t('registration.submittedAt')}</dt>
          <dd>{formatDate(r.submittedAt, locale)}</dd>
          {r.decisionReason ? (
            <>
              <dt>{t('registration.decisionReason')}</dt>
              <dd>{r.decisionReason}</dd>
            </>
          ) : null}
          {r.extension ? (
            <>
              <dt>{t('registration.extension')}</dt>
              <dd>{t(`extension.${r.extension.status}`, { count: r.extension.days })}</dd>
            </>
          ) : null}
          {r.outcome ? (
            <>
              <dt>{t('registration.outcome')}</dt>
              <dd>
                {t(`status.${r.outcome.result}`)} · {formatDate(r.outcome.closedOn, locale)}
                {r.outcome.actualValue ? ` · ${formatMoney(r.outcome.actualValue, locale)}` : ''}
                {r.outcome.lostReason ? ` · ${r.outcome.lostReason}` : ''}
              </dd>
            </>
          ) : null}
          {r.earned ? (
            <>
              <dt>{t('registration.margin')}</dt>
              <dd>{t('registration.marginText', { margin: r.earned.marginPercent, tier: t(`tier.${r.earned.tier}`) })}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {open ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('registration.actions')}</h2>
          <details>
            <summary>{t('registration.edit')}</summary>
            <EditForm key={r.version} registration={r} onReload={() => void query.refetch()} />
          </details>
          {r.status === 'approved' && !r.extension ? (
            <details>
              <summary>{t('registration.extension')}</summary>
              <ExtensionForm registration={r} />
            </details>
          ) : null}
          {r.status === 'approved' ? (
            <details>
              <summary>{t('registration.outcome')}</summary>
              <OutcomeForm registration={r} />
            </details>
          ) : null}
          <WithdrawButton registration={r} />
        </section>
      ) : null}
      <RegistrationTimeline id={r.id} version={r.version} />
    </Page>
  );
}
