/**
 * Assertions on the synthesized CDK stacks (see synthesized-app.ts): the app is built once per file, in-process,
 * exactly as `infra/app.ts` builds it, and references are followed across the data stack, the service stack and
 * its nested stacks.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, NestedStack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGES_USERS } from '../../infra/constructs/access.js';
import { powertoolsLayerParameter } from '../../infra/constructs/lambda-bundling.js';
import { pascalCase, routeArea, routeConstructId } from '../../infra/constructs/names.js';
import { DEFAULT_THROTTLE, ROUTE_THROTTLES } from '../../infra/constructs/route-throttles.js';
import { type DealerChannelStacks, defineApp } from '../../infra/dealer-channel-app.js';
import { DEFAULT_MAIL_FROM } from '../../infra/stacks/data-stack.js';
import { ROLES, type RouteDefinition, routeKey, routes } from '../../shared/api/routes.js';
import { schedules } from '../../shared/api/schedules.js';
import { projectionOf, tableDesign } from '../../shared/db/table-design.js';
import { API_SCOPES, RESOURCE_SERVER_ID } from '../../shared/domain/api-scopes.js';
import { CLAIMS } from '../../shared/http/caller.js';
import { logicalIdPart, type Resource, STAGE, type Statement, type SynthesizedApp, synthesize } from './synthesized-app.js';

const MAIL_DOMAIN = 'dealer-channel.test';
const MAIL_FROM = `no-reply@${MAIL_DOMAIN}`;
const CONFIGURATION_SET = `dealer-channel-${STAGE}`;
const API_DOMAIN = 'api.dealer-channel.test';
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/dealer-channel-test-portal/0a1b2c3d';
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
 * Who enqueues outbox messages: routes that write the table and change registrations or conflicts. GETs that write
 * only record reads and never decide; HEAD answers mail scanners. No route delivers them: the outbox's stream
 * consumer and the `outbox` sweeper job do, and only they hold SES and PutEvents rights.
 */
const enqueuesOutbox = (r: RouteDefinition) =>
  r.table === 'write' && r.method !== 'GET' && r.method !== 'HEAD' && !SETUP_ENTRY.test(r.entry);
const DELIVERING_JOBS = ['outbox'];
/** Functions that are neither routes nor schedules: the outbox's stream consumer… */
const STREAM_FUNCTIONS = 1;
/** The HTTP API's Lambda authorizer (functions/authorizer). */
const AUTHORIZER_FUNCTIONS = 1;
/** …and the mail-feedback function (SES bounces and complaints), which sends nothing. */
const FEEDBACK_FUNCTIONS = 1;
/**
 * The review-link key: only where links are signed (a submission's and an extension request's review prompt, the
 * review SLA job's reminders and escalations) or verified (the review page, not its HEAD).
 */
const SIGNING_ROUTES = ['POST /registrations', 'POST /registrations/{id}/extensions'];
const SIGNING_JOBS = ['reviews'];
const readsReviewKey = (r: RouteDefinition) =>
  SIGNING_ROUTES.includes(routeKey(r)) || (r.path.startsWith('/review/') && r.method !== 'HEAD');
/**
 * Lambda functions that CDK adds on its own: only the BucketDeployment handler that copies the portal into its
 * bucket at deploy time. Log groups are explicit LogGroup resources with a retention, so no LogRetention function.
 */
const CDK_HELPER_FUNCTIONS = 1;
const isCdkHelper = (key: string) => logicalIdPart(key).startsWith('CustomCDKBucketDeployment');

let synthesized: SynthesizedApp;
let outdir: string;
let app: App;
let stacks: DealerChannelStacks;
/** The stateful stack's template (table, user pool, secret, mail identity, bus). */
let data: Template;
/** The service stack's own template (HTTP API, stage, authorizer), without its nested stacks. */
let service: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  synthesized = synthesize({
    mailDomain: MAIL_DOMAIN,
    apiDomain: API_DOMAIN,
    apiCertificateArn: 'arn:aws:acm:eu-central-1:111122223333:certificate/11111111-2222-3333-4444-555555555555',
    backup: 'true',
    portalDist: 'test/infra/fixtures/portal-dist',
    webAclArn: WEB_ACL_ARN,
  });
  ({ outdir, app, stacks, resources } = synthesized);
  data = synthesized.templates.find((t) => t.stack === stacks.data)!.template;
  service = synthesized.templates.find((t) => t.stack === stacks.service)!.template;
}, 60_000);

