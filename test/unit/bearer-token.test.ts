/**
 * The Lambda authorizer's token rules (shared/http/bearer-token.ts), and the handler itself against a JWKS served
 * on this machine the way Cognito serves the pool's keys: ID tokens of the listed clients and client-credentials
 * access tokens with one of the API's scopes pass with their claims; anything else is `Unauthorized`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBearerToken } from '../../shared/http/bearer-token.js';

const ISSUER_PATH = '/eu-central-1_pool';
let issuer: string;
let server: Server;
let sign: (claims: JWTPayload, options?: { issuer?: string; expiresIn?: number; key?: 'pool' | 'stranger' }) => Promise<string>;
let jwks: { keys: JWK[] };
let jwksFetches = 0;

beforeAll(async () => {
  const pool = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  jwks = { keys: [{ ...(await exportJWK(pool.publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  server = createServer((request, response) => {
    if (request.url !== `${ISSUER_PATH}/.well-known/jwks.json`) {
      response.writeHead(404).end();
      return;
    }
    jwksFetches++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${ISSUER_PATH}`;
  sign = async (claims, options = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(options.issuer ?? issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 3600))
      .sign(options.key === 'stranger' ? stranger.privateKey : pool.privateKey);
  };
  process.env.TOKEN_ISSUER = issuer;
  process.env.TOKEN_AUDIENCES = 'api-client-id,portal-client-id';
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const idToken = (extra: JWTPayload = {}) =>
  sign({ token_use: 'id', aud: 'portal-client-id', sub: 'user-1', 'cognito:groups': ['dealer'], 'custom:dealer_id': 'D-1', ...extra });
const crmToken = (extra: JWTPayload = {}) =>
  sign({ token_use: 'access', client_id: 'crm-client-7', scope: 'dealer-channel/registrations:read', sub: 'crm-client-7', ...extra });

describe('verifyBearerToken', () => {
  const verify = async (authorization: string | undefined) =>
    verifyBearerToken(authorization, createLocalJWKSet(jwks), { issuer, audiences: ['api-client-id', 'portal-client-id'] });

  it("passes the portal's ID token with its claims as API Gateway hands them over", async () => {
    const claims = await verify(`Bearer ${await idToken()}`);
    expect(claims).toMatchObject({ sub: 'user-1', 'cognito:groups': '[dealer]', 'custom:dealer_id': 'D-1', token_use: 'id' });
  });

  it("passes a CRM client's access token that carries one of the API's scopes", async () => {
    expect(await verify(`Bearer ${await crmToken()}`)).toMatchObject({ client_id: 'crm-client-7', token_use: 'access' });
  });

  it('refuses ID tokens of other clients, access tokens without an API scope, and tokens of no kind', async () => {
    expect(await verify(`Bearer ${await idToken({ aud: 'someone-elses-client' })}`)).toBeUndefined();
    // A portal user's own access token (openid scopes) is not an API credential.
    expect(await verify(`Bearer ${await crmToken({ scope: 'openid email profile', client_id: 'portal-client-id' })}`)).toBeUndefined();
    expect(await verify(`Bearer ${await crmToken({ client_id: undefined })}`)).toBeUndefined();
    expect(await verify(`Bearer ${await sign({ sub: 'x', aud: 'portal-client-id' })}`)).toBeUndefined();
  });

  it('refuses expired, foreign-issuer, forged and malformed tokens, and a missing header', async () => {
    expect(await verify(`Bearer ${await sign({ token_use: 'id', aud: 'portal-client-id' }, { expiresIn: -60 })}`)).toBeUndefined();
    expect(
      await verify(`Bearer ${await sign({ token_use: 'id', aud: 'portal-client-id' }, { issuer: 'https://evil.example' })}`),
    ).toBeUndefined();
    expect(await verify(`Bearer ${await sign({ token_use: 'id', aud: 'portal-client-id' }, { key: 'stranger' })}`)).toBeUndefined();
    const [header, , signature] = (await idToken()).split('.');
    const elevated = Buffer.from(
      JSON.stringify({ token_use: 'id', aud: 'portal-client-id', 'cognito:groups': ['channel_admin'] }),
    ).toString('base64url');
    expect(await verify(`Bearer ${header}.${elevated}.${signature}`)).toBeUndefined();
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${elevated}.`;
    expect(await verify(`Bearer ${unsigned}`)).toBeUndefined();
    expect(await verify('Bearer not-a-token')).toBeUndefined();
    expect(await verify(await idToken())).toBeUndefined();
    expect(await verify(undefined)).toBeUndefined();
  });
});

describe('the authorizer function', () => {
  const event = (authorization?: string) =>
    ({ type: 'REQUEST', routeKey: 'GET /registrations', headers: authorization ? { authorization } : {} }) as never;

  it("fetches the pool's keys, answers isAuthorized with the claims as context, and throws Unauthorized otherwise", async () => {
    const { handler } = await import('../../functions/authorizer/verify-bearer.js');
    const allowed = await handler(event(`Bearer ${await crmToken()}`));
    expect(allowed).toMatchObject({
      isAuthorized: true,
      context: { client_id: 'crm-client-7', scope: 'dealer-channel/registrations:read' },
    });
    expect(jwksFetches).toBeGreaterThan(0);
    await expect(handler(event(`Bearer ${await idToken({ aud: 'elsewhere' })}`))).rejects.toThrow(/^Unauthorized$/);
    await expect(handler(event())).rejects.toThrow(/^Unauthorized$/);
  });
});
