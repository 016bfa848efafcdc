/**
 * The one cursor codec of every list. A cursor is the position a list continues from — a DynamoDB key, or a merged
 * list's position — as base64url JSON with an HMAC-SHA256 tag over the list's name and that JSON, under the
 * `CURSOR_SECRET` key. A cursor this list did not give out (forged, altered, truncated, or another list's) is
 * refused as 400 naming `cursor` before anything of it reaches DynamoDB; what carries a valid tag is still checked
 * against the list's schema.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { InvalidInput } from '../domain/errors.js';

const TAG_BYTES = 16;

const invalid = () => new InvalidInput([{ path: 'cursor', message: 'is not a cursor this list gave out' }]);

function cursorSecret(): string {
  const secret = process.env.CURSOR_SECRET;
  if (!secret || secret.length < 32) throw new Error('CURSOR_SECRET must be set (32+ characters)');
  return secret;
}

const tagOf = (list: string, payload: string) =>
  createHmac('sha256', cursorSecret()).update(`${list}\n${payload}`).digest().subarray(0, TAG_BYTES);

export interface CursorCodec<T> {
  encode(position: T | undefined): string | undefined;
  decode(cursor: string | undefined): T | undefined;
}

/** The codec of one list (`list` names it, so that one list's cursor never passes for another's). */
export function cursorCodec<T>(list: string, schema: z.ZodType<T>): CursorCodec<T> {
  return {
    encode(position) {
      if (position === undefined) return undefined;
      const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
      return `${payload}.${tagOf(list, payload).toString('base64url')}`;
    },
    decode(cursor) {
      if (cursor === undefined) return undefined;
      const parts = cursor.split('.');
      const [payload, tag] = parts;
      if (parts.length !== 2 || !payload || !tag) throw invalid();
      const given = Buffer.from(tag, 'base64url');
      const expected = tagOf(list, payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw invalid();
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw invalid();
      return parsed.data;
    },
  };
}

/** A table or index key as DynamoDB returns it in LastEvaluatedKey: a few string attributes. */
const tableKey = z
  .record(z.string().regex(/^[A-Za-z0-9]{1,16}$/), z.string().max(1024))
  .refine((key) => Object.keys(key).length >= 1 && Object.keys(key).length <= 6);

export type TableKey = Record<string, string>;

/** The codec of a list read by one Query: its cursor is the last key, which must lie in `partition`. */
export function keyCursor(list: string) {
  const codec = cursorCodec<TableKey>(list, tableKey);
  return {
    encode: (key: Record<string, unknown> | undefined) => codec.encode(key as TableKey | undefined),
    decode(cursor: string | undefined, partition: TableKey): TableKey | undefined {
      const key = codec.decode(cursor);
      if (key && Object.entries(partition).some(([name, value]) => key[name] !== value)) throw invalid();
      return key;
    },
  };
}
