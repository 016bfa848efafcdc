/** Uploads through the API's presigned URLs, as the portal does: declare, PUT the bytes, confirm. */
import { type ApiResponse, call } from './api.js';

export interface Declared {
  purpose: 'asset' | 'proof';
  fileName: string;
  contentType: string;
  bytes: number;
}

export const pdfBytes = (size = 1024) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(Math.max(0, size - 9), 0x20)]).subarray(0, size);

/** Declares the upload and PUTs `content` (by default `bytes` bytes of a PDF) with the signed headers. */
export async function declareAndPut(token: string, declared: Declared, content?: Buffer, contentType = declared.contentType) {
  const created = await call('POST', '/files', { token, body: declared });
  if (created.status !== 201) throw new Error(`POST /files: ${created.status} ${created.text}`);
  const body = content ?? pdfBytes(declared.bytes);
  const put = await fetch(created.body.uploadUrl, {
    method: 'PUT',
    headers: { ...created.body.uploadHeaders, 'content-type': contentType, 'content-length': String(body.length) },
    body,
  });
  if (!put.ok) throw new Error(`PUT upload: ${put.status} ${await put.text()}`);
  return created.body.fileId as string;
}

/** A confirmed file of the caller's, ready to be referred to. */
export async function uploadedFile(
  token: string,
  declared: Partial<Declared> & Pick<Declared, 'purpose'> = { purpose: 'proof' },
): Promise<string> {
  const fileId = await declareAndPut(token, { fileName: 'proof.pdf', contentType: 'application/pdf', bytes: 2048, ...declared });
  const confirmed: ApiResponse = await call('POST', `/files/${fileId}/confirm`, { token });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${confirmed.text}`);
  return fileId;
}
