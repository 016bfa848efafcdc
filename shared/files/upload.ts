/** `POST /files`: a declared upload becomes a pending file record and a presigned PUT fixed to its type and size. */
import { randomBytes } from 'node:crypto';
import { files } from '../db/file-repository.js';
import type { Caller } from '../domain/caller.js';
import { InvalidInput } from '../domain/errors.js';
import { declarationErrors, type FileTenant, tenantOf } from '../domain/files.js';
import type { FileUpload, FileUploadInput } from '../schemas/files.js';
import { presignUpload } from '../storage/presigned-urls.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const newFileId = () => `file_${[...randomBytes(24)].map((b) => BASE62[b % 62]).join('')}`;

/** Each tenant's objects under a prefix of their own: `dealers/<dealerId>/…` or `manufacturer/…`. */
const objectKeyOf = (tenant: FileTenant, fileId: string) =>
  tenant === 'manufacturer' ? `manufacturer/${fileId}` : `dealers/${tenant.slice('dealer:'.length)}/${fileId}`;

/**
 * A retry makes a second pending file: harmless, since a file counts only once confirmed and a pending one expires
 * with its upload URL's lifecycle, so this POST needs no idempotency key.
 */
export async function requestUpload(caller: Caller, input: FileUploadInput, now = new Date()): Promise<FileUpload> {
  const tenant = tenantOf(caller);
  const errors = declarationErrors(input, tenant);
  if (errors.length > 0) throw new InvalidInput(errors);
  const fileId = newFileId();
  const objectKey = objectKeyOf(tenant, fileId);
  await files.createPending({ fileId, tenant, objectKey, ...input, status: 'pending', createdAt: now.toISOString() }, now);
  const upload = await presignUpload({ key: objectKey, contentType: input.contentType, bytes: input.bytes }, now);
  return { fileId, uploadUrl: upload.url, uploadHeaders: upload.headers, expiresAt: upload.expiresAt };
}
