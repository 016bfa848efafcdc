/**
 * For other areas that refer to uploads (sales assets, fund claims' proof): the file a request names must be
 * confirmed, belong to the given tenant and have been uploaded for the given purpose. Anything else — unknown,
 * pending, another tenant's, another purpose — is the same field error, so a file id reveals nothing.
 */
import { type FileRecord, files } from '../db/file-repository.js';
import { InvalidInput } from '../domain/errors.js';
import type { FilePurpose, FileTenant } from '../domain/files.js';

export interface FileReference {
  fileId: string;
  tenant: FileTenant;
  purpose: FilePurpose;
}

export async function findConfirmedFile(reference: FileReference): Promise<FileRecord | undefined> {
  const record = await files.get(reference.fileId);
  const usable = record?.status === 'confirmed' && record.tenant === reference.tenant && record.purpose === reference.purpose;
  return usable ? record : undefined;
}

/** `path` is the request field that named the file (JSON Pointer), e.g. `/fileId` or `/proof/0`. */
export async function requireConfirmedFile(reference: FileReference, path: string): Promise<FileRecord> {
  const record = await findConfirmedFile(reference);
  if (!record) throw new InvalidInput([{ path, message: `is not a confirmed ${reference.purpose} file of yours` }]);
  return record;
}
