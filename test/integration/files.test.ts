/**
 * Files over the local stack with s3rver: a declared upload gets a presigned PUT, counts only once confirmed with
 * the declared type and size, and belongs to the uploader's tenant. Signing rules (which s3rver does not check) are
 * tested in test/unit/presigned-urls.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { call, createTenant } from '../support/api.js';
import { declareAndPut, pdfBytes, uploadedFile } from '../support/files.js';

const pdf = (bytes = 2048) => ({ purpose: 'proof' as const, fileName: 'Messe Bericht.pdf', contentType: 'application/pdf', bytes });

describe('files', () => {
  it('gives a dealer a presigned PUT; the file is pending until confirmed, then confirmed', async () => {
    const t = await createTenant();
    const created = await call('POST', '/files', { token: t.tokens.dealer, body: pdf() });
    expect(created.status).toBe(201);
    expect(created.body.fileId).toMatch(/^file_/);
    expect(created.headers.get('location')).toBe(`/files/${created.body.fileId}`);
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(created.body.uploadHeaders).toEqual({ 'content-type': 'application/pdf', 'content-length': '2048' });
    const url = new URL(created.body.uploadUrl);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.pathname).toContain(`/dealers/${t.dealerId}/`);

    const pending = await call('GET', `/files/${created.body.fileId}`, { token: t.tokens.dealer });
    expect(pending.body).toMatchObject({ status: 'pending', bytes: 2048, fileName: 'Messe Bericht.pdf', purpose: 'proof' });
    expect(pending.body).not.toHaveProperty('objectKey');
    expect(pending.body).not.toHaveProperty('tenant');

    // Confirming before the upload arrived is refused and changes nothing.
    const early = await call('POST', `/files/${created.body.fileId}/confirm`, { token: t.tokens.dealer });
    expect(early.status).toBe(409);

    const put = await fetch(created.body.uploadUrl, { method: 'PUT', headers: created.body.uploadHeaders, body: pdfBytes(2048) });
    expect(put.status).toBe(200);
    const confirmed = await call('POST', `/files/${created.body.fileId}/confirm`, { token: t.tokens.dealer });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', fileId: created.body.fileId });
    expect(confirmed.body.confirmedAt).toBeDefined();
    // Confirming again is a safe retry.
    const again = await call('POST', `/files/${created.body.fileId}/confirm`, { token: t.tokens.dealer });
    expect(again.status).toBe(200);
    expect(again.body.confirmedAt).toBe(confirmed.body.confirmedAt);
  });

  it.each([
    [{ ...pdf(), contentType: 'application/zip' }, '/contentType'],
    [{ ...pdf(), contentType: 'text/html' }, '/contentType'],
    [{ ...pdf(), bytes: 50 * 1024 * 1024 + 1 }, '/bytes'],
    [{ ...pdf(), bytes: 0 }, '/bytes'],
    [{ ...pdf(), bytes: 1.5 }, '/bytes'],
    [{ ...pdf(), fileName: 'report.exe' }, '/fileName'],
    [{ ...pdf(), fileName: '../../etc/passwd.pdf' }, '/fileName'],
    [{ ...pdf(), purpose: 'asset' }, '/purpose'],
    [{ ...pdf(), purpose: 'avatar' }, '/purpose'],
    [{ ...pdf(), extra: true }, '/extra'],
  ])('refuses a declaration %j with 400 naming %s', async (body, path) => {
    const t = await createTenant();
    const refused = await call('POST', '/files', { token: t.tokens.dealer, body });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('takes an asset upload from a channel admin, and refuses it the proof purpose', async () => {
    const t = await createTenant();
    const deck = {
      purpose: 'asset',
      fileName: 'MX-200.pptx',
      contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      bytes: 4096,
    };
    expect((await call('POST', '/files', { token: t.tokens.admin, body: deck })).status).toBe(201);
    const proof = await call('POST', '/files', { token: t.tokens.admin, body: { ...deck, purpose: 'proof' } });
    expect(proof.status).toBe(400);
    expect(proof.body.errors[0].path).toBe('/purpose');
    expect((await call('POST', '/files', { token: t.tokens.finance, body: deck })).status).toBe(403);
  });

  it('refuses an upload that arrived with another size or type: 422, the object is deleted and the file never becomes usable', async () => {
    const t = await createTenant();
    // s3rver does not check the signature, so it accepts what S3 would refuse: the confirmation must catch it.
    const bigger = await declareAndPut(t.tokens.dealer, pdf(1024), pdfBytes(1500));
    const wrongSize = await call('POST', `/files/${bigger}/confirm`, { token: t.tokens.dealer });
    expect(wrongSize.status).toBe(422);
    expect(wrongSize.body.detail).toContain('1500 bytes');
    expect((await call('GET', `/files/${bigger}`, { token: t.tokens.dealer })).status).toBe(404);
    expect((await call('POST', `/files/${bigger}/confirm`, { token: t.tokens.dealer })).status).toBe(404);

    const png = await declareAndPut(t.tokens.dealer, pdf(1024), pdfBytes(1024), 'image/png');
    const wrongType = await call('POST', `/files/${png}/confirm`, { token: t.tokens.dealer });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.detail).toContain('image/png');
    expect((await call('GET', `/files/${png}`, { token: t.tokens.dealer })).status).toBe(404);
  });

  it('keeps a dealer’s file to its dealer: another dealer, also of the same region, gets 404', async () => {
    const t = await createTenant();
    const fileId = await uploadedFile(t.tokens.dealer);
    for (const token of [t.tokens.sameRegionDealer, t.tokens.otherDealer, t.tokens.admin]) {
      expect((await call('GET', `/files/${fileId}`, { token })).status).toBe(404);
      expect((await call('POST', `/files/${fileId}/confirm`, { token })).status).toBe(404);
    }
    expect((await call('GET', `/files/${fileId}`, { token: t.tokens.dealer })).body.status).toBe('confirmed');
  });

  it('answers 400 for a malformed file id', async () => {
    const t = await createTenant();
    const bad = await call('GET', '/files/not-a-file', { token: t.tokens.dealer });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('fileId');
  });
});