afterAll(() => synthesized?.cleanup());

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** The product's own functions (built by addServiceFunction), without CDK's helper. */
const apiClients = () => ofType('AWS::Cognito::UserPoolClient').filter(([, c]) => c.Properties.ClientName === 'dealer-channel-api');
const serviceFunctions = () => ofType('AWS::Lambda::Function').filter(([key]) => !isCdkHelper(key));
const authorizerFunction = () => {
  const found = serviceFunctions().filter(([, fn]) => fn.Properties.Environment?.Variables?.TOKEN_ISSUER !== undefined);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const logicalIdOf = (value: unknown): string => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = v.Ref ?? v['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`Not a reference: ${JSON.stringify(value)}`);
  return id;
};
const actionsOf = (statement: { Action: string | string[] }) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
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
  [
    ...new Set(
      grantsOf(statements)
        .map((g) => g.action)
        .filter((a) => a.startsWith(`${service}:`)),
    ),
  ].sort();

/** The review-link key among the stage's secrets (the other is the list cursors' key). */
const reviewKeyId = () => {
  const found = ofType('AWS::SecretsManager::Secret').filter(([, s]) => s.Properties.Name === SECRET_NAME);
  expect(found).toHaveLength(1);
  return found[0]![0];
};
const onlyId = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]![0];
};
const tableArn = () => ({ 'Fn::GetAtt': [onlyId('AWS::DynamoDB::GlobalTable'), 'Arn'] });
/** The table and each of its indexes by name: no `index/*`. */
const tableAndIndexArns = () => [
  tableArn(),
  ...tableDesign.indexes.map((index) => ({ 'Fn::Join': ['', [tableArn(), `/index/${index.name}`]] })),
];
/** `arn:<partition>:<service>:<region>:<account>:<rest...>` as CloudFormation renders it. */
const accountArn = (service: string, first: string, ...rest: unknown[]) => ({
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${first}`, ...rest],
  ],
});
/** `arn:aws:ses:<region>:<account>:identity/<mailFrom>`, through the EmailIdentity (Ref = the address). */
const sesIdentityArn = () => accountArn('ses', 'identity/', { Ref: onlyId('AWS::SES::EmailIdentity') });
/** What a send is authorized on: the identity and the configuration set it names, in either order. */
const sesTargets = () => byJson([sesIdentityArn(), configurationSetArn()]);
const byJson = (values: unknown[]) => [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
/** `arn:aws:ses:<region>:<account>:configuration-set/<name>`. */
const configurationSetArn = () => accountArn('ses', 'configuration-set/', { Ref: onlyId('AWS::SES::ConfigurationSet') });
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
  const found = ofType('AWS::Events::Rule').filter(([id]) => logicalIdPart(id).startsWith(`${pascalCase(schedule.name)}Rule`));
  expect(found, schedule.name).toHaveLength(1);
  const [ruleId, rule] = found[0]!;
  const targets = rule.Properties.Targets as Record<string, any>[];
  expect(targets).toHaveLength(1);
  const functionId = logicalIdOf(targets[0]!.Arn);
  return { ruleId, rule, target: targets[0]!, functionId, ...permissionsOf(functionId) };
}

describe('DynamoDB single table', () => {
  it('has the key schema, GSIs, TTL, billing and encryption of shared/db/table-design.ts', () => {
    expect(ofType('AWS::DynamoDB::GlobalTable')).toHaveLength(1);
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
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
        Projection: projectionOf(index),
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
    data.hasResource('AWS::DynamoDB::GlobalTable', {
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
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      MfaConfiguration: 'ON', // required: channel admins, finance and managers must use MFA, and Cognito sets it per pool
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
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
        // Passwordless besides the password: a passkey, verified on the device so that it counts as MFA.
        SignInPolicy: { AllowedFirstAuthFactors: Match.arrayEquals(['PASSWORD', 'WEB_AUTHN']) },
      },
      WebAuthnUserVerification: 'required',
      Schema: Match.arrayWith([
        Match.objectLike({ Name: CLAIMS.dealerId.replace('custom:', ''), AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: CLAIMS.regions.replace('custom:', ''), AttributeDataType: 'String', Mutable: true }),
      ]),
      DeletionProtection: 'ACTIVE',
    });
  });

  it('has one group per API role', () => {
    expect(ofType('AWS::Cognito::UserPoolGroup')).toHaveLength(ROLES.length);
    for (const role of ROLES) data.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
  });

  it('has a public client whose ID tokens carry the custom attributes, which users cannot change', () => {
    // The API's client; the portal's has its own test below.
    expect(apiClients()).toHaveLength(1);
    data.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      ReadAttributes: Match.arrayWith([CLAIMS.dealerId, CLAIMS.regions]),
      AllowedOAuthFlowsUserPoolClient: false, // no hosted UI, no OAuth redirects
      AllowedOAuthFlows: Match.absent(),
    });
    const [, client] = apiClients()[0]!;
    const writable = client.Properties.WriteAttributes as string[];
    expect(writable.length).toBeGreaterThan(0); // an empty list would mean Cognito's default
    expect(writable.filter((a) => a.startsWith('custom:'))).toEqual([]);
  });
});

describe('Cognito: dealer users (issue 18)', () => {
  it('declares custom:dealer_role on the pool; every app client reads it into the ID token and none may write a tenant attribute', () => {
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: CLAIMS.dealerRole.replace('custom:', ''), AttributeDataType: 'String', Mutable: true }),
      ]),
    });
    const clients = ofType('AWS::Cognito::UserPoolClient');
    expect(clients.length).toBeGreaterThanOrEqual(2);
    for (const [id, client] of clients) {
      expect(client.Properties.ReadAttributes, id).toEqual(expect.arrayContaining([CLAIMS.dealerId, CLAIMS.regions, CLAIMS.dealerRole]));
      const writable = client.Properties.WriteAttributes as string[];
      expect(writable.length, id).toBeGreaterThan(0);
      for (const claim of [CLAIMS.dealerId, CLAIMS.regions, CLAIMS.dealerRole]) expect(writable, id).not.toContain(claim);
    }
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: Cognito admin actions only where the route manages users', (key, route) => {
    const { fn, statements } = wiring(route);
    // The API-client routes manage app clients instead (checked with the CRM clients below).
    const actions = serviceActions(statements, 'cognito-idp').filter((a) => !/UserPoolClient$/.test(a));
    if (!MANAGES_USERS.has(key)) {
      expect(actions).toEqual([]);
      return;
    }
    expect(actions).toEqual(
      [
        'cognito-idp:AdminAddUserToGroup',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminUserGlobalSignOut',
        'cognito-idp:ListUsers',
      ].sort(),
    );
    for (const resource of resourcesOf(statements, 'cognito-idp:AdminCreateUser')) expect(JSON.stringify(resource)).toContain('UserPool');
    expect(fn.Properties.Environment.Variables.USER_POOL_ID).toBeDefined();
  });
});

describe('HTTP API', () => {
  it("has one Lambda authorizer, verifying the user pool's tokens for the API's and the portal's clients", () => {
    expect(ofType('AWS::ApiGatewayV2::Authorizer')).toHaveLength(1);
    const [, authorizer] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 60,
    });
    const [poolId] = ofType('AWS::Cognito::UserPool')[0]!;
    const [clientId] = apiClients()[0]!;
    const [portalClientId] = ofType('AWS::Cognito::UserPoolClient').find(([, c]) => c.Properties.ClientName === 'dealer-channel-portal')!;
    const [functionId, fn] = authorizerFunction();
    expect(fn.Properties.Handler).toBe('index.handler');
    const environment = fn.Properties.Environment.Variables;
    expect(JSON.stringify(environment.TOKEN_ISSUER)).toContain(poolId);
    expect(JSON.stringify(environment.TOKEN_ISSUER)).toContain('https://cognito-idp.');
    expect(JSON.stringify(environment.TOKEN_AUDIENCES)).toContain(clientId);
    expect(JSON.stringify(environment.TOKEN_AUDIENCES)).toContain(portalClientId);
    // It reads nothing: no table, no mail, no secret.
    expect(JSON.stringify(permissionsOf(functionId).statements)).not.toMatch(/dynamodb:|ses:|secretsmanager:|ssm:/);
  });

  it('has an explicit $default stage with JSON access logs and throttling', () => {
    expect(ofType('AWS::ApiGatewayV2::Stage')).toHaveLength(1);
    service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.anyValue() },
    });
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    // The route key, never the path: review-link tokens are path parameters and credentials.
    expect(format.routeKey).toBe('$context.routeKey');
    expect(Object.values(format).filter((v) => /\$context\.(path|resourcePath|requestOverride)/.test(v))).toEqual([]);
    expect(resources[logicalIdOf(stage.Properties.AccessLogSettings.DestinationArn)]!.Type).toBe('AWS::Logs::LogGroup');
  });

  it('has exactly the routes of the route table', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    expect(keys.sort()).toEqual(routes.map(routeKey).sort());
  });

  const authorizerId = () => ofType('AWS::ApiGatewayV2::Authorizer')[0]![0];
  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: route → Lambda integration, authorizer', (_, route) => {
    const { routeId, apiRoute, integration } = wiring(route);
    expect(routeId.startsWith(`${stacks.service.node.path}/Api/${pascalCase(routeArea(route))}::`)).toBe(true);
    // CDK drops a path part that repeats the end of the one before (`PostLeadsIdRoute/Route` → `PostLeadsIdRoute…`).
    const constructId = routeConstructId(route);
    expect(logicalIdPart(routeId).startsWith(constructId.endsWith('Route') ? constructId : `${constructId}Route`)).toBe(true);
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    if (route.auth === 'jwt') {
      expect(apiRoute.Properties.AuthorizationType).toBe('CUSTOM');
      expect(apiRoute.Properties.AuthorizerId).toEqual({ Ref: authorizerId() });
    } else {
      expect(apiRoute.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      expect(apiRoute.Properties.AuthorizerId).toBeUndefined();
    }
  });
});

describe('Lambda functions', () => {
  it('are one per route, one per schedule, the outbox stream consumer, mail feedback and the authorizer (plus the CDK helper functions, none)', () => {
    expect(ofType('AWS::Lambda::Function')).toHaveLength(
      routes.length + schedules.length + STREAM_FUNCTIONS + FEEDBACK_FUNCTIONS + AUTHORIZER_FUNCTIONS + CDK_HELPER_FUNCTIONS,
    );
    expect(ofType('AWS::Lambda::Function').filter(([key]) => isCdkHelper(key))).toHaveLength(CDK_HELPER_FUNCTIONS);
    expect(ofType('AWS::CloudFormation::CustomResource')).toEqual([]);
    expect(
      Object.values(resources)
        .filter((r) => r.Type.startsWith('Custom::'))
        .map((r) => r.Type),
    ).toEqual(['Custom::CDKBucketDeployment']);
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

  it("each has the Powertools layer of package.json's release (the Tracer is left out of the bundles), its ARN from AWS's SSM parameter", () => {
    const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8'));
    const parameterName = powertoolsLayerParameter(manifest.dependencies['@aws-lambda-powertools/tracer']);
    expect(parameterName).toMatch(/\/all\/\d+\.\d+\.\d+$/);
    let checked = 0;
    for (const { path: stackPath, template } of synthesized.templates) {
      const json = template.toJSON() as {
        Parameters?: Record<string, { Type: string; Default?: string }>;
        Resources?: Record<string, Resource>;
      };
      for (const [key, fn] of Object.entries(json.Resources ?? {})) {
        if (fn.Type !== 'AWS::Lambda::Function' || isCdkHelper(`${stackPath}::${key}`)) continue;
        const layers = fn.Properties.Layers as { Ref: string }[];
        expect(layers, key).toHaveLength(1);
        expect(json.Parameters?.[layers[0]!.Ref], key).toEqual({ Type: 'AWS::SSM::Parameter::Value<String>', Default: parameterName });
        checked++;
      }
    }
    expect(checked).toBe(serviceFunctions().length);
  });

  it('each has its own role and its own log group', () => {
    const functions = serviceFunctions().map(([, fn]) => fn);
    const roles = functions.map((fn) => logicalIdOf(fn.Properties.Role));
    const logGroups = functions.map((fn) => logicalIdOf(fn.Properties.LoggingConfig.LogGroup));
    expect(new Set(roles).size).toBe(functions.length);
    expect(new Set(logGroups).size).toBe(functions.length);
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: handler, environment, logs, table grant', (_, route) => {
    const { functionId, fn, statements } = wiring(route);
    expect(logicalIdPart(functionId).startsWith(`${routeConstructId(route)}Function`)).toBe(true);
    expect(fn.Properties.Handler).toBe(`index.${route.handler}`);
    expect(Object.keys(fn.Properties.Environment.Variables as object)).toEqual(
      expect.arrayContaining([
        'TABLE_NAME',
        'POWERTOOLS_SERVICE_NAME',
        'NODE_OPTIONS',
        'MAIL_FROM',
        'EVENT_BUS_NAME',
        'PUBLIC_BASE_URL',
        'CURSOR_SECRET',
      ]),
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
    const expected = { none: [], read: READ_ACTIONS, 'record-reads': READ_ACTIONS, write: [...READ_ACTIONS, ...WRITE_ACTIONS] }[
      route.table
    ];
    expect(serviceActions(unconditioned, 'dynamodb')).toEqual([...expected].sort());
    for (const action of expected) {
      expect(resourcesOf(unconditioned, action), action).toEqual(tableAndIndexArns());
    }
    // Dealers' routes count portal logins: writes on the login keys only, even where the route is read-only.
    const loginGrants = statements.filter((s) => s.Condition && JSON.stringify(s.Condition).includes('LOGIN#'));
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
    // The product's function policies (CDK's BucketDeployment handler copies files and never touches the table).
    const policies = ofType('AWS::IAM::Policy').filter(([key]) => !logicalIdPart(key).startsWith('CustomCDKBucketDeployment'));
    expect(policies.length).toBeGreaterThanOrEqual(routes.length + schedules.length);
    const actions = policies.flatMap(([, p]) => (p.Properties.PolicyDocument.Statement as Statement[]).flatMap(actionsOf));
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /scan/i.test(a))).toEqual([]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it("GET /registrations may read the table but never write it, beyond counting the dealer's login", () => {
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
    expect(ofType('AWS::SecretsManager::Secret')).toHaveLength(2);
    data.hasResource('AWS::SecretsManager::Secret', {
      Properties: {
        Name: SECRET_NAME,
        Description: Match.anyValue(),
        GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true, IncludeSpace: false },
      },
      // Kept on update and delete, but not after a failed first create, whose leftover name would block the retry.
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    expect(ofType('AWS::SecretsManager::RotationSchedule')).toHaveLength(0);
    expect(synthesized.outputs.ReviewTokenSecretName).toBe(SECRET_NAME);
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: key readable only if the function signs or verifies links', (_, route) => {
    const { fn, statements } = wiring(route);
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    if (readsReviewKey(route)) {
      expect(variables.REVIEW_TOKEN_SECRET_NAME).toBe(SECRET_NAME);
      // Exactly what the SSM Secrets Manager reference (GetParameter WithDecryption) needs, on exactly this secret.
      expect(serviceActions(statements, 'secretsmanager')).toEqual(['secretsmanager:GetSecretValue']);
      expect(resourcesOf(statements, 'secretsmanager:GetSecretValue')).toEqual([{ Ref: reviewKeyId() }]);
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
    expect(readers).toHaveLength(routes.filter(readsReviewKey).length + SIGNING_JOBS.length);
    for (const key of SIGNING_ROUTES) expect(routes.map(routeKey)).toContain(key);
    for (const name of SIGNING_JOBS) expect(schedules.map((s) => s.name)).toContain(name);
    // Spot checks of the rule against the route table.
    expect(readsReviewKey(routes.find((r) => routeKey(r) === 'GET /review/{token}')!)).toBe(true);
    expect(readsReviewKey(routes.find((r) => routeKey(r) === 'POST /review/{token}')!)).toBe(true);
    expect(readsReviewKey(routes.find((r) => routeKey(r) === 'HEAD /review/{token}')!)).toBe(false);
    expect(readsReviewKey(routes.find((r) => routeKey(r) === 'POST /registrations')!)).toBe(true);
    // Mailing without a link (notices of decisions, outcomes, updates) is no reason to hold the key.
    for (const key of ['PATCH /registrations/{id}', 'POST /registrations/{id}/decision', 'POST /conflicts/{id}/resolve']) {
      expect(readsReviewKey(routes.find((r) => routeKey(r) === key)!), key).toBe(false);
    }
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
  it('routes that enqueue outbox messages: every write that changes registrations or conflicts, no setup, no GET', () => {
    const delivering = routes.filter(enqueuesOutbox).map(routeKey);
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

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: no mail or event rights (delivery is off the request path)', (_, route) => {
    const { statements } = wiring(route);
    expect(serviceActions(statements, 'ses')).toEqual([]);
    expect(serviceActions(statements, 'events')).toEqual([]);
  });

  it("dealers' CRM clients: the pool's resource server with the API scopes; only the API-client routes manage app clients", () => {
    const [, server] = ofType('AWS::Cognito::UserPoolResourceServer')[0]!;
    expect(ofType('AWS::Cognito::UserPoolResourceServer')).toHaveLength(1);
    expect(server.Properties.Identifier).toBe(RESOURCE_SERVER_ID);
    expect(server.Properties.Scopes.map((s: { ScopeName: string }) => s.ScopeName).sort()).toEqual([...API_SCOPES].sort());
    const poolArn = { 'Fn::GetAtt': [logicalIdOf(server.Properties.UserPoolId), 'Arn'] };
    const manageClients = ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'];
    for (const route of routes) {
      const { statements, functionId } = wiring(route);
      // User management (invite, list, disable) is checked per route above; here only app clients.
      const cognito = serviceActions(statements, 'cognito-idp').filter((a) => /UserPoolClient$/.test(a));
      if (routeKey(route) === 'POST /api-clients' || routeKey(route) === 'DELETE /api-clients/{clientId}') {
        expect(cognito, routeKey(route)).toEqual(manageClients);
        expect(byJson(resourcesOf(statements, manageClients[0]!)), routeKey(route)).toEqual([poolArn]);
        const variables = resources[functionId]!.Properties.Environment.Variables;
        expect(variables.API_CLIENTS_USER_POOL_ID, routeKey(route)).toEqual({ Ref: logicalIdOf(server.Properties.UserPoolId) });
        expect(JSON.stringify(variables.API_CLIENT_TOKEN_URL)).toContain('/oauth2/token');
      } else {
        expect(cognito, routeKey(route)).toEqual([]);
      }
      // The API description states where CRMs get tokens: the document is built before the domain is known.
      if (routeKey(route) === 'GET /openapi.json') {
        const variables = resources[functionId]!.Properties.Environment.Variables;
        expect(JSON.stringify(variables.API_CLIENT_TOKEN_URL)).toContain('/oauth2/token');
      }
    }
    const webhooksJob = jobWiring(schedules.find((s) => s.name === 'webhooks')!);
    expect(webhooksJob.rule.Properties.ScheduleExpression).toBe('rate(1 minute)');
  });

  it('the stream consumer: inserted outbox items only, partial batch failures, retries, a DLQ; SES and PutEvents', () => {
    const [functionId] = ofType('AWS::Lambda::Function').find(([, fn]) => String(fn.Properties.Description).startsWith('Outbox delivery'))!;
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => logicalIdOf(m.Properties.FunctionName) === functionId)!;
    expect(mapping.Properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      StartingPosition: 'TRIM_HORIZON',
    });
    expect(JSON.stringify(mapping.Properties.EventSourceArn)).toContain('StreamArn');
    expect(JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['outbox'] } } },
    });
    const queueId = logicalIdOf(mapping.Properties.DestinationConfig.OnFailure.Destination);
    expect(resources[queueId]?.Type).toBe('AWS::SQS::Queue');
    const roleId = logicalIdOf(resources[functionId]!.Properties.Role);
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => logicalIdOf(r) === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
    expect(serviceActions(statements, 'ses')).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(byJson(resourcesOf(statements, 'ses:SendEmail'))).toEqual(sesTargets());
    expect(serviceActions(statements, 'events')).toEqual(['events:PutEvents']);
    expect(serviceActions(statements, 'sqs')).toContain('sqs:SendMessage');
    expect(serviceActions(statements, 'dynamodb')).toEqual(
      expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DeleteItem']),
    );
    expect(serviceActions(statements, 'secretsmanager')).toEqual([]);
  });

  it('SES rights name the verified sender identity and the configuration set, never "*", anywhere in the stack', () => {
    const [identityId, identity] = ofType('AWS::SES::EmailIdentity')[0]!;
    expect(identity.Properties.EmailIdentity).toBe(MAIL_DOMAIN);
    const ses = ofType('AWS::IAM::Policy')
      .flatMap(([, p]) => grantsOf(p.Properties.PolicyDocument.Statement as Statement[]))
      .filter((g) => g.action.startsWith('ses:'));
    expect(ses.length).toBe(4 * (DELIVERING_JOBS.length + STREAM_FUNCTIONS));
    for (const grant of ses) expect([sesIdentityArn(), configurationSetArn()]).toContainEqual(grant.resource);
    expect(JSON.stringify(sesIdentityArn())).toContain(identityId);
  });
});

describe('schedules', () => {
  it("one EventBridge rule and one dead-letter queue per schedule of shared/api/schedules.ts (and the stream consumer's)", () => {
    // Plus the rule of SES's bounces and complaints (see production readiness).
    expect(ofType('AWS::Events::Rule')).toHaveLength(schedules.length + FEEDBACK_FUNCTIONS);
    // Plus one on-failure destination per job (see below), and the mail-feedback function's DLQ and destination.
    expect(ofType('AWS::SQS::Queue')).toHaveLength(2 * schedules.length + STREAM_FUNCTIONS + 2 * FEEDBACK_FUNCTIONS);
  });

  it.each(schedules.map((s) => [s.name, s] as const))('%s: rule with its expression, target, retries and DLQ', (_, schedule) => {
    const { ruleId, rule, target, functionId, fn } = jobWiring(schedule);
    expect(rule.Properties.ScheduleExpression).toBe(schedule.schedule);
    expect(rule.Properties.State).toBe('ENABLED');
    expect(rule.Properties.EventBusName).toBeUndefined(); // schedules live on the default bus
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
    expect(functionId.startsWith(`${stacks.service.node.path}/Jobs::${pascalCase(schedule.name)}Function`)).toBe(true);
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

  /** The on-failure destination of a job function (its EventInvokeConfig). */
  const failedRunsQueueOf = (functionId: string) => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => logicalIdOf(c.Properties.FunctionName) === functionId);
    expect(configs, functionId).toHaveLength(1);
    return logicalIdOf(configs[0]![1].Properties.DestinationConfig.OnFailure.Destination);
  };

  it.each(schedules.map((s) => [s.name, s] as const))('%s: a run that fails is retried twice, then kept and alarmed', (_, schedule) => {
    const { functionId } = jobWiring(schedule);
    const [, config] = ofType('AWS::Lambda::EventInvokeConfig').find(([, c]) => logicalIdOf(c.Properties.FunctionName) === functionId)!;
    expect(config.Properties).toMatchObject({ MaximumRetryAttempts: 2, Qualifier: '$LATEST' });
    const queueId = failedRunsQueueOf(functionId);
    expect(resources[queueId]).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } });
    expect(queueId).toContain(`${pascalCase(schedule.name)}FailedRuns`);
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, a]) =>
      (a.Properties.Dimensions as { Name: string; Value: unknown }[] | undefined)?.some(
        (d) => d.Name === 'QueueName' && JSON.stringify(d.Value) === JSON.stringify({ 'Fn::GetAtt': [queueId, 'QueueName'] }),
      ),
    );
    expect(alarms).toHaveLength(1);
  });

  it.each(schedules.map((s) => [s.name, s] as const))('%s: job function runtime, size, environment and grants', (_, schedule) => {
    const { fn, statements, functionId } = jobWiring(schedule);
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
      SES_CONFIGURATION_SET: { Ref: onlyId('AWS::SES::ConfigurationSet') },
      EVENT_BUS_NAME: { Ref: onlyId('AWS::Events::EventBus') },
      PUBLIC_BASE_URL: `https://${API_DOMAIN}`,
      POWERTOOLS_SERVICE_NAME: 'dealer-channel',
      NODE_OPTIONS: '--enable-source-maps',
    });
    const logGroup = resources[logicalIdOf(fn.Properties.LoggingConfig.LogGroup)]!;
    expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });

    expect(serviceActions(statements, 'dynamodb')).toEqual([...READ_ACTIONS, ...WRITE_ACTIONS].sort());
    expect(resourcesOf(statements, 'dynamodb:UpdateItem')).toEqual(tableAndIndexArns());
    if (DELIVERING_JOBS.includes(schedule.name)) {
      expect(byJson(resourcesOf(statements, 'ses:SendEmail'))).toEqual(sesTargets());
      expect(byJson(resourcesOf(statements, 'ses:SendRawEmail'))).toEqual(sesTargets());
      expect(resourcesOf(statements, 'events:PutEvents')).toEqual([{ 'Fn::GetAtt': [onlyId('AWS::Events::EventBus'), 'Arn'] }]);
    } else {
      expect(serviceActions(statements, 'ses')).toEqual([]);
      expect(serviceActions(statements, 'events')).toEqual([]);
    }
    if (SIGNING_JOBS.includes(schedule.name)) {
      expect(fn.Properties.Environment.Variables.REVIEW_TOKEN_SECRET_NAME).toBe(SECRET_NAME);
      expect(resourcesOf(statements, 'secretsmanager:GetSecretValue')).toEqual([{ Ref: reviewKeyId() }]);
      expect(resourcesOf(statements, 'ssm:GetParameter')).toEqual([secretReferenceArn()]);
    } else {
      expect(fn.Properties.Environment.Variables.REVIEW_TOKEN_SECRET_NAME).toBeUndefined();
      expect(serviceActions(statements, 'secretsmanager')).toEqual([]);
      expect(serviceActions(statements, 'ssm')).toEqual([]);
    }
    expect(
      grantsOf(statements)
        .map((g) => g.action.split(':')[0])
        .filter((service) => !['logs', 'xray', 'dynamodb', 'ses', 'events', 'secretsmanager', 'ssm', 'sqs'].includes(service!)),
    ).toEqual([]);
    // SQS only to record its own failed runs.
    const sqs = grantsOf(statements).filter((g) => g.action.startsWith('sqs:'));
    expect(sqs.length).toBeGreaterThan(0);
    expect(new Set(sqs.map((g) => logicalIdOf(g.resource)))).toEqual(new Set([failedRunsQueueOf(functionId)]));
  });
});

