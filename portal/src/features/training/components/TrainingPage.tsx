/** The dealer's training modules: which its tier requires, its own and its dealer's certification, when it ends. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { formatDate } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { type TrainingModule, useModules } from '../api/training.js';

type Status = NonNullable<TrainingModule['status']>['mine'];

function StatusText({ status }: { status: Status | undefined }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!status) return <>—</>;
  return (
    <>
      <span className={`badge ${status.state}`}>{t(`training.state.${status.state}`)}</span>
      {status.expiresOn ? (
        <>
          <br />
          <small className="muted">
            {t(status.state === 'expired' ? 'training.endedOn' : 'training.endsOn', { date: formatDate(status.expiresOn, locale) })}
          </small>
        </>
      ) : null}
    </>
  );
}

export function TrainingPage() {
  const { t } = useTranslation();
  const modules = useModules();
  return (
    <Page title={t('training.title')}>
      <p>{t('training.intro')}</p>
      {modules.isPending ? <Loading /> : null}
      {modules.isError ? <QueryError error={modules.error} retry={() => void modules.refetch()} /> : null}
      {modules.data ? (
        modules.data.items.length === 0 ? (
          <p role="status">{t('training.none')}</p>
        ) : (
          <div className="overflow-auto">
            <table className="responsive-table striped">
              <caption className="visually-hidden">{t('training.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.module')}</th>
                  <th scope="col">{t('training.required')}</th>
                  <th scope="col">{t('training.mine')}</th>
                  <th scope="col">{t('training.dealer')}</th>
                  <th scope="col">{t('training.quiz')}</th>
                </tr>
              </thead>
              <tbody>
                {modules.data.items.map((m) => (
                  <tr key={m.id}>
                    <td data-label={t('training.module')}>
                      {m.title}
                      {m.description ? (
                        <>
                          <br />
                          <small className="muted">{m.description}</small>
                        </>
                      ) : null}
                    </td>
                    <td data-label={t('training.required')}>{m.required ? t('training.yes') : t('training.no')}</td>
                    <td data-label={t('training.mine')}>
                      <StatusText status={m.status?.mine} />
                    </td>
                    <td data-label={t('training.dealer')}>
                      <StatusText status={m.status?.dealer} />
                    </td>
                    <td data-label={t('training.quiz')}>
                      {m.quiz ? (
                        <Link to={paths.quiz(m.id)} aria-label={t('training.takeQuizOf', { title: m.title })}>
                          {t('training.takeQuiz')}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </Page>
  );
}
