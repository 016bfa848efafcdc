import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, Fn, NestedStack, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  CfnManagedLoginBranding,
  ClientAttributes,
  ManagedLoginVersion,
  OAuthScope,
  type UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { CLAIMS } from '../../shared/http/caller.js';
import { filesBucketName } from './files-bucket.js';

export interface PortalHostingProps {
  readonly stage: string;
  /** The built portal (`portal/dist`, Vite's output). */
  readonly distDirectory: string;
  /** The HTTP API's endpoint (`https://…execute-api…` or the custom domain), served under `/api/*`. */
  readonly apiEndpoint: string;
  readonly userPool: UserPool;
  /** Globally unique prefix of the managed login domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  readonly authDomainPrefix: string;
  /** The WAF web ACL (scope CLOUDFRONT, in us-east-1: the edge stack) attached to the distribution. */
  readonly webAclArn?: string;
  /** The portal's own domain and its ACM certificate in us-east-1. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  readonly retainLogs: boolean;
}

/** Where the API is mounted on the portal's origin: the same origin, so the browser needs no CORS. */
export const API_PATH_PREFIX = '/api';

/**
 * Strict CSP for the single-page app: its own scripts and styles only, API calls to its own origin (the API is
 * behind the same distribution), to the managed login domain (token endpoint of the code flow) and to the files
 * bucket (uploads PUT straight to their presigned URLs).
 */
export const contentSecurityPolicy = (authOrigin: string, filesOrigin: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    // Inline styles stay allowed: component and chart libraries set style attributes, which run no code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${authOrigin} ${filesOrigin}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');

/**
 * The partner portal in AWS (its own nested stack): a private S3 bucket behind CloudFront through origin access
 * control, security headers with a strict CSP, SPA fallback (a path without a file answers `index.html`), the API
 * under `/api/*` of the same distribution (a CloudFront Function strips the prefix), the built app deployed with
 * BucketDeployment and a `config.json` written at deploy with the API URL and the sign-in settings; and Cognito
 * managed login (v2) with an app client for the portal: code flow with PKCE, the portal's callback and sign-out
 * URLs, and the tenant attributes readable but never writable.
 */
export class PortalHosting extends NestedStack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly client: UserPoolClient;
  readonly authDomain: UserPoolDomain;
  /** `https://<portal domain>`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PortalHostingProps) {
    super(scope, id, { description: `Dealer Channel (${props.stage}): partner portal hosting and managed login` });
    if (!existsSync(path.join(props.distDirectory, 'index.html'))) {
      throw new Error(`${props.distDirectory} has no index.html: build the portal first (npm run build in portal/)`);
    }
    const region = Stack.of(this).region;

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the built portal (public static files, replaced on every deploy) and is read only ' +
        'by CloudFront through origin access control; requests are logged by CloudFront and WAF instead.',
    });

    this.authDomain = new UserPoolDomain(this, 'AuthDomain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.authDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const authOrigin = `https://${props.authDomainPrefix}.auth.${region}.amazoncognito.com`;
    // Presigned URLs of the SDK address the bucket virtual-hosted style.
    const filesOrigin = `https://${filesBucketName(props.stage)}.s3.${region}.amazonaws.com`;

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Dealer Channel portal: strict CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(authOrigin, filesOrigin), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true }],
      },
    });

    const stripApiPrefix = new CloudFrontFunction(this, 'StripApiPrefix', {
      comment: 'Removes /api from the path before the request reaches the HTTP API',
      code: FunctionCode.fromInline(
        `function handler(event) { var r = event.request; r.uri = r.uri.slice(${API_PATH_PREFIX.length}) || '/'; return r; }`,
      ),
    });
    const apiHost = Fn.select(2, Fn.split('/', props.apiEndpoint));

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Dealer Channel portal (${props.stage})`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domain
        ? {
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            domainNames: [props.domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      additionalBehaviors: {
        [`${API_PATH_PREFIX}/*`]: {
          origin: new HttpOrigin(apiHost),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          functionAssociations: [{ function: stripApiPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
      // SPA fallback: the bucket answers 403 for a key that does not exist (no ListBucket), the app routes it.
      errorResponses: [
        { httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) },
        { httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) },
      ],
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Dealers sell in many countries and travel; the portal is for signed-in partners, so no geo restriction.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'Access logging to S3 needs a logging bucket with ACLs enabled; WAF logs and the API access logs (behind ' +
        '/api) record the requests that matter, and static file fetches carry no data.',
    });
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose minimum ' +
          'protocol CloudFront fixes at TLSv1; with -c portalDomain and a certificate it is TLSv1.2_2021.',
      });
    }
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'Dev only: the WAF web ACL comes from the edge stack (us-east-1) through -c webAclArn, required outside dev.',
      });
    }

    this.url = props.domain ? `https://${props.domain.name}` : `https://${this.distribution.distributionDomainName}`;

    // Created here, not with userPool.addClient (which would put it into the data stack beside the pool).
    this.client = new UserPoolClient(this, 'PortalClient', {
      userPool: props.userPool,
      userPoolClientName: 'dealer-channel-portal',
      generateSecret: false, // a browser app: public client, PKCE instead of a secret
      authFlows: { userSrp: true, user: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.url}/auth/callback`],
        logoutUrls: [`${this.url}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(
          CLAIMS.dealerId.replace(/^custom:/, ''),
          CLAIMS.regions.replace(/^custom:/, ''),
          CLAIMS.dealerRole.replace(/^custom:/, ''),
        ),
      // Never the tenant attributes: only admins set dealer and regions.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(props.distDirectory),
        // Read by the app at start: the same build runs against any stage.
        Source.jsonData('config.json', {
          // The shape portal/HOSTING.md and portal/src/config/runtime-config.ts read.
          apiUrl: API_PATH_PREFIX,
          authority: `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`,
          clientId: this.client.userPoolClientId,
          redirectUri: `${this.url}/auth/callback`,
          postLogoutRedirectUri: `${this.url}/`,
          scope: 'openid email profile',
          loginDomain: authOrigin,
        }),
      ],
      cacheControl: [CacheControl.fromString('no-cache')],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      prune: true,
      retainOnDelete: false,
      memoryLimit: 512,
    });
    this.acknowledgeDeploymentHandler();
  }

  /** The findings on CDK's own BucketDeployment handler (a singleton function of this stack), each with its reason. */
  private acknowledgeDeploymentHandler(): void {
    const handler = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('The BucketDeployment handler was not found');
    const bucketId = this.resolve(this.getLogicalId(this.bucket.node.defaultChild as CfnBucket)) as string;
    const reason = (what: string) => `CDK's BucketDeployment handler (deploy time only, never on a request path): ${what}`;
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: reason('CDK builds its role with the basic execution policy, which lets it write its own logs.'),
    });
    for (const id of [
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      'AwsSolutions-IAM5[Resource::*]',
    ]) {
      Validations.of(handler).acknowledge({
        id,
        reason: reason(
          'CDK grants it read on the bootstrap asset bucket and read/write/delete on the portal bucket (it ' +
            'syncs and prunes the files) and CloudFront invalidation, which takes no resource ARN.',
        ),
      });
    }
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: reason('CDK pins its runtime to the one its bundled AWS CLI layer supports.'),
    });
  }
}
