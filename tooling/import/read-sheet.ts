/** A spreadsheet's first sheet as text cells by column name: XLSX through exceljs, CSV through csv-parse. */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { SheetRow } from '../../shared/import/validate-rows.js';

export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, formulas by their result, rich text and links by text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText((value.result ?? '') as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

async function readXlsx(file: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const header = ((sheet.getRow(1).values as ExcelJS.CellValue[]) ?? []).slice(1).map((v) => cellText(v).trim());
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = Object.fromEntries(header.map((column, index) => [column, cellText(row.getCell(index + 1).value).trim()]));
    if (Object.values(cells).some((v) => v !== '')) rows.push({ number, cells });
  });
  return { header, rows };
}

async function readCsv(file: string): Promise<Sheet> {
  const records = parse(await readFile(file), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  const [header = [], ...body] = records;
  return {
    header,
    rows: body.map((values, index) => ({
      number: index + 2,
      cells: Object.fromEntries(header.map((column, i) => [column, values[i] ?? ''])),
    })),
  };
}

export function readSheet(file: string): Promise<Sheet> {
  if (/\.xlsx$/i.test(file)) return readXlsx(file);
  if (/\.csv$/i.test(file)) return readCsv(file);
  throw new Error(`${file}: give a .csv or .xlsx file`);
}
