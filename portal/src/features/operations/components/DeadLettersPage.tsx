/**
 * Mails and events the outbox gave up on — a permanent SES refusal (in the sandbox, an unverified recipient) or ten
 * failed attempts — with what, to whom, why and when; a channel admin replays one once the cause is fixed.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { type DeadLetter, useDeadLetters, useFlaggedAddresses, useReplay } from '../api/dead-letters.js';

/** Manager addresses SES reported as bounced or complaining, by region: a channel admin corrects the region. */
function FlaggedAddresses() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const flagged = useFlaggedAddresses();
  return (
    <section aria-labelledby="flagged-heading">
      <h2 id="flagged-heading">{t('operations.addresses.title')}</h2>
      <p>{t('operations.addresses.intro')}</p>
      {flagged.isPending ? <Loading /> : null}
      {flagged.isError ? <QueryError error={flagged.error} retry={() => void flagged.refetch()} /> : null}
      {flagged.data?.length === 0 ? <p role="status">{t('operations.addresses.none')}</p> : null}
      {flagged.data?.length ? (
        <div className="overflow-auto">
          <table className="responsive-table striped">
            <caption className="visually-hidden">{t('operations.addresses.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('operations.addresses.region')}</th>
                <th scope="col">{t('operations.addresses.address')}</th>
                <th scope="col">{t('operations.addresses.what')}</th>
                <th scope="col">{t('operations.addresses.when')}</th>
              </tr>
            </thead>
            <tbody>
              {flagged.data.map((entry) => (
                <tr key={`${entry.region.id}-${entry.role}`} data-flagged-region={entry.region.id}>
                  <td data-label={t('operations.addresses.region')}>
                    <div className="dead-letter-cell">
                      {entry.region.name}
                      <br />
                      <small className="muted">{entry.region.id}</small>
                    </div>
                  </td>
                  <td data-label={t('operations.addresses.address')}>
                    <div className="dead-letter-cell">
                      {entry.email}
                      <br />
                      <small className="muted">{t(`operations.addresses.roles.${entry.role}`)}</small>
                    </div>
                  </td>
                  <td data-label={t('operations.addresses.what')}>
                    <div className="dead-letter-cell">
                      <span className="badge">{t(`operations.addresses.kinds.${entry.issue.kind}`)}</span>
                      {entry.issue.detail ? (
                        <>
                          <br />
                          <small>{entry.issue.detail}</small>
                        </>
                      ) : null}
                    </div>
                  </td>
                  <td data-label={t('operations.addresses.when')}>
                    <div className="dead-letter-cell">{formatDateTime(entry.issue.at, locale)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function What({ letter }: { letter: DeadLetter }) {
  const { t } = useTranslation();
  return (
    <>
      {letter.kind === 'mail' ? letter.subject : t('operations.deadLetters.event', { type: letter.detailType })}
      <br />
      <small className="muted">{letter.id}</small>
    </>
  );
}

export function DeadLettersPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [cursors, setCursors] = useState<string[]>([]);
  const list = useDeadLetters(cursors.at(-1));
  const replay = useReplay();
  const [outcome, setOutcome] = useState<{ id: string; text: string; failed?: boolean }>();

  const onReplay = async (id: string) => {
    setOutcome(undefined);
    try {
      await replay.mutateAsync(id);
      setOutcome({ id, text: t('operations.deadLetters.replayed', { id }) });
    } catch (error) {
      const gone = error instanceof ApiError && error.status === 404;
      setOutcome({ id, text: gone ? t('operations.deadLetters.gone') : t('common.failed'), failed: true });
    }
  };

  return (
    <Page title={t('operations.deadLetters.title')}>
      <p>{t('operations.deadLetters.intro')}</p>
      {outcome ? <p role={outcome.failed ? 'alert' : 'status'}>{outcome.text}</p> : null}
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p role="status">{t('operations.deadLetters.none')}</p>
        ) : (
          <div className="overflow-auto">
            <table className="responsive-table striped" aria-busy={list.isFetching}>
              <caption className="visually-hidden">{t('operations.deadLetters.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('operations.deadLetters.what')}</th>
                  <th scope="col">{t('operations.deadLetters.to')}</th>
                  <th scope="col">{t('operations.deadLetters.why')}</th>
                  <th scope="col">{t('operations.deadLetters.when')}</th>
                  <th scope="col">{t('operations.deadLetters.action')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((letter) => (
                  <tr key={letter.id} data-dead-letter={letter.id}>
                    <td data-label={t('operations.deadLetters.what')}>
                      <div className="dead-letter-cell">
                        <What letter={letter} />
                      </div>
                    </td>
                    <td data-label={t('operations.deadLetters.to')}>
                      <div className="dead-letter-cell">{letter.to?.join(', ') ?? '—'}</div>
                    </td>
                    <td data-label={t('operations.deadLetters.why')}>
                      <div className="dead-letter-cell">
                        <span className="badge">
                          {letter.permanent
                            ? t('operations.deadLetters.permanent')
                            : t('operations.deadLetters.attempts', { count: letter.attempts })}
                        </span>
                        <br />
                        <small>{letter.reason}</small>
                      </div>
                    </td>
                    <td data-label={t('operations.deadLetters.when')}>
                      <div className="dead-letter-cell">
                        {formatDateTime(letter.deadAt, locale)}
                        <br />
                        <small className="muted">
                          {t('operations.deadLetters.created', { at: formatDateTime(letter.createdAt, locale) })}
                        </small>
                      </div>
                    </td>
                    <td data-label={t('operations.deadLetters.action')}>
                      <div className="dead-letter-cell">
                        <button
                          type="button"
                          className="secondary"
                          disabled={replay.isPending}
                          aria-label={t('operations.deadLetters.replayLabel', { id: letter.id })}
                          onClick={() => void onReplay(letter.id)}
                        >
                          {t('operations.deadLetters.replay')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <Pager cursors={cursors} setCursors={setCursors} nextCursor={list.data?.nextCursor} />
      <FlaggedAddresses />
    </Page>
  );
}
