import { describe, expect, it } from 'vitest';
import {
  CalendarDate,
  CountryCode,
  CurrencyCode,
  ListQuery,
  longText,
  Money,
  RegistrationId,
  Slug,
  text,
} from '../../shared/schemas/common.js';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('CalendarDate', () => {
  it.each(['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29'])('accepts %s', (d) => {
    expect(ok(CalendarDate, d)).toBe(true);
  });
  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-00-10',
    '2026-1-1',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '',
  ])('rejects %j', (d) => {
    expect(ok(CalendarDate, d)).toBe(false);
  });
});

describe('codes', () => {
  it('accepts assigned upper-case country codes only', () => {
    for (const c of ['DE', 'NL', 'US', 'GB', 'AX']) expect(ok(CountryCode, c)).toBe(true);
    for (const c of ['de', 'UK', 'EU', 'XX', 'DEU', '']) expect(ok(CountryCode, c)).toBe(false);
  });

  it('accepts ISO 4217 upper-case currency codes only', () => {
    for (const c of ['EUR', 'USD', 'CHF', 'JPY']) expect(ok(CurrencyCode, c)).toBe(true);
    for (const c of ['eur', 'XXY', 'EURO', '€', '']) expect(ok(CurrencyCode, c)).toBe(false);
  });
});

describe('Money', () => {
  it('takes integer minor units from 0 to 10^13', () => {
    expect(ok(Money, { amount: 0, currency: 'EUR' })).toBe(true);
    expect(ok(Money, { amount: 10_000_000_000_000, currency: 'EUR' })).toBe(true);
    for (const amount of [-1, 0.5, 10_000_000_000_001, Number.NaN, Number.POSITIVE_INFINITY, '5', null]) {
      expect(ok(Money, { amount, currency: 'EUR' })).toBe(false);
    }
    expect(ok(Money, { amount: 1, currency: 'EUR', cents: 1 })).toBe(false);
  });
});

describe('text and longText', () => {
  it('trims, refuses blank, counts length after trimming', () => {
    expect(text(5).parse('  abcde  ')).toBe('abcde');
    expect(ok(text(5), 'abcdef')).toBe(false);
    expect(ok(text(5), '   ')).toBe(false);
  });

  it('refuses line breaks and tabs inside single-line text, allows them in long text', () => {
    expect(ok(text(50), 'a\nb')).toBe(false);
    expect(ok(text(50), 'a\tb')).toBe(false);
    expect(longText(50).parse('a\nb\r\n\tc')).toBe('a\nb\r\n\tc');
  });

  it.each(['\u0000', '\u0008', '\u000B', '\u001F', '\u007F', '\u0085', '\u2028', '\u2029', '\uFEFF'])(
    'refuses control character %j in both',
    (ch) => {
      expect(ok(text(50), `a${ch}b`)).toBe(false);
      expect(ok(longText(50), `a${ch}b`)).toBe(false);
    },
  );

  it('allows non-ASCII letters', () => {
    expect(text(50).parse('Łódź – Straße – 東京')).toBe('Łódź – Straße – 東京');
  });
});

describe('ids', () => {
  it('Slug', () => {
    for (const s of ['a', 'PUMP-1', 'valve_9.b', 'A'.repeat(64)]) expect(ok(Slug, s)).toBe(true);
    for (const s of ['', '-a', '.a', 'a b', 'a/b', 'a#b', 'A'.repeat(65), 'é']) expect(ok(Slug, s)).toBe(false);
  });

  it('RegistrationId', () => {
    expect(ok(RegistrationId, `reg_${'a'.repeat(20)}`)).toBe(true);
    expect(ok(RegistrationId, `reg_${'a'.repeat(32)}`)).toBe(true);
    for (const s of [`reg_${'a'.repeat(19)}`, `reg_${'a'.repeat(33)}`, `REG_${'a'.repeat(20)}`, `reg_${'a'.repeat(19)}-`]) {
      expect(ok(RegistrationId, s)).toBe(false);
    }
  });
});

describe('ListQuery', () => {
  it('defaults the limit to 25 and coerces query strings', () => {
    expect(ListQuery.parse({})).toEqual({ limit: 25 });
    expect(ListQuery.parse({ limit: '100', cursor: 'abc' })).toEqual({ limit: 100, cursor: 'abc' });
  });

  it.each([{ limit: '0' }, { limit: '101' }, { limit: '2.5' }, { limit: 'ten' }, { cursor: 'x'.repeat(2049) }, { sort: 'asc' }])(
    'rejects %j',
    (query) => {
      expect(ok(ListQuery, query)).toBe(false);
    },
  );
});
