import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { cursorCodec, keyCursor } from '../../shared/db/cursor.js';
import { InvalidInput } from '../../shared/domain/errors.js';

process.env.CURSOR_SECRET ??= 'a-test-key-of-at-least-32-characters!';

const PARTITION = { GSI1PK: 'DEALER#dealer-1#REGS' };
const LAST_KEY = {
  PK: 'REG#reg_0123456789abcdefghijAB',
  SK: 'REG',
  GSI1PK: 'DEALER#dealer-1#REGS',
  GSI1SK: '2026-03-02T09:15:00.000Z#reg_0123456789abcdefghijAB',
};
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const cursor = keyCursor('dealer-registrations');
/** A cursor signed like the real ones, for payloads the encoder would never produce. */
const signed = (list: string, json: string) => {
  const payload = b64(json);
  const tag = createHmac('sha256', process.env.CURSOR_SECRET as string)
    .update(`${list}\n${payload}`)
    .digest()
    .subarray(0, 16);
  return `${payload}.${tag.toString('base64url')}`;
};

function expectInvalidCursor(value: string, expected: Record<string, string> = PARTITION) {
  let thrown: unknown;
  try {
    cursor.decode(value, expected);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidInput);
  expect((thrown as InvalidInput).errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
}

describe('keyCursor', () => {
  it('round-trips a last evaluated key, as URL-safe text', () => {
    const value = cursor.encode(LAST_KEY) as string;
    expect(value).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(cursor.decode(value, PARTITION)).toEqual(LAST_KEY);
  });

  it('round-trips non-ASCII key values', () => {
    const key = { GSI1PK: 'DEALER#dealer-1#REGS', GSI1SK: 'München – 東京' };
    expect(cursor.decode(cursor.encode(key), PARTITION)).toEqual(key);
  });

  it('checks every expected key attribute', () => {
    const value = cursor.encode(LAST_KEY) as string;
    expect(cursor.decode(value, { GSI1PK: LAST_KEY.GSI1PK, SK: 'REG' })).toEqual(LAST_KEY);
    expectInvalidCursor(value, { GSI1PK: LAST_KEY.GSI1PK, SK: 'OTHER' });
  });

  it('passes "no cursor" through both ways', () => {
    expect(cursor.encode(undefined)).toBeUndefined();
    expect(cursor.decode(undefined, PARTITION)).toBeUndefined();
  });

  it.each([
    ['garbage', 'not a cursor!!!'],
    ['an empty string', ''],
    ['an unsigned key (the old format)', b64(JSON.stringify(LAST_KEY))],
    ['truncated JSON', b64('{"GSI1PK":"DEALER#dealer-1#RE')],
    ['plain text', b64('hello')],
    ['three parts', `${cursor.encode(LAST_KEY)}.x`],
  ])('rejects %s naming cursor', (_name, value) => {
    expectInvalidCursor(value);
  });

  it('rejects a tampered cursor: another key under the old tag, or a changed tag', () => {
    const [, tag] = (cursor.encode(LAST_KEY) as string).split('.');
    expectInvalidCursor(`${b64(JSON.stringify({ ...LAST_KEY, GSI1SK: '9999' }))}.${tag}`);
    const value = cursor.encode(LAST_KEY) as string;
    expectInvalidCursor(`${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`);
  });

  it("rejects another list's cursor, even for the same key", () => {
    expectInvalidCursor(keyCursor('registration-history').encode(LAST_KEY) as string);
  });

  it('rejects a cursor signed with another key', () => {
    const payload = b64(JSON.stringify(LAST_KEY));
    const tag = createHmac('sha256', 'another-key-of-at-least-32-characters')
      .update(`dealer-registrations\n${payload}`)
      .digest()
      .subarray(0, 16);
    expectInvalidCursor(`${payload}.${tag.toString('base64url')}`);
  });

  it("rejects another partition's cursor (another dealer's list)", () => {
    expectInvalidCursor(cursor.encode({ ...LAST_KEY, GSI1PK: 'DEALER#dealer-2#REGS' }) as string);
  });

  it('rejects a cursor without the partition attribute', () => {
    expectInvalidCursor(cursor.encode({ PK: LAST_KEY.PK, SK: LAST_KEY.SK }) as string);
  });

  it.each(['null', '42', '"DEALER#dealer-1#REGS"', 'true', '[]', '["DEALER#dealer-1#REGS"]', '{}'])(
    'rejects the non-key JSON %s, even when signed',
    (json) => {
      expectInvalidCursor(signed('dealer-registrations', json));
    },
  );

  it('rejects non-string values, odd attribute names, too many attributes and oversized values, even when signed', () => {
    const sign = (key: unknown) => signed('dealer-registrations', JSON.stringify(key));
    expectInvalidCursor(sign({ ...PARTITION, n: 1 }));
    expectInvalidCursor(sign({ ...PARTITION, nested: { a: 'b' } }));
    expectInvalidCursor(sign({ ...PARTITION, 'GSI1SK OR 1=1': 'x' }));
    expectInvalidCursor(sign({ ...PARTITION, __proto__x: 'x' }));
    expectInvalidCursor(sign({ ...PARTITION, a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' }));
    expectInvalidCursor(sign({ ...PARTITION, GSI1SK: 'x'.repeat(1025) }));
  });

  it('accepts up to 6 attributes of up to 1024 characters', () => {
    const key = { ...PARTITION, a: '1', b: '2', c: '3', d: '4', GSI1SK: 'x'.repeat(1024) };
    expect(cursor.decode(cursor.encode(key), PARTITION)).toEqual(key);
  });
});

describe('cursorCodec', () => {
  const position = cursorCodec('review-queue', z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#reg_[0-9A-Za-z]+$/));

  it('round-trips a merged list position and refuses one that fails its schema, signed or not', () => {
    const at = '2026-03-02T09:15:00.000Z#reg_0123456789abcdefghijAB';
    expect(position.decode(position.encode(at))).toBe(at);
    expect(() => position.decode(signed('review-queue', JSON.stringify('2026-03-02#foo')))).toThrow(InvalidInput);
    expect(() => position.decode(b64(at))).toThrow(InvalidInput);
  });

  it('refuses to work without a key of at least 32 characters', () => {
    const saved = process.env.CURSOR_SECRET;
    process.env.CURSOR_SECRET = 'short';
    try {
      expect(() => position.encode('2026-03-02T09:15:00.000Z#reg_x')).toThrow(/CURSOR_SECRET/);
    } finally {
      process.env.CURSOR_SECRET = saved;
    }
  });
});
