import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface ReviewTokenSecretProps {
  readonly stage: string;
  /** Keep the key when the stack goes away: links already in mailboxes stay verifiable. */
  readonly retain: boolean;
}

/** Path prefix under which SSM Parameter Store exposes Secrets Manager secrets. */
export const SECRETS_MANAGER_REFERENCE = '/aws/reference/secretsmanager/';

/**
 * The HMAC key that signs and verifies review links: a generated 48-character Secrets Manager secret, named per
 * stage. Functions read it through SSM's Secrets Manager reference (`shared/review-links/token-secret.ts`:
 * GetParameter `/aws/reference/secretsmanager/<name>` WithDecryption), which needs both `ssm:GetParameter` on that
 * reference and `secretsmanager:GetSecretValue` on the secret. It is encrypted with the AWS-managed key
 * `aws/secretsmanager`, so no KMS grant is needed.
 */
export class ReviewTokenSecret extends Construct {
  readonly secret: Secret;
  /** The secret's name, as the functions find it in REVIEW_TOKEN_SECRET_NAME. */
  readonly secretName: string;
  /** The ARN of the SSM parameter `/aws/reference/secretsmanager/<secretName>`. */
  readonly referenceParameterArn: string;

  constructor(scope: Construct, id: string, props: ReviewTokenSecretProps) {
    super(scope, id);
    this.secretName = `dealer-channel-${props.stage}-review-token-key`;
    this.secret = new Secret(this, 'Secret', {
      secretName: this.secretName,
      description: `Dealer Channel (${props.stage}): HMAC key of the review links in notification emails`,
      // 48 letters and digits (~285 bits): no punctuation, so the value needs no quoting anywhere.
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      // Kept on update and delete, but removed when the stack's first create fails: a retained secret from a failed
      // create would block the retry with its name.
      removalPolicy: props.retain ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'HMAC key of the review links: rotating it would invalidate every review link already sitting in ' +
        "managers' mailboxes (links live up to REVIEW_LINK_TTL_HOURS), and tokens are single-use and expiring, " +
        'so automatic rotation would break pending reviews for little gain. Rotate by hand if it ever leaks.',
    });
    this.referenceParameterArn = Stack.of(this).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: `${SECRETS_MANAGER_REFERENCE.slice(1)}${this.secretName}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** Exactly what the SSM reference read needs: GetParameter on the reference, GetSecretValue on the secret. */
  grantRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [this.referenceParameterArn] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.secret.secretArn] }),
    );
  }
}
