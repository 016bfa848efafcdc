import { describe, expect, it } from 'vitest';
import { registrableDomain } from '../../shared/domain/customer-identity.js';
import { fieldErrors } from '../../shared/http/problem.js';
import { Email } from '../../shared/schemas/common.js';
import { Website } from '../../shared/schemas/customer-keys.js';
import { RegistrationInput } from '../../shared/schemas/registration.js';
import { NamedAccountInput } from '../../shared/schemas/rules.js';

const body = (customer: Record<string, unknown>) => ({
  customer: { name: 'Müller Maschinenbau GmbH', country: 'DE', city: 'München', ...customer },
  contact: { name: 'Anna Schmidt', email: 'anna@mueller.example' },
  products: [{ sku: 'PUMP-1', quantity: 1 }],
  expectedValue: { amount: 100, currency: 'EUR' },
  expectedCloseDate: '2027-06-30',
});

function vatProblems(country: string, vatId: string) {
  const result = RegistrationInput.safeParse(body({ country, vatId }));
  return result.success ? [] : fieldErrors(result.error.issues);
}

describe('Website', () => {
  it.each([
    'http://müller.de',
    'https://www.müller-bau.de/kontakt?x=1',
    'bücherstube.at',
    'http://xn--mller-kva.de',
    'https://shop.ärzte.example.co.uk:8443/',
    'https://www.örebro-plåt.se',
  ])('accepts %j, stored as written', (site) => {
    expect(Website.parse(site)).toBe(site);
  });

  it.each([
    'http://müller .de',
    'ftp://müller.de',
    'https://user:secret@mueller.de',
    'http://-mueller-.de',
    'http://münchen',
    'javascript:alert(1)',
    `https://${'ü'.repeat(250)}.de`,
  ])('rejects %j', (site) => {
    expect(Website.safeParse(site).success).toBe(false);
  });

  it('matches an international domain in its punycode form', () => {
    expect(registrableDomain('http://müller.de')).toBe('xn--mller-kva.de');
    expect(registrableDomain('https://www.MÜLLER.de/x')).toBe(registrableDomain('xn--mller-kva.de'));
  });
});

describe('Email', () => {
  it('accepts an international domain and stores it in punycode', () => {
    expect(Email.parse('anna@müller.de')).toBe('anna@xn--mller-kva.de');
    expect(Email.parse('j.kowalski@łódź-stal.pl')).toBe('j.kowalski@xn--d-stal-9wa54d0p.pl');
  });

  it('leaves an ASCII address exactly as written', () => {
    expect(Email.parse('Anna.Schmidt@Mueller.EXAMPLE')).toBe('Anna.Schmidt@Mueller.EXAMPLE');
  });

  it.each(['anna@müller', 'anna@mül ler.de', 'anna@', '@müller.de', `anna@${'ü'.repeat(250)}.de`])('rejects %j', (email) => {
    expect(Email.safeParse(email).success).toBe(false);
  });

  it('reports an invalid international address at the contact field', () => {
    const result = RegistrationInput.safeParse({ ...body({}), contact: { name: 'Anna', email: 'anna@mül ler.de' } });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!.issues).map((e) => e.path)).toEqual(['/contact/email']);
  });
});

describe('customer tax id', () => {
  it.each([
    ['DE', 'DE136695976'],
    ['DE', '136 695 976'],
    ['FI', 'FI20774740'],
    ['FI', '2077474-0'],
    ['HU', 'HU12892312'],
    ['HU', '12892312-2-41'],
    ['NO', 'NO 974 760 673 MVA'],
    ['NO', '974760673'],
    ['US', '04-2103594'],
    ['CH', 'CHE-116.281.710 MWST'],
    ['FR', '303 265 045'],
    ['SE', '556188-8404'],
    ['GR', 'EL 094259216'],
    ['AT', 'U13585627'],
    ['NL', 'NL 0044.95.445.B01'],
    ['AT', 'DE 136 695 976'],
    ['DE', 'USt-IdNr. DE136695976'],
    ['CZ', 'IČO 25123891'],
    ['US', 'EIN 04-2103594'],
  ])('accepts a valid id for %s written %j', (country, vatId) => {
    expect(vatProblems(country, vatId)).toEqual([]);
  });

  it.each([
    ['DE', 'DE136695975', 'German VAT Number'],
    ['DE', '136695975', 'German VAT Number'],
    ['FI', '2077474-1', 'Finnish VAT Number'],
    ['NO', '974 760 674 MVA', 'Norwegian Organization Number'],
    ['CH', 'CHE-116.281.711', 'Swiss Business Identifier'],
  ])('refuses a wrong check digit for %s in %j, naming /customer/vatId', (country, vatId, kind) => {
    const problems = vatProblems(country, vatId);
    expect(problems.map((p) => p.path)).toEqual(['/customer/vatId']);
    expect(problems[0]!.message).toContain(kind);
    expect(problems[0]!.message).toContain('check digit');
  });

  it('refuses an EIN with a prefix the IRS never assigns', () => {
    const problems = vatProblems('US', '00-2103594');
    expect(problems.map((p) => p.path)).toEqual(['/customer/vatId']);
    expect(problems[0]!.message).toContain('Employer Identification Number');
  });

  it('refuses a prefixed id of the wrong length', () => {
    const problems = vatProblems('DE', 'DE 1234 5678');
    expect(problems.map((p) => p.path)).toEqual(['/customer/vatId']);
    expect(problems[0]!.message).toContain('length');
  });

  it.each([
    ['DE', '143/815/08150', 'a German Steuernummer, not a VAT id'],
    ['GB', '12345678', 'a Companies House number'],
    ['JP', '1234567890123', 'a country without a validator here'],
    ['CA', 'CA123456789RT0001', 'a prefix no validator here reads'],
  ])('accepts %s %j (%s): no validator refuses what it does not know', (country, vatId) => {
    expect(vatProblems(country, vatId)).toEqual([]);
  });

  it('checks named accounts the same way', () => {
    const account = (vatId: string) => ({ customer: { name: 'Weber AG', country: 'DE', vatId }, owner: { direct: true } });
    expect(NamedAccountInput.safeParse(account('DE136695976')).success).toBe(true);
    const result = NamedAccountInput.safeParse(account('DE136695975'));
    expect(fieldErrors(result.error!.issues).map((e) => e.path)).toEqual(['/customer/vatId']);
  });
});
