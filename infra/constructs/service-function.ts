import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type ILayerVersion, LayerVersion, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { FileGrant } from '../../shared/api/route-contract.js';
import { READ_RECORD } from '../../shared/db/read-records.js';
import { tableDesign } from '../../shared/db/table-design.js';
import type { StageAlarms } from './alarms.js';
import { BUILT_FILES, LAMBDA_ESBUILD_OPTIONS, powertoolsLayerParameter } from './lambda-bundling.js';
import type { Mail } from './mail.js';
import type { ReviewTokenSecret } from './review-token-secret.js';

/**
 * Table actions by access level. No `Scan` (SPEC §6: every request path reads by key or by index) and no
 * `TransactGetItems`/`TransactWriteItems`, which are not IAM actions: DynamoDB authorizes each item of a
 * transaction as GetItem, PutItem, UpdateItem, DeleteItem or ConditionCheckItem.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
  // Plus the read-record writes, granted on their keys and attributes only (READ_RECORD).
  'record-reads': ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
  write: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
} as const;

/** What one function may touch besides its own log group and X-Ray. */
export interface FunctionAccess {
  readonly table: 'none' | 'read' | 'record-reads' | 'write';
  /**
   * Delivers the transactional outbox (the stream consumer and the sweeper): SES SendEmail/SendRawEmail as the
   * sender identity (shared/outbox/mail-sender.ts) and PutEvents on the bus (shared/outbox/event-publisher.ts).
   */
  readonly delivery: boolean;
  /** Reads the review links' HMAC key (shared/review-links/token-secret.ts) to sign or verify links. */
  readonly reviewSecret: boolean;
  /**
   * Serves dealers, so it counts their first request of the day (shared/http/portal-logins.ts): a transaction of a
   * day marker and a monthly counter. Granted on those keys only, even where the route is read-only.
   */
  readonly countsLogins: boolean;
  /** What it does with the files bucket (see FILE_ACTIONS). */
  readonly files: readonly FileGrant[];
  /**
   * Manages people's accounts in the user pool (shared/users/cognito-user-directory.ts): find by email, create with
   * the tenant attributes, add to a group, disable and sign out.
   */
  readonly userDirectory?: boolean;
}

/**
 * Bucket actions by file grant. Signing a URL needs the right the URL exercises: an upload's PutObject with its
 * tag, a download's GetObject. Confirming reads the object's head (GetObject; ListBucket so that a missing object
 * answers 404, not 403), replaces its tag and deletes a mismatch.
 */
export const FILE_ACTIONS: Record<FileGrant, { objects: string[]; bucket?: string[] }> = {
  upload: { objects: ['s3:PutObject', 's3:PutObjectTagging'] },
  confirm: { objects: ['s3:GetObject', 's3:PutObjectTagging', 's3:DeleteObject'], bucket: ['s3:ListBucket'] },
  download: { objects: ['s3:GetObject'] },
};

/** The stack's shared resources and settings that every function is built against. */
export interface FunctionResources {
  readonly repoRoot: string;
  readonly table: TableV2;
  readonly eventBus: IEventBus;
  /** The sender identity and the configuration set that every send names. */
  readonly mail: Mail;
  readonly reviewSecret: ReviewTokenSecret;
  /** The files bucket, and the cdk-nag finding id of a grant on all its objects (see files-bucket.ts). */
  readonly files: { readonly bucket: IBucket; readonly objectsFinding: string };
  /** Environment of every function (table name, sender, event bus…). */
  readonly environment: Record<string, string>;
  /** Log groups are retained with the stage's data; otherwise removed with the stack. */
  readonly retainLogs: boolean;
  /** Every function gets its error and throttle alarms here. */
  readonly alarms: StageAlarms;
  /** The user pool, for functions that manage accounts (`userDirectory`). */
  readonly userPool?: IUserPool;
}

export interface ServiceFunctionProps {
  readonly resources: FunctionResources;
  /** Module under the repository root, and its export that handles the invocation. */
  readonly entry: string;
  readonly handler: string;
  readonly description: string;
  /** Names the role in the console: the route key or the job. */
  readonly roleDescription: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly access: FunctionAccess;
  /** Added to the shared environment (e.g. PUBLIC_BASE_URL). */
  readonly environment?: Record<string, string>;
  /**
   * Refuses by throwing (a Lambda authorizer's `Unauthorized`, API Gateway's 401), so its errors are answers, not
   * failures: it gets no errors alarm; the API's 5xx alarm sees a failing authorizer.
   */
  readonly refusesByThrowing?: boolean;
}

export interface ServiceFunction {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
}

/**
 * The table and each of its indexes by name (shared/db/table-design.ts), rather than `index/*`: the grant names
 * exactly what exists, and a new index is granted when it is designed.
 */
const tableAndIndexArns = (table: TableV2): string[] => [
  table.tableArn,
  ...tableDesign.indexes.map((index) => `${table.tableArn}/index/${index.name}`),
];

/**
 * The Powertools layer of the release package.json pins, once per stack: it provides what POWERTOOLS_LAYER_MODULES
 * leaves out of the bundles. Its ARN is read from AWS's public SSM parameter when the stack deploys.
 */
function powertoolsLayer(scope: Construct, repoRoot: string): ILayerVersion {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('PowertoolsLayer') as ILayerVersion | undefined;
  if (existing) return existing;
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const version = manifest.dependencies['@aws-lambda-powertools/tracer'];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`package.json pins no exact Powertools Tracer version (${version})`);
  const arn = StringParameter.valueForStringParameter(stack, powertoolsLayerParameter(version));
  return LayerVersion.fromLayerVersionArn(stack, 'PowertoolsLayer', arn);
}

