import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client.js';

/** What a failed read says: not found is a normal answer (and never says whose), anything else offers a retry. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div role="alert">
      <p>{notFound ? t('common.notFound') : t('common.loadFailed')}</p>
      {!notFound && retry ? (
        <button type="button" className="secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
