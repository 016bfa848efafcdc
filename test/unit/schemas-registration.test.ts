import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { fieldErrors } from '../../shared/http/problem.js';
import { Decision, Outcome, RegistrationInput, RegistrationUpdate } from '../../shared/schemas/registration.js';

/** A complete, valid POST /registrations body (as JSON would deliver it). */
const validBody = () => ({
  customer: {
    name: 'Müller Maschinenbau GmbH',
    country: 'DE',
    city: 'München',
    postalCode: '80331',
    vatId: 'DE136695976',
    website: 'https://www.mueller-maschinenbau.example.de/kontakt',
    segment: 'midmarket',
    employeeCount: 240,
  },
  contact: { name: 'Anna Schmidt', email: 'anna.schmidt@mueller.example', phone: '+49 (89) 123-456', role: 'Head of Production' },
  products: [
    { sku: 'PUMP-1', quantity: 2 },
    { sku: 'valve_9.b', quantity: 1_000_000 },
  ],
  expectedValue: { amount: 40_000_000, currency: 'EUR' },
  expectedCloseDate: '2028-02-29',
  stage: 'late',
  competitors: ['Rival AG', 'Other Corp'],
  nextSteps: 'Demo on site.\nThen a quote,\tsigned by the CFO.',
});

const REMOVE = Symbol('remove');

/** `validBody()` with the value at `path` replaced (or removed). */
function withField(path: (string | number)[], value: unknown): Record<string, unknown> {
  const body: Record<string, unknown> = structuredClone(validBody());
  let node: any = body;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1] as string | number;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return body;
}

function errorsOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success, `expected ${JSON.stringify(value)?.slice(0, 200)} to be rejected`).toBe(false);
  return fieldErrors(result.error?.issues ?? []);
}
const pathsOf = (schema: z.ZodType, value: unknown) => errorsOf(schema, value).map((e) => e.path);

describe('RegistrationInput: valid bodies', () => {
  it('parses a complete body unchanged', () => {
    expect(RegistrationInput.parse(validBody())).toEqual(validBody());
  });

  it('parses a minimal body with only the required fields', () => {
    const minimal = {
      customer: { name: 'Acme', country: 'NL', city: 'Utrecht' },
      contact: { name: 'Jo', email: 'jo@acme.example' },
      products: [{ sku: 'X', quantity: 1 }],
      expectedValue: { amount: 0, currency: 'USD' },
      expectedCloseDate: '2026-12-31',
    };
    expect(RegistrationInput.parse(minimal)).toEqual(minimal);
  });

  it('trims human text', () => {
    const parsed = RegistrationInput.parse(withField(['customer', 'name'], '  Acme GmbH \n'));
    expect(parsed.customer.name).toBe('Acme GmbH');
  });

  it.each([
    [['customer', 'postalCode'], 'SW1A 1AA'],
    [['customer', 'postalCode'], '1234-567'],
    [['customer', 'vatId'], 'NL 0044.95.445.B01'],
    [['customer', 'website'], 'example.com'],
    [['customer', 'website'], 'http://shop.example.co.uk:8080/a?b=c'],
    [['contact', 'phone'], '030 1234567'],
    [['expectedValue', 'amount'], 10_000_000_000_000],
    [['expectedCloseDate'], '2026-01-01'],
    [['competitors'], []],
    [['competitors'], Array.from({ length: 20 }, (_, i) => `Rival ${i}`)],
    [['products'], Array.from({ length: 50 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }))],
  ])('accepts %j = %j', (path, value) => {
    expect(RegistrationInput.safeParse(withField(path, value)).success).toBe(true);
  });
});

const long = (n: number) => 'x'.repeat(n);

