/** DynamoDB Local: the jar shipped in `amplify-dynamodb-simulator`, run with the machine's Java. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type IndexDesign, projectionOf, tableDesign } from '../../shared/db/table-design.js';

const require = createRequire(import.meta.url);

export interface RunningProcess {
  url: string;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts DynamoDB Local; `dataDir` keeps data between runs, without it the database lives in memory. */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<RunningProcess> {
  if (await portOpen(options.port)) {
    throw new Error(`Port ${options.port} is taken; set DYNAMODB_PORT to a free port.`);
  }
  const emulator = path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // DynamoDB Local writes a metadata file into its working directory.
  const cwd = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'dynamodb-local-'));
  const java = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(emulator, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(emulator, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      ...(options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory']),
      '-port',
      String(options.port),
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  java.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  java.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => java.once('exit', () => resolve()));
  java.once('error', (error) => (output += String(error)));

  // Generous: a busy CI machine can take long to start a JVM.
  const deadline = Date.now() + 120_000;
  while (!(await portOpen(options.port))) {
    if (java.exitCode !== null || java.signalCode !== null || Date.now() > deadline) {
      java.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not start (is Java installed?):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    async stop() {
      if (java.exitCode !== null || java.signalCode !== null) return;
      java.kill('SIGTERM');
      const timer = setTimeout(() => java.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const indexDefinition = (index: IndexDesign) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: projectionOf(index),
});

/**
 * Creates the single table as the CDK stack defines it; a table kept from an older version gets the stream and the
 * indexes it lacks, one at a time, as CloudFormation would add them.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: tableDesign.streamView },
        }),
      );
    }
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    for (const index of tableDesign.indexes.filter((i) => !present.has(i.name))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [
            { AttributeName: index.partitionKey, AttributeType: 'S' },
            { AttributeName: index.sortKey, AttributeType: 'S' },
          ],
          GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
        }),
      );
    }
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = new Set<string>([tableDesign.partitionKey, tableDesign.sortKey]);
  for (const index of tableDesign.indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDesign.indexes.map(indexDefinition),
      StreamSpecification: { StreamEnabled: true, StreamViewType: tableDesign.streamView },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDesign.ttlAttribute, Enabled: true },
    }),
  );
  return 'created';
}
