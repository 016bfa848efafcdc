/** A question with its answers (text nodes only: nothing is rendered as HTML), an answer form, and moderation. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { useAnswer, useHide, useThread } from '../api/community.js';
import { AuthorLine } from './AuthorLine.js';
import { PostForm } from './PostForm.js';

function HideForm({ kind, id }: { kind: 'questions' | 'answers'; id: string }) {
  const { t } = useTranslation();
  const hide = useHide();
  const [reason, setReason] = useState('');
  const fieldId = `hide-${id}`;
  return (
    <form
      className="hide-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim()) hide.mutate({ kind, id, reason: reason.trim() });
      }}
    >
      <label htmlFor={fieldId}>{t('community.hideReason')}</label>
      {/* biome-ignore lint/a11y/noRedundantRoles: Pico CSS lays out an input and its button side by side only for role="group" */}
      <fieldset role="group">
        <input id={fieldId} required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />
        <button type="submit" className="secondary" aria-busy={hide.isPending}>
          {t('community.hide')}
        </button>
      </fieldset>
    </form>
  );
}

export function QuestionPage() {
  const { t } = useTranslation();
  const session = useSession();
  const id = useParams().id ?? '';
  const thread = useThread(id);
  const answer = useAnswer(id);
  const moderator = session.role === 'channel_admin';
  const q = thread.data;
  return (
    <Page title={q?.title ?? t('community.question')}>
      <p>
        <Link to={paths.community}>{t('community.back')}</Link>
      </p>
      {thread.isPending ? <Loading /> : null}
      {thread.isError ? <QueryError error={thread.error} /> : null}
      {q ? (
        <>
          <article>
            <p className="post-body">{q.body}</p>
            <AuthorLine author={q.author} createdAt={q.createdAt} />
            {q.hidden ? <p role="note">{t('community.hiddenBecause', { reason: q.hidden.reason })}</p> : null}
            {moderator && !q.hidden ? <HideForm kind="questions" id={q.id} /> : null}
          </article>
          <h2>{t('community.answers', { count: q.answers.length })}</h2>
          {q.answers.map((a) => (
            <article key={a.id}>
              <p className="post-body">{a.body}</p>
              <AuthorLine author={a.author} createdAt={a.createdAt} />
              {a.hidden ? <p role="note">{t('community.hiddenBecause', { reason: a.hidden.reason })}</p> : null}
              {moderator && !a.hidden ? <HideForm kind="answers" id={a.id} /> : null}
            </article>
          ))}
          {q.hidden ? null : (
            <section aria-labelledby="answer-heading">
              <h2 id="answer-heading">{t('community.yourAnswer')}</h2>
              <PostForm
                id="answer"
                withTitle={false}
                showCompanyOption={session.role === 'dealer'}
                submitLabel={t('community.answerButton')}
                busy={answer.isPending}
                error={answer.error}
                onSubmit={(input, reset) => answer.mutate({ body: input.body, showCompany: input.showCompany }, { onSuccess: reset })}
              />
            </section>
          )}
        </>
      ) : null}
    </Page>
  );
}
