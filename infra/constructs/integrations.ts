import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

export interface IntegrationsProps {
  readonly userPool: UserPool;
  /** The functions of POST and DELETE /api-clients: they create and delete the Cognito app clients. */
  readonly credentialFunctions: readonly NodejsFunction[];
  /** Functions that tell integrators where tokens come from: GET /openapi.json (its security scheme). */
  readonly describingFunctions: readonly NodejsFunction[];
  /** Functions that build webhook payloads (the outbox's stream consumer, the webhooks job): links point at the API. */
  readonly webhookFunctions: readonly NodejsFunction[];
  readonly publicBaseUrl: string;
  /** The user pool's OAuth domain (`https://<prefix>.auth.<region>.amazoncognito.com`), where CRMs get tokens. */
  readonly authDomainUrl?: string;
}

/**
 * Dealers' CRM integrations in AWS, beside the user pool's resource server (identity.ts): the rights of the API-client routes to create and delete app clients of the pool (client-credentials grant, those
 * scopes only), and where their tokens come from. Which dealer a client acts for is the API-client item in the
 * table, read per request (shared/http/api-client-caller.ts).
 */
export class Integrations extends Construct {
  constructor(scope: Construct, id: string, props: IntegrationsProps) {
    super(scope, id);
    const { userPoolArn, userPoolId } = props.userPool;
    for (const fn of props.credentialFunctions) {
      fn.addEnvironment('API_CLIENTS_USER_POOL_ID', userPoolId);
      if (props.authDomainUrl) fn.addEnvironment('API_CLIENT_TOKEN_URL', `${props.authDomainUrl}/oauth2/token`);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'],
          resources: [userPoolArn],
        }),
      );
    }
    for (const fn of props.describingFunctions) {
      if (props.authDomainUrl) fn.addEnvironment('API_CLIENT_TOKEN_URL', `${props.authDomainUrl}/oauth2/token`);
    }
    for (const fn of props.webhookFunctions) fn.addEnvironment('PUBLIC_BASE_URL', props.publicBaseUrl);
  }
}
