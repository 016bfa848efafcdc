/**
 * What esbuild leaves out of every Lambda bundle, and where the function finds it instead. The CDK
 * (service-function.ts) and the bench (bench/bundles.ts) both read this, so the bench measures what is deployed.
 * No CDK imports here: the bench loads it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * SDK clients imported where first used (mail, events, the review-link secret, the user pool): the Lambda
 * runtime's copy, so they cost neither size nor initialisation. The DynamoDB client is bundled instead: a fresh
 * process loads it about twice as fast as the runtime's copy (`npm run bench -- --only bundles` measures both).
 */
export const RUNTIME_SDK_CLIENTS = [
  '@aws-sdk/client-ses',
  '@aws-sdk/client-eventbridge',
  '@aws-sdk/client-ssm',
  '@aws-sdk/client-cognito-identity-provider',
] as const;

/**
 * Powertools Tracer and the X-Ray SDK under it (~120 KB bundled) are imported only when POWERTOOLS_TRACE_ENABLED
 * is `true` (shared/http/middleware/tracing.ts), so they are not bundled: the Powertools layer (the published
 * layer AWS documents, pinned to the version in package.json) provides them, and an untraced function never
 * loads them. esbuild leaves the package's subpaths (`…/tracer/middleware`) external too.
 */
export const POWERTOOLS_LAYER_MODULES = ['@aws-lambda-powertools/tracer'] as const;

/**
 * Modules replaced in the bundles, by paths from the repository root (where esbuild runs): the SDK's default
 * credential chain by the environment's credentials, all a Lambda function uses (shared/db/lambda-credentials.ts).
 * The bundled DynamoDB client shrinks by ~130 KB and initialises in about half the time.
 */
export const LAMBDA_ALIASES = { '@aws-sdk/credential-provider-node': './shared/db/lambda-credentials.ts' } as const;

/**
 * Files written beside a function's bundle, by entry: what the function would otherwise compute at every
 * initialisation. `command` runs in the repository root with the file's path appended; the CDK runs it after
 * bundling, the bench beside its bundles.
 */
export const BUILT_FILES: Readonly<Record<string, { file: string; command: readonly [string, ...string[]] }>> = {
  'functions/meta/openapi.ts': { file: 'openapi.json', command: ['npx', 'tsx', 'tooling/openapi/write-document.ts'] },
};

/** Writes `entry`'s built file, if it has one, beside a bundle in `bundleDir`, as the CDK's hook does. */
export function writeBuiltFile(entry: string, bundleDir: string, repoRoot: string): void {
  const built = BUILT_FILES[entry];
  if (!built) return;
  const [command, ...args] = built.command;
  execFileSync(command, [...args, path.join(bundleDir, built.file)], { cwd: repoRoot, stdio: 'ignore' });
}

/** ESM output needs `require` for the odd CommonJS dependency that esbuild leaves as a dynamic require. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** The SSM parameter AWS publishes with the Powertools for TypeScript layer's ARN for one release. */
export const powertoolsLayerParameter = (version: string) => `/aws/service/powertools/typescript/generic/all/${version}`;

/**
 * The CDK's bundling (service-function.ts passes these to NodejsFunction) as esbuild options, so that the bench and
 * the tests build exactly what the CDK builds. esbuild runs in the repository root (`absWorkingDir`).
 */
export const LAMBDA_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  external: [...RUNTIME_SDK_CLIENTS, ...POWERTOOLS_LAYER_MODULES],
  alias: { ...LAMBDA_ALIASES },
  banner: { js: ESM_REQUIRE_BANNER },
} satisfies BuildOptions;
