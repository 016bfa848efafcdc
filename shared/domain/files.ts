/**
 * What may be uploaded (SPEC §4, §8 `POST /files`): the accepted content types with their size limits, who owns a
 * file, and whether what arrived in the bucket is what was declared. Pure rules, no AWS.
 */
import type { Caller } from './caller.js';
import type { FieldError } from './errors.js';

const MIB = 1024 * 1024;

/** Accepted content types and the largest file of each (a single presigned PUT takes up to 5 GiB; these are ours). */
export const FILE_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'], maxBytes: 50 * MIB },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    label: 'PowerPoint (PPTX)',
    extensions: ['pptx'],
    maxBytes: 200 * MIB,
  },
  'image/png': { label: 'PNG image', extensions: ['png'], maxBytes: 20 * MIB },
  'image/jpeg': { label: 'JPEG image', extensions: ['jpg', 'jpeg'], maxBytes: 20 * MIB },
  'image/webp': { label: 'WebP image', extensions: ['webp'], maxBytes: 20 * MIB },
  'video/mp4': { label: 'MP4 video', extensions: ['mp4'], maxBytes: 1024 * MIB },
} as const;

export type FileContentType = keyof typeof FILE_TYPES;
export const FILE_CONTENT_TYPES = Object.keys(FILE_TYPES) as [FileContentType, ...FileContentType[]];

/** `asset`: sales assets, uploaded by channel admins; `proof`: proof of performance for fund claims, by dealers. */
export const FILE_PURPOSES = ['asset', 'proof'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export type FileStatus = 'pending' | 'confirmed';

/** Whose a file is: a dealer's own, or the manufacturer's (every manufacturer-side role shares its files). */
export type FileTenant = `dealer:${string}` | 'manufacturer';

export const tenantOf = (caller: Pick<Caller, 'role' | 'dealerId'>): FileTenant =>
  caller.role === 'dealer' ? `dealer:${caller.dealerId}` : 'manufacturer';

/** The purpose each side uploads for. */
const PURPOSE_OF_TENANT: Record<'dealer' | 'manufacturer', FilePurpose> = { dealer: 'proof', manufacturer: 'asset' };

export interface UploadDeclaration {
  purpose: FilePurpose;
  fileName: string;
  contentType: FileContentType;
  bytes: number;
}

/** Why a declared upload is refused, field by field; empty when it may go ahead. */
export function declarationErrors(declaration: UploadDeclaration, tenant: FileTenant): FieldError[] {
  const errors: FieldError[] = [];
  const side = tenant === 'manufacturer' ? 'manufacturer' : 'dealer';
  if (PURPOSE_OF_TENANT[side] !== declaration.purpose) {
    errors.push({
      path: '/purpose',
      message: side === 'dealer' ? 'dealers upload proof files only' : 'the manufacturer uploads asset files only',
    });
  }
  const type = FILE_TYPES[declaration.contentType];
  if (declaration.bytes > type.maxBytes) {
    errors.push({ path: '/bytes', message: `a ${type.label} may be at most ${type.maxBytes} bytes (${type.maxBytes / MIB} MiB)` });
  }
  const extension = declaration.fileName.includes('.') ? declaration.fileName.split('.').pop()?.toLowerCase() : undefined;
  if (!extension || !(type.extensions as readonly string[]).includes(extension)) {
    errors.push({ path: '/fileName', message: `must end in .${type.extensions.join(' or .')} for ${declaration.contentType}` });
  }
  return errors;
}

/** What the bucket says about an arrived object. */
export interface ArrivedObject {
  contentType: string | undefined;
  bytes: number | undefined;
}

/** Whether what arrived is exactly what was declared; the reason when it is not. */
export function arrivalMismatch(declared: Pick<UploadDeclaration, 'contentType' | 'bytes'>, arrived: ArrivedObject): string | undefined {
  if (arrived.contentType?.split(';')[0]?.trim().toLowerCase() !== declared.contentType) {
    return `The upload arrived as ${arrived.contentType ?? 'no content type'}, not the declared ${declared.contentType}.`;
  }
  if (arrived.bytes !== declared.bytes) {
    return `The upload has ${arrived.bytes ?? 0} bytes, not the declared ${declared.bytes}.`;
  }
  return undefined;
}
