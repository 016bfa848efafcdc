import { fileRoutes } from '../../shared/api/files.js';
import type { FileRecord } from '../../shared/db/file-repository.js';
import { confirmUpload, ownFile } from '../../shared/files/confirm.js';
import { requestUpload } from '../../shared/files/upload.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import type { StoredFile } from '../../shared/schemas/files.js';

/** The file as the API shows it: without its owner and object key. */
const shown = ({ tenant: _tenant, objectKey: _objectKey, ...file }: FileRecord): StoredFile => file;

export const create = httpRoute(fileRoutes.create, async ({ caller, body }) => {
  const upload = await requestUpload(caller, body);
  return { status: 201, body: upload, headers: { location: `/files/${upload.fileId}` } };
});

export const confirm = httpRoute(fileRoutes.confirm, async ({ caller, params }) => ({
  status: 200,
  body: shown(await confirmUpload(caller, params.fileId)),
}));

export const get = httpRoute(fileRoutes.get, async ({ caller, params }) => ({
  status: 200,
  body: shown(await ownFile(caller, params.fileId)),
}));