describe('events, mail and outputs', () => {
  it('has the stage event bus and the SES sender identity', () => {
    data.hasResourceProperties('AWS::Events::EventBus', { Name: `dealer-channel-${STAGE}` });
    data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: MAIL_DOMAIN });
  });

  it('exports ApiUrl, UserPoolId, UserPoolClientId, TableName, EventBusName, ReviewTokenSecretName', () => {
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'EventBusName', 'ReviewTokenSecretName']) {
      expect(synthesized.outputs[name], name).toBeDefined();
    }
  });
});

describe('stack layout', () => {
  /** CloudFormation allows 500; the margin leaves room for an area to grow before it must be split. */
  const MAX_RESOURCES_PER_STACK = 400;
  const STATEFUL_TYPES = [
    'AWS::DynamoDB::GlobalTable',
    'AWS::Cognito::UserPool',
    'AWS::SecretsManager::Secret',
    'AWS::SES::EmailIdentity',
    'AWS::Events::EventBus',
  ];

  it(`every stack, nested or not, holds at most ${MAX_RESOURCES_PER_STACK} resources`, () => {
    const counts = Object.fromEntries(synthesized.templates.map((t) => [t.path, t.resourceCount]));
    for (const [stackPath, count] of Object.entries(counts)) expect(count, stackPath).toBeLessThanOrEqual(MAX_RESOURCES_PER_STACK);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(Object.keys(resources).length);
  });

  it('the stateful resources live in the data stack only, and it holds no function', () => {
    const stackOf = (key: string) => key.slice(0, key.indexOf('::'));
    for (const type of STATEFUL_TYPES) {
      const found = ofType(type);
      expect(found.length, type).toBeGreaterThan(0);
      for (const [key] of found) expect(stackOf(key), type).toBe(stacks.data.node.path);
    }
    expect(ofType('AWS::Lambda::Function').filter(([key]) => stackOf(key) === stacks.data.node.path)).toEqual([]);
    expect(synthesized.templates.filter((t) => NestedStack.isNestedStack(t.stack) && t.stack.nestedStackParent === stacks.data)).toEqual(
      [],
    );
  });

  it('each area of the route table has its own nested stack with exactly its routes', () => {
    const areas = [...new Set(routes.map(routeArea))];
    expect([...stacks.service.api.areas.keys()].sort()).toEqual(areas.sort());
    for (const area of areas) {
      const nested = stacks.service.api.areas.get(area)!;
      const inArea = ofType('AWS::ApiGatewayV2::Route').filter(([key]) => key.startsWith(`${nested.node.path}::`));
      expect(inArea.map(([, r]) => r.Properties.RouteKey).sort(), area).toEqual(
        routes
          .filter((r) => routeArea(r) === area)
          .map(routeKey)
          .sort(),
      );
    }
    // Jobs and alarms of the API and table have nested stacks of their own too.
    expect(ofType('AWS::Events::Rule').every(([key]) => key.startsWith(`${stacks.service.jobsStack.node.path}::`))).toBe(true);
  });
});

