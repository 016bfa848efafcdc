/**
 * Part "bundles": every distinct route and job entry bundled as the CDK bundles it, with each bundle's size and the
 * time a fresh Node process takes to import it (module initialisation), median of several processes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { routeKey, routes } from '../shared/api/routes.js';
import { schedules } from '../shared/api/schedules.js';
import { printTable, progress } from './output.js';
import { median, round } from './stats.js';

const REPO = path.resolve(import.meta.dirname, '..');
const INIT_RUNS = 10;

/** Modules that only import SDK packages the bundles load at init: how much of an init time is the SDK's. */
const SDK_BASELINES = [
  ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-ses', '@aws-sdk/client-eventbridge', '@aws-sdk/client-ssm'],
];

/** `ESM_REQUIRE_BANNER` of infra/constructs/service-function.ts (not exported there). */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** The `bundling` props of addServiceFunction, as NodejsFunction passes them to esbuild. */
const CDK_BUNDLING = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*'],
  banner: { js: ESM_REQUIRE_BANNER },
  logLevel: 'warning',
} as const;

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

export interface BundleFigures {
  entry: string;
  serves: string;
  sizeKB: number;
  sourceMapKB: number;
  initMedianMs: number;
  initRunsMs: number[];
  /** The bundle's largest parts (a package, or a folder of the repository) in KB of output. */
  largestParts: Record<string, number>;
  /** The SDK packages it imports at initialisation (external: the Lambda runtime provides them). */
  sdkImports: string[];
}

/** What a bundle is made of: output bytes by package or repository folder, largest first, and its SDK imports. */
function composition(metafile: Metafile) {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const parts = new Map<string, number>();
  for (const [file, input] of Object.entries(output?.inputs ?? {})) {
    const part = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    parts.set(part, (parts.get(part) ?? 0) + input.bytesInOutput);
  }
  const largest = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const sdk = new Set((output?.imports ?? []).filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path));
  return {
    largestParts: Object.fromEntries(largest.map(([part, bytes]) => [part, round(bytes / 1024)])),
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
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, env: LAMBDA_ENVIRONMENT, encoding: 'utf8' });
  const ms = Number(output.trim().split('\n').at(-1));
  if (!Number.isFinite(ms)) throw new Error(`importing ${module} printed ${output}`);
  return ms;
}

const initTimes = (module: string) => Array.from({ length: INIT_RUNS }, () => round(initTime(module)));

function sdkBaselines(dir: string) {
  return SDK_BASELINES.map((packages, i) => {
    const module = path.join(dir, `sdk-baseline-${i}.mjs`);
    writeFileSync(module, packages.map((p) => `import '${p}';`).join('\n'));
    const runs = initTimes(module);
    return { imports: packages.map((p) => p.replace('@aws-sdk/', '')), initMedianMs: round(median(runs)), initRunsMs: runs };
  });
}

export async function bundlesBench() {
  // Inside the repository (.tmp/ is git-ignored), so the external SDK resolves from its node_modules.
  mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(REPO, '.tmp', 'bench-bundles-'));
  try {
    const figures: BundleFigures[] = [];
    for (const [entry, serves] of entries()) {
      const outfile = path.join(dir, entry.replace(/^functions\//, '').replace(/\.ts$/, '').replaceAll('/', '-'), 'index.mjs');
      progress(`bundles: ${entry}`);
      const { metafile } = await build({
        ...CDK_BUNDLING,
        mainFields: [...CDK_BUNDLING.mainFields],
        external: [...CDK_BUNDLING.external],
        entryPoints: [path.join(REPO, entry)],
        outfile,
        metafile: true,
      });
      const runs = initTimes(outfile);
      figures.push({
        entry,
        serves: serves.join(', '),
        sizeKB: round(statSync(outfile).size / 1024),
        sourceMapKB: round(statSync(`${outfile}.map`).size / 1024),
        initMedianMs: round(median(runs)),
        initRunsMs: runs,
        ...composition(metafile),
      });
    }
    progress('bundles: SDK-only baselines');
    const baselines = sdkBaselines(dir);
    printTable(
      `Lambda bundles as the CDK builds them (esbuild ESM, node24, minified, SDK external); init = import in a fresh process, median of ${INIT_RUNS}`,
      ['entry', 'size KB', 'init ms', 'largest parts (KB)', 'SDK imported at init', 'serves'],
      figures.map((f) => [
        f.entry,
        f.sizeKB,
        f.initMedianMs,
        Object.entries(f.largestParts).map(([part, kb]) => `${part} ${kb}`).join(', '),
        f.sdkImports.map((p) => p.replace('@aws-sdk/', '')).join(', '),
        f.serves,
      ]),
    );
    printTable(
      `For comparison: a module that only imports SDK packages (init = import in a fresh process, median of ${INIT_RUNS})`,
      ['imports', 'init ms'],
      baselines.map((b) => [b.imports.join(', '), b.initMedianMs]),
    );
    return { bundles: figures, sdkBaselines: baselines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
