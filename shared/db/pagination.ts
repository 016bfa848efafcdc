import { InvalidInput } from '../domain/errors.js';

type Key = Record<string, string>;

/** Cursors are the last key of a page, opaque to clients; decoding checks they belong to the same list. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined, expected: Key): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new InvalidInput([{ path: '/cursor', message: 'is not a cursor this list gave out' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  if (entries.length > 6 || entries.some(([, v]) => typeof v !== 'string' || v.length > 1024)) throw invalid();
  for (const [name, value] of Object.entries(expected)) {
    if ((key as Key)[name] !== value) throw invalid();
  }
  return key as Key;
}
