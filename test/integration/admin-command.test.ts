/**
 * `npm run -s admin -- create-user` end to end against cognito-local (a Cognito API emulator): the command creates
 * the user through the same user-directory code the API uses; the user signs in with USER_PASSWORD_AUTH (setting a
 * new password at the first sign-in, as Cognito asks) and its ID token — verified against the emulator's JWKS —
 * carries the group and the claims the command was given.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/api/routes.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let emulator: ChildProcess;
let workDir: string;
let endpoint: string;
let userPoolId: string;
let clientId: string;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let cognito: CognitoIdentityProviderClient;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

beforeAll(async () => {
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  // cognito-local keeps its pools in .cognito/ under its working directory: a folder of its own.
  workDir = mkdtempSync(path.join(tmpdir(), 'cognito-local-'));
  emulator = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/cognito-local/lib/bin/start.js')], {
    cwd: workDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  cognito = new CognitoIdentityProviderClient({ endpoint, region: 'eu-central-1', credentials });
  for (let attempt = 0; ; attempt++) {
    try {
      const pool = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: 'dealer-channel-test',
          UsernameAttributes: ['email'],
          Schema: ['dealer_id', 'regions', 'dealer_role'].map((Name) => ({ Name, AttributeDataType: 'String', Mutable: true })),
        }),
      );
      userPoolId = pool.UserPool?.Id as string;
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  for (const role of ROLES) await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'dealer-channel-api',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    }),
  );
  clientId = client.UserPoolClient?.ClientId as string;
}, 60_000);

afterAll(() => {
  emulator?.kill();
  cognito?.destroy();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const admin = (args: string[]) =>
  run(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'infra/admin/admin.ts'), ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      USER_POOL_ID: userPoolId,
    },
  });

/** Signs in with USER_PASSWORD_AUTH, answering the first sign-in's NEW_PASSWORD_REQUIRED, and verifies the ID token. */
async function signIn(email: string, temporaryPassword: string) {
  const first = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: temporaryPassword },
    }),
  );
  expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  const answered = await cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'A-new-password-42!' },
    }),
  );
  const idToken = answered.AuthenticationResult?.IdToken as string;
  const jwks = createRemoteJWKSet(new URL(`${endpoint}/${userPoolId}/.well-known/jwks.json`));
  return (await jwtVerify(idToken, jwks)).payload;
}

// Each case starts the command (tsx) one or more times: seconds each on a busy machine.
describe('npm run -s admin -- create-user (against cognito-local)', { timeout: 120_000 }, () => {
  it('creates the first channel admin, who signs in with the group in its ID token', async () => {
    const { stdout } = await admin([
      'create-user',
      '--email',
      'first.admin@manufacturer.example',
      '--role',
      'channel_admin',
      '--temporary-password',
      'Temp-Pass-1234!',
    ]);
    const created = JSON.parse(stdout) as { userId: string; role: string };
    expect(created).toMatchObject({ email: 'first.admin@manufacturer.example', role: 'channel_admin' });
    const claims = await signIn('first.admin@manufacturer.example', 'Temp-Pass-1234!');
    expect(claims).toMatchObject({ sub: created.userId, email: 'first.admin@manufacturer.example', 'cognito:groups': ['channel_admin'] });
    expect(claims['custom:dealer_id']).toBeUndefined();
  });

  it('creates a dealer admin and a partner manager with their tenant claims', async () => {
    await admin([
      'create-user',
      '--email',
      'anna@alpine.example',
      '--role',
      'dealer',
      '--dealer',
      'dealer-alpine',
      '--dealer-admin',
      '--temporary-password',
      'Temp-Pass-1234!',
    ]);
    expect(await signIn('anna@alpine.example', 'Temp-Pass-1234!')).toMatchObject({
      'cognito:groups': ['dealer'],
      'custom:dealer_id': 'dealer-alpine',
      'custom:dealer_role': 'admin',
    });
    await admin([
      'create-user',
      '--email',
      'pm@manufacturer.example',
      '--role',
      'partner_manager',
      '--regions',
      'dach,benelux',
      '--temporary-password',
      'Temp-Pass-1234!',
    ]);
    expect(await signIn('pm@manufacturer.example', 'Temp-Pass-1234!')).toMatchObject({
      'cognito:groups': ['partner_manager'],
      'custom:regions': 'dach,benelux',
    });
  });

  it('refuses incomplete or duplicate requests with the usage, creating nothing', async () => {
    await expect(admin(['create-user', '--email', 'x@dealer.example', '--role', 'dealer'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--dealer'),
    });
    await expect(admin(['create-user', '--email', 'pm2@m.example', '--role', 'partner_manager'])).rejects.toMatchObject({ code: 2 });
    await expect(admin(['create-user', '--email', 'first.admin@manufacturer.example', '--role', 'channel_admin'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('already has an account'),
    });
  });
});
