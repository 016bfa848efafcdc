/** The form of a new question or answer: plain text, the company shown only when the author ticks it. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type SummaryItem } from '../../../components/ErrorSummary.js';
import { TextAreaField, TextField } from '../../../components/Field.js';
import { ApiError } from '../../../lib/api-client.js';

export interface PostInput {
  title: string;
  body: string;
  showCompany: boolean;
}

export function PostForm(props: {
  id: string;
  withTitle: boolean;
  showCompanyOption: boolean;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: PostInput, reset: () => void) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [showCompany, setShowCompany] = useState(false);
  const [tries, setTries] = useState(0);
  const ids = { title: `${props.id}-title`, body: `${props.id}-body` };
  const local: Record<string, string> = {};
  if (tries > 0 && props.withTitle && !title.trim()) local[ids.title] = t('form.errors.required');
  if (tries > 0 && !body.trim()) local[ids.body] = t('form.errors.required');
  const server: Record<string, string> = {};
  if (props.error instanceof ApiError)
    for (const p of props.error.problem.errors ?? []) server[p.path === '/title' ? ids.title : ids.body] ??= p.message;
  const errors = { ...server, ...local };
  const labels: Record<string, string> = { [ids.title]: t('community.titleField'), [ids.body]: t('community.bodyField') };
  const items: SummaryItem[] = Object.entries(errors).map(([fieldId, message]) => ({
    fieldId,
    label: labels[fieldId] ?? fieldId,
    message,
  }));
  const limited = props.error instanceof ApiError && props.error.status === 429;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTries((n) => n + 1);
    if ((props.withTitle && !title.trim()) || !body.trim()) return;
    props.onSubmit({ title: title.trim(), body: body.trim(), showCompany }, () => {
      setTitle('');
      setBody('');
      setTries(0);
    });
  };

  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary items={items} attempt={tries} />
      {props.withTitle ? (
        <TextField
          id={ids.title}
          label={t('community.titleField')}
          required
          maxLength={200}
          value={title}
          error={errors[ids.title]}
          onChange={(e) => setTitle(e.target.value)}
        />
      ) : null}
      <TextAreaField
        id={ids.body}
        label={t('community.bodyField')}
        required
        rows={4}
        maxLength={10_000}
        value={body}
        error={errors[ids.body]}
        onChange={(e) => setBody(e.target.value)}
      />
      {props.showCompanyOption ? (
        <label htmlFor={`${props.id}-company`}>
          <input id={`${props.id}-company`} type="checkbox" checked={showCompany} onChange={(e) => setShowCompany(e.target.checked)} />
          {t('community.showCompany')}
        </label>
      ) : null}
      {limited ? <p role="alert">{t('community.limited')}</p> : null}
      <button type="submit" aria-busy={props.busy} disabled={props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
