import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading.js';
import { QueryError } from '../../../components/QueryError.js';
import { formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useHistory } from '../api/registrations.js';

/** Who did what when, oldest first — including when the manufacturer read the deal. */
export function RegistrationTimeline({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const history = useHistory(id);
  const { refetch } = history;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version of the registration means new history entries
  useEffect(() => {
    void refetch();
  }, [version, refetch]);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('registration.history')}</h2>
      {history.isPending ? <Loading /> : null}
      {history.isError ? <QueryError error={history.error} retry={() => void history.refetch()} /> : null}
      {history.data ? (
        <ol className="timeline">
          {history.data.items.map((event, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: history is append-only, so an entry's position is stable
            <li key={`${event.at}-${index}`}>
              <strong>{t(`history.${event.action}`, { defaultValue: event.action.replace(/_/g, ' ') })}</strong>
              <br />
              <small className="muted">
                <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time> ·{' '}
                {t(`actor.${event.actor.role}`, { defaultValue: event.actor.role })}
              </small>
              {event.detail && event.action !== 'conflict_flagged' ? <p>{event.detail}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
