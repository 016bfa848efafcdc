/**
 * The child process of stack.ts: starts the local stack from BENCH_STACK_CONFIG and answers the parent over IPC.
 * While recording, it times every send of the handlers' DynamoDB document client and SES client, and tells the
 * calls made while handling an HTTP request from those of the background work (the outbox's stream consumer).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Server } from 'node:http';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { issuerFromJwk } from '../infra/local/local-issuer.js';
import { LOCAL_REGION, LOCAL_TABLE, startLocalStack } from '../infra/local/local-stack.js';
import type { ChildMessage, ParentMessage, SdkCall, StackConfig } from './stack.js';

type Send = (
  this: unknown,
  command: { constructor: { name: string }; input?: { IndexName?: string } },
  ...rest: unknown[]
) => Promise<unknown>;

let recording = false;
let calls: SdkCall[] = [];

/** `QueryCommand` on GSI8 → `Query GSI8`. */
const operationOf = (command: Parameters<Send>[0]) =>
  [command.constructor.name.replace(/Command$/, ''), command.input?.IndexName].filter(Boolean).join(' ');

/** Set while an HTTP request is handled (the API's and the SES emulator's servers; only the API's handlers call the SDK). */
const handlingRequest = new AsyncLocalStorage<true>();
const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
  return event === 'request' ? handlingRequest.run(true, () => emit.call(this, event, ...args)) : emit.call(this, event, ...args);
} as typeof Server.prototype.emit;

function timeSends(client: { prototype: object }) {
  const prototype = client.prototype as { send: Send };
  const send = prototype.send;
  prototype.send = async function (command, ...rest) {
    const start = performance.now();
    let error: string | undefined;
    try {
      return await send.call(this, command, ...rest);
    } catch (thrown) {
      error = (thrown as { name?: string } | null)?.name ?? 'Error';
      throw thrown;
    } finally {
      if (recording) {
        calls.push({
          operation: operationOf(command),
          start,
          end: performance.now(),
          inRequest: handlingRequest.getStore() === true,
          ...(error ? { error } : {}),
        });
      }
    }
  };
}

timeSends(DynamoDBDocumentClient);
timeSends(SESClient);

const reply = (message: ChildMessage) => process.send?.(message);
const config = JSON.parse(process.env.BENCH_STACK_CONFIG ?? '') as StackConfig;
const stack = await startLocalStack({
  apiPort: config.apiPort,
  dynamoDbPort: config.dynamoDbPort,
  sesPort: config.sesPort,
  issuer: await issuerFromJwk(config.signingKey),
  reviewTokenSecret: config.reviewTokenSecret,
});

async function stop() {
  await stack.stop();
  reply({ type: 'stopped' });
  process.exit(0);
}

process.on('disconnect', () => void stop());
process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'record':
      calls = [];
      recording = true;
      return reply({ type: 'recording' });
    case 'take':
      recording = false;
      return reply({ type: 'calls', calls });
    case 'stop':
      return void stop();
  }
});
reply({
  type: 'ready',
  urls: { apiUrl: stack.apiUrl, dynamoDbUrl: stack.dynamoDbUrl, sesUrl: stack.sesUrl, tableName: LOCAL_TABLE, region: LOCAL_REGION },
});
