/**
 * What `npm run import` brings in, per kind: the spreadsheet's columns, how a row becomes the API request that the
 * route's own zod schema validates, and which column each field of that request came from, so that an error names
 * the row and the column. Pure: reading files and calling the API live in tooling/import/.
 */
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { MAX_PRICE_LIST_ITEMS, PriceListInput } from '../schemas/enablement.js';
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
  /**
   * For kinds whose rows are parts of one request (a price list's items, a row each): joins the valid rows into
   * their requests, with errors for rows that contradict the others of their request.
   */
  combine?(parts: readonly ValidRow[]): { requests: (ImportRequest & { row: number })[]; errors: RowError[] };
  /** What one request is, for the summary (default: a row). */
  unit?: string;
}

/** A row that passed the schema: its number, cells and the body and id built from it. */
export interface ValidRow {
  row: number;
  cells: Row;
  body: unknown;
  id: string | undefined;
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

const PRICE_LIST_COLUMNS: Record<string, string> = {
  '/currency': 'currency',
  '/validFrom': 'validFrom',
  '/validTo': 'validTo',
  '/tierDiscountPercent/gold': 'goldDiscount',
  '/tierDiscountPercent/silver': 'silverDiscount',
  '/tierDiscountPercent/bronze': 'bronzeDiscount',
  '/tierDiscountPercent': 'goldDiscount',
  '/items/0/sku': 'sku',
  '/items/0/listPrice/currency': 'currency',
  '/items/0/listPrice': 'listPrice',
  '/items': 'sku',
};
const DISCOUNT_COLUMNS = { gold: 'goldDiscount', silver: 'silverDiscount', bronze: 'bronzeDiscount' } as const;
/** The list-level fields every row of one price list repeats, and the column each is written in. */
const LIST_FIELDS = { currency: 'currency', validFrom: 'validFrom', validTo: 'validTo', tierDiscountPercent: 'goldDiscount' } as const;

type PriceListBody = z.output<typeof PriceListInput>;

/** One row per SKU; the rows of one `priceListId` become one `PUT /price-lists/{id}` with every item. */
const priceListKind: ImportKind = {
  columns: ['priceListId', 'currency', 'validFrom', 'sku', 'listPrice', 'validTo', 'goldDiscount', 'silverDiscount', 'bronzeDiscount'],
  required: ['priceListId', 'currency', 'validFrom', 'sku', 'listPrice'],
  schema: PriceListInput,
  unit: 'price list',
  build(row) {
    const cellErrors: { column: string; message: string }[] = [];
    const id = optional(row.priceListId);
    if (!id) cellErrors.push({ column: 'priceListId', message: 'is required' });
    const currency = optional(row.currency)?.toUpperCase();
    const amount = minorUnits(row.listPrice, currency);
    if (typeof amount === 'string') cellErrors.push({ column: 'listPrice', message: 'must be an amount such as 1250 or 1250.50' });
    const discounts = Object.entries(DISCOUNT_COLUMNS).map(([tier, column]) => {
      const cell = optional(row[column]);
      if (cell !== undefined && !/^\d+(\.\d+)?$/.test(cell)) cellErrors.push({ column, message: 'must be a percentage such as 12.5' });
      return [tier, cell === undefined ? undefined : Number(cell)] as const;
    });
    const body = compact({
      currency,
      validFrom: optional(row.validFrom),
      validTo: optional(row.validTo),
      tierDiscountPercent: discounts.some(([, value]) => value !== undefined) ? Object.fromEntries(discounts) : undefined,
      items: [{ sku: optional(row.sku), listPrice: { amount: typeof amount === 'number' ? amount : undefined, currency } }],
    });
    return { body, ...(id ? { id } : {}), cellErrors };
  },
  request: (_row, body, id) => ({ method: 'PUT', path: `/price-lists/${encodeURIComponent(id ?? '')}`, body }),
  columnOf: (pointer) => PRICE_LIST_COLUMNS[pointer] ?? (pointer.startsWith('/items/0/listPrice/') ? 'listPrice' : pointer),
  combine(parts) {
    const errors: RowError[] = [];
    const lists = new Map<string, { head: ValidRow; body: PriceListBody; skus: Map<string, number> }>();
    for (const part of parts) {
      const body = part.body as PriceListBody;
      const item = body.items[0] as PriceListBody['items'][number];
      const id = part.id as string;
      const list = lists.get(id);
      if (!list) {
        lists.set(id, { head: part, body: { ...body, items: [item] }, skus: new Map([[item.sku, part.row]]) });
        continue;
      }
      const differing = (Object.keys(LIST_FIELDS) as (keyof typeof LIST_FIELDS)[]).find(
        (field) => JSON.stringify(body[field]) !== JSON.stringify(list.body[field]),
      );
      if (differing) {
        errors.push({ row: part.row, column: LIST_FIELDS[differing], message: `differs from row ${list.head.row} of price list ${id}` });
        continue;
      }
      const first = list.skus.get(item.sku);
      if (first !== undefined) {
        errors.push({ row: part.row, column: 'sku', message: `repeats row ${first} of price list ${id}` });
        continue;
      }
      if (list.body.items.length === MAX_PRICE_LIST_ITEMS) {
        errors.push({ row: part.row, column: 'sku', message: `price list ${id} holds at most ${MAX_PRICE_LIST_ITEMS} items` });
        continue;
      }
      list.skus.set(item.sku, part.row);
      list.body.items.push(item);
    }
    const requests = [...lists.values()].map(({ head, body }) => ({
      ...priceListKind.request(head.cells, { ...body, items: [...body.items].sort((a, b) => a.sku.localeCompare(b.sku)) }, head.id),
      row: head.row,
    }));
    return { requests, errors };
  },
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
  'price-list': priceListKind,
} satisfies Record<string, ImportKind>;

export type ImportKindName = keyof typeof IMPORT_KINDS;
