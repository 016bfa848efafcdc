/**
 * Assertions on the synthesized CDK stack. The app is built once, in-process, exactly as `infra/app.ts` builds it
 * (defineApp, with cdk.json's context and cdk-nag registered), but without bundling the Lambda code.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineApp } from '../../infra/dealer-channel-app.js';
import { pascalCase, routeConstructId } from '../../infra/constructs/names.js';
import { REPO_ROOT, type DealerChannelStack } from '../../infra/stack.js';
import { ROLES, type RouteDefinition, routeKey, routes } from '../../shared/api/routes.js';
import { schedules } from '../../shared/api/schedules.js';
import { projectedAttributes, tableDesign } from '../../shared/db/table-design.js';
import { CLAIMS } from '../../shared/http/caller.js';

const STAGE = 'test';
const MAIL_FROM = 'no-reply@dealer-channel.example';
const SECRET_NAME = `dealer-channel-${STAGE}-review-token-key`;
/** Table access (SPEC §6: no Scan on any request path). */
const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** Channel-admin setup modules: they write configuration and never send mail or publish events. */
const SETUP_ENTRY = /^functions\/(setup|rules|partner-program)\//;
/**
 * Who delivers the outbox (SES + PutEvents + the review-link key): routes that write the table and change
 * registrations or conflicts. GETs that write only record reads and never decide; HEAD answers mail scanners.
 */
const deliversOutbox = (r: RouteDefinition) =>
  r.table === 'write' && r.method !== 'GET' && r.method !== 'HEAD' && !SETUP_ENTRY.test(r.entry);
/** The review-link key: mails carry signed links; the review page (not its HEAD) verifies them. */
const readsReviewKey = (r: RouteDefinition) => deliversOutbox(r) || (r.path.startsWith('/review/') && r.method !== 'HEAD');
/**
 * Lambda functions that CDK adds on its own (LogRetention, custom-resource providers…). None: log groups are
 * explicit LogGroup resources with a retention, and the stack uses no custom resources.
 */
const CDK_HELPER_FUNCTIONS = 0;

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: string[] };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown; Principal?: unknown };

let outdir: string;
let app: App;
let stack: DealerChannelStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  const tmp = path.join(REPO_ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  outdir = mkdtempSync(path.join(tmp, 'cdk-test-'));
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: object };
  app = new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], stage: STAGE } });
  stack = defineApp(app);
  template = Template.fromStack(stack); // synthesizes once; cdk-nag runs as a validation plugin here
  resources = template.toJSON().Resources as Record<string, Resource>;
}, 60_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalIdOf = (value: unknown): string => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = v.Ref ?? v['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`Not a reference: ${JSON.stringify(value)}`);
  return id;
};
const actionsOf = (statement: { Action: string | string[] }) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
/** One (action, resource) pair per action and resource of each statement: robust to how IAM merges statements. */
const grantsOf = (statements: Statement[]) =>
  statements.flatMap((s) => {
    expect(s.Effect).toBe('Allow');
    const targets = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
    return actionsOf(s).flatMap((action) => targets.map((resource) => ({ action, resource })));
  });
/** The resources on which the statements allow `action`. */
const resourcesOf = (statements: Statement[], action: string) =>
  grantsOf(statements)
    .filter((g) => g.action === action)
    .map((g) => g.resource);
/** The actions of a service (`ses`, `dynamodb`…) that the statements allow. */
const serviceActions = (statements: Statement[], service: string) =>
  [...new Set(grantsOf(statements).map((g) => g.action).filter((a) => a.startsWith(`${service}:`)))].sort();

