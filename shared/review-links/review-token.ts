/**
 * Review links carry a signed token instead of a login: HMAC-SHA256 over the registration, the recipient, the
 * purpose and the expiry. Single use is enforced at decision time by the registration's state (it must still
 * await that decision), not by the token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

export const ReviewPurpose = z.enum(['review', 'extension']);
export type ReviewPurpose = z.infer<typeof ReviewPurpose>;

const Claims = z.strictObject({
  registrationId: z.string().max(64),
  recipient: z.string().max(254),
  purpose: ReviewPurpose,
  /** Expiry, epoch milliseconds. */
  expiresAt: z.number().int(),
});
export type ReviewClaims = z.infer<typeof Claims>;

export type TokenCheck = { valid: true; claims: ReviewClaims } | { valid: false; reason: 'forged' | 'expired'; claims?: ReviewClaims };

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

export function signReviewToken(claims: ReviewClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export function verifyReviewToken(token: string, secret: string, now: Date): TokenCheck {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return { valid: false, reason: 'forged' };
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'forged' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { valid: false, reason: 'forged' };
  }
  const claims = Claims.safeParse(parsed);
  if (!claims.success) return { valid: false, reason: 'forged' };
  if (claims.data.expiresAt <= now.getTime()) return { valid: false, reason: 'expired', claims: claims.data };
  return { valid: true, claims: claims.data };
}
