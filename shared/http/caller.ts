/** Who is calling, from the JWT claims that the API's authorizer (or the local server) verified. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type Caller, ROLES, type Role } from '../domain/caller.js';
import { Forbidden } from '../domain/errors.js';

/** The claim names of the Cognito user pool's custom attributes. */
export const CLAIMS = {
  dealerId: 'custom:dealer_id',
  regions: 'custom:regions',
  groups: 'cognito:groups',
  /** `admin` or `user`: a dealer user's role within its dealer. */
  dealerRole: 'custom:dealer_role',
} as const;

/** Most powerful first: a user in several groups acts in the highest one. */
const PRECEDENCE: readonly Role[] = ['channel_admin', 'finance', 'regional_director', 'partner_manager', 'dealer'];

/** API Gateway passes array claims as a string such as "[dealer admin]"; the local server passes arrays. */
export function parseList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The verified token's claims: from the Lambda authorizer in AWS (`authorizer.lambda`, bearer-token.ts), or as a JWT
 * authorizer passes them (`authorizer.jwt.claims`, the local server).
 */
export function claimsOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Record<string, unknown> {
  const authorizer = event.requestContext.authorizer as
    | { jwt?: { claims?: Record<string, unknown> }; lambda?: Record<string, unknown> }
    | undefined;
  return authorizer?.lambda ?? authorizer?.jwt?.claims ?? {};
}

export function callerFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = claimsOf(event);
  const groups = parseList(claims[CLAIMS.groups]);
  const role = PRECEDENCE.find((r) => groups.includes(r));
  if (!role || !ROLES.includes(role)) throw new Forbidden('The token carries no role of this API.');
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  const dealerId = typeof claims[CLAIMS.dealerId] === 'string' ? (claims[CLAIMS.dealerId] as string) : undefined;
  if (role === 'dealer' && !dealerId) throw new Forbidden('The dealer token carries no dealer id.');
  const regions = parseList(claims[CLAIMS.regions]);
  return {
    role,
    subject,
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    ...(role === 'dealer' ? { dealerId, dealerAdmin: claims[CLAIMS.dealerRole] === 'admin' } : {}),
    regions: role === 'partner_manager' || role === 'regional_director' ? regions : [],
  };
}
