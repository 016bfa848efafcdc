import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { EmailIdentity, Identity as SesIdentity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { DataTable } from '../constructs/data-table.js';
import { Identity } from '../constructs/identity.js';
import { ReviewTokenSecret } from '../constructs/review-token-secret.js';

export const DEFAULT_MAIL_FROM = 'no-reply@dealer-channel.example';

export interface DataStackProps extends StackProps {
  /** `dev`, `staging`, `prod`…: part of resource names. */
  readonly stage: string;
  /** Deletion protection on the table and the user pool, and RETAIN on them and the review-link key. */
  readonly protect: boolean;
  /** @default no-reply@dealer-channel.example */
  readonly mailFrom?: string;
}

/**
 * The stateful half of a stage: what holds data or identity and must outlive any deployment of the code — the
 * table, the user pool, the review links' key, the mail sender and the event bus. It changes rarely, and the
 * service stack (functions, API, jobs) can be replaced without touching it.
 */
export class DataStack extends Stack {
  readonly table: DataTable['table'];
  readonly identity: Identity;
  /** Domain events, published through the outbox. */
  readonly eventBus: EventBus;
  /** The verified sender of notifications. */
  readonly mailIdentity: EmailIdentity;
  /** The sender's address, as the functions find it in MAIL_FROM. */
  readonly mailFrom: string;
  /** The HMAC key of the review links. */
  readonly reviewSecret: ReviewTokenSecret;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.mailFrom = props.mailFrom ?? DEFAULT_MAIL_FROM;

    this.table = new DataTable(this, 'Data', { protect: props.protect }).table;
    this.identity = new Identity(this, 'Identity', { stage: props.stage, protect: props.protect });
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: `dealer-channel-${props.stage}` });
    this.mailIdentity = new EmailIdentity(this, 'MailFrom', { identity: SesIdentity.email(this.mailFrom) });
    this.reviewSecret = new ReviewTokenSecret(this, 'ReviewTokenKey', { stage: props.stage, retain: props.protect });

    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'ReviewTokenSecretName', { value: this.reviewSecret.secretName });
  }
}
