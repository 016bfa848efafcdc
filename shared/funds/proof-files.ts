/**
 * The proof of a claim: files the dealer uploaded through `POST /files` with purpose `proof` and confirmed. Every
 * file that is unknown, unconfirmed, another tenant's or of another purpose is named as a field error.
 */
import { files } from '../db/file-repository.js';
import type { Caller } from '../domain/caller.js';
import { InvalidInput } from '../domain/errors.js';
import { findConfirmedFile } from '../files/confirmed-file.js';
import { presignDownload } from '../storage/presigned-urls.js';
import { visibleFundClaim } from './access.js';

export async function assertProofFiles(dealerId: string, fileIds: readonly string[]): Promise<void> {
  const found = await Promise.all(fileIds.map((fileId) => findConfirmedFile({ fileId, tenant: `dealer:${dealerId}`, purpose: 'proof' })));
  const errors = fileIds.flatMap((_, index) =>
    found[index] ? [] : [{ path: `/proof/${index}`, message: 'is not a confirmed proof file of yours' }],
  );
  if (errors.length) throw new InvalidInput(errors);
}

/**
 * Download links of a claim's proof for whoever may see the claim (the dealer, its region's managers, finance,
 * channel admins): the files were checked as the dealer's confirmed proof when the claim was made.
 */
export async function proofDownloads(caller: Caller, claimId: string, now: Date) {
  const claim = await visibleFundClaim(caller, claimId);
  const records = await Promise.all(claim.proof.map((fileId) => files.get(fileId)));
  const items = await Promise.all(
    records
      .filter((record) => record !== undefined)
      .map(async (record) => {
        const download = await presignDownload({ key: record.objectKey, fileName: record.fileName, contentType: record.contentType }, now);
        const { fileId, fileName, contentType, bytes } = record;
        return { fileId, fileName, contentType, bytes, url: download.url, expiresAt: download.expiresAt };
      }),
  );
  return { items };
}
