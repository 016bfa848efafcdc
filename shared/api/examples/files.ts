/** Examples of the files area's routes (spread into EXAMPLES in ../examples.ts). */
import type { RouteExample } from '../examples.js';

const fileId = 'file_8Kd2Lq7Wm4Xz9Pb3Vn6Rt1Yc';
const declared = { purpose: 'proof', fileName: 'Messe Stuttgart Bericht.pdf', contentType: 'application/pdf', bytes: 482_113 };
const file = { fileId, ...declared, status: 'confirmed', createdAt: '2026-11-30T09:15:00.000Z', confirmedAt: '2026-11-30T09:16:02.000Z' };

export const fileExamples: Record<string, RouteExample> = {
  'POST /files': {
    request: declared,
    response: {
      fileId,
      uploadUrl:
        'https://dealer-channel-prod-files-111122223333-eu-central-1.s3.eu-central-1.amazonaws.com/dealers/dealer-alpine/' +
        `${fileId}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost` +
        '&x-amz-tagging=upload%3Dpending&X-Amz-Signature=3f1c…',
      uploadHeaders: { 'content-type': 'application/pdf', 'content-length': '482113' },
      expiresAt: '2026-11-30T09:30:00.000Z',
    },
  },
  'POST /files/{fileId}/confirm': { response: file },
  'GET /files/{fileId}': { response: file },
};
