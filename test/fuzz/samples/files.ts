/** Fuzz samples of the files area (spread into SAMPLES): a declaration, and a pending upload that arrived. */
import { declareAndPut } from '../../support/files.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const proof = { purpose: 'proof', fileName: 'Messe Bericht.pdf', contentType: 'application/pdf', bytes: 512 };
const arrived = (ctx: FuzzContext) => declareAndPut(ctx.t.tokens.dealer, { ...proof, purpose: 'proof' });

export const fileSamples: Record<string, Sample> = {
  'POST /files': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, body: { kind: 'json', value: proof } }) },
  'POST /files/{fileId}/confirm': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { fileId: await arrived(ctx) } }),
  },
  'GET /files/{fileId}': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { fileId: await arrived(ctx) } }) },
};
