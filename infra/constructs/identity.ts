import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolRiskConfigurationAttachment,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  PasskeyUserVerification,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolEmail,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/api/routes.js';
import { API_SCOPES, RESOURCE_SERVER_ID } from '../../shared/domain/api-scopes.js';
import { CLAIMS } from '../../shared/http/caller.js';
import { pascalCase } from './names.js';

export interface IdentityProps {
  readonly stage: string;
  /** Deletion protection on, and the pool retained when the stack goes away. */
  readonly protect: boolean;
  /** How the pool sends invitations and codes. @default Cognito's own sender */
  readonly email?: UserPoolEmail;
  /** Sender of threat-protection notices to users (a blocked sign-in). @default no notices */
  readonly notifyFrom?: { readonly address: string; readonly identityArn: string };
}

/** `custom:dealer_id` → `dealer_id`: the attribute names behind the claims that `shared/http/caller.ts` reads. */
const customAttribute = (claim: string) => claim.replace(/^custom:/, '');
const DEALER_ID = customAttribute(CLAIMS.dealerId);
const REGIONS = customAttribute(CLAIMS.regions);
const DEALER_ROLE = customAttribute(CLAIMS.dealerRole);

/**
 * Who may call the API: a Cognito user pool whose groups are the API's roles and whose custom attributes carry the
 * tenant (dealer id) and the regions a manager reviews, both in the ID token.
 *
 * MFA (TOTP) is required pool-wide. Channel admins, finance and the managers must have it, and Cognito sets MFA per
 * pool, not per group; the alternatives cost more than they save: a second pool for manufacturer staff would need a
 * second issuer on routes that serve both sides, which an HTTP API JWT authorizer cannot take, and optional MFA
 * enforced per user can be switched off by the user. So dealers use TOTP too (managed login enrols it at first
 * sign-in); a dealer's CRM integration enrols a TOTP secret once and answers SOFTWARE_TOKEN_MFA with codes computed
 * from it (docs/deploy.md). Threat protection stays on top of it (risk configuration below).
 *
 * Passwordless: managed login offers a passkey besides the password. With user verification required a passkey is
 * itself two factors, so it satisfies the pool's MFA; one-time codes by email as a first factor are not offered,
 * because Cognito allows them only in pools where MFA is not required.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The API as an OAuth resource server: dealers' CRM app clients get its scopes (client credentials). */
  readonly resourceServer: UserPoolResourceServer;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `dealer-channel-${props.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [DEALER_ID]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        [REGIONS]: new StringAttribute({ maxLen: 2048, mutable: true }),
        // `admin` | `user`: a dealer's admin manages its users and accepts the partner agreement.
        [DEALER_ROLE]: new StringAttribute({ minLen: 4, maxLen: 5, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Required for everyone (see the class comment): one pool cannot require MFA by group.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      signInPolicy: { allowedFirstAuthFactors: { password: true, passkey: true } },
      passkeyUserVerification: PasskeyUserVerification.REQUIRED,
      ...(props.email ? { email: props.email } : {}),
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus plan: threat protection blocks risky sign-ins and compromised passwords (cdk-nag AwsSolutions-COG8).
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.protect,
      removalPolicy: props.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // The risk configuration, explicit rather than the service default: compromised passwords are blocked at
    // sign-in, sign-up and password change; risky sign-ins are challenged (medium) or blocked (high).
    new CfnUserPoolRiskConfigurationAttachment(this, 'RiskConfiguration', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
        actions: { eventAction: 'BLOCK' },
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_REQUIRED', notify: Boolean(props.notifyFrom) },
          highAction: { eventAction: 'BLOCK', notify: Boolean(props.notifyFrom) },
        },
        ...(props.notifyFrom ? { notifyConfiguration: { from: props.notifyFrom.address, sourceArn: props.notifyFrom.identityArn } } : {}),
      },
    });

    for (const role of ROLES) {
      this.userPool.addGroup(`Group${pascalCase(role)}`, { groupName: role, description: `API role ${role}` });
    }

    this.resourceServer = this.userPool.addResourceServer('ApiResourceServer', {
      identifier: RESOURCE_SERVER_ID,
      userPoolResourceServerName: 'Dealer Channel API',
      scopes: API_SCOPES.map((scope) => new ResourceServerScope({ scopeName: scope, scopeDescription: `The ${scope} routes` })),
    });

    this.client = this.userPool.addClient('ApiClient', {
      userPoolClientName: 'dealer-channel-api',
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      // No hosted UI or OAuth redirects: clients sign in through the Cognito API and send the ID token.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // The custom attributes must be readable for Cognito to put them into the ID token.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(DEALER_ID, REGIONS, DEALER_ROLE),
      // Never writable by the user: changing custom:dealer_id would move a dealer into another tenant, and
      // custom:dealer_role would make a user its dealer's admin. Only the API (AdminCreateUser) sets them.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
