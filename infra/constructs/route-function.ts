import * as path from 'node:path';
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, HttpRoute, HttpRouteKey, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/api/routes.js';

export interface RouteFunctionProps {
  readonly route: RouteDefinition;
  readonly repoRoot: string;
  readonly httpApi: HttpApi;
  /** Applied when the route's `auth` is `jwt`. */
  readonly authorizer: IHttpRouteAuthorizer;
  readonly table: TableV2;
  readonly environment: Record<string, string>;
  /** Log groups are retained with the stage's data; otherwise removed with the stack. */
  readonly retainLogs: boolean;
  /**
   * Why a route without the JWT authorizer is acceptable (acknowledges cdk-nag AwsSolutions-APIG4). Required for
   * `auth: 'public'` routes, so that making a route public is a deliberate, reviewed decision.
   */
  readonly publicReason?: string;
}

/** ESM output needs `require` for the odd CommonJS dependency that esbuild leaves as a dynamic require. */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * One route of the route table: its own Lambda function (own role, own log group) and the HTTP API route that
 * invokes it. The role gets exactly the table access that the route table declares.
 */
export class RouteFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly httpRoute: HttpRoute;

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    super(scope, id);
    const { route } = props;

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // An own role instead of the default one: the AWSLambdaBasicExecutionRole managed policy may write to any log
    // group (AwsSolutions-IAM4); this role may write to its own log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${route.method} ${route.path}`,
    });
    logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
      entry: path.join(props.repoRoot, route.entry),
      handler: route.handler,
      projectRoot: props.repoRoot,
      depsLockFilePath: path.join(props.repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup,
      environment: props.environment,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        banner: ESM_REQUIRE_BANNER,
      },
    });

    const policy = this.role.node.tryFindChild('DefaultPolicy');
    if (!policy) throw new Error(`${route.method} ${route.path}: the function role has no policy`);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
        'permissions, so Resource "*" is the only possible value.',
    });
    if (route.table === 'read') props.table.grantReadData(this.role);
    if (route.table === 'write') props.table.grantReadWriteData(this.role);
    if (route.table !== 'none') {
      const tableLogicalId = Stack.of(this).resolve(
        Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnElement),
      ) as string;
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason:
          'The handler queries the single table\'s GSIs (GSI1..GSI3 of shared/db/table-design.ts); the grant covers ' +
          'this one table\'s indexes and nothing else.',
      });
    }

    this.httpRoute = new HttpRoute(this, 'Route', {
      httpApi: props.httpApi,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration('Integration', this.function),
      ...(route.auth === 'jwt' ? { authorizer: props.authorizer } : {}),
    });
    if (route.auth === 'public') {
      if (!props.publicReason) {
        throw new Error(`${route.method} ${route.path} is public: give the reason it needs no authorizer`);
      }
      Validations.of(this.httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: props.publicReason });
    }
  }
}
