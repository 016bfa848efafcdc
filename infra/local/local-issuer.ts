/**
 * A local stand-in for the Cognito user pool: it signs ID tokens in Cognito's claim shape and verifies them the
 * way API Gateway's JWT authorizer does (signature, issuer, audience, expiry).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
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
  subject?: string;
  /** Lifetime in seconds; negative values make an already expired token (for tests). */
  expiresIn?: number;
}

export interface LocalIssuer {
  privateJwk: JWK;
  sign(request: TokenRequest): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
}

export async function issuerFromJwk(privateJwk: JWK): Promise<LocalIssuer> {
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  return {
    privateJwk,
    async sign(request) {
      const now = Math.floor(Date.now() / 1000);
      const claims: JWTPayload = {
        [CLAIMS.groups]: [request.role],
        email: request.email ?? `${request.dealerId ?? request.role}@demo.dealer-channel.example`,
        token_use: 'id',
        'cognito:username': request.subject ?? `${request.role}-${request.dealerId ?? 'user'}`,
        ...(request.dealerId ? { [CLAIMS.dealerId]: request.dealerId } : {}),
        ...(request.regions?.length ? { [CLAIMS.regions]: request.regions.join(',') } : {}),
      };
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
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: [ALGORITHM],
      });
      return payload;
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