const onlyId = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]![0];
};
const tableArn = () => ({ 'Fn::GetAtt': [onlyId('AWS::DynamoDB::GlobalTable'), 'Arn'] });
/** `arn:<partition>:<service>:<region>:<account>:<rest...>` as CloudFormation renders it. */
const accountArn = (service: string, first: string, ...rest: unknown[]) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${first}`, ...rest]],
});
/** `arn:aws:ses:<region>:<account>:identity/<mailFrom>`, through the EmailIdentity (Ref = the address). */
const sesIdentityArn = () => accountArn('ses', 'identity/', { Ref: onlyId('AWS::SES::EmailIdentity') });
/** `arn:aws:ssm:<region>:<account>:parameter/aws/reference/secretsmanager/<secretName>`. */
const secretReferenceArn = () => accountArn('ssm', `parameter/aws/reference/secretsmanager/${SECRET_NAME}`);

/** A function's role and the statements of the policies attached to it. */
function permissionsOf(functionId: string) {
  const fn = resources[functionId]!;
  expect(fn.Type).toBe('AWS::Lambda::Function');
  const roleId = logicalIdOf(fn.Properties.Role);
  const statements = ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => logicalIdOf(r) === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  return { fn, roleId, statements };
}

/** Route → integration → function → role → the role's policy statements, followed through the template. */
function wiring(route: RouteDefinition) {
  const found = ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.RouteKey === routeKey(route));
  expect(found, routeKey(route)).toHaveLength(1);
  const [routeId, apiRoute] = found[0]!;
  const target = apiRoute.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
  expect(target['Fn::Join'][1][0]).toBe('integrations/');
  const integration = resources[target['Fn::Join'][1][1].Ref]!;
  expect(integration.Type).toBe('AWS::ApiGatewayV2::Integration');
  const functionId = logicalIdOf(integration.Properties.IntegrationUri);
  return { routeId, apiRoute, integration, functionId, ...permissionsOf(functionId) };
}

/** Schedule → EventBridge rule → its one target → the job function, its role and policy statements. */
function jobWiring(schedule: (typeof schedules)[number]) {
  const found = ofType('AWS::Events::Rule').filter(([id]) => id.startsWith(`Jobs${pascalCase(schedule.name)}Rule`));
  expect(found, schedule.name).toHaveLength(1);
  const [ruleId, rule] = found[0]!;
  const targets = rule.Properties.Targets as Record<string, any>[];
  expect(targets).toHaveLength(1);
  const functionId = logicalIdOf(targets[0]!.Arn);
  return { ruleId, rule, target: targets[0]!, functionId, ...permissionsOf(functionId) };
}

describe('DynamoDB single table', () => {
  it('has the key schema, GSIs, TTL, billing and encryption of shared/db/table-design.ts', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: tableDesign.partitionKey, AttributeType: 'S' },
        { AttributeName: tableDesign.sortKey, AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: tableDesign.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: projectedAttributes(index)
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...(projectedAttributes(index) ?? [])] }
          : { ProjectionType: 'ALL' },
      })),
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: tableDesign.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' }, // AWS-managed key (aws/dynamodb)
    });
    const [, table] = ofType('AWS::DynamoDB::GlobalTable')[0]!;
    for (const index of tableDesign.indexes) {
      for (const name of [index.partitionKey, index.sortKey]) {
        expect(table.Properties.AttributeDefinitions).toContainEqual({ AttributeName: name, AttributeType: 'S' });
      }
    }
  });

  it('has point-in-time recovery, and deletion protection + RETAIN outside dev', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });
});

describe('Cognito', () => {
  it('is an admin-managed, email sign-in pool with a strong password policy and threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: CLAIMS.dealerId.replace('custom:', ''), AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: CLAIMS.regions.replace('custom:', ''), AttributeDataType: 'String', Mutable: true }),
      ]),
      DeletionProtection: 'ACTIVE',
    });
  });

  it('has one group per API role', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', ROLES.length);
    for (const role of ROLES) template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
  });

  it('has a public client whose ID tokens carry the custom attributes, which users cannot change', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      ReadAttributes: Match.arrayWith([CLAIMS.dealerId, CLAIMS.regions]),
      AllowedOAuthFlowsUserPoolClient: false, // no hosted UI, no OAuth redirects
      AllowedOAuthFlows: Match.absent(),
    });
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    const writable = client.Properties.WriteAttributes as string[];
    expect(writable.length).toBeGreaterThan(0); // an empty list would mean Cognito's default
    expect(writable.filter((a) => a.startsWith('custom:'))).toEqual([]);
  });
});

describe('HTTP API', () => {
  it('has one JWT authorizer on the user pool, with the client as audience', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const [, authorizer] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    const [poolId] = ofType('AWS::Cognito::UserPool')[0]!;
    const [clientId] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    expect(authorizer.Properties.JwtConfiguration).toEqual({
      Audience: [{ Ref: clientId }],
      Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: poolId }]] },
    });
  });

  it('has an explicit $default stage with JSON access logs and throttling', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.anyValue() },
    });
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    expect(resources[logicalIdOf(stage.Properties.AccessLogSettings.DestinationArn)]!.Type).toBe('AWS::Logs::LogGroup');
  });

  it('has exactly the routes of the route table', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    expect(keys.sort()).toEqual(routes.map(routeKey).sort());
  });

  const authorizerId = () => ofType('AWS::ApiGatewayV2::Authorizer')[0]![0];
  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: route → Lambda integration, authorizer', (_, route) => {
    const { routeId, apiRoute, integration } = wiring(route);
    expect(routeId.startsWith(`Api${routeConstructId(route)}Route`)).toBe(true);
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    if (route.auth === 'jwt') {
      expect(apiRoute.Properties.AuthorizationType).toBe('JWT');
      expect(apiRoute.Properties.AuthorizerId).toEqual({ Ref: authorizerId() });
    } else {
      expect(apiRoute.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      expect(apiRoute.Properties.AuthorizerId).toBeUndefined();
    }
  });
});

describe('Lambda functions', () => {
  it('are one per route and one per schedule (plus the CDK helper functions, none)', () => {
    template.resourceCountIs('AWS::Lambda::Function', routes.length + schedules.length + CDK_HELPER_FUNCTIONS);
    expect(ofType('AWS::CloudFormation::CustomResource')).toEqual([]);
    expect(Object.values(resources).filter((r) => r.Type.startsWith('Custom::'))).toEqual([]);
  });

  it('all run nodejs24.x on arm64 with tracing: routes 512 MB for 10 s', () => {
    for (const route of routes) {
      const { functionId, fn } = wiring(route);
      expect(fn.Properties, functionId).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('each has its own role and its own log group', () => {
    const functions = ofType('AWS::Lambda::Function').map(([, fn]) => fn);
    const roles = functions.map((fn) => logicalIdOf(fn.Properties.Role));
    const logGroups = functions.map((fn) => logicalIdOf(fn.Properties.LoggingConfig.LogGroup));
    expect(new Set(roles).size).toBe(functions.length);
    expect(new Set(logGroups).size).toBe(functions.length);
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: handler, environment, logs, table grant', (_, route) => {
    const { functionId, fn, statements } = wiring(route);
    expect(functionId.startsWith(`Api${routeConstructId(route)}Function`)).toBe(true);
    expect(fn.Properties.Handler).toBe(`index.${route.handler}`);
    expect(Object.keys(fn.Properties.Environment.Variables as object)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS', 'MAIL_FROM', 'EVENT_BUS_NAME', 'PUBLIC_BASE_URL']),
    );
    expect(fn.Properties.Environment.Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'dealer-channel',
      NODE_OPTIONS: '--enable-source-maps',
      EVENT_BUS_NAME: { Ref: onlyId('AWS::Events::EventBus') },
    });

    const logGroup = resources[logicalIdOf(fn.Properties.LoggingConfig.LogGroup)]!;
    expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });

    // Exactly the route table's access, on the table and its indexes only.
    const unconditioned = statements.filter((s) => !s.Condition);
    const expected = { none: [], read: READ_ACTIONS, write: [...READ_ACTIONS, ...WRITE_ACTIONS] }[route.table];
    expect(serviceActions(unconditioned, 'dynamodb')).toEqual([...expected].sort());
    for (const action of expected) {
      expect(resourcesOf(unconditioned, action), action).toEqual([tableArn(), { 'Fn::Join': ['', [tableArn(), '/index/*']] }]);
    }
    // Dealers' routes count portal logins: writes on the login keys only, even where the route is read-only.
    const loginGrants = statements.filter((s) => s.Condition);
    if (route.roles.includes('dealer') && route.table !== 'write') {
      expect(loginGrants).toEqual([
        expect.objectContaining({
          Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
          Resource: tableArn(),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOGIN#*', 'DEALER#*#KPI'] } },
        }),
      ]);
    } else {
      expect(loginGrants).toEqual([]);
    }
    // No managed policies; logs only to the function's own log group.
    const [, role] = ofType('AWS::IAM::Role').find(([id]) => id === logicalIdOf(fn.Properties.Role))!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
    expect(logs.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [logicalIdOf(fn.Properties.LoggingConfig.LogGroup), 'Arn'] }]);
  });

  it('no function may Scan the table, or use a wildcard action', () => {
    const policies = ofType('AWS::IAM::Policy');
    expect(policies.length).toBeGreaterThanOrEqual(routes.length + schedules.length);
    const actions = policies.flatMap(([, p]) => (p.Properties.PolicyDocument.Statement as Statement[]).flatMap(actionsOf));
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /scan/i.test(a))).toEqual([]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('GET /registrations may read the table but never write it, beyond counting the dealer\'s login', () => {
    const route = routes.find((r) => routeKey(r) === 'GET /registrations')!;
    expect(route.table).toBe('read');
    const { statements } = wiring(route);
    const actions = statements.filter((s) => !s.Condition).flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const action of [...WRITE_ACTIONS, 'dynamodb:TransactWriteItems', 'dynamodb:PartiQLInsert']) {
      expect(actions).not.toContain(action);
    }
    expect(actions.filter((a) => a === 'dynamodb:*' || a === '*')).toEqual([]);
    // Nor send mail, publish events or read the review-link key.
    expect(actions.filter((a) => /^(ses|events|secretsmanager|ssm):/.test(a))).toEqual([]);
  });
});

describe('review-link key', () => {
  it('is one generated 48-character Secrets Manager secret named per stage, kept outside dev, not rotated', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResource('AWS::SecretsManager::Secret', {
      Properties: {
        Name: SECRET_NAME,
        Description: Match.anyValue(),
        GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true, IncludeSpace: false },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    template.hasOutput('ReviewTokenSecretName', { Value: SECRET_NAME });
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: key readable only if the function signs or verifies links', (_, route) => {
    const { fn, statements } = wiring(route);
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    if (readsReviewKey(route)) {
      expect(variables.REVIEW_TOKEN_SECRET_NAME).toBe(SECRET_NAME);
      // Exactly what the SSM Secrets Manager reference (GetParameter WithDecryption) needs, on exactly this secret.
      expect(serviceActions(statements, 'secretsmanager')).toEqual(['secretsmanager:GetSecretValue']);
      expect(resourcesOf(statements, 'secretsmanager:GetSecretValue')).toEqual([{ Ref: onlyId('AWS::SecretsManager::Secret') }]);
      expect(serviceActions(statements, 'ssm')).toEqual(['ssm:GetParameter']);
      expect(resourcesOf(statements, 'ssm:GetParameter')).toEqual([secretReferenceArn()]);
    } else {
      expect(variables.REVIEW_TOKEN_SECRET_NAME).toBeUndefined();
      expect(serviceActions(statements, 'secretsmanager')).toEqual([]);
      expect(serviceActions(statements, 'ssm')).toEqual([]);
    }
  });

  it('is readable by the review page, the outbox deliverers and the jobs, and nothing else', () => {
    const readers = ofType('AWS::IAM::Policy').filter(([, p]) =>
      (p.Properties.PolicyDocument.Statement as Statement[]).some((s) => actionsOf(s).includes('secretsmanager:GetSecretValue')),
    );
    expect(readers).toHaveLength(routes.filter(readsReviewKey).length + schedules.length);
    // Spot checks of the rule against the route table.
    expect(readsReviewKey(routes.find((r) => routeKey(r) === 'GET /review/{token}')!)).toBe(true);
    expect(readsReviewKey(routes.find((r) => routeKey(r) === 'POST /review/{token}')!)).toBe(true);
    expect(readsReviewKey(routes.find((r) => routeKey(r) === 'HEAD /review/{token}')!)).toBe(false);
    expect(readsReviewKey(routes.find((r) => routeKey(r) === 'POST /registrations')!)).toBe(true);
  });

  it('GET /review/{token} gets the key and table read only: no write, mail or events', () => {
    const route = routes.find((r) => routeKey(r) === 'GET /review/{token}')!;
    const { statements } = wiring(route);
    expect(serviceActions(statements, 'dynamodb')).toEqual([...READ_ACTIONS].sort());
    expect(serviceActions(statements, 'ses')).toEqual([]);
    expect(serviceActions(statements, 'events')).toEqual([]);
    expect(serviceActions(statements, 'secretsmanager')).toEqual(['secretsmanager:GetSecretValue']);
  });
});

describe('mail and events (outbox delivery)', () => {
  it('routes that deliver: every write that changes registrations or conflicts, no setup, no GET', () => {
    const delivering = routes.filter(deliversOutbox).map(routeKey);
    expect(delivering).toEqual(
      expect.arrayContaining([
        'POST /registrations',
        'PATCH /registrations/{id}',
        'POST /registrations/{id}/decision',
        'POST /review/{token}',
        'POST /conflicts/{id}/resolve',
      ]),
    );
    for (const key of ['GET /registrations', 'GET /registrations/{id}', 'GET /review/{token}', 'PUT /program', 'PUT /rules/direct']) {
      expect(delivering).not.toContain(key);
    }
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: SES as the sender identity and PutEvents on the bus, or neither', (_, route) => {
    const { statements } = wiring(route);
    if (deliversOutbox(route)) {
      expect(serviceActions(statements, 'ses')).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(resourcesOf(statements, 'ses:SendEmail')).toEqual([sesIdentityArn()]);
      expect(resourcesOf(statements, 'ses:SendRawEmail')).toEqual([sesIdentityArn()]);
      expect(serviceActions(statements, 'events')).toEqual(['events:PutEvents']);
      expect(resourcesOf(statements, 'events:PutEvents')).toEqual([{ 'Fn::GetAtt': [onlyId('AWS::Events::EventBus'), 'Arn'] }]);
    } else {
      expect(serviceActions(statements, 'ses')).toEqual([]);
      expect(serviceActions(statements, 'events')).toEqual([]);
    }
  });

  it('SES rights name the verified sender identity, never "*", anywhere in the stack', () => {
    const [identityId, identity] = ofType('AWS::SES::EmailIdentity')[0]!;
    expect(identity.Properties.EmailIdentity).toBe(MAIL_FROM);
    const ses = ofType('AWS::IAM::Policy')
      .flatMap(([, p]) => grantsOf(p.Properties.PolicyDocument.Statement as Statement[]))
      .filter((g) => g.action.startsWith('ses:'));
    expect(ses.length).toBe(2 * (routes.filter(deliversOutbox).length + schedules.length));
    for (const grant of ses) expect(grant.resource).toEqual(sesIdentityArn());
    expect(JSON.stringify(sesIdentityArn())).toContain(identityId);
  });
});

describe('schedules', () => {
  it('one EventBridge rule and one dead-letter queue per schedule of shared/api/schedules.ts', () => {
    template.resourceCountIs('AWS::Events::Rule', schedules.length);
    template.resourceCountIs('AWS::SQS::Queue', schedules.length);
  });

  it.each(schedules.map((s) => [s.name, s] as const))('%s: rule with its expression, target, retries and DLQ', (_, schedule) => {
    const { ruleId, rule, target, functionId, fn } = jobWiring(schedule);
    expect(rule.Properties.ScheduleExpression).toBe(schedule.schedule);
    expect(rule.Properties.State).toBe('ENABLED');
    expect(rule.Properties.EventBusName).toBeUndefined(); // schedules live on the default bus
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
    expect(functionId.startsWith(`Jobs${pascalCase(schedule.name)}Function`)).toBe(true);
    expect(fn.Properties.Handler).toBe(`index.${schedule.handler}`);

    // EventBridge may invoke the function, from this rule only.
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => logicalIdOf(p.Properties.FunctionName) === functionId);
    expect(permissions.map(([, p]) => p.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      },
    ]);

    // The DLQ: SSE-SQS, 14 days, TLS only, writable by this rule only.
    const queueId = logicalIdOf(target.DeadLetterConfig.Arn);
    expect(resources[queueId]).toMatchObject({
      Type: 'AWS::SQS::Queue',
      Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 },
    });
    const policies = ofType('AWS::SQS::QueuePolicy').filter(([, p]) =>
      (p.Properties.Queues as unknown[]).some((q) => logicalIdOf(q) === queueId),
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]![1].Properties.PolicyDocument.Statement as Statement[];
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Principal: { Service: 'events.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
        }),
      ]),
    );
    expect(statements.filter((s) => s.Effect === 'Allow')).toHaveLength(1);
  });

  it.each(schedules.map((s) => [s.name, s] as const))('%s: job function runtime, size, environment and grants', (_, schedule) => {
    const { fn, statements } = jobWiring(schedule);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 300,
      TracingConfig: { Mode: 'Active' },
    });
    expect(fn.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: onlyId('AWS::DynamoDB::GlobalTable') },
      MAIL_FROM: MAIL_FROM,
      EVENT_BUS_NAME: { Ref: onlyId('AWS::Events::EventBus') },
      REVIEW_TOKEN_SECRET_NAME: SECRET_NAME,
      PUBLIC_BASE_URL: { 'Fn::GetAtt': [onlyId('AWS::ApiGatewayV2::Api'), 'ApiEndpoint'] },
      POWERTOOLS_SERVICE_NAME: 'dealer-channel',
      NODE_OPTIONS: '--enable-source-maps',
    });
    const logGroup = resources[logicalIdOf(fn.Properties.LoggingConfig.LogGroup)]!;
    expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });

    expect(serviceActions(statements, 'dynamodb')).toEqual([...READ_ACTIONS, ...WRITE_ACTIONS].sort());
    expect(resourcesOf(statements, 'dynamodb:UpdateItem')).toEqual([tableArn(), { 'Fn::Join': ['', [tableArn(), '/index/*']] }]);
    expect(resourcesOf(statements, 'ses:SendEmail')).toEqual([sesIdentityArn()]);
    expect(resourcesOf(statements, 'ses:SendRawEmail')).toEqual([sesIdentityArn()]);
    expect(resourcesOf(statements, 'events:PutEvents')).toEqual([{ 'Fn::GetAtt': [onlyId('AWS::Events::EventBus'), 'Arn'] }]);
    expect(resourcesOf(statements, 'secretsmanager:GetSecretValue')).toEqual([{ Ref: onlyId('AWS::SecretsManager::Secret') }]);
    expect(resourcesOf(statements, 'ssm:GetParameter')).toEqual([secretReferenceArn()]);
    expect(
      grantsOf(statements)
        .map((g) => g.action.split(':')[0])
        .filter((service) => !['logs', 'xray', 'dynamodb', 'ses', 'events', 'secretsmanager', 'ssm'].includes(service!)),
    ).toEqual([]);
  });
});

describe('events, mail and outputs', () => {
  it('has the stage event bus and the SES sender identity', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: `dealer-channel-${STAGE}` });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: MAIL_FROM });
  });

  it('exports ApiUrl, UserPoolId, UserPoolClientId, TableName, EventBusName, ReviewTokenSecretName', () => {
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'EventBusName', 'ReviewTokenSecretName']) {
      template.hasOutput(name, { Value: Match.anyValue() });
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning, and CDK itself warns of nothing', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);

    // The same through the synth's own validation report (cdk-nag is registered by defineApp).
    const synthReport = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(synthReport.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);

    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('acknowledges each finding where it occurs, with a reason, and nothing that does not occur', () => {
    // The findings as they would be without any acknowledgement.
    const raw = new AwsSolutionsChecks();
    Object.defineProperty(raw, 'isAcknowledged', { value: () => false });
    const findings = raw
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => ({ id: v.ruleName, path: r.constructPath! })));

    const acknowledged = app.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((m) => Object.entries(m.data as Record<string, string>))
          .map(([key, reason]) => ({ id: key.replace(/^annotation::/i, ''), reason, path: c.node.path })),
      );
    for (const ack of acknowledged) {
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(40);
      const covers = findings.filter((f) => f.id === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)));
      expect(covers.length, `${ack.id} at ${ack.path} acknowledges nothing`).toBeGreaterThan(0);
    }
    expect(new Set(acknowledged.map((a) => a.id.replace(/\[.*$/, '')))).toEqual(
      new Set(['AwsSolutions-COG2', 'AwsSolutions-IAM5', 'AwsSolutions-APIG4', 'AwsSolutions-SMG4', 'AwsSolutions-SQS3']),
    );
    // Never on the stack or the app: each acknowledgement sits on the resource (or its policy) it is about.
    expect(acknowledged.filter((a) => a.path.split('/').length < 3)).toEqual([]);
    // APIG4 (no authorizer) only on the routes that the route table marks public.
    const publicRoutes = routes.filter((r) => r.auth === 'public').map((r) => `${stack.node.path}/Api/${routeConstructId(r)}/Route`);
    expect(acknowledged.filter((a) => a.id === 'AwsSolutions-APIG4').map((a) => a.path).sort()).toEqual(publicRoutes.sort());
    // SMG4 (no rotation) only on the review-link key; SQS3 (no DLQ) only on the schedules' dead-letter queues.
    const secretPath = `${stack.node.path}/ReviewTokenKey/Secret`;
    expect(acknowledged.filter((a) => a.id === 'AwsSolutions-SMG4').map((a) => a.path)).toEqual([secretPath]);
    const dlqPaths = schedules.map((s) => `${stack.node.path}/Jobs/${pascalCase(s.name)}/DeadLetters`);
    expect(acknowledged.filter((a) => a.id === 'AwsSolutions-SQS3').map((a) => a.path).sort()).toEqual(dlqPaths.sort());
    // IAM5 only on function policies: X-Ray's "*" on each, the table's indexes on each function that uses the table.
    const policyPaths = acknowledged.filter((a) => a.id.startsWith('AwsSolutions-IAM5')).map((a) => a.path);
    expect(policyPaths.every((p) => p.endsWith('/Role/DefaultPolicy'))).toBe(true);
  });
});
