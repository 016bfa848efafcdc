/**
 * Presigned URLs of the files bucket. An upload URL signs the content type and the exact content length, so S3
 * refuses a PUT of another type or size (SignatureDoesNotMatch); it also carries the `pending` tag, which the bucket's
 * lifecycle rule uses to expire uploads nobody confirmed. A download URL names the file for the browser.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { filesBucket, s3Client } from './s3-client.js';

/** How long an upload URL may be used. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** How long a download URL may be used: long enough to start a download, too short to pass around. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** The object tag of an upload until it is confirmed (the lifecycle rule expires tagged objects). */
export const PENDING_TAG = { key: 'upload', value: 'pending' } as const;

export interface PresignedRequest {
  url: string;
  /** Headers the request must send as signed. */
  headers: Record<string, string>;
  expiresAt: string;
}

const expiry = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

export async function presignUpload(
  object: { key: string; contentType: string; bytes: number },
  now = new Date(),
): Promise<PresignedRequest> {
  const command = new PutObjectCommand({
    Bucket: filesBucket(),
    Key: object.key,
    ContentType: object.contentType,
    ContentLength: object.bytes,
    Tagging: `${PENDING_TAG.key}=${PENDING_TAG.value}`,
  });
  const url = await getSignedUrl(s3Client(), command, {
    expiresIn: UPLOAD_URL_SECONDS,
    signingDate: now,
    // Signed headers the uploader must send unchanged; the tag travels in the URL's query (hoisted).
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return {
    url,
    headers: { 'content-type': object.contentType, 'content-length': String(object.bytes) },
    expiresAt: expiry(now, UPLOAD_URL_SECONDS),
  };
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7E]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export async function presignDownload(
  object: { key: string; fileName: string; contentType: string },
  now = new Date(),
): Promise<PresignedRequest> {
  const command = new GetObjectCommand({
    Bucket: filesBucket(),
    Key: object.key,
    ResponseContentDisposition: attachment(object.fileName),
    ResponseContentType: object.contentType,
  });
  const url = await getSignedUrl(s3Client(), command, { expiresIn: DOWNLOAD_URL_SECONDS, signingDate: now });
  return { url, headers: {}, expiresAt: expiry(now, DOWNLOAD_URL_SECONDS) };
}
