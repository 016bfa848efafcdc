/**
 * A local stand-in for the Cognito user pool: it signs ID tokens in Cognito's claim shape and verifies them the
 * way API Gateway's JWT authorizer does (signature, issuer, audience, expiry).
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../shared/api/routes.js';
import { CLAIMS } from '../../shared/http/caller.js';

export const LOCAL_ISSUER = 'https://local.dealer-channel.example/user-pool';
export const LOCAL_AUDIENCE = 'dealer-channel-local-client';
const ALGORITHM = 'RS256';

export interface TokenRequest {
  role: Role;
  dealerId?: string;
  regions?: string[];
  email?: string;
  /** A dealer user's role within its dealer (`admin` may manage the dealer's users and integrations). */
  dealerRole?: 'admin' | 'user';
  name?: string;
  subject?: string;
  /** Lifetime in seconds; negative values make an already expired token (for tests). */
  expiresIn?: number;
}

/** Cognito's custom attribute that marks a dealer's admins. */
export const DEALER_ROLE_CLAIM = CLAIMS.dealerRole;

export interface LocalIssuer {
  privateJwk: JWK;
  sign(request: TokenRequest): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
  /**
   * A verifier that also accepts tokens of another issuer signing with this key — the local OpenID provider, whose
   * issuer URL is its own address — as API Gateway's authorizer accepts the user pool's tokens for its client.
   */
  trusting(issuer: string): LocalIssuer;
}

export async function issuerFromJwk(privateJwk: JWK): Promise<LocalIssuer> {
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const publicKey = await importJWK(publicJwkOf(privateJwk), ALGORITHM);
  return issuerFromKeys(privateJwk, privateKey, publicKey, [LOCAL_ISSUER]);
}

/** The public half of the signing key, as a JWKS publishes it. */
export function publicJwkOf(privateJwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return publicJwk;
}

/** The claims of a Cognito ID token for the user (besides iss, aud, sub and times). */
export function cognitoClaims(request: TokenRequest): JWTPayload {
  return {
    [CLAIMS.groups]: [request.role],
    email: request.email ?? `${request.dealerId ?? request.role}@demo.dealer-channel.example`,
    token_use: 'id',
    'cognito:username': request.subject ?? `${request.role}-${request.dealerId ?? 'user'}`,
    ...(request.dealerId ? { [CLAIMS.dealerId]: request.dealerId } : {}),
    ...(request.regions?.length ? { [CLAIMS.regions]: request.regions.join(',') } : {}),
    ...(request.dealerRole ? { [DEALER_ROLE_CLAIM]: request.dealerRole } : {}),
    ...(request.name ? { name: request.name } : {}),
  };
}

type Key = Awaited<ReturnType<typeof importJWK>>;

function issuerFromKeys(privateJwk: JWK, privateKey: Key, publicKey: Key, acceptedIssuers: string[]): LocalIssuer {
  return {
    privateJwk,
    async sign(request) {
      const now = Math.floor(Date.now() / 1000);
      const claims = cognitoClaims(request);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid ?? 'local' })
        .setSubject(request.subject ?? randomUUID())
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + (request.expiresIn ?? 3600))
        .setJti(randomUUID())
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: acceptedIssuers,
        audience: LOCAL_AUDIENCE,
        algorithms: [ALGORITHM],
      });
      return payload;
    },
    trusting(issuer) {
      return issuerFromKeys(privateJwk, privateKey, publicKey, [...acceptedIssuers, issuer]);
    },
  };
}

export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALGORITHM };
}

/** The review links' HMAC secret of the local stack, kept beside the signing key so mailed links outlive restarts. */
export function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'review-token-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** The issuer of the local stack, with its key kept in the data folder so tokens outlive restarts. */
export async function persistentIssuer(dataDir: string): Promise<LocalIssuer> {
  const file = path.join(dataDir, 'local-signing-key.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(await newSigningKey()), { mode: 0o600 });
  }
  return issuerFromJwk(JSON.parse(readFileSync(file, 'utf8')) as JWK);
}
