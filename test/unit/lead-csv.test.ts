/** The portal's lead import: a CSV read and every row checked by the API's `LeadInput` before anything is sent. */
import { describe, expect, it } from 'vitest';
import { parseLeadCsv } from '../../portal/src/features/leads/hooks/lead-form.js';

const header = 'customerName,country,city,contactName,contactEmail,source,productLines,amount,currency';

describe('parseLeadCsv', () => {
  it('reads quoted cells, a byte order mark and CRLF into the API input (minor units, product lines split)', () => {
    const { rows, problems } = parseLeadCsv(
      `\uFEFF${header}\r\n"Saar Kala, AS",ee,Tallinn,Mari Tamm,mari@kala.example,Fair,"milling;turning",1250.5,EUR\r\n`,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        fields: expect.objectContaining({ customerName: 'Saar Kala, AS' }),
        input: {
          customer: { name: 'Saar Kala, AS', country: 'EE', city: 'Tallinn' },
          contact: { name: 'Mari Tamm', email: 'mari@kala.example' },
          interest: { productLines: ['milling', 'turning'] },
          source: 'Fair',
          expectedValue: { amount: 125_050, currency: 'EUR' },
        },
      },
    ]);
  });

  it('names every bad row by its line (the header is line 1) and column, and keeps only the good rows', () => {
    const { rows, problems } = parseLeadCsv(
      [
        header,
        'Good Ltd,MT,Valletta,Ann,ann@good.example,Web,,,',
        'Bad Mail Ltd,MT,Valletta,Ben,not-an-email,Web,,,',
        ',XX,Valletta,Cy,cy@x.example,Web,,12.5,EUR',
        'Minus Ltd,MT,Valletta,Dee,dee@x.example,Web,,-3,EUR',
      ].join('\n'),
    );
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(problems).toEqual(
      expect.arrayContaining([
        { line: 3, column: 'contactEmail', message: expect.any(String) },
        { line: 4, column: 'customerName', message: 'must not be blank' },
        { line: 4, column: 'country', message: expect.any(String) },
        { line: 5, column: 'amount', message: 'must not be negative' },
      ]),
    );
    expect(problems.every((p) => p.line >= 3)).toBe(true);
  });

  it('refuses a file whose header lacks a required column or names an unknown one, before reading rows', () => {
    const { rows, problems } = parseLeadCsv('customerName,country,city,contactName,email,source\nA,MT,V,B,b@x.example,Web\n');
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 1, column: 'email', message: 'is not a column of a lead' },
      { line: 1, column: 'contactEmail', message: 'is missing from the header' },
    ]);
    expect(parseLeadCsv(`${header}\n`).problems).toEqual([{ line: 2, column: '', message: 'the file has no rows' }]);
  });

  it('names a row with more values than columns, and a broken quote with its line', () => {
    expect(parseLeadCsv(`${header}\nA Ltd,MT,V,B,b@x.example,Web,,,,extra\n`).problems).toEqual([
      { line: 2, column: '', message: 'has 10 values for 9 columns' },
    ]);
    const broken = parseLeadCsv(`${header}\nA Ltd,MT,V,B,b@x.example,"Web,,,\n`);
    expect(broken.rows).toEqual([]);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]?.line).toBeGreaterThanOrEqual(2);
  });
});
