/**
 * The Lambda bundling (infra/constructs/lambda-bundling.ts), built with esbuild as the CDK runs it: what a route's
 * bundle leaves out (the Tracer, for the Powertools layer; the SDK's credential chain) and that the bundled
 * DynamoDB client still signs with the credentials Lambda puts in the environment.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_ESBUILD_OPTIONS, writeBuiltFile } from '../../infra/constructs/lambda-bundling.js';
import { openApiDocument } from '../../shared/api/openapi.js';
import { CRM_CLIENT_SCHEME, LOCAL_TOKEN_URL } from '../../shared/integrations/token-url.js';

const REPO = path.resolve(import.meta.dirname, '../..');
let dir: string;

async function bundle(entry: string, name: string) {
  const outfile = path.join(dir, name, 'index.mjs');
  const { metafile } = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    sourcemap: false,
    entryPoints: [path.join(REPO, entry)],
    outfile,
    absWorkingDir: REPO,
    metafile: true,
    logLevel: 'silent',
  });
  const output = (metafile as Metafile).outputs[path.relative(REPO, outfile)];
  return { outfile, inputs: Object.keys(output?.inputs ?? {}), imports: output?.imports ?? [] };
}

beforeAll(() => {
  // Inside the repository (.tmp/ is git-ignored), so that external packages resolve from its node_modules.
  mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
  dir = mkdtempSync(path.join(REPO, '.tmp', 'lambda-bundling-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Lambda bundles', () => {
  it('a signed-in route leaves the Tracer and the X-Ray SDK to the Powertools layer, and carries no credential chain', async () => {
    const { inputs, imports } = await bundle('functions/registrations/read.ts', 'read');
    // Imported on the first traced request only: a static import would load the layer's X-Ray SDK at initialisation.
    const tracerImports = imports.filter((i) => i.path.startsWith('@aws-lambda-powertools/tracer'));
    expect(tracerImports.map((i) => [i.path, i.kind])).toEqual([
      ['@aws-lambda-powertools/tracer', 'dynamic-import'],
      ['@aws-lambda-powertools/tracer/middleware', 'dynamic-import'],
    ]);
    expect(inputs.some((file) => file.includes('shared/http/middleware/tracing.ts'))).toBe(true);
    for (const left of [
      '@aws-lambda-powertools/tracer',
      'aws-xray-sdk-core',
      '@aws-sdk/credential-provider-node',
      '@aws-sdk/nested-clients',
    ]) {
      expect(inputs.filter((file) => file.includes(`node_modules/${left}/`))).toEqual([]);
    }
    expect(inputs.some((file) => file.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(inputs).toContain('shared/db/lambda-credentials.ts');
  }, 60_000);

  it("the bundled DynamoDB client signs with the environment's credentials, as in Lambda, and finds none without them", async () => {
    const { outfile } = await bundle('shared/db/client.ts', 'client');
    const script = `const { documentClient } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
      try { const c = await documentClient.config.credentials(); console.log(JSON.stringify(c)); } catch (e) { console.log(e.name); }`;
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: REPO,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      }).trim();
    expect(JSON.parse(run({ AWS_ACCESS_KEY_ID: 'AKIDBUNDLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' }))).toMatchObject(
      {
        accessKeyId: 'AKIDBUNDLE',
        secretAccessKey: 'secret',
        sessionToken: 'token',
      },
    );
    expect(run({})).toBe('CredentialsProviderError');
  }, 60_000);

  it('GET /openapi.json serves the document built beside its bundle, with the stage’s token URL', async () => {
    const { outfile } = await bundle('functions/meta/openapi.ts', 'openapi');
    writeBuiltFile('functions/meta/openapi.ts', path.dirname(outfile), REPO);
    expect(existsSync(path.join(path.dirname(outfile), 'openapi.json'))).toBe(true);
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
      const answer = await handler();
      console.log(JSON.stringify({ status: answer.statusCode, type: answer.headers['content-type'], body: answer.body }));`;
    const serve = (env: Record<string, string>) =>
      JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          cwd: REPO,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', ...env },
        }),
      );
    const tokenUrl = 'https://dealer-channel-prod.auth.eu-central-1.amazoncognito.com/oauth2/token';
    const answer = serve({ API_CLIENT_TOKEN_URL: tokenUrl });
    expect(answer).toMatchObject({ status: 200, type: 'application/json' });
    const expected = JSON.parse(JSON.stringify(openApiDocument()));
    expected.components.securitySchemes[CRM_CLIENT_SCHEME].flows.clientCredentials.tokenUrl = tokenUrl;
    expect(JSON.parse(answer.body)).toEqual(expected);
    // Without a stage's domain (the local stack), the local sign-in's.
    const local = JSON.parse(serve({}).body);
    expect(local.components.securitySchemes[CRM_CLIENT_SCHEME].flows.clientCredentials.tokenUrl).toBe(LOCAL_TOKEN_URL);
  }, 60_000);

  it('the user directory loads the Cognito client on first use, not at initialisation', async () => {
    const { imports } = await bundle('functions/onboarding/dealer-users.ts', 'dealer-users');
    const cognito = imports.filter((i) => i.path === '@aws-sdk/client-cognito-identity-provider');
    expect(cognito.length).toBeGreaterThan(0);
    expect(cognito.map((i) => i.kind)).toEqual(cognito.map(() => 'dynamic-import'));
  }, 60_000);
});
