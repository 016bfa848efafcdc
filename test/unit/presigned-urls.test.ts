/**
 * The signing rules of the files bucket's URLs, which s3rver does not verify: an upload URL signs the content type
 * and length (S3 then refuses any other), carries the pending tag and expires in 15 minutes; a download URL expires
 * in 5 minutes and names the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const now = new Date('2026-12-01T10:00:00.000Z');
let presignUpload: typeof import('../../shared/storage/presigned-urls.js').presignUpload;
let presignDownload: typeof import('../../shared/storage/presigned-urls.js').presignDownload;
const saved = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, {
    FILES_BUCKET: 'files-test',
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  });
  delete process.env.AWS_ENDPOINT_URL_S3;
  ({ presignUpload, presignDownload } = await import('../../shared/storage/presigned-urls.js'));
});
afterAll(() => {
  process.env = saved;
});

describe('upload URLs', () => {
  it('sign the content type and the exact content length, so S3 refuses a PUT of another type or size', async () => {
    const upload = await presignUpload({ key: 'dealers/d1/file_x', contentType: 'application/pdf', bytes: 123_456 }, now);
    const url = new URL(upload.url);
    expect(url.hostname).toBe('files-test.s3.eu-central-1.amazonaws.com');
    expect(url.pathname).toBe('/dealers/d1/file_x');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host']);
    expect(upload.headers).toEqual({ 'content-type': 'application/pdf', 'content-length': '123456' });
    expect(url.searchParams.get('x-amz-tagging')).toBe('upload=pending');
    // No checksum of an empty body that every real upload would fail.
    expect([...url.searchParams.keys()].filter((k) => k.toLowerCase().startsWith('x-amz-checksum'))).toEqual([]);
  });

  it('expire 15 minutes after they were signed', async () => {
    const upload = await presignUpload({ key: 'k', contentType: 'image/png', bytes: 10 }, now);
    const url = new URL(upload.url);
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261201T100000Z');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(upload.expiresAt).toBe('2026-12-01T10:15:00.000Z');
  });

  it('differ in signature when the size or the type differ: the signed values are part of the signature', async () => {
    const a = new URL((await presignUpload({ key: 'k', contentType: 'application/pdf', bytes: 100 }, now)).url);
    const b = new URL((await presignUpload({ key: 'k', contentType: 'application/pdf', bytes: 101 }, now)).url);
    const c = new URL((await presignUpload({ key: 'k', contentType: 'image/png', bytes: 100 }, now)).url);
    const d = new URL((await presignUpload({ key: 'k', contentType: 'application/pdf', bytes: 100 }, now)).url);
    const signature = (u: URL) => u.searchParams.get('X-Amz-Signature');
    expect(signature(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(signature(a)).toBe(signature(d));
    expect(signature(a)).not.toBe(signature(b));
    expect(signature(a)).not.toBe(signature(c));
  });
});

describe('download URLs', () => {
  it('expire 5 minutes after they were signed and name the file as an attachment', async () => {
    const download = await presignDownload(
      { key: 'manufacturer/file_y', fileName: 'Datenblatt MX-200 ü.pdf', contentType: 'application/pdf' },
      now,
    );
    const url = new URL(download.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(download.expiresAt).toBe('2026-12-01T10:05:00.000Z');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="Datenblatt MX-200 _.pdf"; filename*=UTF-8''Datenblatt%20MX-200%20%C3%BC.pdf`,
    );
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
  });
});
