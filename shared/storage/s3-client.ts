/**
 * The one S3 client, created on first use so that routes without files never load it. Locally
 * `AWS_ENDPOINT_URL_S3` points it at the emulator (s3rver), which serves path-style URLs only.
 */
import { S3Client } from '@aws-sdk/client-s3';

let client: S3Client | undefined;

export function s3Client(): S3Client {
  client ??= new S3Client({
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
    // Otherwise a presigned PUT carries the CRC32 of an empty body, and every real upload fails its checksum.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return client;
}

/** The files bucket (FILES_BUCKET), set on every function that touches files. */
export function filesBucket(): string {
  const name = process.env.FILES_BUCKET;
  if (!name) throw new Error('FILES_BUCKET is not set');
  return name;
}