/** For each field, invalid values and the path the error must name. */
const INVALID: [string, (string | number)[], unknown, string][] = [
  // customer
  ['customer missing', ['customer'], REMOVE, '/customer'],
  ['customer not an object', ['customer'], 'Acme', '/customer'],
  ['customer.name missing', ['customer', 'name'], REMOVE, '/customer/name'],
  ['customer.name whitespace only', ['customer', 'name'], ' \t  ', '/customer/name'],
  ['customer.name empty', ['customer', 'name'], '', '/customer/name'],
  ['customer.name only no-break spaces', ['customer', 'name'], '\u00A0\u00A0', '/customer/name'],
  ['customer.name only em and ideographic spaces', ['customer', 'name'], '\u2003\u3000', '/customer/name'],
  ['customer.name 201 chars', ['customer', 'name'], long(201), '/customer/name'],
  ['customer.name with a NUL', ['customer', 'name'], 'Acme\u0000GmbH', '/customer/name'],
  ['customer.name with a line break inside', ['customer', 'name'], 'Acme\nGmbH', '/customer/name'],
  ['customer.name with U+2028', ['customer', 'name'], 'Acme\u2028GmbH', '/customer/name'],
  ['customer.name a number', ['customer', 'name'], 42, '/customer/name'],
  ['customer.country lower case', ['customer', 'country'], 'de', '/customer/country'],
  ['customer.country alpha-3', ['customer', 'country'], 'DEU', '/customer/country'],
  ['customer.country unassigned', ['customer', 'country'], 'XX', '/customer/country'],
  ['customer.country missing', ['customer', 'country'], REMOVE, '/customer/country'],
  ['customer.city blank', ['customer', 'city'], '   ', '/customer/city'],
  ['customer.city 101 chars', ['customer', 'city'], long(101), '/customer/city'],
  ['customer.city with a control character', ['customer', 'city'], 'Mün\u0007chen', '/customer/city'],
  ['customer.city missing', ['customer', 'city'], REMOVE, '/customer/city'],
  ['customer.postalCode with punctuation', ['customer', 'postalCode'], '80331!', '/customer/postalCode'],
  ['customer.postalCode 13 chars', ['customer', 'postalCode'], '1234567890123', '/customer/postalCode'],
  ['customer.postalCode leading dash', ['customer', 'postalCode'], '-8033', '/customer/postalCode'],
  ['customer.postalCode a number', ['customer', 'postalCode'], 80331, '/customer/postalCode'],
  ['customer.vatId without country prefix', ['customer', 'vatId'], '123456789', '/customer/vatId'],
  ['customer.vatId too short', ['customer', 'vatId'], 'DE1', '/customer/vatId'],
  ['customer.vatId too long', ['customer', 'vatId'], `DE${'1'.repeat(21)}`, '/customer/vatId'],
  ['customer.website not an address', ['customer', 'website'], 'not a website', '/customer/website'],
  ['customer.website javascript:', ['customer', 'website'], 'javascript:alert(1)', '/customer/website'],
  ['customer.website ftp', ['customer', 'website'], 'ftp://example.com', '/customer/website'],
  ['customer.website too long', ['customer', 'website'], `https://${long(250)}.com`, '/customer/website'],
  ['customer.segment unknown', ['customer', 'segment'], 'huge', '/customer/segment'],
  ['customer.segment upper case', ['customer', 'segment'], 'SMB', '/customer/segment'],
  ['customer.employeeCount 0', ['customer', 'employeeCount'], 0, '/customer/employeeCount'],
  ['customer.employeeCount fractional', ['customer', 'employeeCount'], 1.5, '/customer/employeeCount'],
  ['customer.employeeCount string', ['customer', 'employeeCount'], '240', '/customer/employeeCount'],
  ['customer.employeeCount too large', ['customer', 'employeeCount'], 10_000_001, '/customer/employeeCount'],
  // contact
  ['contact missing', ['contact'], REMOVE, '/contact'],
  ['contact.name whitespace only', ['contact', 'name'], '   ', '/contact/name'],
  ['contact.name only a newline and tab', ['contact', 'name'], '\n\t', '/contact/name'],
  ['contact.name 201 chars', ['contact', 'name'], long(201), '/contact/name'],
  ['contact.name missing', ['contact', 'name'], REMOVE, '/contact/name'],
  ['contact.email not an email', ['contact', 'email'], 'anna at mueller', '/contact/email'],
  ['contact.email no domain', ['contact', 'email'], 'anna@', '/contact/email'],
  ['contact.email too long', ['contact', 'email'], `${long(64)}@${long(190)}.example`, '/contact/email'],
  ['contact.email missing', ['contact', 'email'], REMOVE, '/contact/email'],
  ['contact.phone words', ['contact', 'phone'], 'call me maybe', '/contact/phone'],
  ['contact.phone too short', ['contact', 'phone'], '123', '/contact/phone'],
  ['contact.phone too long', ['contact', 'phone'], `+${'1'.repeat(30)}`, '/contact/phone'],
  ['contact.role blank', ['contact', 'role'], '  ', '/contact/role'],
  ['contact.role 101 chars', ['contact', 'role'], long(101), '/contact/role'],
  // products
  ['products missing', ['products'], REMOVE, '/products'],
  ['products empty', ['products'], [], '/products'],
  ['products 51 lines', ['products'], Array.from({ length: 51 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 })), '/products'],
  [
    'products duplicate sku',
    ['products'],
    [
      { sku: 'PUMP-1', quantity: 1 },
      { sku: 'VALVE-9', quantity: 1 },
      { sku: 'PUMP-1', quantity: 3 },
    ],
    '/products/2/sku',
  ],
  ['products sku with a space', ['products', 0, 'sku'], 'PUMP 1', '/products/0/sku'],
  ['products sku empty', ['products', 0, 'sku'], '', '/products/0/sku'],
  ['products sku 65 chars', ['products', 0, 'sku'], `A${long(64)}`, '/products/0/sku'],
  ['products sku with a slash', ['products', 1, 'sku'], 'PUMP/1', '/products/1/sku'],
  ['products sku missing', ['products', 0, 'sku'], REMOVE, '/products/0/sku'],
  ['products quantity 0', ['products', 0, 'quantity'], 0, '/products/0/quantity'],
  ['products quantity 1.5', ['products', 0, 'quantity'], 1.5, '/products/0/quantity'],
  ['products quantity negative', ['products', 1, 'quantity'], -2, '/products/1/quantity'],
  ['products quantity string', ['products', 0, 'quantity'], '2', '/products/0/quantity'],
  ['products quantity too large', ['products', 0, 'quantity'], 1_000_001, '/products/0/quantity'],
  ['products line not an object', ['products', 0], 'PUMP-1', '/products/0'],
  // expectedValue
  ['expectedValue missing', ['expectedValue'], REMOVE, '/expectedValue'],
  ['expectedValue.amount negative', ['expectedValue', 'amount'], -1, '/expectedValue/amount'],
  ['expectedValue.amount float', ['expectedValue', 'amount'], 100.5, '/expectedValue/amount'],
  ['expectedValue.amount string', ['expectedValue', 'amount'], '100', '/expectedValue/amount'],
  ['expectedValue.amount too large', ['expectedValue', 'amount'], 10_000_000_000_001, '/expectedValue/amount'],
  ['expectedValue.amount missing', ['expectedValue', 'amount'], REMOVE, '/expectedValue/amount'],
  ['expectedValue.currency lower case', ['expectedValue', 'currency'], 'eur', '/expectedValue/currency'],
  ['expectedValue.currency unknown', ['expectedValue', 'currency'], 'XXY', '/expectedValue/currency'],
  ['expectedValue.currency 4 letters', ['expectedValue', 'currency'], 'EURO', '/expectedValue/currency'],
  ['expectedValue.currency missing', ['expectedValue', 'currency'], REMOVE, '/expectedValue/currency'],
  // expectedCloseDate
  ['expectedCloseDate 2026-02-30', ['expectedCloseDate'], '2026-02-30', '/expectedCloseDate'],
  ['expectedCloseDate 2027-02-29 (no leap year)', ['expectedCloseDate'], '2027-02-29', '/expectedCloseDate'],
  ['expectedCloseDate 2026-13-01', ['expectedCloseDate'], '2026-13-01', '/expectedCloseDate'],
  ['expectedCloseDate 2026-1-1', ['expectedCloseDate'], '2026-1-1', '/expectedCloseDate'],
  ['expectedCloseDate an instant', ['expectedCloseDate'], '2026-06-01T00:00:00Z', '/expectedCloseDate'],
  ['expectedCloseDate a number', ['expectedCloseDate'], 20260601, '/expectedCloseDate'],
  ['expectedCloseDate null', ['expectedCloseDate'], null, '/expectedCloseDate'],
  ['expectedCloseDate missing', ['expectedCloseDate'], REMOVE, '/expectedCloseDate'],
  // optional fields
  ['stage unknown', ['stage'], 'final', '/stage'],
  ['stage upper case', ['stage'], 'EARLY', '/stage'],
  ['stage null', ['stage'], null, '/stage'],
  ['competitors a string', ['competitors'], 'Rival AG', '/competitors'],
  ['competitors 21 names', ['competitors'], Array.from({ length: 21 }, (_, i) => `Rival ${i}`), '/competitors'],
  ['competitors blank name', ['competitors'], ['Rival AG', '  '], '/competitors/1'],
  ['competitors 101-char name', ['competitors'], [long(101)], '/competitors/0'],
  ['competitors control character', ['competitors'], ['Rival\u001bAG'], '/competitors/0'],
  ['nextSteps blank', ['nextSteps'], ' \n ', '/nextSteps'],
  ['nextSteps 2001 chars', ['nextSteps'], long(2001), '/nextSteps'],
  ['nextSteps NUL', ['nextSteps'], 'Call\u0000back', '/nextSteps'],
  ['nextSteps BOM', ['nextSteps'], 'Call\uFEFFback', '/nextSteps'],
  ['nextSteps a number', ['nextSteps'], 7, '/nextSteps'],
];

