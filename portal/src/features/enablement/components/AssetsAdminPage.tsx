/**
 * Channel admins' sales assets: upload a file (declared with its type and size, sent to its presigned URL with
 * progress, confirmed) and describe it for dealers; the assets already uploaded, page by page.
 */
import { FILE_TYPES, type FileContentType } from '@shared/domain/files.js';
import { AssetInput, AssetKind, AssetLanguage, TierName } from '@shared/schemas/enablement.js';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime, formatPercent } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useAssets, useUploadAsset } from '../api/enablement.js';
import { DownloadButton } from './DownloadButton.js';
import { formatBytes } from './format-bytes.js';

const FIELDS = ['file', 'title', 'kind', 'minimumTier', 'skus', 'language'] as const;
type Field = (typeof FIELDS)[number];
type Errors = Partial<Record<Field, string>>;
/** What the admin describes; the file id comes from the upload. */
const AssetDescription = AssetInput.omit({ fileId: true });

/** Where the API's and the schema's paths land in the form. */
const fieldOfPath = (path: string): Field | undefined => {
  const head = path.replace(/^\//, '').split('/')[0] ?? '';
  if (head === 'fileId' || head === 'contentType' || head === 'bytes' || head === 'fileName') return 'file';
  return (FIELDS as readonly string[]).includes(head) ? (head as Field) : undefined;
};

/** An id for the asset from its title: readable in URLs, unique by a random tail. */
const assetIdOf = (title: string) => {
  const stem = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .toLowerCase();
  return `${stem || 'asset'}-${crypto.randomUUID().slice(0, 8)}`;
};

export function AssetsAdminPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [file, setFile] = useState<File | undefined>();
  const [form, setForm] = useState({ title: '', kind: 'datasheet', minimumTier: 'bronze', skus: '', language: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const [progress, setProgress] = useState<number | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  const upload = useUploadAsset();
  const formRef = useRef<HTMLFormElement>(null);
  const [cursors, setCursors] = useState<string[]>([]);
  const assets = useAssets(undefined, cursors.at(-1));

  const fileProblem = (chosen: File | undefined): string | undefined => {
    if (!chosen) return t('enablement.assets.errors.file');
    const type = FILE_TYPES[chosen.type as FileContentType];
    if (!type) return t('enablement.assets.errors.type');
    if (chosen.size > type.maxBytes) return t('enablement.assets.errors.size', { limit: formatBytes(type.maxBytes, locale) });
    return undefined;
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setSaved(undefined);
    setFailed(false);
    const skus = form.skus
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const parsed = AssetDescription.safeParse({
      title: form.title,
      kind: form.kind,
      minimumTier: form.minimumTier,
      ...(skus.length ? { skus } : {}),
      ...(form.language ? { language: form.language } : {}),
    });
    const found: Errors = {};
    const problem = fileProblem(file);
    if (problem) found.file = problem;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOfPath(`/${issue.path.join('/')}`);
        if (field) found[field] ??= issue.message;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success || !file) return;
    const input = parsed.data;
    setProgress(0);
    try {
      const asset = await upload.mutateAsync({ id: assetIdOf(input.title), file, input, onProgress: setProgress });
      setSaved(t('enablement.assets.saved', { title: asset.title, tier: t(`enablement.tiers.${asset.minimumTier}`) }));
      setForm({ title: '', kind: 'datasheet', minimumTier: 'bronze', skus: '', language: '' });
      setFile(undefined);
      formRef.current?.reset();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        const fromApi: Errors = {};
        for (const e of error.problem.errors) {
          const field = fieldOfPath(e.path) ?? 'file';
          fromApi[field] ??= e.message;
        }
        setErrors(fromApi);
        setAttempt((n) => n + 1);
      } else setFailed(true);
    } finally {
      setProgress(undefined);
    }
  }

  const set = (field: Exclude<Field, 'file'>) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });
  const labels: Record<Field, string> = {
    file: t('enablement.assets.file'),
    title: t('enablement.assets.assetTitle'),
    kind: t('enablement.assets.kind'),
    minimumTier: t('enablement.assets.minimumTier'),
    skus: t('enablement.assets.skus'),
    language: t('enablement.assets.language'),
  };
  const summary = FIELDS.filter((f) => errors[f]).map((f) => ({ fieldId: `asset-${f}`, label: labels[f], message: errors[f] as string }));

  return (
    <Page title={t('enablement.assets.title')}>
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t('enablement.assets.upload')}</h2>
        <ErrorSummary items={summary} attempt={attempt} />
        {saved ? <p role="status">{saved}</p> : null}
        {failed ? (
          <p role="alert" className="error-summary">
            {t('common.failed')}
          </p>
        ) : null}
        <form ref={formRef} noValidate onSubmit={(event) => void onSubmit(event)}>
          <TextField
            id="asset-file"
            type="file"
            label={labels.file}
            hint={t('enablement.assets.fileHint')}
            required
            accept={Object.keys(FILE_TYPES).join(',')}
            error={errors.file}
            onChange={(event) => setFile(event.target.files?.[0])}
          />
          <TextField id="asset-title" label={labels.title} required value={form.title} error={errors.title} onChange={set('title')} />
          <div className="grid">
            <SelectField id="asset-kind" label={labels.kind} required value={form.kind} error={errors.kind} onChange={set('kind')}>
              {AssetKind.options.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`enablement.kinds.${kind}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="asset-minimumTier"
              label={labels.minimumTier}
              required
              value={form.minimumTier}
              error={errors.minimumTier}
              onChange={set('minimumTier')}
            >
              {[...TierName.options].reverse().map((tier) => (
                <option key={tier} value={tier}>
                  {t(`enablement.tiers.${tier}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="asset-language"
              label={labels.language}
              value={form.language}
              error={errors.language}
              onChange={set('language')}
            >
              <option value="">{t('enablement.assets.anyLanguage')}</option>
              {AssetLanguage.options.map((language) => (
                <option key={language} value={language}>
                  {t(`enablement.languages.${language}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <TextField
            id="asset-skus"
            label={labels.skus}
            hint={t('enablement.assets.skusHint')}
            value={form.skus}
            error={errors.skus}
            onChange={set('skus')}
          />
          {progress !== undefined && file ? (
            <div role="status">
              <label htmlFor="asset-progress">
                {t('enablement.assets.progress', { name: file.name })}: {formatPercent(progress, locale)}
              </label>
              <progress id="asset-progress" value={progress} max={1} />
            </div>
          ) : null}
          <button type="submit" aria-busy={upload.isPending} disabled={upload.isPending}>
            {t('enablement.assets.send')}
          </button>
        </form>
      </section>
      <section aria-labelledby="assets-list-heading">
        <h2 id="assets-list-heading">{t('enablement.assets.list')}</h2>
        {assets.isPending ? <Loading /> : null}
        {assets.isError ? <QueryError error={assets.error} retry={() => void assets.refetch()} /> : null}
        {assets.data && assets.data.items.length === 0 && cursors.length === 0 ? <p>{t('enablement.assets.none')}</p> : null}
        {assets.data && assets.data.items.length > 0 ? (
          <div className="overflow-auto">
            <table className="responsive-table striped">
              <caption className="visually-hidden">{t('enablement.assets.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{labels.title}</th>
                  <th scope="col">{labels.kind}</th>
                  <th scope="col">{labels.minimumTier}</th>
                  <th scope="col">{t('enablement.assets.products')}</th>
                  <th scope="col">{t('enablement.assets.fileName')}</th>
                  <th scope="col">{t('enablement.assets.updated')}</th>
                  <th scope="col">{t('enablement.product.download')}</th>
                </tr>
              </thead>
              <tbody>
                {assets.data.items.map((asset) => (
                  <tr key={asset.id}>
                    <td data-label={labels.title}>{asset.title}</td>
                    <td data-label={labels.kind}>{t(`enablement.kinds.${asset.kind}`)}</td>
                    <td data-label={labels.minimumTier}>{t(`enablement.tiers.${asset.minimumTier}`)}</td>
                    <td data-label={t('enablement.assets.products')}>{asset.skus?.join(', ') || '—'}</td>
                    <td data-label={t('enablement.assets.fileName')}>
                      {asset.fileName}
                      <br />
                      <small className="muted">{formatBytes(asset.bytes, locale)}</small>
                    </td>
                    <td data-label={t('enablement.assets.updated')}>{formatDateTime(asset.updatedAt, locale)}</td>
                    <td data-label={t('enablement.product.download')}>
                      <DownloadButton asset={asset} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager cursors={cursors} setCursors={setCursors} nextCursor={assets.data?.nextCursor ?? undefined} />
      </section>
    </Page>
  );
}