describe('alarms', () => {
  const topicRef = () => ({ Ref: onlyId('AWS::SNS::Topic') });
  const alarms = () => ofType('AWS::CloudWatch::Alarm');
  /** The alarms whose metric (or one of the metric-math inputs) has this namespace, name and dimension. */
  const alarmsOn = (namespace: string, metricName: string, dimension?: [string, unknown]) =>
    alarms().filter(([, a]) => {
      const metrics = a.Properties.Metrics
        ? (a.Properties.Metrics as { MetricStat?: { Metric: Record<string, any> } }[]).flatMap((m) =>
            m.MetricStat ? [m.MetricStat.Metric] : [],
          )
        : [{ Namespace: a.Properties.Namespace, MetricName: a.Properties.MetricName, Dimensions: a.Properties.Dimensions }];
      return metrics.some(
        (m) =>
          m.Namespace === namespace &&
          m.MetricName === metricName &&
          (!dimension ||
            (m.Dimensions as { Name: string; Value: unknown }[]).some(
              (d) => d.Name === dimension[0] && JSON.stringify(d.Value) === JSON.stringify(dimension[1]),
            )),
      );
    });

  it('notify one KMS-encrypted SNS topic, on alarm and on recovery', () => {
    expect(ofType('AWS::SNS::Topic')).toHaveLength(1);
    const [, topic] = ofType('AWS::SNS::Topic')[0]!;
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    expect(alarms().length).toBeGreaterThan(0);
    for (const [key, alarm] of alarms()) {
      expect(alarm.Properties.AlarmActions, key).toEqual([topicRef()]);
      expect(alarm.Properties.OKActions, key).toEqual([topicRef()]);
      expect(alarm.Properties.AlarmDescription, key).toEqual(expect.any(String));
    }
    // CloudWatch may use the topic's key.
    const [, key] = ofType('AWS::KMS::Key')[0]!;
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
  });

  it('every function: errors and throttles (the authorizer: throttles; its errors are refused tokens)', () => {
    const [authorizerId] = authorizerFunction();
    for (const [functionId] of serviceFunctions()) {
      const dimension: [string, unknown] = ['FunctionName', { Ref: functionId }];
      expect(alarmsOn('AWS/Lambda', 'Errors', dimension), functionId).toHaveLength(functionId === authorizerId ? 0 : 1);
      expect(alarmsOn('AWS/Lambda', 'Throttles', dimension), functionId).toHaveLength(1);
    }
  });

  it('every dead-letter queue: any message', () => {
    for (const [queueId] of ofType('AWS::SQS::Queue')) {
      const found = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', ['QueueName', { 'Fn::GetAtt': [queueId, 'QueueName'] }]);
      expect(found, queueId).toHaveLength(1);
      expect(found[0]![1].Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('the API 5xx rate, DynamoDB throttles on the table and each index, outbox age and dead letters', () => {
    const apiId = { Ref: onlyId('AWS::ApiGatewayV2::Api') };
    const api = alarmsOn('AWS/ApiGateway', '5xx', ['ApiId', apiId]);
    expect(api).toHaveLength(1);
    expect(alarmsOn('AWS/ApiGateway', 'Count', ['ApiId', apiId])).toEqual(api);
    const tableName = { Ref: onlyId('AWS::DynamoDB::GlobalTable') };
    const throttles = alarmsOn('AWS/DynamoDB', 'WriteThrottleEvents', ['TableName', tableName]);
    expect(throttles).toHaveLength(1 + tableDesign.indexes.length);
    expect(alarmsOn('AWS/DynamoDB', 'ReadThrottleEvents', ['TableName', tableName])).toEqual(throttles);
    for (const index of tableDesign.indexes) {
      expect(alarmsOn('AWS/DynamoDB', 'WriteThrottleEvents', ['GlobalSecondaryIndexName', index.name]), index.name).toHaveLength(1);
    }
    const age = alarmsOn('DealerChannel', 'OutboxOldestAgeSeconds', ['service', 'dealer-channel']);
    expect(age).toHaveLength(1);
    expect(age[0]![1].Properties).toMatchObject({ Statistic: 'Maximum', Threshold: 900 });
    expect(alarmsOn('DealerChannel', 'OutboxDeadLetters', ['service', 'dealer-channel'])).toHaveLength(1);
  });

  it('every function emits its metrics to the DealerChannel namespace', () => {
    for (const [functionId, fn] of serviceFunctions()) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE, functionId).toBe('DealerChannel');
    }
  });
});

describe('production readiness (issue 20)', () => {
  it('mail: a domain identity with Easy DKIM and a custom MAIL FROM, and its configuration set', () => {
    const setId = onlyId('AWS::SES::ConfigurationSet');
    data.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: MAIL_DOMAIN,
      DkimSigningAttributes: Match.absent(), // Easy DKIM: SES generates and rotates the keys
      DkimAttributes: { SigningEnabled: true },
      MailFromAttributes: { MailFromDomain: `bounce.${MAIL_DOMAIN}`, BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: logicalIdPart(setId) } },
    });
    data.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: CONFIGURATION_SET,
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
    const [, destination] = ofType('AWS::SES::ConfigurationSetEventDestination')[0]!;
    expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: setId });
    expect(destination.Properties.EventDestination).toMatchObject({
      Enabled: true,
      MatchingEventTypes: expect.arrayContaining(['bounce', 'complaint', 'reject']),
    });
    // SES publishes only to the default bus.
    expect(JSON.stringify(destination.Properties.EventDestination.EventBridgeDestination.EventBusArn)).toContain(':event-bus/default"');
  });

  it('mail: every function names the configuration set (SES_CONFIGURATION_SET)', () => {
    for (const [functionId, fn] of serviceFunctions()) {
      expect(fn.Properties.Environment.Variables.SES_CONFIGURATION_SET, functionId).toEqual({ Ref: onlyId('AWS::SES::ConfigurationSet') });
    }
  });

  it('Cognito mails through SES from the stage domain, with an explicit risk configuration', () => {
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: `Dealer Channel <${MAIL_FROM}>`,
        SourceArn: Match.anyValue(),
        ConfigurationSet: { Ref: logicalIdPart(onlyId('AWS::SES::ConfigurationSet')) },
      },
    });
    const [, risk] = ofType('AWS::Cognito::UserPoolRiskConfigurationAttachment')[0]!;
    expect(risk.Properties).toMatchObject({
      UserPoolId: { Ref: onlyId('AWS::Cognito::UserPool') },
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' }, EventFilter: expect.arrayContaining(['SIGN_IN']) },
      AccountTakeoverRiskConfiguration: {
        Actions: { HighAction: { EventAction: 'BLOCK' }, MediumAction: { EventAction: 'MFA_REQUIRED' } },
        NotifyConfiguration: { From: MAIL_FROM },
      },
    });
  });

  it('throttles per route: tight on every public and heavy route, detailed metrics on', () => {
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      DetailedMetricsEnabled: true,
      ThrottlingRateLimit: DEFAULT_THROTTLE.rateLimit,
    });
    const settings = stage.Properties.RouteSettings as Record<string, Record<string, number | boolean>>;
    expect(Object.keys(settings).sort()).toEqual(Object.keys(ROUTE_THROTTLES).sort());
    for (const key of [...routes.filter((r) => r.auth === 'public').map(routeKey), 'GET /forecast/deals', 'POST /kpi-inputs/revenue']) {
      expect(settings[key], key).toMatchObject({ DetailedMetricsEnabled: true });
      expect(settings[key]!.ThrottlingRateLimit, key).toBeLessThanOrEqual(DEFAULT_THROTTLE.rateLimit / 5);
      expect(settings[key]!.ThrottlingBurstLimit, key).toBeLessThanOrEqual(DEFAULT_THROTTLE.burstLimit / 5);
    }
    for (const key of Object.keys(settings)) expect(routes.map(routeKey)).toContain(key);
  });

  it('custom domain for the API (certificate from context), the only base of links', () => {
    const [domainId, domain] = ofType('AWS::ApiGatewayV2::DomainName')[0]!;
    expect(domain.Properties).toMatchObject({
      DomainName: API_DOMAIN,
      DomainNameConfigurations: [expect.objectContaining({ CertificateArn: expect.stringContaining(':certificate/') })],
    });
    const [, mapping] = ofType('AWS::ApiGatewayV2::ApiMapping')[0]!;
    expect(mapping.Properties.DomainName).toEqual({ Ref: domainId });
    const [, api] = ofType('AWS::ApiGatewayV2::Api')[0]!;
    expect(api.Properties.DisableExecuteApiEndpoint).toBe(true);
    // Routes and jobs compose links; the stream consumer sends the mails they composed and links webhook payloads.
    const withBase = serviceFunctions().filter(([, fn]) => fn.Properties.Environment.Variables.PUBLIC_BASE_URL !== undefined);
    expect(withBase).toHaveLength(routes.length + schedules.length + 1);
    for (const [functionId, fn] of withBase) {
      expect(fn.Properties.Environment.Variables.PUBLIC_BASE_URL, functionId).toBe(`https://${API_DOMAIN}`);
    }
    expect(synthesized.outputs.ApiUrl).toBe(`https://${API_DOMAIN}/`);
  });

  it('tags on everything that takes tags', () => {
    const expected = [
      { Key: 'project', Value: 'dealer-channel' },
      { Key: 'stage', Value: STAGE },
    ];
    const listTagged = Object.entries(resources).filter(([, r]) => Array.isArray(r.Properties?.Tags));
    for (const [key, r] of listTagged) expect(r.Properties.Tags, key).toEqual(expect.arrayContaining(expected));
    for (const type of [
      'AWS::Lambda::Function',
      'AWS::IAM::Role',
      'AWS::SQS::Queue',
      'AWS::SNS::Topic',
      'AWS::Logs::LogGroup',
      'AWS::SecretsManager::Secret',
      'AWS::KMS::Key',
      'AWS::Events::EventBus',
      'AWS::CloudFormation::Stack',
    ]) {
      for (const [key, r] of ofType(type)) expect(r.Properties.Tags, key).toEqual(expect.arrayContaining(expected));
    }
    for (const [key, r] of ofType('AWS::ApiGatewayV2::Api'))
      expect(r.Properties.Tags, key).toMatchObject({ project: 'dealer-channel', stage: STAGE });
    for (const [key, r] of ofType('AWS::Cognito::UserPool'))
      expect(r.Properties.UserPoolTags, key).toMatchObject({ project: 'dealer-channel', stage: STAGE });
    for (const [key, r] of ofType('AWS::DynamoDB::GlobalTable'))
      expect(r.Properties.Replicas[0].Tags, key).toEqual(expect.arrayContaining(expected));
  });

  it('an AWS Backup plan for the table (on in prod, here by context), and an archive on the bus', () => {
    const [, plan] = ofType('AWS::Backup::BackupPlan')[0]!;
    const rules = plan.Properties.BackupPlan.BackupPlanRule as { Lifecycle: { DeleteAfterDays: number } }[];
    expect(rules.map((r) => r.Lifecycle.DeleteAfterDays).sort((a, b) => a - b)).toEqual([35, 365]);
    const [, selection] = ofType('AWS::Backup::BackupSelection')[0]!;
    expect(selection.Properties.BackupSelection.Resources).toEqual([tableArn()]);
    const [, archive] = ofType('AWS::Events::Archive')[0]!;
    expect(archive.Properties).toMatchObject({ SourceArn: { 'Fn::GetAtt': [onlyId('AWS::Events::EventBus'), 'Arn'] }, RetentionDays: 365 });
  });

  it('mail: bounces and complaints of the configuration set reach the mail-feedback function, which writes only the table', () => {
    const found = ofType('AWS::Events::Rule').filter(([id]) => logicalIdPart(id).startsWith('MailFeedbackRule'));
    expect(found).toHaveLength(1);
    const [, rule] = found[0]!;
    expect(rule.Properties.EventBusName).toBe('default'); // where SES publishes
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': ['Email Bounced', 'Email Complaint Received'],
      detail: { mail: { tags: { 'ses:configuration-set': [expect.anything()] } } },
    });
    expect(JSON.stringify(rule.Properties.EventPattern.detail.mail.tags['ses:configuration-set'][0])).toContain(
      logicalIdPart(onlyId('AWS::SES::ConfigurationSet')),
    );
    const target = (rule.Properties.Targets as Record<string, any>[])[0]!;
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
    const functionId = logicalIdOf(target.Arn);
    const { fn, statements } = permissionsOf(functionId);
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(serviceActions(statements, 'dynamodb')).toEqual([...READ_ACTIONS, ...WRITE_ACTIONS].sort());
    expect(serviceActions(statements, 'ses')).toEqual([]);
    expect(serviceActions(statements, 'events')).toEqual([]);
    // Undelivered events and events it failed on are kept and alarmed (every queue has its alarm, see alarms).
    expect(resources[logicalIdOf(target.DeadLetterConfig.Arn)]?.Type).toBe('AWS::SQS::Queue');
    const [, config] = ofType('AWS::Lambda::EventInvokeConfig').find(([, c]) => logicalIdOf(c.Properties.FunctionName) === functionId)!;
    expect(config.Properties).toMatchObject({ MaximumRetryAttempts: 2 });
    expect(resources[logicalIdOf(config.Properties.DestinationConfig.OnFailure.Destination)]?.Type).toBe('AWS::SQS::Queue');
  });

  it('mail: the functions that send hold the SES send rate (SES_MAX_SEND_RATE)', () => {
    for (const [functionId, fn] of serviceFunctions()) {
      expect(Number(fn.Properties.Environment.Variables.SES_MAX_SEND_RATE), functionId).toBeGreaterThan(0);
    }
  });

  it('mail reputation alarms on the configuration set', () => {
    const onSet = ofType('AWS::CloudWatch::Alarm').filter(([, a]) => JSON.stringify(a.Properties).includes('ses:configuration-set'));
    const names = onSet.flatMap(([, a]) =>
      a.Properties.MetricName
        ? [a.Properties.MetricName]
        : (a.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).flatMap((m) =>
            m.MetricStat ? [m.MetricStat.Metric.MetricName] : [],
          ),
    );
    expect(names).toEqual(expect.arrayContaining(['Reputation.BounceRate', 'Reputation.ComplaintRate', 'Bounce', 'Complaint']));
  });
});

