/**
 * Table grants of every route's function, approved against expectations written here — not derived from the route
 * table's `table` field, so that a route that declares more access than it needs fails until someone approves it
 * here — and the rule that a read (GET/HEAD) route holds no table-wide PutItem, UpdateItem, DeleteItem or
 * BatchWriteItem: only writes conditioned on the keys (and attributes) of what it records.
 *
 * Reads every template of the synthesized app (nested stacks included) and finds each route's role by its
 * description (the route key), so it holds whichever stack a route's function lives in.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineApp } from '../../infra/dealer-channel-app.js';
import { routeKey, routes } from '../../shared/api/routes.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

const READ = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const LOGIN_COUNTER = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOGIN#*', 'DEALER#*#KPI'] } };
const READ_RECORDS = {
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REG#*'] },
  'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['PK', 'SK', 'entity', 'at', 'action', 'actor'] },
};

/**
 * What each route's function needs, by reading its handler: `table` its unconditioned table actions; `logins` the
 * portal-login counter (dealer-facing routes that do not write anyway); `reads` the read-record writes.
 */
type Grant = { table: 'none' | 'read' | 'write'; logins?: true; reads?: true; files?: { objects: string[]; bucket?: string[] } };
const none: Grant = { table: 'none' };
const read: Grant = { table: 'read' };
const write: Grant = { table: 'write' };
const dealerRead: Grant = { table: 'read', logins: true };
/** Bucket actions, approved here: signing an upload, confirming one (HEAD, retag, delete a mismatch), signing a download. */
const UPLOAD = { objects: ['s3:PutObject', 's3:PutObjectTagging'] };
const CONFIRM = { objects: ['s3:DeleteObject', 's3:GetObject', 's3:PutObjectTagging'], bucket: ['s3:ListBucket'] };
const DOWNLOAD = { objects: ['s3:GetObject'] };
const EXPECTED: Record<string, Grant> = {
  'GET /health': none,
  'GET /openapi.json': none,
  'PUT /program': write,
  'GET /program': read,
  'PUT /regions/{regionId}': write,
  'GET /regions/{regionId}': read,
  'GET /regions': read,
  'PUT /dealers/{dealerId}': write,
  'GET /dealers/{dealerId}': read,
  'GET /dealers': read,
  'GET /dealer-directory': read,
  'PUT /products/{sku}': write,
  'GET /products/{sku}': read,
  'GET /products': read,
  'GET /catalog': dealerRead,
  'PUT /rules/territories/{territoryId}': write,
  'GET /rules/territories/{territoryId}': read,
  'GET /rules/territories': read,
  'PUT /rules/named-accounts/{accountId}': write,
  'GET /rules/named-accounts/{accountId}': read,
  'GET /rules/named-accounts': read,
  'PUT /rules/direct': write,
  'GET /rules/direct': read,
  'POST /registrations': write,
  'GET /registrations': dealerRead,
  'GET /registrations/{id}': { table: 'read', logins: true, reads: true },
  'GET /registrations/{id}/history': { table: 'read', logins: true, reads: true },
  'PATCH /registrations/{id}': write,
  'POST /registrations/{id}/withdraw': write,
  'POST /registrations/{id}/outcome': write,
  'POST /registrations/{id}/decision': write,
  'POST /registrations/{id}/extensions': write,
  'POST /registrations/{id}/extensions/decision': write,
  'GET /review/{token}': read,
  'HEAD /review/{token}': none,
  'POST /review/{token}': write,
  'GET /conflicts': read,
  'GET /conflicts/{id}': read,
  'POST /conflicts/{id}/resolve': write,
  'POST /conflicts/{id}/escalate': write,
  'GET /forecast': read,
  'GET /forecast/deals': read,
  'GET /forecast/accuracy': read,
  'POST /kpi-inputs/revenue': write,
  'POST /kpi-inputs/training': write,
  'POST /kpi-inputs/marketing': write,
  'POST /kpi-inputs/support': write,
  'POST /kpi-inputs/satisfaction': write,
  'GET /dealers/{dealerId}/scorecard': dealerRead,
  'GET /dealers/{dealerId}/tier-history': dealerRead,
  'POST /dealers/{dealerId}/improvement-plans': write,
  'GET /dealers/{dealerId}/improvement-plans': dealerRead,
  'PUT /funds/budgets/{period}': write,
  'GET /funds/budgets/{period}': read,
  'GET /funds': dealerRead,
  'GET /funds/ledger': read,
  'POST /fund-requests': write,
  'GET /fund-requests': dealerRead,
  'GET /fund-requests/{id}': dealerRead,
  'POST /fund-requests/{id}/decision': write,
  'POST /fund-requests/{id}/claims': write,
  'GET /fund-claims': read,
  'GET /fund-claims/{id}': dealerRead,
  'GET /fund-claims/{id}/proof': { ...dealerRead, files: DOWNLOAD },
  'POST /fund-claims/{id}/decision': write,
  'POST /fund-claims/{id}/paid': write,
  'GET /reviews': { table: 'read', reads: true },
  'POST /files': { table: 'write', files: UPLOAD },
  'POST /files/{fileId}/confirm': { table: 'write', files: CONFIRM },
  'GET /files/{fileId}': dealerRead,
  'POST /api-clients': write,
  'GET /api-clients': dealerRead,
  'DELETE /api-clients/{clientId}': write,
  'POST /webhooks': write,
  'GET /webhooks': dealerRead,
  'DELETE /webhooks/{id}': write,
  'POST /webhooks/{id}/secret': write,
  'GET /webhooks/{id}/deliveries': dealerRead,
  'GET /dealers/{dealerId}/business-reviews/{quarter}': dealerRead,
  'POST /dealers/{dealerId}/business-reviews/{quarter}': write,
  'POST /leads': write,
  'GET /leads': dealerRead,
  'GET /leads/{id}': dealerRead,
  'POST /leads/{id}/accept': write,
  'POST /leads/{id}/decline': write,
  'POST /leads/{id}/convert': write,
  'POST /leads/{id}/route': write,
  'GET /catalog/{sku}': dealerRead,
  'PUT /price-lists/{priceListId}': write,
  'GET /price-lists/{priceListId}': read,
  'GET /price-lists': read,
  'GET /price-list': dealerRead,
  'PUT /assets/{assetId}': write,
  'GET /assets/{assetId}': dealerRead,
  'GET /assets': dealerRead,
  // The download counter lives in the dealer's KPI partition: covered by the dealer routes' KPI-counter grant.
  'GET /assets/{assetId}/download': { table: 'read', logins: true, files: DOWNLOAD },
  'GET /support': dealerRead,
  'POST /partner-applications': write,
  'GET /partner-applications': read,
  'POST /partner-applications/{id}/decision': write,
  'PUT /agreements/{version}': write,
  'GET /agreements': read,
  'GET /agreements/current': dealerRead,
  'POST /agreements/{version}/accept': write,
  'GET /agreements/{version}/acceptances': read,
  'GET /dealers/{dealerId}/users': dealerRead,
  'POST /dealers/{dealerId}/users': write,
  'POST /dealers/{dealerId}/users/{userId}/disable': write,
  'PUT /training/modules/{moduleId}': write,
  'GET /training/modules/{moduleId}': dealerRead,
  'GET /training/modules': dealerRead,
  'POST /training/completions': write,
  'POST /training/modules/{moduleId}/attempts': write,
  'GET /community/questions': dealerRead,
  'POST /community/questions': write,
  'GET /community/questions/{questionId}': dealerRead,
  'POST /community/questions/{questionId}/answers': write,
  'POST /community/questions/{questionId}/hide': write,
  'POST /community/answers/{answerId}/hide': write,
  'GET /outbox/dead-letters': read,
  'POST /outbox/dead-letters/{id}/replay': write,
};

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };
type Resource = { Type: string; Properties: Record<string, any> };

