/** A module's quiz: one choice per question, graded by the API; a pass certifies the user and its dealer. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useAttempt, useModule } from '../api/training.js';

export function QuizPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useParams().id ?? '';
  const module = useModule(id);
  const attempt = useAttempt(id);
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const [tries, setTries] = useState(0);
  const questions = module.data?.quiz?.questions ?? [];
  const missing = questions.map((_, i) => i).filter((i) => answers[i] === undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTries((n) => n + 1);
    if (missing.length > 0) return;
    attempt.mutate(questions.map((_, i) => answers[i] as number));
  };
  const limited = attempt.error instanceof ApiError && attempt.error.status === 429;

  return (
    <Page title={module.data ? t('quiz.title', { title: module.data.title }) : t('quiz.loading')}>
      <p>
        <Link to={paths.training}>{t('quiz.back')}</Link>
      </p>
      {module.isPending ? <Loading /> : null}
      {module.isError ? <QueryError error={module.error} /> : null}
      {module.data && !module.data.quiz ? <p>{t('quiz.noQuiz')}</p> : null}
      {module.data?.quiz ? (
        <form noValidate onSubmit={submit}>
          <p>{t('quiz.passMark', { percent: module.data.quiz.passPercent })}</p>
          <ErrorSummary
            attempt={tries}
            items={
              tries > 0
                ? missing.map((i) => ({ fieldId: `q${i}-0`, label: t('quiz.question', { number: i + 1 }), message: t('quiz.choose') }))
                : []
            }
          />
          {questions.map((q, i) => (
            <fieldset key={q.text + String(i)} aria-invalid={tries > 0 && answers[i] === undefined ? true : undefined}>
              <legend>
                {t('quiz.question', { number: i + 1 })}: {q.text}
              </legend>
              {q.options.map((option, o) => (
                <label key={option + String(o)} htmlFor={`q${i}-${o}`}>
                  <input
                    type="radio"
                    id={`q${i}-${o}`}
                    name={`q${i}`}
                    checked={answers[i] === o}
                    onChange={() => setAnswers((a) => ({ ...a, [i]: o }))}
                  />
                  {option}
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit" aria-busy={attempt.isPending} disabled={attempt.isPending}>
            {t('quiz.submit')}
          </button>
        </form>
      ) : null}
      {attempt.data ? (
        <div role="status" className={attempt.data.passed ? 'notice-success' : 'notice'}>
          <h2>{attempt.data.passed ? t('quiz.passed') : t('quiz.failed')}</h2>
          <p>{t('quiz.score', { score: attempt.data.scorePercent, correct: attempt.data.correct, total: attempt.data.total })}</p>
          {attempt.data.completion?.expiresOn ? (
            <p>{t('quiz.validUntil', { date: formatDate(attempt.data.completion.expiresOn, locale) })}</p>
          ) : null}
        </div>
      ) : null}
      {attempt.isError ? <p role="alert">{limited ? t('quiz.limited') : t('common.failed')}</p> : null}
    </Page>
  );
}
