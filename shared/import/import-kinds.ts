/**
 * What `npm run import` brings in, per kind: the spreadsheet's columns, how a row becomes the API request that the
 * route's own zod schema validates, and which column each field of that request came from, so that an error names
 * the row and the column. Pure: reading files and calling the API live in tooling/import/.
 */
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { RegistrationInput } from '../schemas/registration.js';
import { DealerInput, ProductInput, RegionInput } from '../schemas/setup.js';

export type Row = Record<string, string>;

export interface ImportRequest {
  method: 'PUT' | 'POST';
  path: string;
  body: unknown;
  /** Derived from the row's content: a re-run sends the same key, so the API answers the first result. */
  idempotencyKey?: string;
  /** Set for registrations imported on behalf of several dealers (a local run mints a token per dealer). */
  dealerId?: string;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportKind {
  /** The columns, required ones first; others are optional. */
  columns: readonly string[];
  required: readonly string[];
  schema: z.ZodType;
  /** The request body before validation, with errors for cells that could not even be read. */
  build(row: Row): { body: unknown; id?: string; cellErrors: { column: string; message: string }[] };
  request(row: Row, body: unknown, id: string | undefined): ImportRequest;
  /** The column a field of the body came from (a JSON Pointer into the body). */
  columnOf(pointer: string): string;
}

const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
const list = (value: string | undefined) =>
  optional(value)
    ?.split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
const compact = (object: Record<string, unknown>) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

/** Major units as written in a spreadsheet (`400000`, `400000.50`) to the currency's minor units. */
function minorUnits(value: string | undefined, currency: string | undefined): number | string | undefined {
  const text = optional(value);
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text)) return text;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: currency ?? 'EUR' }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown currency is reported on its own column.
  }
  return Math.round(Number(text) * 10 ** digits);
}

const slugColumn = (column: string) => (pointer: string) =>
  pointer === '' || pointer === '/' ? column : (pointer.split('/')[1] ?? column);

const setupKind = (
  collection: string,
  idColumn: string,
  schema: z.ZodType,
  columns: readonly string[],
  required: readonly string[],
  toBody: (row: Row) => Record<string, unknown>,
): ImportKind => ({
  columns: [idColumn, ...columns],
  required: [idColumn, ...required],
  schema,
  build: (row) => ({
    body: compact(toBody(row)),
    id: optional(row[idColumn]),
    cellErrors: optional(row[idColumn]) ? [] : [{ column: idColumn, message: 'is required' }],
  }),
  request: (_row, body, id) => ({ method: 'PUT', path: `/${collection}/${encodeURIComponent(id ?? '')}`, body }),
  columnOf: slugColumn(idColumn),
});

const PRODUCT_CELL = /^\s*([^:\s]+)\s*:\s*(\d+)\s*$/;

const REGISTRATION_COLUMNS: Record<string, string> = {
  '/customer/name': 'customerName',
  '/customer/country': 'customerCountry',
  '/customer/city': 'customerCity',
  '/customer/postalCode': 'customerPostalCode',
  '/customer/vatId': 'customerVatId',
  '/customer/website': 'customerWebsite',
  '/customer/segment': 'customerSegment',
  '/customer': 'customerName',
  '/contact/name': 'contactName',
  '/contact/email': 'contactEmail',
  '/contact/phone': 'contactPhone',
  '/contact/role': 'contactRole',
  '/products': 'products',
  '/expectedValue/amount': 'expectedValue',
  '/expectedValue/currency': 'currency',
  '/expectedValue': 'expectedValue',
  '/expectedCloseDate': 'expectedCloseDate',
  '/stage': 'stage',
  '/competitors': 'competitors',
  '/nextSteps': 'nextSteps',
};