let outdir: string;
/** Route key → the DynamoDB statements of its function's role. */
const tableStatements = new Map<string, Statement[]>();
/** Route key → the S3 statements of its function's role. */
const bucketStatements = new Map<string, Statement[]>();

beforeAll(() => {
  const tmp = path.join(REPO_ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  outdir = mkdtempSync(path.join(tmp, 'cdk-grants-'));
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: object };
  const app = new App({
    outdir,
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      stage: 'test',
      mailDomain: 'dealer-channel.test',
      portalDist: 'test/infra/fixtures/portal-dist',
      webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/test/1',
    },
  });
  defineApp(app);
  app.synth();
  const keys = new Set(routes.map(routeKey));
  for (const stack of app.node.findAll().filter((c): c is Stack => Stack.isStack(c))) {
    const template = JSON.parse(readFileSync(path.join(outdir, stack.templateFile), 'utf8')) as { Resources?: Record<string, Resource> };
    const resources = Object.entries(template.Resources ?? {});
    for (const [roleId, role] of resources) {
      const key = role.Properties?.Description as string | undefined;
      if (role.Type !== 'AWS::IAM::Role' || !key || !keys.has(key)) continue;
      const all = resources
        .filter(([, p]) => p.Type === 'AWS::IAM::Policy' && (p.Properties.Roles as { Ref?: string }[]).some((r) => r.Ref === roleId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
      const of = (service: string) =>
        all.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a) => a.startsWith(service)));
      tableStatements.set(key, [...(tableStatements.get(key) ?? []), ...of('dynamodb:')]);
      bucketStatements.set(key, [...(bucketStatements.get(key) ?? []), ...of('s3:')]);
    }
  }
}, 120_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const sorted = (actions: string[]) => [...new Set(actions)].sort();

