/**
 * The HTTP API's Lambda authorizer (simple responses): verifies the bearer token against the user pool's keys
 * (shared/http/bearer-token.ts) and hands its claims to the route function as `requestContext.authorizer.lambda`.
 * A refused token throws `Unauthorized`, which API Gateway answers with 401 like its JWT authorizer did.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { createRemoteJWKSet } from 'jose';
import { verifyBearerToken } from '../../shared/http/bearer-token.js';

const issuer = process.env.TOKEN_ISSUER ?? '';
const policy = { issuer, audiences: (process.env.TOKEN_AUDIENCES ?? '').split(',').filter(Boolean) };
// jose keeps the pool's keys between invocations and refetches them when a token names an unknown key id.
const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));

export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<Record<string, string>>> {
  const claims = await verifyBearerToken(event.headers?.authorization, keys, policy);
  if (!claims) throw new Error('Unauthorized');
  return { isAuthorized: true, context: claims };
}
