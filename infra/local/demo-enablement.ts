/**
 * Demo enablement content, through the same use cases the API runs: product descriptions and specs (plus one
 * early-access and one withdrawn product), an open-ended EUR price list from this year on with the program's base margins as tier
 * discounts, and sales assets — small generated PDFs declared, PUT to their presigned URLs and confirmed, as the
 * portal uploads them.
 */
import { products } from '../../shared/db/setup-repository.js';
import type { Caller } from '../../shared/domain/caller.js';
import { putAsset } from '../../shared/enablement/assets.js';
import { putPriceList } from '../../shared/enablement/price-lists.js';
import { confirmUpload } from '../../shared/files/confirm.js';
import { requestUpload } from '../../shared/files/upload.js';
import type { AssetInput } from '../../shared/schemas/enablement.js';
import type { Product } from '../../shared/schemas/setup.js';
import { DEMO } from './demo-data.js';

const ADMIN: Caller = { role: 'channel_admin', subject: 'demo-seed', email: 'channel.admin@manufacturer.example', regions: [] };

const DETAILS: Record<string, { description: string; specs: Record<string, string> }> = {
  'MX-200': {
    description: 'Three-axis vertical milling centre for job shops: compact, quick to set up, 24-tool changer.',
    specs: { Travel: '800 × 500 × 500 mm', Spindle: '12,000 rpm, 18 kW', 'Tool changer': '24 tools', Control: 'CNC 5000' },
  },
  'MX-500': {
    description: 'Five-axis simultaneous milling centre with a trunnion table for complex parts in one clamping.',
    specs: { Travel: '650 × 650 × 500 mm', Spindle: '18,000 rpm, 25 kW', 'Tool changer': '60 tools', Table: 'Ø 500 mm, 300 kg' },
  },
  'LT-300': {
    description: 'CNC lathe with driven tools and a Y axis for turn-mill work on bars up to 65 mm.',
    specs: { 'Turning diameter': '300 mm', 'Bar capacity': '65 mm', Spindle: '4,500 rpm, 15 kW', Turret: '12 stations, driven' },
  },
  'CB-900': {
    description: 'Custom-built machine to the customer’s specification: quoted per project by the application team.',
    specs: { 'Lead time': '16–24 weeks', Engineering: 'Included' },
  },
};

const EXTRA_PRODUCTS: (Omit<Product, 'updatedAt'> & { description: string })[] = [
  {
    sku: 'MX-700',
    name: 'MX-700 hybrid additive milling centre',
    productLine: 'milling',
    availability: 'early_access',
    description: 'Laser metal deposition and five-axis milling in one machine. Early access for Gold partners.',
    specs: { 'Build volume': 'Ø 500 × 400 mm', Laser: '3 kW diode', Spindle: '20,000 rpm' },
  },
  {
    sku: 'LT-100',
    name: 'LT-100 compact lathe',
    productLine: 'turning',
    availability: 'withdrawn',
    description: 'Succeeded by the LT-300.',
    specs: { 'Turning diameter': '180 mm' },
  },
];

/** List prices in euro cents. */
const LIST_PRICES: Record<string, number> = {
  'MX-200': 18_500_000,
  'MX-500': 42_000_000,
  'LT-300': 12_900_000,
  'CB-900': 95_000_000,
  'MX-700': 68_000_000,
};

/** A one-page PDF with a title and lines of text (Helvetica), its cross-reference table computed from the bytes. */
function simplePdf(title: string, lines: string[]): Buffer {
  const pdfText = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7E]/g, '?');
  const text = [
    `BT /F1 20 Tf 56 770 Td (${pdfText(title)}) Tj ET`,
    ...lines.map((line, i) => `BT /F1 12 Tf 56 ${730 - i * 20} Td (${pdfText(line)}) Tj ET`),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function uploadAsset(id: string, fileName: string, pdf: Buffer, input: Omit<AssetInput, 'fileId'>) {
  const upload = await requestUpload(ADMIN, { purpose: 'asset', fileName, contentType: 'application/pdf', bytes: pdf.length });
  const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.uploadHeaders, body: pdf });
  if (!put.ok) throw new Error(`demo asset upload: ${put.status} ${await put.text()}`);
  await confirmUpload(ADMIN, upload.fileId);
  await putAsset(id, { ...input, fileId: upload.fileId });
}

export async function seedDemoEnablement(now = new Date()): Promise<void> {
  const updatedAt = now.toISOString();
  for (const product of DEMO.products) await products.put({ ...product, ...DETAILS[product.sku], updatedAt });
  for (const product of EXTRA_PRODUCTS) await products.put({ ...product, updatedAt });

  const year = now.getUTCFullYear();
  await putPriceList(
    `${year}-EUR`,
    {
      currency: 'EUR',
      // Open-ended, so the demo keeps prices past New Year; a channel admin replaces it under the same id.
      validFrom: `${year}-01-01`,
      items: Object.entries(LIST_PRICES).map(([sku, amount]) => ({ sku, listPrice: { amount, currency: 'EUR' } })),
    },
    now,
  );

  for (const [sku, details] of Object.entries(DETAILS).filter(([sku]) => sku !== 'CB-900')) {
    const lines = Object.entries(details.specs).map(([name, value]) => `${name}: ${value}`);
    await uploadAsset(
      `datasheet-${sku.toLowerCase()}`,
      `${sku}-datasheet.pdf`,
      simplePdf(`${sku} datasheet`, [details.description, '', ...lines]),
      {
        title: `${sku} datasheet`,
        kind: 'datasheet',
        minimumTier: 'bronze',
        skus: [sku],
        language: 'en',
      },
    );
  }
  await uploadAsset(
    'presentation-milling-de',
    'Fraeszentren-Vertriebspraesentation.pdf',
    simplePdf('Fraeszentren: Vertriebspraesentation', ['MX-200 und MX-500 im Vergleich', 'Argumente, Referenzen, Finanzierung']),
    {
      title: 'Fräszentren: Vertriebspräsentation',
      kind: 'presentation',
      minimumTier: 'silver',
      skus: ['MX-200', 'MX-500'],
      language: 'de',
    },
  );
  await uploadAsset(
    'datasheet-mx-700',
    'MX-700-early-access.pdf',
    simplePdf('MX-700 early access', [EXTRA_PRODUCTS[0]?.description ?? '']),
    { title: 'MX-700 early-access brief', kind: 'datasheet', minimumTier: 'gold', skus: ['MX-700'], language: 'en' },
  );
}
