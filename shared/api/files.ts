/** Contract of the files area: presigned uploads to the files bucket and their confirmation (SPEC §8 `POST /files`). */
import { FileParams, FileUpload, FileUploadInput, StoredFile } from '../schemas/files.js';
import { defineRoute } from './route-contract.js';

export const fileRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/files',
    entry: 'functions/files/files.ts',
    handler: 'create',
    summary: 'Declare an upload (purpose, name, type, size) and get a presigned PUT fixed to that type and size',
    auth: 'jwt',
    roles: ['dealer', 'channel_admin'],
    table: 'write',
    files: ['upload'],
    body: FileUploadInput,
    response: { status: 201, schema: FileUpload, description: 'The pending file and where to PUT it' },
  }),
  confirm: defineRoute({
    method: 'POST',
    path: '/files/{fileId}/confirm',
    entry: 'functions/files/files.ts',
    handler: 'confirm',
    summary: 'Confirm an upload: it counts once it arrived with the declared type and size',
    auth: 'jwt',
    roles: ['dealer', 'channel_admin'],
    table: 'write',
    files: ['confirm'],
    params: FileParams,
    conflict: 'The upload has not arrived yet',
    unprocessable: 'The upload arrived with another type or size than declared: it was deleted and the file id is void',
    response: { status: 200, schema: StoredFile, description: 'The confirmed file' },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/files/{fileId}',
    entry: 'functions/files/files.ts',
    handler: 'get',
    summary: 'One of the caller’s files, pending or confirmed',
    auth: 'jwt',
    roles: ['dealer', 'channel_admin'],
    table: 'read',
    params: FileParams,
    response: { status: 200, schema: StoredFile, description: 'The file' },
  }),
};
