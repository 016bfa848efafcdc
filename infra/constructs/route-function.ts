import { Duration, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, HttpRoute, HttpRouteKey, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/api/routes.js';
import { routeAccess } from './access.js';
import { addServiceFunction, type FunctionAccess, type FunctionResources } from './service-function.js';

export interface RouteFunctionProps {
  readonly route: RouteDefinition;
  readonly resources: FunctionResources;
  readonly httpApi: HttpApi;
  /** Applied when the route's `auth` is `jwt`. */
  readonly authorizer: IHttpRouteAuthorizer;
  /** Added to the shared environment (PUBLIC_BASE_URL). */
  readonly environment?: Record<string, string>;
  /**
   * Why a route without the JWT authorizer is acceptable (acknowledges cdk-nag AwsSolutions-APIG4). Required for
   * `auth: 'public'` routes, so that making a route public is a deliberate, reviewed decision.
   */
  readonly publicReason?: string;
}

/**
 * One route of the route table: its own Lambda function (own role, own log group; see addServiceFunction) and the
 * HTTP API route that invokes it. The role gets exactly the access that `routeAccess` derives from the route.
 */
export class RouteFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly httpRoute: HttpRoute;
  readonly access: FunctionAccess;

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    super(scope, id);
    const { route } = props;
    this.access = routeAccess(route);

    const built = addServiceFunction(this, {
      resources: props.resources,
      entry: route.entry,
      handler: route.handler,
      description: `${route.method} ${route.path}: ${route.summary}`,
      roleDescription: `${route.method} ${route.path}`,
      memorySize: 512,
      timeout: Duration.seconds(10),
      access: this.access,
      ...(props.environment ? { environment: props.environment } : {}),
    });
    this.function = built.function;
    this.role = built.role;

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