describe('RegistrationInput: every field rejects invalid values and names itself', () => {
  it.each(INVALID)('%s', (_name, path, value, expectedPath) => {
    const errors = errorsOf(RegistrationInput, withField(path, value));
    expect(errors.map((e) => e.path)).toContain(expectedPath);
    for (const error of errors) expect(error.message).toEqual(expect.any(String));
  });

  it('says "is required" for a missing field', () => {
    expect(errorsOf(RegistrationInput, withField(['customer', 'city'], REMOVE))).toEqual([
      { path: '/customer/city', message: 'is required' },
    ]);
  });

  it('reports every invalid field at once', () => {
    const body = withField(['customer', 'country'], 'de') as any;
    body.contact.email = 'nope';
    body.expectedCloseDate = '2026-02-30';
    expect(pathsOf(RegistrationInput, body)).toEqual(['/customer/country', '/contact/email', '/expectedCloseDate']);
  });

  it.each([undefined, null, 'a string', 42, [validBody()]])('rejects a non-object body %j at the root', (body) => {
    expect(pathsOf(RegistrationInput, body)).toEqual(['/']);
  });

  it('rejects strings that are too long in every text field', () => {
    for (const [path, max] of [
      [['customer', 'name'], 200],
      [['customer', 'city'], 100],
      [['contact', 'name'], 200],
      [['contact', 'role'], 100],
      [['nextSteps'], 2000],
    ] as const) {
      expect(RegistrationInput.safeParse(withField([...path], long(max))).success).toBe(true);
      expect(pathsOf(RegistrationInput, withField([...path], long(max + 1)))).toEqual([`/${path.join('/')}`]);
    }
  });
});