describe('stage guards', () => {
  const define = (context: Record<string, string>) => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
    return defineApp(app);
  };
  it('a stage other than dev refuses the example sender and needs a sending domain', () => {
    expect(() => define({ stage: 'prod' })).toThrow(/mailDomain/);
    expect(() => define({ stage: 'prod', mailDomain: 'dealer-channel.example' })).toThrow(/example sender/);
    expect(() => define({ stage: 'staging', mailDomain: 'acme.test', mailFrom: 'no-reply@other.test' })).toThrow(/not on mailDomain/);
    expect(() => define({ stage: 'prod', mailDomain: 'acme.test', apiDomain: 'api.acme.test' })).toThrow(/apiCertificateArn/);
  });
  it('dev may send from the example address identity; a stage that shares the domain does not create it again', () => {
    const dev = define({ stage: 'dev' });
    expect(dev.data.mail.identityName).toBe(DEFAULT_MAIL_FROM);
    const second = define({
      stage: 'staging',
      mailDomain: 'acme.test',
      ownsMailIdentity: 'false',
      portalDist: 'test/infra/fixtures/portal-dist',
      webAclArn: WEB_ACL_ARN,
    });
    expect(second.data.mail.identity.node.defaultChild).toBeUndefined(); // imported by name, not a resource
    expect(second.data.mail.identityName).toBe('acme.test');
  });
});

