/**
 * A price list's rows from a CSV file, read in the browser: columns `sku` and `listPrice` (major units), comma or
 * semicolon separated (spreadsheets in German or Dutch write semicolons), quoted cells, an optional header row.
 */
export interface PriceRow {
  sku: string;
  /** The list price as written, in major units (1250.00 or 1250,00). */
  price: string;
}

function cellsOf(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

export function parsePriceCsv(text: string): PriceRow[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const first = lines[0] ?? '';
  const separator = first.includes(';') && !first.includes(',') ? ';' : ',';
  const rows = lines.map((line) => cellsOf(line, separator));
  const header = rows[0]?.map((cell) => cell.toLowerCase());
  const skuColumn = header?.indexOf('sku') ?? -1;
  const priceColumn = header?.findIndex((cell) => cell === 'listprice' || cell === 'list price' || cell === 'price') ?? -1;
  if (skuColumn >= 0 && priceColumn >= 0) {
    return rows.slice(1).map((cells) => ({ sku: cells[skuColumn] ?? '', price: cells[priceColumn] ?? '' }));
  }
  return rows.map((cells) => ({ sku: cells[0] ?? '', price: cells[1] ?? '' }));
}

/**
 * A price in major units as minor units of `digits` decimals: digits with an optional decimal point or comma and no
 * more decimals than the currency has; anything else (thousands separators, signs, letters) is undefined.
 */
export function minorUnitsOf(price: string, digits: number): number | undefined {
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(price.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}
