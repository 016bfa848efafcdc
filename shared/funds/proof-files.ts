/**
 * The proof of a claim: files the dealer uploaded through `POST /files` with purpose `proof` and confirmed. Every
 * file that is unknown, unconfirmed, another tenant's or of another purpose is named as a field error.
 */
import { InvalidInput } from '../domain/errors.js';
import { findConfirmedFile } from '../files/confirmed-file.js';

export async function assertProofFiles(dealerId: string, fileIds: readonly string[]): Promise<void> {
  const found = await Promise.all(fileIds.map((fileId) => findConfirmedFile({ fileId, tenant: `dealer:${dealerId}`, purpose: 'proof' })));
  const errors = fileIds.flatMap((_, index) =>
    found[index] ? [] : [{ path: `/proof/${index}`, message: 'is not a confirmed proof file of yours' }],
  );
  if (errors.length) throw new InvalidInput(errors);
}
