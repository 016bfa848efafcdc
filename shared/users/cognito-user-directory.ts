/**
 * The user directory in AWS: Cognito's admin API. The tenant attributes (`custom:dealer_id`, `custom:dealer_role`,
 * `custom:regions`) are set here only — the app clients cannot write them — and the group is the API role. Cognito
 * mails the invitation with a temporary password itself (through the pool's SES sender).
 */
import type { AdminCreateUserCommandOutput, AttributeType, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CLAIMS } from '../http/caller.js';
import type { DealerRole, DirectoryUser, NewUser, UserDirectory } from './user-directory.js';
import { UserExists } from './user-directory.js';

const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value;

function toUser(username: string | undefined, attributes: AttributeType[] | undefined, enabled: boolean | undefined): DirectoryUser {
  const dealerId = attribute(attributes, CLAIMS.dealerId);
  const dealerRole = attribute(attributes, CLAIMS.dealerRole) as DealerRole | undefined;
  return {
    id: attribute(attributes, 'sub') ?? username ?? '',
    email: attribute(attributes, 'email') ?? '',
    enabled: enabled ?? true,
    ...(dealerId ? { dealerId } : {}),
    ...(dealerRole ? { dealerRole } : {}),
  };
}

/** Cognito filters take the value in double quotes; an address never holds one (zod's email check). */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

/**
 * The SDK is imported on first use: esbuild inlines this module into the function that imports it dynamically, and
 * a static import of the runtime's client would load it at every initialisation (~80 ms).
 */
let loaded: Promise<{ sdk: typeof import('@aws-sdk/client-cognito-identity-provider'); client: CognitoIdentityProviderClient }>;
const cognito = () => {
  loaded ??= import('@aws-sdk/client-cognito-identity-provider').then((sdk) => ({
    sdk,
    client: new sdk.CognitoIdentityProviderClient({}),
  }));
  return loaded;
};

export function cognitoUserDirectory(userPoolId: string): UserDirectory {
  return {
    async findByEmail(email) {
      const { sdk, client } = await cognito();
      const { Users = [] } = await client.send(
        new sdk.ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = ${quoted(email.toLowerCase())}`, Limit: 1 }),
      );
      const user = Users[0];
      return user ? toUser(user.Username, user.Attributes, user.Enabled) : undefined;
    },

    async invite(user: NewUser) {
      const { sdk, client } = await cognito();
      const attributes: AttributeType[] = [
        { Name: 'email', Value: user.email.toLowerCase() },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: user.name },
        ...(user.dealerId ? [{ Name: CLAIMS.dealerId, Value: user.dealerId }] : []),
        ...(user.dealerRole ? [{ Name: CLAIMS.dealerRole, Value: user.dealerRole }] : []),
        ...(user.regions?.length ? [{ Name: CLAIMS.regions, Value: user.regions.join(',') }] : []),
      ];
      let created: AdminCreateUserCommandOutput;
      try {
        created = await client.send(
          new sdk.AdminCreateUserCommand({
            UserPoolId: userPoolId,
            // The pool signs in by email: Cognito makes the username a UUID (the sub).
            Username: user.email.toLowerCase(),
            UserAttributes: attributes,
            DesiredDeliveryMediums: ['EMAIL'],
            ...(user.temporaryPassword ? { TemporaryPassword: user.temporaryPassword } : {}),
          }),
        );
      } catch (error) {
        if ((error as Error).name === 'UsernameExistsException') throw new UserExists();
        throw error;
      }
      const username = created.User?.Username ?? user.email;
      await client.send(new sdk.AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: user.role }));
      return toUser(username, created.User?.Attributes ?? attributes, created.User?.Enabled);
    },

    async disable(userId) {
      const { sdk, client } = await cognito();
      await client.send(new sdk.AdminDisableUserCommand({ UserPoolId: userPoolId, Username: userId }));
      // Revokes the refresh tokens at once; ID and access tokens already issued stay valid until they expire (1 h).
      await client.send(new sdk.AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: userId }));
    },
  };
}