describe('files bucket (issue 15)', () => {
  const buckets = () => data.findResources('AWS::S3::Bucket');
  const filesBucket = () => Object.entries(buckets()).find(([, b]) => JSON.stringify(b.Properties?.BucketName ?? '').includes('-files-'))!;

  it('private, encrypted, TLS only, named per stage, account and region, logging its requests', () => {
    const [id, bucket] = filesBucket();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe(
      'AES256',
    );
    expect(JSON.stringify(bucket.Properties.BucketName)).toContain('dealer-channel-test-files-');
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toBeDefined();
    const policies = Object.values(data.findResources('AWS::S3::BucketPolicy')).filter((p) => logicalIdOf(p.Properties.Bucket) === id);
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    expect(statements.some((st) => st.Effect === 'Deny' && JSON.stringify(st.Condition).includes('"aws:SecureTransport":"false"'))).toBe(
      true,
    );
    expect(statements.filter((st) => st.Effect === 'Allow' && JSON.stringify(st.Principal).includes('"*"'))).toEqual([]);
  });

  it('aborts interrupted uploads and expires uploads nobody confirmed (tagged pending) after a day', () => {
    const rules = filesBucket()[1].Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
        expect.objectContaining({ TagFilters: [{ Key: 'upload', Value: 'pending' }], ExpirationInDays: 1, Status: 'Enabled' }),
      ]),
    );
  });

  it('lets browsers PUT and GET presigned URLs (CORS) with only the signed headers', () => {
    const rule = (filesBucket()[1].Properties.CorsConfiguration.CorsRules as Record<string, any>[])[0]!;
    expect(rule.AllowedMethods.sort()).toEqual(['GET', 'HEAD', 'PUT']);
    expect(rule.AllowedHeaders).toEqual(['content-type', 'content-length']);
  });
});

