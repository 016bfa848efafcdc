/** Fixtures of the enablement tests: a dealer's tier set as a tier run would, products, price lists and assets. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { call, uniqueId } from './api.js';
import { uploadedFile } from './files.js';

const stack = inject('stack');
const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: stack.dynamoDbUrl,
    region: stack.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

/** The dealer's current tier, as the tier evaluation stores it. */
export async function setTier(dealerId: string, tier: 'gold' | 'silver' | 'bronze') {
  await table.send(
    new PutCommand({
      TableName: stack.tableName,
      Item: {
        PK: `DEALER#${dealerId}#TIER`,
        SK: 'CURRENT',
        GSI1PK: 'TIERS',
        GSI1SK: dealerId,
        entity: 'current-tier',
        dealerId,
        tier,
        quarter: '2026-Q3',
      },
    }),
  );
}

async function ok(response: Promise<{ status: number; text: string; body: any }>, what: string) {
  const answer = await response;
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${answer.text}`);
  return answer.body;
}

export async function product(admin: string, availability: 'published' | 'early_access' | 'withdrawn', name = 'Machine') {
  const sku = uniqueId('SKU');
  await ok(
    call('PUT', `/products/${sku}`, {
      token: admin,
      body: { name: `${name} ${sku}`, productLine: 'milling', availability, description: 'A machine', specs: { Spindle: '12,000 rpm' } },
    }),
    'PUT product',
  );
  return sku;
}

/** A currency nobody else's tests use, so its price lists never overlap theirs (one per currency and date). */
const CURRENCIES = Intl.supportedValuesOf('currency').filter((c) => !['EUR', 'USD', 'GBP', 'CHF'].includes(c));
export const privateCurrency = () => CURRENCIES[Math.floor(Math.random() * CURRENCIES.length)] as string;
/**
 * A year of its own, for the same reason (fixture lists end with their year, so they never block a later one). The
 * fuzz suite stores thousands of lists in the shared stack; 7,800 years × ~300 currencies keep a collision with
 * one of them below 0.1 % per list (800 years made it ~1 %, which failed a clean-clone run).
 */
export const privateYear = () => 2100 + Math.floor(Math.random() * 7800);

export async function asset(admin: string, body: Record<string, unknown>) {
  const fileId = await uploadedFile(admin, { purpose: 'asset', fileName: 'datasheet.pdf', bytes: 3000 });
  const id = uniqueId('asset');
  await ok(call('PUT', `/assets/${id}`, { token: admin, body: { title: 'Datasheet', kind: 'datasheet', fileId, ...body } }), 'PUT asset');
  return id;
}
