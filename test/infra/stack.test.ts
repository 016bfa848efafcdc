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
import { routeConstructId } from '../../infra/constructs/names.js';
import { REPO_ROOT, type DealerChannelStack } from '../../infra/stack.js';
import { ROLES, type RouteDefinition, routeKey, routes } from '../../shared/api/routes.js';
import { tableDesign } from '../../shared/db/table-design.js';
import { CLAIMS } from '../../shared/http/caller.js';

const STAGE = 'test';
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
];
/**
 * Lambda functions that CDK adds on its own (LogRetention, custom-resource providers…). None: log groups are
 * explicit LogGroup resources with a retention, and the stack uses no custom resources.
 */
const CDK_HELPER_FUNCTIONS = 0;

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: string[] };

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
  const fn = resources[functionId]!;
  expect(fn.Type).toBe('AWS::Lambda::Function');
  const roleId = logicalIdOf(fn.Properties.Role);
  const statements = ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => logicalIdOf(r) === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
  return { routeId, apiRoute, integration, functionId, fn, roleId, statements };
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
        Projection: { ProjectionType: 'ALL' },
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
  it('are one per route (plus the CDK helper functions, none)', () => {
    template.resourceCountIs('AWS::Lambda::Function', routes.length + CDK_HELPER_FUNCTIONS);
    expect(ofType('AWS::CloudFormation::CustomResource')).toEqual([]);
    expect(Object.values(resources).filter((r) => r.Type.startsWith('Custom::'))).toEqual([]);
  });

  it('all run nodejs24.x on arm64 with tracing, 512 MB, 10 s', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: handler, environment, logs, table grant', (_, route) => {
    const { functionId, fn, statements } = wiring(route);
    expect(functionId.startsWith(`Api${routeConstructId(route)}Function`)).toBe(true);
    expect(fn.Properties.Handler).toBe(`index.${route.handler}`);
    expect(Object.keys(fn.Properties.Environment.Variables as object)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS', 'MAIL_FROM', 'EVENT_BUS_NAME']),
    );
    expect(fn.Properties.Environment.Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'dealer-channel',
      NODE_OPTIONS: '--enable-source-maps',
    });

    const logGroup = resources[logicalIdOf(fn.Properties.LoggingConfig.LogGroup)]!;
    expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });

    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    const actions = dynamo.flatMap(actionsOf);
    if (route.table === 'none') expect(actions).toEqual([]);
    if (route.table === 'read') {
      expect(actions).toContain('dynamodb:Query');
      expect(actions.filter((a) => WRITE_ACTIONS.includes(a))).toEqual([]);
    }
    if (route.table === 'write') expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    // No managed policies; logs only to the function's own log group.
    const [, role] = ofType('AWS::IAM::Role').find(([id]) => id === logicalIdOf(fn.Properties.Role))!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
    expect(logs.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [logicalIdOf(fn.Properties.LoggingConfig.LogGroup), 'Arn'] }]);
  });

  it('GET /registrations may read the table but never write it', () => {
    const route = routes.find((r) => routeKey(r) === 'GET /registrations')!;
    expect(route.table).toBe('read');
    const { statements } = wiring(route);
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const action of WRITE_ACTIONS) expect(actions).not.toContain(action);
    expect(actions.filter((a) => a === 'dynamodb:*' || a === '*')).toEqual([]);
  });
});

describe('events, mail and outputs', () => {
  it('has the stage event bus and the SES sender identity', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: `dealer-channel-${STAGE}` });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'no-reply@dealer-channel.example' });
  });

  it('exports ApiUrl, UserPoolId, UserPoolClientId, TableName, EventBusName', () => {
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'EventBusName']) {
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
      new Set(['AwsSolutions-COG2', 'AwsSolutions-IAM5', 'AwsSolutions-APIG4']),
    );
    // Never on the stack or the app: each acknowledgement sits on the resource (or its policy) it is about.
    expect(acknowledged.filter((a) => a.path.split('/').length < 3)).toEqual([]);
    // APIG4 (no authorizer) only on the routes that the route table marks public.
    const publicRoutes = routes.filter((r) => r.auth === 'public').map((r) => `${stack.node.path}/Api/${routeConstructId(r)}/Route`);
    expect(acknowledged.filter((a) => a.id === 'AwsSolutions-APIG4').map((a) => a.path).sort()).toEqual(publicRoutes.sort());
  });
});