describe('portal hosting (issue 13)', () => {
  const distribution = () => ofType('AWS::CloudFront::Distribution')[0]!;
  const config = () => distribution()[1].Properties.DistributionConfig as Record<string, any>;

  it('a private bucket behind CloudFront through origin access control', () => {
    const origin = (config().Origins as Record<string, any>[]).find((o) => o.S3OriginConfig)!;
    const bucketId = logicalIdOf(origin.DomainName);
    const bucket = resources[bucketId]!;
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const [oacId, oac] = ofType('AWS::CloudFront::OriginAccessControl')[0]!;
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = (config().Origins as Record<string, any>[]).find((o) => o.S3OriginConfig)!;
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => logicalIdOf(p.Properties.Bucket) === bucketId)!;
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    const allow = statements.filter((st) => st.Effect === 'Allow');
    expect(allow.every((st) => JSON.stringify(st.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }))).toBe(true);
    expect(statements.some((st) => st.Effect === 'Deny' && JSON.stringify(st.Condition).includes('aws:SecureTransport'))).toBe(true);
  });

  it('security headers with a strict CSP on every behaviour, and SPA fallback to index.html', () => {
    const [policyId, policy] = ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    // A Fn::Join (the managed login domain names the region): read it as text.
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    // Uploads go from the browser straight to the files bucket's presigned URLs.
    expect(csp).toMatch(/connect-src 'self' https:\/\/[^;]*amazoncognito\.com https:\/\/dealer-channel-[^;]*-files-[^;]*\.s3\./);
    expect(headers.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Preload: true });
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(config().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    for (const b of config().CacheBehaviors as Record<string, any>[]) expect(b.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(config().DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config().DefaultRootObject).toBe('index.html');
    expect(config().CustomErrorResponses).toEqual(
      expect.arrayContaining([expect.objectContaining({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' })]),
    );
  });

  it('the API under /api/* of the same origin: uncached, all methods, prefix stripped', () => {
    const api = (config().CacheBehaviors as Record<string, any>[])[0]!;
    expect(api).toMatchObject({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' });
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']));
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    const [, fn] = ofType('AWS::CloudFront::Function')[0]!;
    expect(fn.Properties.FunctionCode).toContain('slice(4)');
    const origin = (config().Origins as Record<string, any>[]).find((o) => o.Id === api.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain(API_DOMAIN);
  });

  it('a WAF web ACL from the edge stack (us-east-1, scope CLOUDFRONT) with rate-based rules', () => {
    expect(config().WebACLId).toBe(WEB_ACL_ARN);
    expect(stacks.edge.region).toBe('us-east-1');
    const [, acl] = ofType('AWS::WAFv2::WebACL')[0]!;
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    const rules = acl.Properties.Rules as Record<string, any>[];
    const rate = rules.filter((r) => r.Statement.RateBasedStatement);
    expect(rate.length).toBeGreaterThanOrEqual(1);
    expect(rate.every((r) => r.Action.Block !== undefined)).toBe(true);
    expect(rate.map((r) => r.Statement.RateBasedStatement.AggregateKeyType)).toContain('IP');
    expect(synthesized.outputs.WebAclArn).toEqual({ 'Fn::GetAtt': [expect.stringContaining('WebAcl'), 'Arn'] });
  });

  it('managed login: domain (v2), a portal client with code flow + PKCE and its URLs, tenant attributes read-only', () => {
    const [, domain] = ofType('AWS::Cognito::UserPoolDomain')[0]!;
    expect(domain.Properties).toMatchObject({ Domain: `dealer-channel-${STAGE}`, ManagedLoginVersion: 2 });
    const clients = ofType('AWS::Cognito::UserPoolClient');
    const [portalId, portal] = clients.find(([, c]) => c.Properties.ClientName === 'dealer-channel-portal')!;
    expect(portal.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(JSON.stringify(portal.Properties.CallbackURLs)).toContain('/auth/callback');
    expect(portal.Properties.LogoutURLs).toHaveLength(1);
    const writable = portal.Properties.WriteAttributes as string[];
    expect(writable.length).toBeGreaterThan(0);
    expect(writable.filter((a) => a.startsWith('custom:'))).toEqual([]);
    expect(portal.Properties.ReadAttributes).toEqual(expect.arrayContaining([CLAIMS.dealerId, CLAIMS.regions]));
    // The API accepts the portal's ID tokens.
    expect(JSON.stringify(authorizerFunction()[1].Properties.Environment.Variables.TOKEN_AUDIENCES)).toContain(portalId);
    expect(ofType('AWS::Cognito::ManagedLoginBranding')).toHaveLength(1);
  });

  it('deploys the built portal and a config.json written at deploy', () => {
    const [, deployment] = Object.entries(resources).find(([, r]) => r.Type === 'Custom::CDKBucketDeployment')!;
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    // config.json's deploy-time values: the portal client's id, the user pool, the distribution's domain.
    expect(markers).toContain('PortalClient');
    expect(markers).toContain('UserPool');
    expect(deployment.Properties.Prune).toBe(true);
    expect(deployment.Properties.DistributionPaths).toEqual(expect.arrayContaining(['/config.json']));
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning, and CDK itself warns of nothing', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);

    // The same through the synth's own validation report (cdk-nag is registered by defineApp).
    const synthReport = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(synthReport.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);

    for (const { stack } of synthesized.templates.filter((t) => !NestedStack.isNestedStack(t.stack))) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError('*', Match.anyValue()), stack.node.path).toEqual([]);
      expect(annotations.findWarning('*', Match.anyValue()), stack.node.path).toEqual([]);
    }
  });

  it('acknowledges each finding where it occurs, with a reason, and nothing that does not occur', () => {
    // The findings as they would be without any acknowledgement.
    const raw = new AwsSolutionsChecks();
    Object.defineProperty(raw, 'isAcknowledged', { value: () => false });
    const findings = raw
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => ({ id: v.ruleName, path: r.constructPath! })));

    const acknowledged = app.node.findAll().flatMap((c) =>
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
      new Set([
        'AwsSolutions-IAM4',
        'AwsSolutions-IAM5',
        'AwsSolutions-APIG4',
        'AwsSolutions-L1',
        'AwsSolutions-S1',
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR3',
        'AwsSolutions-CFR4',
        'AwsSolutions-SMG4',
        'AwsSolutions-SQS3',
      ]),
    );
    // Never on the stack or the app: each acknowledgement sits on the resource (or its policy) it is about.
    expect(acknowledged.filter((a) => a.path.split('/').length < 3)).toEqual([]);
    // APIG4 (no authorizer) only on the routes that the route table marks public.
    const publicRoutes = routes
      .filter((r) => r.auth === 'public')
      .map((r) => `${stacks.service.node.path}/Api/${pascalCase(routeArea(r))}/${routeConstructId(r)}/Route`);
    expect(
      acknowledged
        .filter((a) => a.id === 'AwsSolutions-APIG4')
        .map((a) => a.path)
        .sort(),
    ).toEqual(publicRoutes.sort());
    // SMG4 (no rotation) only on the review-link key and the cursor key; SQS3 (no DLQ) only on the dead-letter queues.
    const secretPaths = [`${stacks.data.node.path}/ReviewTokenKey/Secret`, `${stacks.data.node.path}/CursorKey/Secret`];
    expect(
      acknowledged
        .filter((a) => a.id === 'AwsSolutions-SMG4')
        .map((a) => a.path)
        .sort(),
    ).toEqual(secretPaths.sort());
    const dlqPaths = [
      ...schedules.flatMap((s) =>
        ['DeadLetters', 'FailedRuns'].map((queue) => `${stacks.service.node.path}/Jobs/${pascalCase(s.name)}/${queue}`),
      ),
      `${stacks.service.node.path}/Jobs/OutboxStream/DeadLetters`,
      ...['DeadLetters', 'FailedEvents'].map((queue) => `${stacks.service.node.path}/Jobs/MailFeedback/${queue}`),
    ];
    // IAM4 (a managed policy) only on the role AWS Backup assumes for the table.
    const bucketDeploymentHandler = (p: string) => p.startsWith(`${stacks.service.node.path}/Portal/Custom::CDKBucketDeployment`);
    expect(acknowledged.filter((a) => a.id.startsWith('AwsSolutions-IAM4') && !bucketDeploymentHandler(a.path)).map((a) => a.path)).toEqual(
      [`${stacks.data.node.path}/Backup/Table/Role`],
    );
    // L1 only on CDK's BucketDeployment handler, whose runtime CDK pins.
    expect(acknowledged.filter((a) => a.id === 'AwsSolutions-L1').every((a) => bucketDeploymentHandler(a.path))).toBe(true);
    expect(
      acknowledged
        .filter((a) => a.id === 'AwsSolutions-SQS3')
        .map((a) => a.path)
        .sort(),
    ).toEqual(dlqPaths.sort());
    // IAM5 only on function policies: X-Ray's "*" on each.
    const policyPaths = acknowledged.filter((a) => a.id.startsWith('AwsSolutions-IAM5')).map((a) => a.path);
    expect(policyPaths.filter((p) => !p.endsWith('/Role/DefaultPolicy') && !bucketDeploymentHandler(p))).toEqual([]);
  });
});