describe('RegistrationInput: unknown fields', () => {
  it.each(['status', 'dealerId', 'protectedUntil', 'version', 'id', 'submittedAt', 'decidedAt', 'outcome'])(
    'rejects a top-level %s',
    (field) => {
      expect(errorsOf(RegistrationInput, { ...validBody(), [field]: field === 'version' ? 7 : 'approved' })).toEqual([
        { path: `/${field}`, message: 'is not a field of this request' },
      ]);
    },
  );

  it('names each unknown field separately', () => {
    expect(pathsOf(RegistrationInput, { ...validBody(), status: 'approved', version: 9 })).toEqual(['/status', '/version']);
  });

  it('rejects __proto__ from JSON.parse at the top level and nested', () => {
    const top = JSON.parse(`{"__proto__":{"status":"approved"},${JSON.stringify(validBody()).slice(1)}`);
    expect(pathsOf(RegistrationInput, top)).toEqual(['/__proto__']);
    const nested = JSON.parse(JSON.stringify(validBody()).replace('"customer":{', '"customer":{"__proto__":{"x":1},'));
    expect(pathsOf(RegistrationInput, nested)).toEqual(['/customer/__proto__']);
  });

  it.each([
    [['customer', 'id'], '/customer/id'],
    [['contact', 'mobile'], '/contact/mobile'],
    [['products', 0, 'price'], '/products/0/price'],
    [['expectedValue', 'cents'], '/expectedValue/cents'],
  ])('rejects nested unknown field %j', (path, expectedPath) => {
    expect(pathsOf(RegistrationInput, withField(path, 1))).toEqual([expectedPath]);
  });
});

