/**
 * Part "bundles": every distinct route and job entry bundled as the CDK bundles it, with each bundle's size and the
 * time a fresh Node process takes to import it (module initialisation), median of several processes. Beside each:
 * the same entry at the baseline commit (the figures before issue 12, built from a temporary git worktree with the
 * bundling the CDK used then) and the current code with the SDK left external, the alternative the CDK rejected.
 * Init runs of the three variants alternate, so machine load weighs on them alike.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { LAMBDA_ESBUILD_OPTIONS, POWERTOOLS_LAYER_MODULES, writeBuiltFile } from '../infra/constructs/lambda-bundling.js';
import { routeKey, routes } from '../shared/api/routes.js';
import { schedules } from '../shared/api/schedules.js';
import { printTable, progress } from './output.js';
import { median, round } from './stats.js';

const REPO = path.resolve(import.meta.dirname, '..');
const INIT_RUNS = 7;
/** The last commit before issue 12 (route contracts, lean functions): the "before" figures. */
export const BUNDLES_BASELINE = process.env.BUNDLES_BASELINE ?? '3cb8270';

/** Targets of issue 12, per function. */
const TARGETS = { sizeKB: 100, initMs: 120 };
const HEALTH_TARGETS = { sizeKB: 30, initMs: 30 };
const targetsOf = (entry: string) => (entry === 'functions/meta/health.ts' ? HEALTH_TARGETS : TARGETS);

/**
 * The `bundling` props of addServiceFunction, as NodejsFunction passes them (infra/constructs/lambda-bundling.ts):
 * the DynamoDB client bundled; the clients loaded on first use (SES, EventBridge, SSM, Cognito) left to the
 * runtime; the Tracer, loaded only when tracing is on, left to the Powertools layer.
 */
const CDK_BUNDLING: BuildOptions = { ...LAMBDA_ESBUILD_OPTIONS, absWorkingDir: REPO, logLevel: 'warning' };
/** The whole SDK left to the Lambda runtime, as the CDK bundled before (and the baseline is built). */
const SDK_EXTERNAL: BuildOptions = { ...CDK_BUNDLING, external: ['@aws-sdk/*', ...POWERTOOLS_LAYER_MODULES] };

/** What Lambda's environment gives every function, so that module initialisation finds its settings. */
const LAMBDA_ENVIRONMENT = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'dealer-channel-bench',
  EVENT_BUS_NAME: 'dealer-channel-bench',
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  MAIL_FROM: 'no-reply@dealer-channel.example',
  PUBLIC_BASE_URL: 'https://api.dealer-channel.example',
  REVIEW_TOKEN_SECRET: 'bench-review-token-secret-of-32-characters',
  POWERTOOLS_SERVICE_NAME: 'dealer-channel',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

interface Variant {
  sizeKB: number;
  /** Output bytes that are not the SDK (@aws-sdk, @smithy, @aws-crypto and their helpers). */
  ownKB: number;
  initMedianMs: number;
  initRunsMs: number[];
  /** The bundle's largest parts (a package, or a folder of the repository) in KB of output. */
  largestParts: Record<string, number>;
  /** SDK packages left external that it imports at initialisation. */
  sdkImports: string[];
}

export interface BundleFigures {
  entry: string;
  serves: string;
  now: Variant;
  sdkExternal: Variant;
  /** Absent for an entry the baseline did not have. */
  before?: Variant;
  meetsTargets: boolean;
}

const SDK_PARTS = /^(@aws-sdk|@smithy|@aws-crypto|@aws|fast-xml-parser|strnum|tslib|bowser|mnemonist|obliterator|uuid)\b/;

/** What a bundle is made of: output bytes by package or repository folder, largest first, and its SDK imports. */
function composition(metafile: Metafile) {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const parts = new Map<string, number>();
  for (const [file, input] of Object.entries(output?.inputs ?? {})) {
    const part = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    parts.set(part, (parts.get(part) ?? 0) + input.bytesInOutput);
  }
  const largest = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const sdkBytes = [...parts].filter(([part]) => SDK_PARTS.test(part)).reduce((sum, [, bytes]) => sum + bytes, 0);
  // Only static imports load at initialisation; a dynamic import() loads on first use.
  const sdk = new Set(
    (output?.imports ?? []).filter((i) => i.external && i.kind !== 'dynamic-import' && i.path.startsWith('@aws-sdk/')).map((i) => i.path),
  );
  return {
    largestParts: Object.fromEntries(largest.map(([part, bytes]) => [part, round(bytes / 1024)])),
    sdkBytes,
    sdkImports: [...sdk].sort(),
  };
}

/** Routes and jobs by entry module, in route-table order. */
function entries(): Map<string, string[]> {
  const served = new Map<string, string[]>();
  const add = (entry: string, what: string) => served.set(entry, [...(served.get(entry) ?? []), what]);
  for (const route of routes) add(route.entry, routeKey(route));
  for (const schedule of schedules) add(schedule.entry, `job ${schedule.name}`);
  return served;
}

/** A fresh process imports the module and prints how long the import took. */
function initTime(module: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(module).href)}); console.log(performance.now() - t);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO,
    env: LAMBDA_ENVIRONMENT,
    encoding: 'utf8',
  });
  const ms = Number(output.trim().split('\n').at(-1));
  if (!Number.isFinite(ms)) throw new Error(`importing ${module} printed ${output}`);
  return ms;
}

async function bundle(root: string, entry: string, outfile: string, options: BuildOptions) {
  const { metafile } = await build({ ...options, entryPoints: [path.join(root, entry)], outfile, metafile: true });
  // The file the CDK writes beside this bundle (the baseline had none).
  if (root === REPO) writeBuiltFile(entry, path.dirname(outfile), REPO);
  const size = statSync(outfile).size;
  const { sdkBytes, ...parts } = composition(metafile as Metafile);
  return { outfile, sizeKB: round(size / 1024), ownKB: round((size - sdkBytes) / 1024), ...parts };
}

