/**
 * `POST /files/{fileId}/confirm`: a file counts once what arrived in the bucket is what was declared. S3 already
 * refuses a PUT whose type or length differ from the signed ones; this HEAD is the check that holds wherever the
 * object came from. A mismatch removes the object and the record, so the file id can never be used.
 */
import { type FileRecord, files } from '../db/file-repository.js';
import type { Caller } from '../domain/caller.js';
import { NotFound, StateConflict, Unprocessable } from '../domain/errors.js';
import { arrivalMismatch, tenantOf } from '../domain/files.js';
import { deleteObject, headObject, markObjectKept } from '../storage/file-objects.js';

/** The caller's own file; another tenant's answers as a missing one. */
export async function ownFile(caller: Caller, fileId: string): Promise<FileRecord> {
  const record = await files.get(fileId);
  if (!record || record.tenant !== tenantOf(caller)) throw new NotFound('There is no such file.');
  return record;
}

export async function confirmUpload(caller: Caller, fileId: string, now = new Date()): Promise<FileRecord> {
  const record = await ownFile(caller, fileId);
  if (record.status === 'confirmed') return record;
  const arrived = await headObject(record.objectKey);
  if (!arrived) throw new StateConflict('The upload has not arrived yet: PUT the file to its upload URL first.');
  const mismatch = arrivalMismatch(record, arrived);
  if (mismatch) {
    await deleteObject(record.objectKey);
    await files.discardPending(fileId);
    throw new Unprocessable(`${mismatch} The upload was deleted; request a new one.`);
  }
  await markObjectKept(record.objectKey);
  return (await files.confirm(fileId, now.toISOString())) ?? (await ownFile(caller, fileId));
}
