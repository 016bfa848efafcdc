import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface CursorKeyProps {
  readonly stage: string;
}

/**
 * The HMAC key of the list cursors (shared/db/cursor.ts): a generated Secrets Manager secret that every function
 * gets as CURSOR_SECRET through a CloudFormation dynamic reference, resolved at deploy time (the value never
 * appears in the template). It only keeps clients from forging list positions, so a rotation — which merely makes
 * the cursors handed out before it answer 400 — can be done by hand at any time.
 */
export class CursorKey extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: CursorKeyProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      secretName: `dealer-channel-${props.stage}-cursor-key`,
      description: `Dealer Channel (${props.stage}): HMAC key of the list cursors`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'HMAC key of the list cursors, passed to the functions at deploy time: rotating it only invalidates the ' +
        'cursors of lists being paged at that moment, and it guards no data, so it is rotated by hand when needed.',
    });
  }

  /** The value as a dynamic reference for a function's environment. */
  get environmentValue(): string {
    return this.secret.secretValue.unsafeUnwrap();
  }
}
