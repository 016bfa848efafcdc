/** Uploads (SPEC §8 `POST /files`): the declaration, the presigned upload it gets, and the stored file. */
import * as z from 'zod';
import { FILE_CONTENT_TYPES, FILE_PURPOSES } from '../domain/files.js';
import { Instant, text } from './common.js';

/** Ids the system generates for files. */
export const FileId = z.string().regex(/^file_[0-9A-Za-z]{24}$/, 'is not a file id');
export const FileParams = z.strictObject({ fileId: FileId });

export const FileName = text(200)
  .refine((name) => !/[/\\"]/.test(name), 'must not contain /, \\ or "')
  .describe('The name the file is downloaded under; its extension must fit the content type.');

export const FileUploadInput = z.strictObject({
  purpose: z.enum(FILE_PURPOSES).describe('`asset` (channel admins: sales assets) or `proof` (dealers: proof of performance).'),
  fileName: FileName,
  contentType: z
    .enum(FILE_CONTENT_TYPES, `must be one of ${FILE_CONTENT_TYPES.join(', ')}`)
    .describe('PDF up to 50 MiB, PPTX up to 200 MiB, PNG/JPEG/WebP up to 20 MiB, MP4 up to 1 GiB.'),
  bytes: z.number().int('must be a whole number').min(1, 'must be at least 1').describe('The exact size of the file in bytes.'),
});
export type FileUploadInput = z.infer<typeof FileUploadInput>;

export const FileUpload = z.object({
  fileId: FileId,
  uploadUrl: z.url().describe('PUT the file here, with exactly the headers of `uploadHeaders`, before `expiresAt`.'),
  uploadHeaders: z.record(z.string(), z.string()).describe('Headers the upload must carry (they are signed).'),
  expiresAt: Instant,
});
export type FileUpload = z.infer<typeof FileUpload>;

export const StoredFile = z.object({
  fileId: FileId,
  purpose: z.enum(FILE_PURPOSES),
  fileName: z.string(),
  contentType: z.enum(FILE_CONTENT_TYPES),
  bytes: z.number().int(),
  status: z.enum(['pending', 'confirmed']).describe('`pending` until the upload arrived as declared and was confirmed.'),
  createdAt: Instant,
  confirmedAt: Instant.optional(),
});
export type StoredFile = z.infer<typeof StoredFile>;
