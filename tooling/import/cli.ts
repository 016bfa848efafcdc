/**
 * `npm run -s import -- <dealers|regions|products|price-list|registrations> <file.csv|file.xlsx> [--dry-run] [--api <url>]
 * [--token <bearer>] [--concurrency <n>]`: validates every row first (the API's own schemas; errors by row and
 * column, nothing sent if any), then sends each row to the API with a progress bar. Re-runs create nothing twice:
 * dealers, regions, products and price lists (a row per SKU, one PUT per list) are PUTs by id (an unchanged one is
 * left alone), registrations carry an
 * Idempotency-Key derived from the row (kept 24 h by the API), and every imported open deal goes through the same
 * conflict rules as one registered by hand (it is a POST /registrations).
 *
 * Without --token (the local stack) it signs tokens with the local key: a channel admin's, and for registration
 * rows with a dealerId column that dealer's. Against a deployment pass --api and --token (a channel admin's for
 * setup kinds; for registrations the dealer's, or its CRM's API client token with registrations:write).
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { IMPORT_KINDS, type ImportKindName, type ImportRequest } from '../../shared/import/import-kinds.js';
import { validateRows } from '../../shared/import/validate-rows.js';
import { readSheet } from './read-sheet.js';

const USAGE =
  'Usage: npm run -s import -- <dealers|regions|products|price-list|registrations> <file.csv|file.xlsx> [--dry-run] [--api <url>] [--token <bearer>]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean' },
    api: { type: 'string' },
    token: { type: 'string' },
    concurrency: { type: 'string' },
  },
});

const fail = (message: string, code = 2): never => {
  console.error(message);
  process.exit(code);
};

const [kindName, file] = positionals as [string | undefined, string | undefined];
if (!kindName || !(kindName in IMPORT_KINDS)) fail(`Give what to import.\n${USAGE}`);
if (!file) fail(`Give a file.\n${USAGE}`);
const kind = IMPORT_KINDS[kindName as ImportKindName];
const api = (values.api ?? `http://localhost:${process.env.API_PORT ?? 3000}`).replace(/\/$/, '');
const concurrency = Math.max(1, Math.min(32, Number(values.concurrency ?? 8)));

const sheet = await readSheet(file as string).catch((error: Error) => fail(error.message));
const { requests, errors } = validateRows(kind, sheet.header, sheet.rows);
if (errors.length > 0) {
  const rows = new Set(errors.map((e) => e.row));
  console.error(`${file}: ${errors.length} error(s) in ${rows.size} row(s); nothing was imported.`);
  for (const error of errors.slice(0, 200)) console.error(`  row ${error.row}, column ${error.column}: ${error.message}`);
  if (errors.length > 200) console.error(`  … and ${errors.length - 200} more`);
  process.exit(1);
}
if (values['dry-run']) {
  console.log(`${file}: ${requests.length} ${kind.unit ?? 'row'}(s) valid; dry run, nothing sent.`);
  process.exit(0);
}

const tokens = new Map<string, Promise<string>>();
async function tokenFor(request: ImportRequest): Promise<string> {
  if (values.token) return values.token;
  const key = request.dealerId ?? (kindName === 'registrations' ? '' : 'admin');
  if (key === '') fail('Registration rows need a dealerId column, or pass --token of the dealer.');
  let token = tokens.get(key);
  if (!token) {
    token = import('../../infra/local/local-issuer.js').then(async ({ persistentIssuer }) => {
      const { DATA_DIR } = await import('../../infra/local/ports.js');
      const issuer = await persistentIssuer(DATA_DIR);
      return request.dealerId ? issuer.sign({ role: 'dealer', dealerId: request.dealerId }) : issuer.sign({ role: 'channel_admin' });
    });
    tokens.set(key, token);
  }
  return token;
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'already imported' | 'refused';
const counts = new Map<Outcome, number>();
const refusals: string[] = [];

const sameContent = (stored: Record<string, unknown>, body: Record<string, unknown>) =>
  Object.entries(body).every(([field, value]) => JSON.stringify(stored[field]) === JSON.stringify(value));

async function send(request: ImportRequest, rowNumber: number): Promise<Outcome> {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(request)}`, 'content-type': 'application/json' };
  if (request.method === 'PUT') {
    const current = await fetch(`${api}${request.path}`, { headers });
    if (current.ok && sameContent((await current.json()) as Record<string, unknown>, request.body as Record<string, unknown>))
      return 'unchanged';
    const answer = await fetch(`${api}${request.path}`, { method: 'PUT', headers, body: JSON.stringify(request.body) });
    if (answer.ok) return current.status === 404 ? 'created' : 'updated';
    refusals.push(`  row ${rowNumber}: ${answer.status} ${(await answer.text()).slice(0, 300)}`);
    return 'refused';
  }
  if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
  for (let attempt = 0; ; attempt++) {
    const answer = await fetch(`${api}${request.path}`, { method: 'POST', headers, body: JSON.stringify(request.body) });
    // A replay on a retry is this run's own first attempt answering; on the first attempt, an earlier run's.
    if (answer.ok) return answer.headers.get('idempotent-replayed') === 'true' && attempt === 0 ? 'already imported' : 'created';
    // Busy (503) or a concurrent first run of the same row (409 on its idempotency key): the same key is safe to retry.
    if ((answer.status === 503 || answer.status === 429) && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      continue;
    }
    refusals.push(`  row ${rowNumber}: ${answer.status} ${(await answer.text()).slice(0, 300)}`);
    return 'refused';
  }
}

const bar = new cliProgress.SingleBar(
  {
    format: `${kindName} |{bar}| {value}/{total} rows · {eta_formatted} left`,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    stream: process.stderr,
  },
  cliProgress.Presets.shades_classic,
);
bar.start(requests.length, 0);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, requests.length) }, async () => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index] as (typeof requests)[number];
      const outcome = await send(request, request.row).catch((error: Error) => {
        refusals.push(`  row ${request.row}: ${error.message}`);
        return 'refused' as const;
      });
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      bar.increment();
    }
  }),
);
bar.stop();

const summary = (['created', 'updated', 'unchanged', 'already imported', 'refused'] as const)
  .filter((outcome) => counts.get(outcome))
  .map((outcome) => `${counts.get(outcome)} ${outcome}`)
  .join(', ');
console.log(`${file}: ${requests.length} ${kind.unit ?? 'row'}(s): ${summary || 'nothing to do'}.`);
if (refusals.length > 0) {
  console.error(`The API refused ${refusals.length} row(s):`);
  for (const line of refusals.slice(0, 200)) console.error(line);
  process.exit(1);
}
