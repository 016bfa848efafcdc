/**
 * The whole local stack in one call: DynamoDB Local (with the outbox's stream poller), the SES emulator, the HTTP
 * API over the real handlers and, when asked for, the portal with its OpenID provider. `npm start` and the
 * integration tests both use it.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startApiServer } from './api-server.js';
import { ensureTable, type RunningProcess, startDynamoDbLocal } from './dynamodb-local.js';
import { LOCAL_AUDIENCE, type LocalIssuer } from './local-issuer.js';
import { startLocalSchedules } from './local-schedules.js';
import { localUserStore } from './local-user-store.js';
import { startOpenIdProvider } from './openid-provider.js';
import { startOutboxStreamPoller } from './outbox-stream-poller.js';
import { startPortalServer } from './portal-server.js';
import { LOCAL_FILES_BUCKET, startS3Local } from './s3-local.js';
import { startSesLocal } from './ses-local.js';

export const LOCAL_TABLE = 'dealer-channel-local';
export const LOCAL_REGION = 'eu-central-1';

export interface LocalStackOptions {
  apiPort: number;
  dynamoDbPort: number;
  sesPort: number;
  /** The S3 emulator's port; any free one when absent. */
  s3Port?: number;
  issuer: LocalIssuer;
  /** Folder for DynamoDB's files; in memory when absent. */
  dataDir?: string;
  /** Folder of the S3 emulator's objects; a temporary one, removed at stop, when absent. */
  s3Dir?: string;
  seed?: () => Promise<unknown>;
  /** The HMAC secret of review links. */
  reviewTokenSecret: string;
  /** Serve the built portal on this port, with the local OpenID provider on `oidcPort`. */
  portal?: { port: number; oidcPort: number };
  /** Fire the schedules in-process, as EventBridge would in AWS (npm start); tests run jobs explicitly. */
  runSchedules?: boolean;
}

export interface LocalStack {
  apiUrl: string;
  dynamoDbUrl: string;
  sesUrl: string;
  s3Url: string;
  portalUrl?: string;
  oidcUrl?: string;
  tableCreated: boolean;
  stop(): Promise<void>;
}

const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
};

/** Points the handlers' unmodified SDK clients at the emulators, as Lambda's environment would point them at AWS. */
function configureHandlerEnvironment(urls: { dynamoDb: string; ses: string; s3: string; api: string }, reviewTokenSecret: string) {
  Object.assign(process.env, {
    TABLE_NAME: LOCAL_TABLE,
    AWS_REGION: LOCAL_REGION,
    ...LOCAL_CREDENTIALS,
    AWS_ENDPOINT_URL_DYNAMODB: urls.dynamoDb,
    AWS_ENDPOINT_URL_SES: urls.ses,
    AWS_ENDPOINT_URL_S3: urls.s3,
    FILES_BUCKET: LOCAL_FILES_BUCKET,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'dealer-channel',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    PUBLIC_BASE_URL: urls.api,
    REVIEW_TOKEN_SECRET: reviewTokenSecret,
    // The list cursors' HMAC key, derived so that it stays the same across restarts of `npm start`.
    CURSOR_SECRET: createHmac('sha256', reviewTokenSecret).update('list cursors').digest('base64url'),
    MAIL_FROM: process.env.MAIL_FROM ?? 'no-reply@dealer-channel.example',
  });
  delete process.env.EVENT_BUS_NAME;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started: RunningProcess[] = [];
  const stopAll = async () => {
    for (const process of started.reverse()) await process.stop().catch(() => undefined);
  };
  try {
    const dynamoDb = await startDynamoDbLocal({
      port: options.dynamoDbPort,
      ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {}),
    });
    started.push(dynamoDb);
    const ses = await startSesLocal({ port: options.sesPort });
    started.push(ses);
    const s3 = await startS3Local({
      port: options.s3Port ?? 0,
      ...(options.s3Dir ? { directory: options.s3Dir } : {}),
      accessKeys: [{ accessKeyId: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY }],
    });
    started.push(s3);
    configureHandlerEnvironment(
      { dynamoDb: dynamoDb.url, ses: ses.url, s3: s3.url, api: `http://localhost:${options.apiPort}` },
      options.reviewTokenSecret,
    );
    // The buttons of mails that decide nothing lead into the portal (before the seed, whose changes send mails too).
    if (options.portal) process.env.PORTAL_BASE_URL = `http://localhost:${options.portal.port}`;

    const admin = new DynamoDBClient({ endpoint: dynamoDb.url, region: LOCAL_REGION });
    const tableCreated = (await ensureTable(admin, LOCAL_TABLE)) === 'created';
    admin.destroy();
    if (options.seed) await options.seed();
    // The outbox is delivered from the table's stream, as the stream-triggered function does in AWS.
    const { deliverInserted } = await import('../../shared/outbox/stream-delivery.js');
    started.push(
      await startOutboxStreamPoller({ endpoint: dynamoDb.url, region: LOCAL_REGION, tableName: LOCAL_TABLE, consume: deliverInserted }),
    );

    let issuer = options.issuer;
    let portal: { portalUrl: string; oidcUrl: string } | undefined;
    if (options.portal) {
      const portalOrigin = `http://localhost:${options.portal.port}`;
      // The local stand-in for Cognito's user pool; the handlers reach it as they reach Cognito's admin API in AWS.
      const directorySecret = createHmac('sha256', options.reviewTokenSecret).update('local user directory').digest('base64url');
      const users = localUserStore({
        ...(options.dataDir ? { file: path.join(options.dataDir, 'local-users.json') } : {}),
        portalUrl: portalOrigin,
      });
      const { apiClients } = await import('../../shared/db/api-client-repository.js');
      const oidc = await startOpenIdProvider({
        port: options.portal.oidcPort,
        issuer: options.issuer,
        portalOrigin,
        apiClients,
        users,
        directorySecret,
      });
      process.env.API_CLIENT_TOKEN_URL = `${oidc.issuerUrl}/token`;
      Object.assign(process.env, {
        LOCAL_USER_DIRECTORY_URL: `http://127.0.0.1:${options.portal.oidcPort}`,
        LOCAL_USER_DIRECTORY_SECRET: directorySecret,
      });
      started.push(oidc);
      issuer = options.issuer.trusting(oidc.issuerUrl);
      const server = await startPortalServer({
        port: options.portal.port,
        apiUrl: `http://localhost:${options.apiPort}`,
        authority: oidc.issuerUrl,
        clientId: LOCAL_AUDIENCE,
        filesUrl: s3.url,
      });
      started.push(server);
      portal = { portalUrl: server.url, oidcUrl: oidc.issuerUrl };
    }
    const api = await startApiServer({ port: options.apiPort, issuer });
    started.push(api);
    if (options.runSchedules) started.push(await startLocalSchedules());
    return { apiUrl: api.url, dynamoDbUrl: dynamoDb.url, sesUrl: ses.url, s3Url: s3.url, ...portal, tableCreated, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
