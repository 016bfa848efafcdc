/** Examples of the enablement area's routes (spread into EXAMPLES in ../examples.ts). */
import type { RouteExample } from '../examples.js';

const at = '2026-11-30T09:15:00.000Z';
const page = <T>(item: T) => ({ items: [item] });
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const product = {
  sku: 'MX-200',
  name: 'MX-200 milling centre',
  productLine: 'milling',
  description: 'Three-axis vertical milling centre for small batches.',
  availability: 'published',
};
const priceListInput = {
  currency: 'EUR',
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
  tierDiscountPercent: { gold: 18, silver: 15, bronze: 12 },
  items: [
    { sku: 'MX-200', listPrice: eur(18_900_000) },
    { sku: 'LT-300', listPrice: eur(12_450_000) },
  ],
};
const priceList = { id: 'eur-2027', ...priceListInput, updatedAt: at };
const assetInput = {
  title: 'MX-200 datasheet',
  kind: 'datasheet',
  fileId: 'file_8Kd2Lq7Wm4Xz9Pb3Vn6Rt1Yc',
  minimumTier: 'bronze',
  skus: ['MX-200'],
  productLines: ['milling'],
  language: 'de',
};
const asset = {
  id: 'mx-200-datasheet-de',
  ...assetInput,
  fileName: 'MX-200 Datenblatt.pdf',
  contentType: 'application/pdf',
  bytes: 482_113,
  updatedAt: at,
};

export const enablementExamples: Record<string, RouteExample> = {
  'GET /catalog': { response: page(product) },
  'GET /catalog/{sku}': { response: { ...product, specs: { 'Spindle speed': '12,000 rpm', 'Travel X/Y/Z': '800/500/500 mm' } } },
  'PUT /price-lists/{priceListId}': { request: priceListInput, response: priceList },
  'GET /price-lists/{priceListId}': { response: priceList },
  'GET /price-lists': {
    response: page({
      id: 'eur-2027',
      currency: 'EUR',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      tierDiscountPercent: priceListInput.tierDiscountPercent,
      itemCount: 2,
      updatedAt: at,
    }),
  },
  'GET /price-list': {
    response: {
      priceListId: 'eur-2027',
      currency: 'EUR',
      tier: 'silver',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      items: [{ sku: 'MX-200', name: 'MX-200 milling centre', listPrice: eur(18_900_000), discountPercent: 15, netPrice: eur(16_065_000) }],
    },
  },
  'PUT /assets/{assetId}': { request: assetInput, response: asset },
  'GET /assets/{assetId}': { response: asset },
  'GET /assets': { response: page(asset) },
  'GET /assets/{assetId}/download': {
    response: {
      url:
        'https://dealer-channel-prod-files-111122223333-eu-central-1.s3.eu-central-1.amazonaws.com/manufacturer/' +
        'file_8Kd2Lq7Wm4Xz9Pb3Vn6Rt1Yc?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=9ab2…',
      expiresAt: '2026-11-30T09:20:00.000Z',
    },
  },
  'GET /support': {
    response: {
      tier: 'silver',
      kind: 'shared_partner_manager',
      name: 'Petra Maier',
      email: 'pm.dach@manufacturer.example',
      phone: '+49 711 555 0100',
    },
  },
};
