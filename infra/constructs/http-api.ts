import { Duration, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, DomainName, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type RouteDefinition, routeKey } from '../../shared/api/routes.js';
import { pascalCase, routeArea, routeConstructId } from './names.js';
import { RouteFunction } from './route-function.js';
import { DEFAULT_THROTTLE, ROUTE_THROTTLES } from './route-throttles.js';
import { addServiceFunction, type FunctionResources } from './service-function.js';

export interface DealerChannelApiProps {
  readonly stage: string;
  readonly routes: readonly RouteDefinition[];
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /**
   * What the route functions are built against (its `retainLogs` also applies to the access logs); PUBLIC_BASE_URL
   * (this API) is added to their environment here.
   */
  readonly resources: FunctionResources;
  /**
   * Called once the API exists and before any route binds the authorizer: builds what sits in front of the API
   * (the portal) and returns the app client ids whose ID tokens the authorizer accepts besides `userPoolClient`'s.
   */
  readonly frontends?: (publicBaseUrl: string) => readonly string[];
  /** A custom domain (ACM certificate in the API's region): every link in mails then points at it. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
}

/**
 * Routes that deliberately go without the authorizer, each with the reason. A route marked `public` in the
 * route table but missing here fails the synth: opening a route must be a reviewed decision.
 */
const PUBLIC_ROUTES: Readonly<Record<string, string>> = {
  'GET /health': 'Liveness probe for monitors and load tests: answers {"status":"ok"} and reads no data.',
  'GET /openapi.json':
    "The API description (SPEC §7) that dealers' developers fetch before they have credentials; it is generated " +
    'from the route table and reads no data.',
  'GET /review/{token}':
    'Review link from a notification email (SPEC §7): the signed, single-use, expiring token in the path is the ' +
    'credential and the handler verifies it; the page changes nothing.',
  'POST /partner-applications':
    'The public partner application form (SPEC §8): anyone may apply; the handler validates, limits each source by a ' +
    'conditional counter and answers the same whatever the company is.',
  'HEAD /review/{token}': 'Mail scanners probe review links with HEAD; the handler answers without reading or changing anything.',
  'POST /review/{token}':
    'Decision from the review page (SPEC §7): the signed, single-use, expiring token is the credential; the handler ' +
    'verifies it and decides with a conditional write (still pending, token unused).',
};

/**
 * HTTP API access log: one JSON object per request, HTTP API context variables only. The route key
 * (`POST /review/{token}`) names the route; the request path is left out because it carries review-link tokens, which
 * are credentials until they expire.
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  method: '$context.httpMethod',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  subject: '$context.authorizer.sub',
});

/**
 * The HTTP API: a Lambda authorizer on the Cognito user pool's tokens, an explicit `$default` stage with JSON access logs and
 * throttling, and one Lambda function per entry of the route table.
 */
export class DealerChannelApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpLambdaAuthorizer;
  /** Where links point: `https://<custom domain>`, or the execute-api endpoint without one. */
  readonly publicBaseUrl: string;
  /** By route key, e.g. `GET /registrations`. */
  readonly functions = new Map<string, RouteFunction>();
  /**
   * One nested stack per area (see routeArea), holding its routes' functions, roles, log groups, alarms and API
   * routes: each area grows in its own stack, far from CloudFormation's 500-resource limit.
   */
  readonly areas = new Map<string, NestedStack>();

  constructor(scope: Construct, id: string, props: DealerChannelApiProps) {
    super(scope, id);
    const region = Stack.of(this).region;

    const domainName = props.domain
      ? new DomainName(this, 'Domain', {
          domainName: props.domain.name,
          certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        })
      : undefined;
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `dealer-channel-${props.stage}`,
      description: 'Dealer Channel: deal registration API (v1)',
      createDefaultStage: false,
      // Links in mails name the custom domain only, so the execute-api URL can be switched off.
      ...(domainName ? { disableExecuteApiEndpoint: true } : {}),
    });
    this.publicBaseUrl = props.domain ? `https://${props.domain.name}` : this.httpApi.apiEndpoint;

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: props.resources.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: DEFAULT_THROTTLE,
      detailedMetricsEnabled: true,
      ...(domainName ? { domainMapping: { domainName } } : {}),
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });

    const routeKeys = new Set(props.routes.map(routeKey));
    const stale = Object.keys(ROUTE_THROTTLES).filter((key) => !routeKeys.has(key));
    if (stale.length > 0) throw new Error(`Throttles for routes that do not exist: ${stale.join(', ')}`);
    // CfnStage.routeSettings is untyped JSON: CloudFormation property names.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      Object.entries(ROUTE_THROTTLES).map(([key, t]) => [
        key,
        { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit, DetailedMetricsEnabled: true },
      ]),
    );

    // A Lambda authorizer, not a JWT one: dealers' CRM clients are app clients created at run time, and a JWT
    // authorizer accepts access tokens only of the client ids fixed in its audience list.
    const audiences = [props.userPoolClient.userPoolClientId, ...(props.frontends?.(this.publicBaseUrl) ?? [])];
    const verifier = addServiceFunction(new Construct(this, 'Authorizer'), {
      resources: props.resources,
      entry: 'functions/authorizer/verify-bearer.ts',
      handler: 'handler',
      description: "Verifies the bearer token of every authorized route against the user pool's keys",
      roleDescription: 'HTTP API authorizer',
      memorySize: 256,
      timeout: Duration.seconds(5),
      access: { table: 'none', delivery: false, reviewSecret: false, countsLogins: false, files: [] },
      environment: {
        TOKEN_ISSUER: `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`,
        TOKEN_AUDIENCES: audiences.join(','),
      },
      refusesByThrowing: true,
    });
    this.authorizer = new HttpLambdaAuthorizer('BearerToken', verifier.function, {
      authorizerName: 'bearer-token',
      identitySource: ['$request.header.Authorization'],
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // Short, so that a token is not honoured long past its expiry; revocation is checked by the functions anyway.
      resultsCacheTtl: Duration.minutes(1),
    });

    const ids = new Map<string, string>();
    for (const route of props.routes) {
      const key = routeKey(route);
      const constructId = routeConstructId(route);
      const clash = ids.get(constructId);
      if (clash) throw new Error(`Routes ${clash} and ${key} both map to the construct id ${constructId}`);
      ids.set(constructId, key);

      const publicReason = PUBLIC_ROUTES[key];
      this.functions.set(
        key,
        new RouteFunction(this.areaStack(props.stage, routeArea(route)), constructId, {
          route,
          resources: props.resources,
          httpApi: this.httpApi,
          authorizer: this.authorizer,
          // Review links in emails point at this API (shared/config/environment.ts reads PUBLIC_BASE_URL).
          environment: { PUBLIC_BASE_URL: this.publicBaseUrl },
          ...(route.auth === 'public' && publicReason ? { publicReason } : {}),
        }),
      );
    }
  }

  private areaStack(stage: string, area: string): NestedStack {
    let stack = this.areas.get(area);
    if (!stack) {
      stack = new NestedStack(this, pascalCase(area), { description: `Dealer Channel (${stage}): ${area} routes` });
      this.areas.set(area, stack);
    }
    return stack;
  }

  /** The base URL of the API, ending in `/`. */
  get url(): string {
    return `${this.publicBaseUrl}/`;
  }
}
