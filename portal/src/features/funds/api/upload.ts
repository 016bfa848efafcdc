/**
 * A proof file's way into the files bucket: declare it (`POST /files`), PUT the bytes to the presigned URL with
 * the signed headers — by XMLHttpRequest, since fetch reports no upload progress — then confirm it, so the claim
 * names only a file the API has seen arrive as declared.
 */
import { FileUploadInput } from '@shared/schemas/files.js';
import { api } from '../../../lib/api-client.js';

interface FileUpload {
  fileId: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
}

export type UploadState =
  | { phase: 'uploading'; fraction: number }
  | { phase: 'confirmed'; fileId: string }
  | { phase: 'failed'; message: string };

/** The declaration of a chosen file, or the problem the API's own schema finds in it (type, size, name). */
export function declarationOf(file: File) {
  return FileUploadInput.safeParse({ purpose: 'proof', fileName: file.name, contentType: file.type, bytes: file.size });
}

function put(upload: FileUpload, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', upload.uploadUrl);
    // The browser sets content-length itself from the body; it must not be set by hand.
    for (const [name, value] of Object.entries(upload.uploadHeaders)) {
      if (name.toLowerCase() !== 'content-length') request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(`upload ${request.status}`)));
    request.onerror = () => reject(new Error('upload failed'));
    request.send(file);
  });
}

/** Uploads and confirms `file`; resolves with its file id once the API confirmed it. */
export async function uploadProof(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const declared = declarationOf(file);
  if (!declared.success) throw new Error(declared.error.issues[0]?.message ?? 'invalid file');
  const upload = await api.post<FileUpload>('/files', declared.data);
  await put(upload, file, onProgress);
  await api.post(`/files/${encodeURIComponent(upload.fileId)}/confirm`, undefined);
  onProgress(1);
  return upload.fileId;
}
