import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../shared/domain/errors.js';
import { decodeCursor, encodeCursor } from '../../shared/db/pagination.js';

const PARTITION = { GSI1PK: 'DEALER#dealer-1#REGS' };
const LAST_KEY = {
  PK: 'REG#reg_0123456789abcdefghijAB',
  SK: 'REG',
  GSI1PK: 'DEALER#dealer-1#REGS',
  GSI1SK: '2026-03-02T09:15:00.000Z#reg_0123456789abcdefghijAB',
};
const b64 = (text: string) => Buffer.from(text).toString('base64url');

function expectInvalidCursor(cursor: string, expected: Record<string, string> = PARTITION) {
  let thrown: unknown;
  try {
    decodeCursor(cursor, expected);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidInput);
  expect((thrown as InvalidInput).errors).toEqual([{ path: '/cursor', message: expect.any(String) }]);
}

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a last evaluated key', () => {
    const cursor = encodeCursor(LAST_KEY) as string;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, PARTITION)).toEqual(LAST_KEY);
  });

  it('round-trips non-ASCII key values', () => {
    const key = { GSI1PK: 'DEALER#dealer-1#REGS', GSI1SK: 'München – 東京' };
    expect(decodeCursor(encodeCursor(key), PARTITION)).toEqual(key);
  });

  it('checks every expected key attribute', () => {
    const cursor = encodeCursor(LAST_KEY) as string;
    expect(decodeCursor(cursor, { GSI1PK: LAST_KEY.GSI1PK, SK: 'REG' })).toEqual(LAST_KEY);
    expectInvalidCursor(cursor, { GSI1PK: LAST_KEY.GSI1PK, SK: 'OTHER' });
  });

  it('passes "no cursor" through both ways', () => {
    expect(encodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(undefined, PARTITION)).toBeUndefined();
  });

  it.each([
    ['garbage', 'not a cursor!!!'],
    ['an empty string', ''],
    ['truncated JSON', b64('{"GSI1PK":"DEALER#dealer-1#RE')],
    ['plain text', b64('hello')],
  ])('rejects %s naming /cursor', (_name, cursor) => {
    expectInvalidCursor(cursor);
  });

  it.each(['null', '42', '"DEALER#dealer-1#REGS"', 'true', '[]', '["DEALER#dealer-1#REGS"]'])(
    'rejects the non-object JSON %s',
    (json) => {
      expectInvalidCursor(b64(json));
    },
  );

  it("rejects another partition's cursor (another dealer's list)", () => {
    expectInvalidCursor(encodeCursor({ ...LAST_KEY, GSI1PK: 'DEALER#dealer-2#REGS' }) as string);
  });

  it('rejects a cursor without the partition attribute', () => {
    expectInvalidCursor(encodeCursor({ PK: LAST_KEY.PK, SK: LAST_KEY.SK }) as string);
  });

  it('rejects non-string values, too many attributes and oversized values', () => {
    expectInvalidCursor(encodeCursor({ ...PARTITION, n: 1 }) as string);
    expectInvalidCursor(encodeCursor({ ...PARTITION, nested: { a: 'b' } }) as string);
    expectInvalidCursor(encodeCursor({ ...PARTITION, a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' }) as string);
    expectInvalidCursor(encodeCursor({ ...PARTITION, GSI1SK: 'x'.repeat(1025) }) as string);
  });

  it('accepts up to 6 attributes of up to 1024 characters', () => {
    const key = { ...PARTITION, a: '1', b: '2', c: '3', d: '4', GSI1SK: 'x'.repeat(1024) };
    expect(decodeCursor(encodeCursor(key), PARTITION)).toEqual(key);
  });
});