/**
 * The one way Dealer Channel builds a Lambda function, for routes and scheduled jobs alike: nodejs24.x on arm64,
 * bundled by esbuild to minified ESM (what it leaves out: lambda-bundling.ts), active tracing with the Powertools
 * layer, its own log group and its own role holding exactly the grants of `access`.
 *
 * Creates `Logs`, `Role` and `Function` directly in `scope` (no wrapper construct), which keeps the logical ids
 * of the route functions what they were before routes and jobs shared this builder.
 */
export function addServiceFunction(scope: Construct, props: ServiceFunctionProps): ServiceFunction {
  const { resources, access } = props;

  const logGroup = new LogGroup(scope, 'Logs', {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: resources.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });

  // An own role instead of the default one: the AWSLambdaBasicExecutionRole managed policy may write to any log
  // group (AwsSolutions-IAM4); this role may write to its own log group only.
  const role = new Role(scope, 'Role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: props.roleDescription.slice(0, 1000),
  });
  logGroup.grantWrite(role);

  const builtFile = BUILT_FILES[props.entry];
  const fn = new NodejsFunction(scope, 'Function', {
    description: props.description.slice(0, 256),
    entry: path.join(resources.repoRoot, props.entry),
    handler: props.handler,
    projectRoot: resources.repoRoot,
    depsLockFilePath: path.join(resources.repoRoot, 'package-lock.json'),
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    tracing: Tracing.ACTIVE,
    role,
    logGroup,
    environment: {
      ...resources.environment,
      ...props.environment,
      ...(access.reviewSecret ? { REVIEW_TOKEN_SECRET_NAME: resources.reviewSecret.secretName } : {}),
      ...(access.userDirectory && resources.userPool ? { USER_POOL_ID: resources.userPool.userPoolId } : {}),
    },
    bundling: {
      format: OutputFormat.ESM,
      target: LAMBDA_ESBUILD_OPTIONS.target,
      minify: LAMBDA_ESBUILD_OPTIONS.minify,
      sourceMap: LAMBDA_ESBUILD_OPTIONS.sourcemap,
      mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
      externalModules: [...LAMBDA_ESBUILD_OPTIONS.external],
      banner: LAMBDA_ESBUILD_OPTIONS.banner.js,
      esbuildArgs: { '--alias': Object.entries(LAMBDA_ESBUILD_OPTIONS.alias).map(([module, replacement]) => `${module}=${replacement}`) },
      ...(builtFile ? { commandHooks: builtFileHooks(builtFile) } : {}),
    },
    layers: [powertoolsLayer(scope, resources.repoRoot)],
  });

  if (access.table !== 'none') {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...TABLE_ACTIONS[access.table]],
        resources: tableAndIndexArns(resources.table),
      }),
    );
  }
  if (access.delivery) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        // SES authorizes a send on the identity and on the configuration set it names.
        resources: [resources.mail.identity.emailIdentityArn, resources.mail.configurationSetArn],
      }),
    );
    resources.eventBus.grantPutEventsTo(role);
  }
  if (access.reviewSecret) resources.reviewSecret.grantRead(role);
  const objectActions = [...new Set(access.files.flatMap((grant) => FILE_ACTIONS[grant].objects))].sort();
  const bucketActions = [...new Set(access.files.flatMap((grant) => FILE_ACTIONS[grant].bucket ?? []))].sort();
  if (objectActions.length > 0) {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: objectActions, resources: [resources.files.bucket.arnForObjects('*')] }));
  }
  if (bucketActions.length > 0) {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: bucketActions, resources: [resources.files.bucket.bucketArn] }));
  }
  if (access.userDirectory) {
    if (!resources.userPool) throw new Error(`${props.roleDescription} manages users but the stage has no user pool`);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'cognito-idp:ListUsers',
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminAddUserToGroup',
          'cognito-idp:AdminDisableUser',
          'cognito-idp:AdminUserGlobalSignOut',
        ],
        resources: [resources.userPool.userPoolArn],
      }),
    );
  }
  if (access.table === 'record-reads') {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:BatchWriteItem'],
        resources: [resources.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...READ_RECORD.leadingKeys] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...READ_RECORD.attributes] },
        },
      }),
    );
  }
  if (access.countsLogins && access.table !== 'write') {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [resources.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOGIN#*', 'DEALER#*#KPI'] } },
      }),
    );
  }

  const policy = role.node.tryFindChild('DefaultPolicy');
  if (!(policy instanceof Policy)) throw new Error(`${props.roleDescription}: the function role has no policy`);
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
      'permissions, so Resource "*" is the only possible value.',
  });
  if (objectActions.length > 0) {
    Validations.of(policy).acknowledge({
      id: resources.files.objectsFinding,
      reason:
        'Files are keyed by a generated id under their tenant’s prefix (dealers/<dealerId>/, manufacturer/), known ' +
        'only at request time; the use case checks the tenant on the table record before it signs or touches a key.',
    });
  }
  resources.alarms.watchFunction(scope, fn, props.roleDescription, { errors: !props.refusesByThrowing });

  return { function: fn, role, logGroup };
}

/** The bundle's built file, written by its command in the repository root (the bundling's input directory). */
function builtFileHooks({ file, command }: { file: string; command: readonly string[] }): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => [`cd "${inputDir}" && ${command.join(' ')} "${path.join(outputDir, file)}"`],
  };
}
