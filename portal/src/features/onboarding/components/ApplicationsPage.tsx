/** The channel admins' queue of partner applications: approve (new dealer id and region) or decline with a reason. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/Field.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { type Application, useApplications, useDecideApplication } from '../api/onboarding.js';

function Decision({ application }: { application: Application }) {
  const { t } = useTranslation();
  const decide = useDecideApplication();
  const [dealerId, setDealerId] = useState('');
  const [regionId, setRegionId] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string>();
  const id = application.id;
  const send = async (event: FormEvent, decision: Record<string, string>) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      await decide.mutateAsync({ id, decision });
    } catch (error) {
      setFailure(error instanceof ApiError ? (error.problem.detail ?? t('common.failed')) : t('common.failed'));
    }
  };
  return (
    <div className="grid">
      <form onSubmit={(event) => void send(event, { decision: 'approve', dealerId, regionId })}>
        <TextField
          id={`${id}-dealer`}
          label={t('onboarding.applications.dealerId')}
          required
          value={dealerId}
          onChange={(e) => setDealerId(e.target.value)}
        />
        <TextField
          id={`${id}-region`}
          label={t('onboarding.applications.regionId')}
          required
          value={regionId}
          onChange={(e) => setRegionId(e.target.value)}
        />
        <button type="submit" disabled={decide.isPending}>
          {t('onboarding.applications.approve')}
        </button>
      </form>
      <form onSubmit={(event) => void send(event, { decision: 'decline', reason })}>
        <TextField
          id={`${id}-reason`}
          label={t('onboarding.applications.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" className="secondary" disabled={decide.isPending}>
          {t('onboarding.applications.decline')}
        </button>
      </form>
      {failure ? <p role="alert">{failure}</p> : null}
    </div>
  );
}

export function ApplicationsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [status, setStatus] = useState('submitted');
  const applications = useApplications(status);
  return (
    <Page title={t('onboarding.applications.title')}>
      <label>
        {t('onboarding.applications.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          {(['submitted', 'approved', 'declined'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`onboarding.applications.statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {applications.error ? <QueryError error={applications.error} retry={() => void applications.refetch()} /> : null}
      {applications.data?.length === 0 ? <p>{t('onboarding.applications.none')}</p> : null}
      {applications.data?.map((application) => (
        <article key={application.id}>
          <header>
            <h2>{application.company.name}</h2>
            <p className="muted">
              {application.company.city}, {application.company.country} · {formatDateTime(application.submittedAt, locale)}
            </p>
          </header>
          <p>
            {application.contact.name} · {application.contact.email}
            {application.company.website ? ` · ${application.company.website}` : ''}
          </p>
          {application.message ? <p>{application.message}</p> : null}
          {application.status === 'submitted' ? <Decision application={application} /> : null}
          {application.declineReason ? <p>{application.declineReason}</p> : null}
          {application.dealerId ? <p>{t('onboarding.applications.dealer', { dealerId: application.dealerId })}</p> : null}
        </article>
      ))}
    </Page>
  );
}
