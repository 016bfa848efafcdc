/** Community questions: search by words, page by page, and ask a new one. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { useAsk, useQuestions } from '../api/community.js';
import { AuthorLine } from './AuthorLine.js';
import { PostForm } from './PostForm.js';

export function CommunityPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? undefined;
  const [cursors, setCursors] = useState<string[]>([]);
  const list = useQuestions(q, cursors.at(-1));
  const [search, setSearch] = useState(q ?? '');
  const ask = useAsk();

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setParams(search.trim() ? { q: search.trim() } : {});
  };

  return (
    <Page title={t('community.title')}>
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for the browsers dealers use */}
      <form role="search" onSubmit={onSearch}>
        <label htmlFor="community-search">{t('community.search')}</label>
        {/* biome-ignore lint/a11y/noRedundantRoles: Pico CSS lays out an input and its button side by side only for role="group" */}
        <fieldset role="group">
          <input id="community-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          <button type="submit">{t('community.searchButton')}</button>
        </fieldset>
      </form>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p role="status">{q ? t('community.noneMatching') : t('community.none')}</p>
        ) : (
          <ul className="post-list" aria-busy={list.isFetching}>
            {list.data.items.map((question) => (
              <li key={question.id}>
                <Link to={paths.question(question.id)}>{question.title}</Link>
                {question.hidden ? <span className="badge hidden-post">{t('community.hiddenBadge')}</span> : null}
                <br />
                <AuthorLine author={question.author} createdAt={question.createdAt} /> ·{' '}
                <small className="muted">{t('community.answers', { count: question.answerCount })}</small>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <Pager cursors={cursors} setCursors={setCursors} nextCursor={list.data?.nextCursor} />
      <section aria-labelledby="ask-heading">
        <h2 id="ask-heading">{t('community.ask')}</h2>
        <p>
          <small>{t('community.plainText')}</small>
        </p>
        <PostForm
          id="ask"
          withTitle
          showCompanyOption={session.role === 'dealer'}
          submitLabel={t('community.askButton')}
          busy={ask.isPending}
          error={ask.error}
          onSubmit={(input) => ask.mutate(input, { onSuccess: (question) => navigate(paths.question(question.id)) })}
        />
      </section>
    </Page>
  );
}
