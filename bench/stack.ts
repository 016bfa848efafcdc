/**
 * The benchmark's own local stack (DynamoDB Local in memory, the SES emulator, the HTTP API over the real handlers)
 * on free ports, with its own signing key. It runs in a child process (stack-process.ts), so the load this process
 * generates never shares an event loop with the server it measures. The child can record the SDK calls the handlers
 * make, for the per-step timing of a request.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { JWK } from 'jose';
import { issuerFromJwk, newSigningKey, type TokenRequest } from '../infra/local/local-issuer.js';
import { freePort } from '../infra/local/ports.js';
import { childRunning } from './cpu.js';

export interface StackConfig {
  apiPort: number;
  dynamoDbPort: number;
  sesPort: number;
  signingKey: JWK;
  reviewTokenSecret: string;
}

export interface StackUrls {
  apiUrl: string;
  dynamoDbUrl: string;
  sesUrl: string;
  tableName: string;
  region: string;
}

/** One SDK call made in the stack process (DynamoDB or SES), on the child's clock. */
export interface SdkCall {
  operation: string;
  start: number;
  end: number;
  /** The error's name when the call failed (a refused transaction: `TransactionCanceledException`). */
  error?: string;
  /** Made while handling an HTTP request, or by the background work beside it (the outbox's stream consumer). */
  inRequest: boolean;
}

export type ParentMessage = { type: 'record' } | { type: 'take' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; urls: StackUrls }
  | { type: 'recording' }
  | { type: 'calls'; calls: SdkCall[] }
  | { type: 'stopped' };

export interface BenchStack extends StackUrls {
  reviewTokenSecret: string;
  /** Process ids: the stack process (HTTP API and SES emulator) and DynamoDB Local's JVM. */
  pids: { api: number | undefined; dynamoDb: number | undefined };
  token(request: TokenRequest): Promise<string>;
  /** Starts recording the handlers' SDK calls (resolves once the child records). */
  recordSdkCalls(): Promise<void>;
  /** The calls recorded since `recordSdkCalls`; stops recording. */
  takeSdkCalls(): Promise<SdkCall[]>;
  stop(): Promise<void>;
}

const CHILD = path.join(import.meta.dirname, 'stack-process.ts');
// Generous: on a loaded machine the JVM and the handlers take long to start.
const START_TIMEOUT_MS = 240_000;

async function startBenchStack(): Promise<BenchStack> {
  const signingKey = await newSigningKey();
  const config: StackConfig = {
    apiPort: await freePort(),
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
    signingKey,
    reviewTokenSecret: randomBytes(32).toString('base64url'),
  };
  const issuer = await issuerFromJwk(signingKey);
  const child = fork(CHILD, [], {
    cwd: path.resolve(import.meta.dirname, '..'),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_STACK_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const waiting: ((message: ChildMessage) => void)[] = [];
  child.on('message', (message: ChildMessage) => waiting.shift()?.(message));
  const ask = (message: ParentMessage | undefined) =>
    new Promise<ChildMessage>((resolve, reject) => {
      const onExit = () => reject(new Error('the bench stack process exited'));
      child.once('exit', onExit);
      waiting.push((reply) => {
        child.off('exit', onExit);
        resolve(reply);
      });
      if (message) child.send(message);
    });

  const timeout = setTimeout(() => child.kill('SIGTERM'), START_TIMEOUT_MS);
  const ready = await ask(undefined).finally(() => clearTimeout(timeout));
  if (ready.type !== 'ready') throw new Error(`bench stack: unexpected ${ready.type}`);

  return {
    ...ready.urls,
    // The API listens on 127.0.0.1; naming it directly spares each new connection a try of ::1 first.
    apiUrl: ready.urls.apiUrl.replace('//localhost:', '//127.0.0.1:'),
    reviewTokenSecret: config.reviewTokenSecret,
    pids: { api: child.pid, dynamoDb: child.pid === undefined ? undefined : childRunning(child.pid, 'java') },
    token: (request) => issuer.sign({ ...request, expiresIn: 6 * 3600 }),
    async recordSdkCalls() {
      await ask({ type: 'record' });
    },
    async takeSdkCalls() {
      const reply = await ask({ type: 'take' });
      return reply.type === 'calls' ? reply.calls : [];
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await ask({ type: 'stop' }).catch(() => undefined);
      await exited;
    },
  };
}

/** Runs `work` against a fresh stack and always stops the stack after it. */
export async function withStack<T>(work: (stack: BenchStack) => Promise<T>): Promise<T> {
  const stack = await startBenchStack();
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
}