describe('route grants on the table', () => {
  it('has an approved expectation for every route, and none for routes that do not exist', () => {
    const keys = routes.map(routeKey);
    expect(keys.filter((k) => !(k in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !keys.includes(k))).toEqual([]);
    expect([...tableStatements.keys()].length).toBeGreaterThan(0);
  });

  it.each(routes.map(routeKey).filter((k) => k in EXPECTED))('%s: exactly the approved table access', (key) => {
    const expected = EXPECTED[key] as Grant;
    const statements = tableStatements.get(key) ?? [];
    for (const s of statements) expect(s.Effect).toBe('Allow');
    const unconditioned = sorted(statements.filter((s) => !s.Condition).flatMap(actionsOf));
    expect(unconditioned).toEqual({ none: [], read: READ, write: sorted([...READ, ...WRITE]) }[expected.table]);
    const conditioned = statements
      .filter((s) => s.Condition)
      .map((s) => ({ actions: sorted(actionsOf(s)), condition: s.Condition }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const approved = [
      ...(expected.logins ? [{ actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], condition: LOGIN_COUNTER }] : []),
      ...(expected.reads ? [{ actions: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem'], condition: READ_RECORDS }] : []),
    ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(conditioned).toEqual(approved);
  });

  it.each(routes.map(routeKey).filter((k) => k in EXPECTED))('%s: exactly the approved bucket access', (key) => {
    const expected = (EXPECTED[key] as Grant).files;
    const statements = bucketStatements.get(key) ?? [];
    for (const s of statements) expect(s.Effect).toBe('Allow');
    // Object actions on the objects (`<bucket arn>/*`), ListBucket on the bucket itself, nothing with a wildcard action.
    const onObjects = statements.filter((s) => JSON.stringify(s.Resource).includes('/*'));
    const onBucket = statements.filter((s) => !JSON.stringify(s.Resource).includes('/*'));
    expect(sorted(onObjects.flatMap(actionsOf))).toEqual(expected?.objects ?? []);
    expect(sorted(onBucket.flatMap(actionsOf))).toEqual(expected?.bucket ?? []);
  });

  it.each(routes.filter((r) => r.method === 'GET' || r.method === 'HEAD').map(routeKey))(
    '%s (a read route): no delete, and no write on the whole table',
    (key) => {
      const statements = tableStatements.get(key) ?? [];
      const writes = statements.filter((s) => actionsOf(s).some((a) => WRITE.includes(a) || a === 'dynamodb:*'));
      expect(writes.flatMap(actionsOf)).not.toContain('dynamodb:DeleteItem');
      for (const s of writes) {
        // Every write a read route holds is limited to leading keys of what it records (LOGIN#, DEALER#…#KPI, REG#).
        expect(s.Condition, `${key}: ${actionsOf(s).join(', ')} without a key condition`).toBeDefined();
        const leading = (s.Condition?.['ForAllValues:StringLike'] as Record<string, string[]> | undefined)?.['dynamodb:LeadingKeys'] ?? [];
        expect(leading.length).toBeGreaterThan(0);
        expect(leading.filter((k) => !['LOGIN#*', 'DEALER#*#KPI', 'REG#*'].includes(k))).toEqual([]);
        // Registration partitions hold the registration itself: only history-shaped items may be written there.
        if (leading.includes('REG#*'))
          expect(s.Condition?.['ForAllValues:StringEquals']).toEqual(READ_RECORDS['ForAllValues:StringEquals']);
        if (leading.includes('REG#*')) expect(actionsOf(s).filter((a) => a === 'dynamodb:UpdateItem')).toEqual([]);
      }
    },
  );
});