/** The baseline commit's tree, beside the repository (its node_modules linked in), for as long as the part runs. */
function baselineTree(dir: string): string | undefined {
  const tree = path.join(dir, 'baseline');
  try {
    execFileSync('git', ['worktree', 'add', '--detach', tree, BUNDLES_BASELINE], { cwd: REPO, stdio: 'ignore' });
  } catch {
    progress(`bundles: baseline ${BUNDLES_BASELINE} not available; no "before" figures`);
    return undefined;
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(tree, 'node_modules'));
  return tree;
}

const shown = (before: number | undefined, now: number) => (before === undefined ? `${now}` : `${before} → ${now}`);

export async function bundlesBench() {
  // Inside the repository (.tmp/ is git-ignored), so an external SDK resolves from its node_modules.
  mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(REPO, '.tmp', 'bench-bundles-'));
  const baseline = baselineTree(dir);
  try {
    const figures: BundleFigures[] = [];
    for (const [entry, serves] of entries()) {
      const name = entry
        .replace(/^functions\//, '')
        .replace(/\.ts$/, '')
        .replaceAll('/', '-');
      progress(`bundles: ${entry}`);
      const builds = {
        now: await bundle(REPO, entry, path.join(dir, 'now', name, 'index.mjs'), CDK_BUNDLING),
        sdkExternal: await bundle(REPO, entry, path.join(dir, 'external', name, 'index.mjs'), SDK_EXTERNAL),
        before:
          baseline && existsSync(path.join(baseline, entry))
            ? await bundle(baseline, entry, path.join(dir, 'before', name, 'index.mjs'), SDK_EXTERNAL)
            : undefined,
      };
      const runs: Record<keyof typeof builds, number[]> = { now: [], sdkExternal: [], before: [] };
      for (let i = 0; i < INIT_RUNS; i++) {
        for (const variant of ['now', 'sdkExternal', 'before'] as const) {
          const built = builds[variant];
          if (built) runs[variant].push(round(initTime(built.outfile)));
        }
      }
      const variant = (built: Awaited<ReturnType<typeof bundle>>, initRunsMs: number[]): Variant => {
        const { outfile: _outfile, ...rest } = built;
        return { ...rest, initMedianMs: round(median(initRunsMs)), initRunsMs };
      };
      const now = variant(builds.now, runs.now);
      const targets = targetsOf(entry);
      figures.push({
        entry,
        serves: serves.join(', '),
        now,
        sdkExternal: variant(builds.sdkExternal, runs.sdkExternal),
        ...(builds.before ? { before: variant(builds.before, runs.before) } : {}),
        meetsTargets: now.sizeKB <= targets.sizeKB && now.initMedianMs <= targets.initMs,
      });
    }
    printTable(
      `Lambda bundles as the CDK builds them (esbuild ESM, node24, minified, DynamoDB client bundled) — before (${BUNDLES_BASELINE}, SDK external) → now; init = import in a fresh process, median of ${INIT_RUNS}`,
      ['entry', 'size KB', 'of it not SDK', 'init ms', 'targets (KB, ms)', 'largest parts now (KB)', 'serves'],
      figures.map((f) => {
        const targets = targetsOf(f.entry);
        const met = (value: number, limit: number) => (value <= limit ? `≤${limit} ✓` : `≤${limit} ✗`);
        return [
          f.entry,
          shown(f.before?.sizeKB, f.now.sizeKB),
          f.now.ownKB,
          shown(f.before?.initMedianMs, f.now.initMedianMs),
          `${met(f.now.sizeKB, targets.sizeKB)}, ${met(f.now.initMedianMs, targets.initMs)}`,
          Object.entries(f.now.largestParts)
            .map(([part, kb]) => `${part} ${kb}`)
            .join(', '),
          f.serves,
        ];
      }),
    );
    printTable(
      'DynamoDB client bundled (what the CDK does) against the whole SDK external (the Lambda runtime’s copy), the current code',
      ['entry', 'bundled: size KB', 'init ms', 'external: size KB', 'init ms', 'SDK imported at init when external'],
      figures.map((f) => [
        f.entry,
        f.now.sizeKB,
        f.now.initMedianMs,
        f.sdkExternal.sizeKB,
        f.sdkExternal.initMedianMs,
        f.sdkExternal.sdkImports.map((p) => p.replace('@aws-sdk/', '')).join(', '),
      ]),
    );
    const medianOf = (pick: (f: BundleFigures) => number | undefined) =>
      round(median(figures.map(pick).filter((v): v is number => v !== undefined)));
    const summary = {
      initMedianOfMediansMs: {
        before: medianOf((f) => f.before?.initMedianMs),
        sdkExternal: medianOf((f) => f.sdkExternal.initMedianMs),
        now: medianOf((f) => f.now.initMedianMs),
      },
      functionsMeetingTargets: `${figures.filter((f) => f.meetsTargets).length} of ${figures.length}`,
    };
    console.log(
      `\nMedian init over all functions: before ${summary.initMedianOfMediansMs.before} ms, SDK external ${summary.initMedianOfMediansMs.sdkExternal} ms, now ${summary.initMedianOfMediansMs.now} ms; ${summary.functionsMeetingTargets} functions meet both targets.`,
    );
    return { baseline: BUNDLES_BASELINE, bundles: figures, summary };
  } finally {
    if (baseline) execFileSync('git', ['worktree', 'remove', '--force', baseline], { cwd: REPO, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}
