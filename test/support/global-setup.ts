/** Starts one local stack (DynamoDB Local in memory, SES emulator, HTTP API) for the whole test run. */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { JWK } from 'jose';
import { issuerFromJwk, newSigningKey } from '../../infra/local/local-issuer.js';
import { LOCAL_REGION, LOCAL_TABLE, startLocalStack, type LocalStack } from '../../infra/local/local-stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { apiUrl: string; sesUrl: string; dynamoDbUrl: string; tableName: string; region: string; signingKey: JWK; reviewTokenSecret: string };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let stack: LocalStack | undefined;

export async function setup(project: TestProject) {
  const signingKey = await newSigningKey();
  const reviewTokenSecret = randomBytes(32).toString('base64url');
  stack = await startLocalStack({
    apiPort: await freePort(),
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
    issuer: await issuerFromJwk(signingKey),
    reviewTokenSecret,
  });
  project.provide('stack', {
    apiUrl: stack.apiUrl,
    sesUrl: stack.sesUrl,
    dynamoDbUrl: stack.dynamoDbUrl,
    tableName: LOCAL_TABLE,
    region: LOCAL_REGION,
    signingKey,
    reviewTokenSecret,
  });
}

export async function teardown() {
  await stack?.stop();
}
