/**
 * s3rver: the files bucket locally, with the CORS rule the real bucket has (the portal PUTs and GETs presigned URLs
 * straight from the browser). It serves SDK v3 presigned URLs path-style but verifies no signature, so the signing
 * rules are tested in unit tests (test/unit/presigned-urls.test.ts). Objects live in `directory`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningProcess } from './dynamodb-local.js';

export const LOCAL_FILES_BUCKET = 'dealer-channel-files-local';

const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <AllowedHeader>content-length</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  httpServer?: Server;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
interface S3rverAccounts {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

/**
 * `accessKeys`: the key pairs the handlers sign with, besides s3rver's own S3RVER/S3RVER — so their unmodified
 * SDK client works against it with the same local credentials as DynamoDB Local and the SES emulator. Port 0: any
 * free port. Without `directory` the objects go to a temporary folder that `stop` removes.
 */
export async function startS3Local(options: {
  port: number;
  directory?: string;
  accessKeys: { accessKeyId: string; secretAccessKey: string }[];
}): Promise<RunningProcess> {
  // CommonJS without types: loaded through require, only when the local stack starts.
  const require = createRequire(import.meta.url);
  const S3rver = require('s3rver') as S3rverClass;
  const accounts = require('s3rver/lib/models/account') as S3rverAccounts;
  for (const key of options.accessKeys) accounts.DUMMY_ACCOUNT.createKeyPair(key.accessKeyId, key.secretAccessKey);
  const directory = options.directory ?? mkdtempSync(path.join(tmpdir(), 'dealer-channel-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory,
    silent: true,
    configureBuckets: [{ name: LOCAL_FILES_BUCKET, configs: [CORS] }],
  });
  const { port } = await server.run();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.httpServer?.closeAllConnections?.();
      await server.close();
      if (!options.directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}