export const IMPORT_KINDS = {
  regions: setupKind(
    'regions',
    'regionId',
    RegionInput,
    ['name', 'countries', 'partnerManagerEmail', 'regionalDirectorEmail', 'language'],
    ['name', 'countries', 'partnerManagerEmail', 'regionalDirectorEmail'],
    (row) => ({
      name: optional(row.name),
      countries: list(row.countries) ?? [],
      partnerManagerEmail: optional(row.partnerManagerEmail),
      regionalDirectorEmail: optional(row.regionalDirectorEmail),
      language: optional(row.language),
    }),
  ),
  dealers: setupKind(
    'dealers',
    'dealerId',
    DealerInput,
    ['name', 'regionId', 'email', 'status', 'language'],
    ['name', 'regionId', 'email'],
    (row) => ({
      name: optional(row.name),
      regionId: optional(row.regionId),
      email: optional(row.email),
      status: optional(row.status) ?? 'active',
      language: optional(row.language),
    }),
  ),
  products: setupKind('products', 'sku', ProductInput, ['name', 'productLine'], ['name', 'productLine'], (row) => ({
    name: optional(row.name),
    productLine: optional(row.productLine),
  })),
  registrations: {
    columns: [
      'customerName',
      'customerCountry',
      'customerCity',
      'contactName',
      'contactEmail',
      'products',
      'expectedValue',
      'currency',
      'expectedCloseDate',
      'customerPostalCode',
      'customerVatId',
      'customerWebsite',
      'customerSegment',
      'contactPhone',
      'contactRole',
      'stage',
      'competitors',
      'nextSteps',
      'dealerId',
    ],
    required: [
      'customerName',
      'customerCountry',
      'customerCity',
      'contactName',
      'contactEmail',
      'products',
      'expectedValue',
      'currency',
      'expectedCloseDate',
    ],
    schema: RegistrationInput,
    build(row) {
      const cellErrors: { column: string; message: string }[] = [];
      const products = (list(row.products) ?? []).map((cell) => {
        const match = PRODUCT_CELL.exec(cell);
        if (!match) cellErrors.push({ column: 'products', message: `"${cell}" is not SKU:quantity (e.g. MX-200:2)` });
        return { sku: match?.[1] ?? cell, quantity: Number(match?.[2] ?? 0) };
      });
      const currency = optional(row.currency)?.toUpperCase();
      const amount = minorUnits(row.expectedValue, currency);
      if (typeof amount === 'string')
        cellErrors.push({ column: 'expectedValue', message: 'must be an amount such as 400000 or 400000.50' });
      const body = compact({
        customer: compact({
          name: optional(row.customerName),
          country: optional(row.customerCountry)?.toUpperCase(),
          city: optional(row.customerCity),
          postalCode: optional(row.customerPostalCode),
          vatId: optional(row.customerVatId),
          website: optional(row.customerWebsite),
          segment: optional(row.customerSegment),
        }),
        contact: compact({
          name: optional(row.contactName),
          email: optional(row.contactEmail),
          phone: optional(row.contactPhone),
          role: optional(row.contactRole),
        }),
        products,
        expectedValue: { amount: typeof amount === 'number' ? amount : undefined, currency },
        expectedCloseDate: optional(row.expectedCloseDate),
        stage: optional(row.stage),
        competitors: list(row.competitors),
        nextSteps: optional(row.nextSteps),
      });
      return { body, cellErrors };
    },
    request(row, body) {
      const dealerId = optional(row.dealerId);
      return {
        method: 'POST',
        path: '/registrations',
        body,
        idempotencyKey: `import-${createHash('sha256').update(JSON.stringify({ dealerId, body })).digest('base64url')}`,
        ...(dealerId ? { dealerId } : {}),
      };
    },
    columnOf: (pointer) => {
      const exact = REGISTRATION_COLUMNS[pointer];
      if (exact) return exact;
      const prefix = Object.keys(REGISTRATION_COLUMNS)
        .filter((p) => pointer.startsWith(`${p}/`))
        .sort((a, b) => b.length - a.length)[0];
      return prefix ? (REGISTRATION_COLUMNS[prefix] as string) : pointer;
    },
  },
} satisfies Record<string, ImportKind>;

export type ImportKindName = keyof typeof IMPORT_KINDS;
