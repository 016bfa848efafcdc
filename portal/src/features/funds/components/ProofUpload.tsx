/**
 * A file input for proof (the invoice, evidence of the activity): each chosen file is checked by the API's
 * upload schema, uploaded with visible progress and confirmed; the form learns the confirmed file ids only.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { declarationOf, type UploadState, uploadProof } from '../api/upload.js';

interface Chosen {
  key: string;
  name: string;
  state: UploadState;
}

export function ProofUpload(props: {
  id: string;
  label: string;
  hint: string;
  multiple?: boolean;
  required?: boolean;
  error?: string | undefined;
  /** Called whenever the set of confirmed ids or the busy state changes. */
  onChange: (confirmed: string[], busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [problem, setProblem] = useState<string>();
  const listId = useId();
  const { onChange } = props;

  useEffect(() => {
    const confirmed = chosen.flatMap((c) => (c.state.phase === 'confirmed' ? [c.state.fileId] : []));
    onChange(
      confirmed,
      chosen.some((c) => c.state.phase === 'uploading'),
    );
  }, [chosen, onChange]);

  const update = (key: string, state: UploadState) => setChosen((all) => all.map((c) => (c.key === key ? { ...c, state } : c)));

  function choose(files: FileList | null) {
    setProblem(undefined);
    const picked = [...(files ?? [])];
    const refused = picked.find((file) => !declarationOf(file).success);
    if (refused) {
      setProblem(t('funds.claim.badFile', { name: refused.name }));
      return;
    }
    const added = picked.map((file) => ({ key: crypto.randomUUID(), name: file.name, file }));
    setChosen((all) => [
      ...(props.multiple ? all : []),
      ...added.map(({ key, name }) => ({ key, name, state: { phase: 'uploading', fraction: 0 } as UploadState })),
    ]);
    for (const { key, file } of added) {
      uploadProof(file, (fraction) => update(key, { phase: 'uploading', fraction }))
        .then((fileId) => update(key, { phase: 'confirmed', fileId }))
        .catch(() => update(key, { phase: 'failed', message: t('funds.claim.uploadFailed') }));
    }
  }

  const error = problem ?? props.error;
  const described = [`${props.id}-hint`, error ? `${props.id}-error` : '', chosen.length ? listId : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={props.id}
        name={props.id}
        type="file"
        accept="application/pdf,image/png,image/jpeg,image/webp,video/mp4,application/vnd.openxmlformats-officedocument.presentationml.presentation"
        multiple={props.multiple}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(event) => choose(event.target.files)}
      />
      <small id={`${props.id}-hint`}>{props.hint}</small>
      {error ? (
        <small id={`${props.id}-error`} className="field-error">
          {error}
        </small>
      ) : null}
      {chosen.length ? (
        <ul id={listId} className="upload-progress" aria-live="polite">
          {chosen.map((c) => (
            <li key={c.key}>
              {c.state.phase === 'uploading' ? (
                <>
                  <span>{t('funds.claim.uploading', { name: c.name, percent: formatPercent(c.state.fraction, locale) })}</span>
                  <progress value={c.state.fraction} max={1} aria-label={t('funds.claim.progressOf', { name: c.name })} />
                </>
              ) : c.state.phase === 'confirmed' ? (
                <span data-confirmed={c.state.fileId}>{t('funds.claim.uploaded', { name: c.name })}</span>
              ) : (
                <span className="field-error">
                  {c.name}: {c.state.message}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
