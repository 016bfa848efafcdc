/** The portal's reading of a price list CSV (rows and amounts), before the API's schema checks what it read. */
import { describe, expect, it } from 'vitest';
import { minorUnitsOf, parsePriceCsv } from '../../portal/src/features/enablement/components/price-csv.js';

describe('parsePriceCsv', () => {
  it('reads comma and semicolon files, quoted cells and a header in any column order', () => {
    expect(parsePriceCsv('\uFEFFsku,listPrice\r\nMX-200,1250.00\r\n"LT-300","9,50"\r\n')).toEqual([
      { sku: 'MX-200', price: '1250.00' },
      { sku: 'LT-300', price: '9,50' },
    ]);
    expect(parsePriceCsv('listPrice;name;sku\n12;"Mill ""XL""";MX-500\n\n')).toEqual([{ sku: 'MX-500', price: '12' }]);
  });

  it('takes the first two columns without a header, and keeps rows it cannot read for the schema to name', () => {
    expect(parsePriceCsv('MX-200,100\nonly-a-sku\n')).toEqual([
      { sku: 'MX-200', price: '100' },
      { sku: 'only-a-sku', price: '' },
    ]);
    expect(parsePriceCsv('')).toEqual([]);
  });
});

describe('minorUnitsOf', () => {
  it('converts major units with a point or a comma, no more decimals than the currency has', () => {
    expect(minorUnitsOf('1250.00', 2)).toBe(125_000);
    expect(minorUnitsOf('1250,5', 2)).toBe(125_050);
    expect(minorUnitsOf(' 7 ', 2)).toBe(700);
    expect(minorUnitsOf('1500', 0)).toBe(1500);
    expect(minorUnitsOf('0.1', 3)).toBe(100);
  });

  it('refuses what is not an amount: thousands separators, signs, too many decimals, letters, nothing', () => {
    for (const bad of ['1,250.00', '-5', '1.234', '12.5.0', 'abc', '', '1e3']) expect(minorUnitsOf(bad, 2), bad).toBeUndefined();
    expect(minorUnitsOf('1.5', 0)).toBeUndefined();
  });
});
