import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { isManager } from '../../shared/domain/caller.js';
import { Forbidden } from '../../shared/domain/errors.js';
import { callerFrom, parseList } from '../../shared/http/caller.js';

/** An API Gateway HTTP API event carrying `claims` from its JWT authorizer (only what callerFrom reads is real). */
function eventWith(claims: Record<string, unknown> | undefined): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: 'GET /registrations',
    rawPath: '/registrations',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: 'GET', path: '/registrations', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: 'GET /registrations',
      stage: '$default',
      time: '10/Mar/2026:14:30:15 +0000',
      timeEpoch: 1_773_153_015_000,
      ...(claims === undefined ? {} : { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } }),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('parseList', () => {
  it.each([
    ['[dealer admin]', ['dealer', 'admin']],
    ['[dealer]', ['dealer']],
    ['[]', []],
    ['', []],
    ['dealer', ['dealer']],
    ['a,b', ['a', 'b']],
    ['a, b ,c', ['a', 'b', 'c']],
    ['a,,b,', ['a', 'b']],
  ])('parses the string %j', (value, expected) => {
    expect(parseList(value)).toEqual(expected);
  });

  it('takes arrays as they are', () => {
    expect(parseList(['dealer', 'finance'])).toEqual(['dealer', 'finance']);
    expect(parseList([])).toEqual([]);
  });

  it.each([undefined, null, 42, true, { a: 1 }])('gives an empty list for %j', (value) => {
    expect(parseList(value)).toEqual([]);
  });
});

describe('callerFrom', () => {
  it("reads the Lambda authorizer's context (AWS) as it reads the JWT claims (the local server)", () => {
    const claims = { sub: 'user-2', 'cognito:groups': '[partner_manager]', 'custom:regions': '[DACH BENELUX]' };
    const viaLambda = eventWith(undefined);
    (viaLambda.requestContext as unknown as { authorizer: unknown }).authorizer = { lambda: claims };
    expect(callerFrom(viaLambda)).toEqual(callerFrom(eventWith(claims)));
    expect(callerFrom(viaLambda)).toMatchObject({ role: 'partner_manager', regions: ['DACH', 'BENELUX'] });
  });

  it('makes a dealer from "[dealer]" and the dealer id claim', () => {
    const caller = callerFrom(
      eventWith({ sub: 'user-1', email: 'd@example.com', 'cognito:groups': '[dealer]', 'custom:dealer_id': 'dealer-7' }),
    );
    expect(caller).toEqual({
      role: 'dealer',
      subject: 'user-1',
      email: 'd@example.com',
      dealerId: 'dealer-7',
      dealerAdmin: false,
      regions: [],
    });
    expect(isManager(caller)).toBe(false);
  });

  it("marks the dealer's admin by custom:dealer_role, and only a dealer", () => {
    const claims = { sub: 'u', 'cognito:groups': '[dealer]', 'custom:dealer_id': 'dealer-7' };
    expect(callerFrom(eventWith({ ...claims, 'custom:dealer_role': 'admin' })).dealerAdmin).toBe(true);
    expect(callerFrom(eventWith({ ...claims, 'custom:dealer_role': 'user' })).dealerAdmin).toBe(false);
    expect(callerFrom(eventWith({ ...claims, 'custom:dealer_role': 'Admin' })).dealerAdmin).toBe(false);
    expect(
      callerFrom(eventWith({ sub: 'u', 'cognito:groups': ['channel_admin'], 'custom:dealer_role': 'admin' })).dealerAdmin,
    ).toBeUndefined();
  });

  it('accepts groups as an array (local server)', () => {
    expect(callerFrom(eventWith({ sub: 'u', 'cognito:groups': ['finance'] })).role).toBe('finance');
  });

  it.each([
    ['no dealer id', {}],
    ['an empty dealer id', { 'custom:dealer_id': '' }],
    ['a numeric dealer id', { 'custom:dealer_id': 7 }],
  ])('refuses a dealer with %s', (_name, extra) => {
    expect(() => callerFrom(eventWith({ sub: 'u', 'cognito:groups': '[dealer]', ...extra }))).toThrow(Forbidden);
  });

  it.each([
    ['no groups claim', { sub: 'u' }],
    ['an empty group list', { sub: 'u', 'cognito:groups': '[]' }],
    ['only unknown groups', { sub: 'u', 'cognito:groups': '[admin users Dealer]' }],
    ['a group name in another case', { sub: 'u', 'cognito:groups': ['CHANNEL_ADMIN'] }],
  ])('refuses a token with %s', (_name, claims) => {
    expect(() => callerFrom(eventWith(claims))).toThrow(Forbidden);
  });

  it('refuses an event without an authorizer', () => {
    expect(() => callerFrom(eventWith(undefined))).toThrow(Forbidden);
  });

  it.each([
    ['[dealer partner_manager]', 'partner_manager'],
    ['[partner_manager regional_director]', 'regional_director'],
    ['[regional_director finance]', 'finance'],
    ['[dealer finance channel_admin]', 'channel_admin'],
    ['[channel_admin finance regional_director partner_manager dealer]', 'channel_admin'],
    ['[admin dealer]', 'dealer'],
  ])('in groups %s acts as %s', (groups, role) => {
    expect(callerFrom(eventWith({ sub: 'u', 'cognito:groups': groups, 'custom:dealer_id': 'dealer-1' })).role).toBe(role);
  });

  it('does not require a dealer id from a user who also is a dealer but acts in a higher role', () => {
    const caller = callerFrom(eventWith({ sub: 'u', 'cognito:groups': '[dealer partner_manager]', 'custom:regions': 'dach' }));
    expect(caller.role).toBe('partner_manager');
    expect(caller).not.toHaveProperty('dealerId');
  });

  it.each([
    ['a,b', ['a', 'b']],
    ['[a b]', ['a', 'b']],
    ['dach', ['dach']],
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
  ])("reads managers' regions from custom:regions %j", (regions, expected) => {
    for (const group of ['partner_manager', 'regional_director']) {
      const caller = callerFrom(eventWith({ sub: 'm', 'cognito:groups': `[${group}]`, 'custom:regions': regions }));
      expect(caller.regions).toEqual(expected);
      expect(isManager(caller)).toBe(true);
    }
  });

  it('gives a manager without a regions claim no regions', () => {
    expect(callerFrom(eventWith({ sub: 'm', 'cognito:groups': '[partner_manager]' })).regions).toEqual([]);
  });

  it.each(['dealer', 'finance', 'channel_admin'])('gives a %s no regions even when the claim is there', (group) => {
    const caller = callerFrom(
      eventWith({ sub: 'u', 'cognito:groups': `[${group}]`, 'custom:dealer_id': 'dealer-1', 'custom:regions': 'a,b' }),
    );
    expect(caller.regions).toEqual([]);
  });

  it('leaves out a missing email and keeps the subject', () => {
    const caller = callerFrom(eventWith({ sub: 'abc-123', 'cognito:groups': '[finance]' }));
    expect(caller).toEqual({ role: 'finance', subject: 'abc-123', regions: [] });
    expect(caller).not.toHaveProperty('email');
  });

  it('never sets a dealerId for a non-dealer role', () => {
    const caller = callerFrom(eventWith({ sub: 'u', 'cognito:groups': '[channel_admin]', 'custom:dealer_id': 'dealer-1' }));
    expect(caller).not.toHaveProperty('dealerId');
  });
});
