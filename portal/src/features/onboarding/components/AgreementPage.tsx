/** The partner agreement in force: its text, whether the dealer accepted it, and the admin's accept button. */
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { useAcceptAgreement, useCurrentAgreement } from '../api/onboarding.js';
import { Markdown } from './Markdown.js';

export function AgreementPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useSession();
  const agreement = useCurrentAgreement();
  const accept = useAcceptAgreement();
  const current = agreement.data;
  return (
    <Page title={t('onboarding.agreement.title')}>
      {agreement.isPending ? <p aria-busy="true">{t('common.loading')}</p> : null}
      {agreement.error ? <QueryError error={agreement.error} retry={() => void agreement.refetch()} /> : null}
      {current ? (
        <article>
          <header>
            <h2>{current.title}</h2>
            <p className="muted">
              {t('onboarding.agreement.version', { version: current.version, date: formatDate(current.effectiveFrom, locale) })}
              {' · '}
              {current.material ? t('onboarding.agreement.material') : t('onboarding.agreement.notMaterial')}
            </p>
          </header>
          {current.blocking ? (
            <p role="alert" className="error-summary">
              {t('onboarding.agreement.blocking')}
            </p>
          ) : null}
          <Markdown text={current.body} />
          <footer>
            {current.accepted ? (
              <p role="status">
                {t('onboarding.agreement.accepted', { at: current.acceptedAt ? formatDateTime(current.acceptedAt, locale) : '' })}
              </p>
            ) : session.dealerAdmin ? (
              <>
                <button
                  type="button"
                  aria-busy={accept.isPending}
                  disabled={accept.isPending}
                  onClick={() => accept.mutate(current.version)}
                >
                  {t('onboarding.agreement.accept')}
                </button>
                {accept.error ? <p role="alert">{t('common.failed')}</p> : null}
              </>
            ) : (
              <p>{t('onboarding.agreement.askAdmin')}</p>
            )}
          </footer>
        </article>
      ) : null}
    </Page>
  );
}
