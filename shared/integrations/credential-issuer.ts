/**
 * Where API client credentials come from. In AWS (`API_CLIENTS_USER_POOL_ID` set) each client is a Cognito app
 * client of the user pool with the client-credentials grant and the resource server's scopes; Cognito generates and
 * checks its secret, and its token endpoint issues the tokens. Locally the secret is generated here and only its
 * SHA-256 is stored; the local OpenID provider checks it against that hash (infra/local/openid-provider.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type ApiScope, qualifiedScope } from '../domain/api-scopes.js';

export interface IssuedCredentials {
  clientId: string;
  clientSecret: string;
  /** Set when this system must check the secret itself (the local provider). */
  secretHash?: string;
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The token lifetime of API clients' tokens: short, since revocation is checked per request anyway. */
const ACCESS_TOKEN_MINUTES = 60;

const cognito = () =>
  import('@aws-sdk/client-cognito-identity-provider').then(
    ({ CognitoIdentityProviderClient, CreateUserPoolClientCommand, DeleteUserPoolClientCommand }) => ({
      client: new CognitoIdentityProviderClient({}),
      CreateUserPoolClientCommand,
      DeleteUserPoolClientCommand,
    }),
  );

export async function issueCredentials(request: {
  dealerId: string;
  name: string;
  scopes: readonly ApiScope[];
}): Promise<IssuedCredentials> {
  const userPoolId = process.env.API_CLIENTS_USER_POOL_ID;
  if (!userPoolId) {
    const clientId = `dc${randomBytes(15).toString('base64url')}`;
    const clientSecret = randomBytes(32).toString('base64url');
    return { clientId, clientSecret, secretHash: hashSecret(clientSecret) };
  }
  const { client, CreateUserPoolClientCommand } = await cognito();
  const created = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      // Names are not unique in Cognito; the dealer in it helps an operator reading the console.
      ClientName: `crm-${request.dealerId}`.slice(0, 128),
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: request.scopes.map(qualifiedScope),
      AccessTokenValidity: ACCESS_TOKEN_MINUTES,
      TokenValidityUnits: { AccessToken: 'minutes' },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
    }),
  );
  const issued = created.UserPoolClient;
  if (!issued?.ClientId || !issued.ClientSecret) throw new Error('Cognito created no client credentials');
  return { clientId: issued.ClientId, clientSecret: issued.ClientSecret };
}

/** Deletes the Cognito app client, so that it gets no new tokens; tokens issued before fail the per-request check. */
export async function withdrawCredentials(clientId: string): Promise<void> {
  const userPoolId = process.env.API_CLIENTS_USER_POOL_ID;
  if (!userPoolId) return;
  const { client, DeleteUserPoolClientCommand } = await cognito();
  await client.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })).catch((error: unknown) => {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  });
}
