/**
 * The signature of a webhook delivery: HMAC-SHA256 under the webhook's secret over `<timestamp>.<body>`, sent as
 * `Dealer-Channel-Signature: t=<unix seconds>,v1=<hex>`; while a rotated secret's overlap lasts, one `v1` per
 * secret (the new one first). A receiver accepts a delivery when one `v1` matches and `t` is recent.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'dealer-channel-signature';
/** How long a receiver should accept a timestamp: older deliveries may be replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

const hmac = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export function signatureHeader(body: string, timestamp: number, secrets: readonly string[]): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(',');
}

/** What a receiver does (documented in README and the API description; used by the tests' receiver). */
export function verifySignature(header: string, body: string, secret: string, nowSeconds: number): boolean {
  const parts = header.split(',').map((part) => part.trim().split('=', 2) as [string, string]);
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return parts.some(([name, value]) => {
    if (name !== 'v1' || !/^[0-9a-f]{64}$/.test(value ?? '')) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
}
