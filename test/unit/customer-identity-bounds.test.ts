import { describe, expect, it } from 'vitest';
import {
  customerIdentity,
  MAX_NAME_KEY_LENGTH,
  namesNearlyEqual,
  normaliseName,
  normaliseVatId,
  registrableDomain,
  sameCustomer,
} from '../../shared/domain/customer-identity.js';
import { customerBlock, customerLocks } from '../../shared/registrations/customer-claims.js';
import { RegistrationInput } from '../../shared/schemas/registration.js';

/** Characters that NFKD or transliteration expand many times over. */
const EXPANDING = {
  'U+FDFA (18× under NFKD)': '\uFDFA',
  'U+FDFB': '\uFDFB',
  'U+3300 square apaato': '\u3300',
  'U+FB03 ffi ligature': '\uFB03',
  'U+2474 parenthesised 1': '\u2474',
  'U+01C4 DŽ': '\u01C4',
  'U+0F77': '\u0F77',
  'U+1F468 ZWJ family': '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
  'a + 30 combining marks': `a${'\u0301'.repeat(30)}`,
};

const maxLengthName = (unit: string) => [...unit.repeat(200)].slice(0, 200).join('');
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const customer = (name: string) => ({ name, country: 'DE', city: 'Berlin' });

describe('identity keys are bounded whatever the client sends', () => {
  it.each(Object.entries(EXPANDING))('%s × 200 gives a name key and locks within the limits', (_label, unit) => {
    const name = maxLengthName(unit);
    const parsed = RegistrationInput.safeParse({
      customer: customer(name),
      contact: { name: 'A', email: 'a@b.example' },
      products: [{ sku: 'SKU-1', quantity: 1 }],
      expectedValue: { amount: 1, currency: 'EUR' },
      expectedCloseDate: '2027-01-01',
    });
    // Whether or not the schema accepts it, the domain must stay bounded.
    const input = parsed.success ? parsed.data.customer : customer(name);
    const key = normaliseName(input.name);
    expect(key.length).toBeLessThanOrEqual(MAX_NAME_KEY_LENGTH);
    const productLine = 'p'.repeat(64);
    for (const lock of customerLocks(input, [productLine])) expect(bytes(lock)).toBeLessThanOrEqual(400);
    expect(bytes(customerBlock(input))).toBeLessThanOrEqual(16);
  });

  it('accepts 200 × U+FDFA at the API boundary and folds it to a bounded key', () => {
    const name = '\uFDFA'.repeat(200);
    expect(name.normalize('NFKD').length).toBeGreaterThan(3000);
    const key = normaliseName(name);
    expect(key.length).toBeGreaterThan(0);
    expect(key.length).toBeLessThanOrEqual(MAX_NAME_KEY_LENGTH);
  });

  it('cuts a long key at a word boundary and keeps names that differ early apart', () => {
    const words = Array.from({ length: 60 }, (_, i) => `wort${i}`).join(' ');
    const key = normaliseName(words);
    expect(key.length).toBeLessThanOrEqual(MAX_NAME_KEY_LENGTH);
    expect(words.startsWith(key)).toBe(true);
    expect(sameCustomer(customer(`Alpha ${words}`), customer(`Beta ${words}`))).toBe(false);
  });

  it('reads huge inputs in bounded time', () => {
    const huge = '\uFDFA'.repeat(1_000_000);
    const started = performance.now();
    expect(normaliseName(huge).length).toBeLessThanOrEqual(MAX_NAME_KEY_LENGTH);
    expect(normaliseVatId(`DE${'1'.repeat(1_000_000)}`)?.length ?? 0).toBeLessThanOrEqual(64);
    expect(registrableDomain(`https://${'a'.repeat(1_000_000)}.de`)).toBeUndefined();
    const identity = customerIdentity({ name: huge, country: 'DE', vatId: huge, website: huge });
    expect(identity.nameKey.length).toBeLessThanOrEqual(MAX_NAME_KEY_LENGTH);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('compares two maximal keys at bounded cost', () => {
    const a = normaliseName('\uFDFA'.repeat(200));
    const b = normaliseName(`${'\uFDFA'.repeat(199)}\uFDFB`);
    const longA = 'x'.repeat(100_000);
    const longB = 'y'.repeat(100_000);
    const started = performance.now();
    for (let i = 0; i < 200; i++) {
      namesNearlyEqual(a, b);
      namesNearlyEqual(longA, longB);
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