describe('RegistrationUpdate', () => {
  it('accepts a change of any one updatable field', () => {
    for (const update of [
      { stage: 'early' },
      { nextSteps: 'Call back' },
      { competitors: ['Rival AG'] },
      { expectedCloseDate: '2026-10-01' },
      { expectedValue: { amount: 5, currency: 'EUR' } },
      { products: [{ sku: 'PUMP-1', quantity: 3 }] },
      { contact: { name: 'Ben', email: 'ben@example.com' } },
    ]) {
      expect(RegistrationUpdate.parse(update)).toEqual(update);
    }
  });

  it('rejects a change of the customer (identity is fixed)', () => {
    expect(pathsOf(RegistrationUpdate, { customer: { name: 'Other GmbH' }, stage: 'late' })).toEqual(['/customer']);
    expect(pathsOf(RegistrationUpdate, { customer: { name: 'Other GmbH' } })).toContain('/customer');
  });

  it('rejects an empty object', () => {
    expect(errorsOf(RegistrationUpdate, {})).toEqual([{ path: '/', message: 'must change at least one field' }]);
  });

  it.each(['status', 'dealerId', 'version', 'protectedUntil'])('rejects %s', (field) => {
    expect(pathsOf(RegistrationUpdate, { stage: 'mid', [field]: 'x' })).toEqual([`/${field}`]);
  });

  it('validates the fields it has like RegistrationInput does', () => {
    expect(pathsOf(RegistrationUpdate, { products: [] })).toEqual(['/products']);
    expect(pathsOf(RegistrationUpdate, { expectedValue: { amount: -1, currency: 'EUR' } })).toEqual(['/expectedValue/amount']);
    expect(pathsOf(RegistrationUpdate, { expectedCloseDate: '2026-02-30' })).toEqual(['/expectedCloseDate']);
  });
});

describe('Outcome', () => {
  it('parses a minimal win and a win with an actual value', () => {
    expect(Outcome.parse({ result: 'won', closedOn: '2026-03-01' })).toEqual({ result: 'won', closedOn: '2026-03-01' });
    const withValue = { result: 'won', closedOn: '2026-03-01', actualValue: { amount: 1, currency: 'EUR' } };
    expect(Outcome.parse(withValue)).toEqual(withValue);
  });

  it('parses a loss with reason and competitor', () => {
    const lost = { result: 'lost', closedOn: '2026-03-01', lostReason: 'Price', competitor: 'Rival AG' };
    expect(Outcome.parse(lost)).toEqual(lost);
  });

  it.each([
    ['unknown result', { result: 'draw', closedOn: '2026-03-01' }, '/result'],
    ['no result', { closedOn: '2026-03-01' }, '/result'],
    ['lost without a reason', { result: 'lost', closedOn: '2026-03-01' }, '/lostReason'],
    ['lost with a blank reason', { result: 'lost', closedOn: '2026-03-01', lostReason: '  ' }, '/lostReason'],
    ['won with a lost reason', { result: 'won', closedOn: '2026-03-01', lostReason: 'x' }, '/lostReason'],
    [
      'lost with an actual value',
      { result: 'lost', closedOn: '2026-03-01', lostReason: 'x', actualValue: { amount: 1, currency: 'EUR' } },
      '/actualValue',
    ],
    ['won without closedOn', { result: 'won' }, '/closedOn'],
    ['won on a date that does not exist', { result: 'won', closedOn: '2026-02-30' }, '/closedOn'],
    [
      'won with a negative value',
      { result: 'won', closedOn: '2026-03-01', actualValue: { amount: -5, currency: 'EUR' } },
      '/actualValue/amount',
    ],
  ])('rejects %s', (_name, body, path) => {
    expect(pathsOf(Outcome, body)).toContain(path);
  });

  it('explains the discriminator', () => {
    expect(errorsOf(Outcome, { result: 'draw', closedOn: '2026-03-01' })).toEqual([
      { path: '/result', message: 'must be "won" or "lost"' },
    ]);
  });
});

describe('Decision', () => {
  it('accepts approve with and without a reason, and reject with one', () => {
    expect(Decision.parse({ decision: 'approve' })).toEqual({ decision: 'approve' });
    expect(Decision.parse({ decision: 'approve', reason: 'Clean' })).toEqual({ decision: 'approve', reason: 'Clean' });
    expect(Decision.parse({ decision: 'reject', reason: ' Duplicate ' })).toEqual({ decision: 'reject', reason: 'Duplicate' });
  });

  it.each([
    ['reject without a reason', { decision: 'reject' }, '/reason'],
    ['reject with a blank reason', { decision: 'reject', reason: '   ' }, '/reason'],
    ['a reason over 1000 characters', { decision: 'approve', reason: long(1001) }, '/reason'],
    ['an unknown decision', { decision: 'maybe' }, '/decision'],
    ['no decision', { reason: 'x' }, '/decision'],
    ['an unknown field', { decision: 'approve', protectionDays: 365 }, '/protectionDays'],
  ])('rejects %s', (_name, body, path) => {
    expect(pathsOf(Decision, body)).toContain(path);
  });

  it('says "is required" when a rejection has no reason', () => {
    expect(errorsOf(Decision, { decision: 'reject' })).toEqual([{ path: '/reason', message: 'is required' }]);
  });
});
