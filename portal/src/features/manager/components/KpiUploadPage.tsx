import { INPUT_KINDS, type InputKind } from '@shared/schemas/partner-program.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/Page.js';
import { ApiError, type FieldProblem, postText } from '../../../lib/api-client.js';

const KINDS = Object.keys(INPUT_KINDS) as InputKind[];

/** `/lines/4/amount` → line 4, column amount (the API names each bad CSV row by line, the header being line 1). */
function located(problem: FieldProblem) {
  const match = /^\/lines\/(\d+)(?:\/(.+))?$/.exec(problem.path);
  return { line: match?.[1] ?? '', column: match?.[2] ?? '', message: problem.message };
}

/** A channel admin uploads a month's KPI inputs as CSV; nothing is stored unless every row is good. */
export function KpiUploadPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<InputKind>('revenue');
  const [file, setFile] = useState<File | undefined>();
  const [result, setResult] = useState<
    { ok: true; rows: number } | { ok: false; problems: ReturnType<typeof located>[]; message: string }
  >();
  const [busy, setBusy] = useState(false);
  const columns = Object.keys(INPUT_KINDS[kind].row.shape).join(', ');

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    try {
      const answer = await postText<{ rows: number }>(`/kpi-inputs/${kind}`, await file.text(), 'text/csv');
      setResult({ ok: true, rows: answer.rows });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : undefined;
      setResult({ ok: false, message: problem?.detail ?? t('common.failed'), problems: (problem?.errors ?? []).map(located) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('manager.kpiUpload.title')}>
      <form onSubmit={(e) => void upload(e)}>
        <label>
          {t('manager.kpiUpload.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as InputKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`manager.kpiUpload.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('manager.kpiUpload.file', { columns })}
          <input type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0])} />
        </label>
        <button type="submit" disabled={busy || !file}>
          {t('manager.kpiUpload.upload')}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {result?.ok ? <p className="notice">{t('manager.kpiUpload.stored', { rows: result.rows })}</p> : null}
      </div>
      {result && !result.ok ? (
        <div role="alert">
          <p>
            {t('manager.kpiUpload.rejected')} {result.message}
          </p>
          {result.problems.length ? (
            <table className="striped">
              <thead>
                <tr>
                  <th scope="col">{t('manager.kpiUpload.line')}</th>
                  <th scope="col">{t('manager.kpiUpload.column')}</th>
                  <th scope="col">{t('manager.kpiUpload.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {result.problems.map((p) => (
                  <tr key={`${p.line}-${p.column}-${p.message}`}>
                    <td>{p.line}</td>
                    <td>{p.column}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </Page>
  );
}
