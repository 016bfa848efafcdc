/** The upload rules: accepted types and limits, who uploads what, and whether what arrived is what was declared. */
import { describe, expect, it } from 'vitest';
import { arrivalMismatch, declarationErrors, FILE_TYPES, tenantOf } from '../../shared/domain/files.js';

const MIB = 1024 * 1024;
const pdf = { purpose: 'proof' as const, fileName: 'a.pdf', contentType: 'application/pdf' as const, bytes: 1000 };

describe('declared uploads', () => {
  it('documents the limits: PDF 50 MiB, PPTX 200 MiB, images 20 MiB, MP4 1 GiB', () => {
    expect(Object.fromEntries(Object.entries(FILE_TYPES).map(([type, t]) => [type, t.maxBytes / MIB]))).toEqual({
      'application/pdf': 50,
      'application/vnd.openxmlformats-officedocument.presentationml.presentation': 200,
      'image/png': 20,
      'image/jpeg': 20,
      'image/webp': 20,
      'video/mp4': 1024,
    });
  });

  it('accepts a file at its limit and refuses one byte more, naming /bytes', () => {
    expect(declarationErrors({ ...pdf, bytes: 50 * MIB }, 'dealer:d1')).toEqual([]);
    expect(declarationErrors({ ...pdf, bytes: 50 * MIB + 1 }, 'dealer:d1').map((e) => e.path)).toEqual(['/bytes']);
  });

  it('lets dealers upload proof and the manufacturer assets only', () => {
    expect(declarationErrors({ ...pdf, purpose: 'asset' }, 'dealer:d1').map((e) => e.path)).toEqual(['/purpose']);
    expect(declarationErrors({ ...pdf, purpose: 'proof' }, 'manufacturer').map((e) => e.path)).toEqual(['/purpose']);
    expect(declarationErrors({ ...pdf, purpose: 'asset' }, 'manufacturer')).toEqual([]);
  });

  it('wants the extension to fit the type, in any case', () => {
    expect(declarationErrors({ ...pdf, fileName: 'A.PDF' }, 'dealer:d1')).toEqual([]);
    expect(declarationErrors({ ...pdf, contentType: 'image/jpeg', fileName: 'x.jpeg' }, 'dealer:d1')).toEqual([]);
    expect(declarationErrors({ ...pdf, fileName: 'a.png' }, 'dealer:d1').map((e) => e.path)).toEqual(['/fileName']);
    expect(declarationErrors({ ...pdf, fileName: 'pdf' }, 'dealer:d1').map((e) => e.path)).toEqual(['/fileName']);
  });

  it('tells the tenants apart: each dealer its own, every manufacturer role one', () => {
    expect(tenantOf({ role: 'dealer', dealerId: 'd1' })).toBe('dealer:d1');
    expect(tenantOf({ role: 'channel_admin' })).toBe('manufacturer');
    expect(tenantOf({ role: 'finance' })).toBe('manufacturer');
  });
});

describe('arrived uploads', () => {
  it('match only with the declared type and exactly the declared size', () => {
    expect(arrivalMismatch(pdf, { contentType: 'application/pdf', bytes: 1000 })).toBeUndefined();
    expect(arrivalMismatch(pdf, { contentType: 'Application/PDF; charset=binary', bytes: 1000 })).toBeUndefined();
    expect(arrivalMismatch(pdf, { contentType: 'application/pdf', bytes: 999 })).toContain('999 bytes');
    expect(arrivalMismatch(pdf, { contentType: 'image/png', bytes: 1000 })).toContain('image/png');
    expect(arrivalMismatch(pdf, { contentType: undefined, bytes: 1000 })).toContain('no content type');
  });
});
