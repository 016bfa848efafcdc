/** Starts one local stack (DynamoDB Local in memory, SES emulator, HTTP API, portal and its OpenID provider) for the whole test run. */
import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import type { TestProject } from 'vitest/node';
import { issuerFromJwk, newSigningKey } from '../../infra/local/local-issuer.js';
import { LOCAL_REGION, LOCAL_TABLE, type LocalStack, startLocalStack } from '../../infra/local/local-stack.js';
import { freePort } from '../../infra/local/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      apiUrl: string;
      sesUrl: string;
      s3Url: string;
      portalUrl: string;
      dynamoDbUrl: string;
      tableName: string;
      region: string;
      signingKey: JWK;
      reviewTokenSecret: string;
      /** The local OpenID provider (its token endpoint issues API clients' tokens). */
      oidcUrl: string;
      /** Origins on this machine that webhooks may point at (WEBHOOK_ALLOWED_PRIVATE_ORIGINS): test receivers. */
      webhookReceiverOrigins: string[];
    };
  }
}

/**
 * One stack per test run, shared by the projects that need it: the handlers are modules of this process and read
 * their configuration from its environment, so two stacks in one process would talk to each other's database.
 */
interface Shared {
  stack: LocalStack;
  context: Parameters<TestProject['provide']>[1];
  users: number;
}
const registry = globalThis as { dealerChannelTestStack?: Promise<Shared> };

async function start(): Promise<Shared> {
  const signingKey = await newSigningKey();
  const reviewTokenSecret = randomBytes(32).toString('base64url');
  const stack = await startLocalStack({
    apiPort: await freePort(),
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
    s3Port: await freePort(),
    portal: { port: await freePort(), oidcPort: await freePort() },
    issuer: await issuerFromJwk(signingKey),
    reviewTokenSecret,
  });
  // The explicit setting that lets webhooks reach receivers on this machine: these origins only, nothing else local.
  // Chosen once the stack listens, so that no receiver port can be one of the stack's (handlers read it per call).
  const webhookReceiverOrigins = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
  process.env.WEBHOOK_ALLOWED_PRIVATE_ORIGINS = webhookReceiverOrigins.join(',');
  const context = {
    apiUrl: stack.apiUrl,
    sesUrl: stack.sesUrl,
    s3Url: stack.s3Url,
    portalUrl: stack.portalUrl as string,
    dynamoDbUrl: stack.dynamoDbUrl,
    tableName: LOCAL_TABLE,
    region: LOCAL_REGION,
    signingKey,
    reviewTokenSecret,
    oidcUrl: stack.oidcUrl as string,
    webhookReceiverOrigins,
  };
  return { stack, context, users: 0 };
}

export async function setup(project: TestProject) {
  registry.dealerChannelTestStack ??= start();
  const shared = await registry.dealerChannelTestStack;
  shared.users += 1;
  project.provide('stack', shared.context);
}

export async function teardown() {
  const shared = await registry.dealerChannelTestStack;
  if (!shared || --shared.users > 0) return;
  registry.dealerChannelTestStack = undefined;
  await shared.stack.stop();
}
