/** Shared builders for the unit tests: plain data, no I/O. */
import type { StoredRegistration } from '../../shared/domain/registration.js';
import type { RegistrationInput } from '../../shared/schemas/registration.js';
import { Program } from '../../shared/schemas/setup.js';

const PRODUCT_LINES = new Map([
  ['PUMP-1', 'pumps'],
  ['PUMP-2', 'pumps'],
  ['VALVE-9', 'valves'],
  ['ACC-3', 'accessories'],
]);

export const catalog = { productLineOf: (sku: string) => PRODUCT_LINES.get(sku) };

/** SPEC defaults, reporting in EUR, with a rate for USD only. */
export const program = (overrides: Record<string, unknown> = {}): Program => Program.parse({ fxRates: { USD: 0.92 }, ...overrides });

/** A registration input as the schema would hand it over (already parsed). */
export const input = (overrides: Partial<RegistrationInput> = {}): RegistrationInput => ({
  customer: { name: 'Müller Maschinenbau GmbH', country: 'DE', city: 'München', postalCode: '80331', vatId: 'DE123456789' },
  contact: { name: 'Anna Schmidt', email: 'anna.schmidt@mueller.example' },
  products: [
    { sku: 'VALVE-9', quantity: 2 },
    { sku: 'PUMP-1', quantity: 1 },
  ],
  expectedValue: { amount: 40_000_000, currency: 'EUR' },
  expectedCloseDate: '2026-09-30',
  stage: 'mid',
  ...overrides,
});

export const SUBMITTED_AT = '2026-03-02T09:15:00.000Z';

/** A stored registration in `status`, submitted at SUBMITTED_AT. */
export const stored = (overrides: Partial<StoredRegistration> = {}): StoredRegistration => ({
  ...input(),
  id: 'reg_0123456789abcdefghijAB',
  dealerId: 'dealer-1',
  regionId: 'dach',
  productLines: ['pumps', 'valves'],
  status: 'submitted',
  submittedAt: SUBMITTED_AT,
  updatedAt: SUBMITTED_AT,
  version: 1,
  ...overrides,
});
