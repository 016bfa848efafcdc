import { Aws, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource } from 'aws-cdk-lib/aws-backup';
import { UserPoolEmail } from 'aws-cdk-lib/aws-cognito';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { CursorKey } from '../constructs/cursor-key.js';
import { DataTable } from '../constructs/data-table.js';
import { FilesBucket } from '../constructs/files-bucket.js';
import { Identity } from '../constructs/identity.js';
import { Mail } from '../constructs/mail.js';
import { ReviewTokenSecret } from '../constructs/review-token-secret.js';

/** The example sender: dev only (defineApp refuses it on any other stage). */
export const DEFAULT_MAIL_FROM = 'no-reply@dealer-channel.example';

export interface DataStackProps extends StackProps {
  /** `dev`, `staging`, `prod`…: part of resource names. */
  readonly stage: string;
  /** Deletion protection on the table and the user pool, and RETAIN on them and the review-link key. */
  readonly protect: boolean;
  /** @default no-reply@<mailDomain>, or no-reply@dealer-channel.example without a domain */
  readonly mailFrom?: string;
  /** The sending domain (domain identity, Easy DKIM, custom MAIL FROM); required outside dev. */
  readonly mailDomain?: string;
  /** Whether this stage creates the domain identity (see Mail). @default true */
  readonly ownsMailIdentity?: boolean;
  /** An AWS Backup plan for the table (daily for 35 days, monthly for a year). */
  readonly backup: boolean;
}

/**
 * The stateful half of a stage: what holds data or identity and must outlive any deployment of the code — the
 * table, the user pool, the review links' key, the mail sender and the event bus (with its archive), and in prod the
 * table's backup plan. It changes rarely, and the
 * service stack (functions, API, jobs) can be replaced without touching it.
 */
export class DataStack extends Stack {
  readonly table: DataTable['table'];
  readonly identity: Identity;
  /** Domain events, published through the outbox. */
  readonly eventBus: EventBus;
  /** The sender identity and the configuration set of every send. */
  readonly mail: Mail;
  /** The sender's address, as the functions find it in MAIL_FROM. */
  readonly mailFrom: string;
  /** The HMAC key of the review links. */
  readonly reviewSecret: ReviewTokenSecret;
  /** The HMAC key of the list cursors. */
  readonly cursorKey: CursorKey;
  /** Uploaded files (sales assets, proof of performance), reached through presigned URLs. */
  readonly files: FilesBucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.mailFrom = props.mailFrom ?? (props.mailDomain ? `no-reply@${props.mailDomain}` : DEFAULT_MAIL_FROM);

    this.table = new DataTable(this, 'Data', { protect: props.protect }).table;
    this.mail = new Mail(this, 'Mail', {
      stage: props.stage,
      fromAddress: this.mailFrom,
      ...(props.mailDomain ? { domain: props.mailDomain } : {}),
      ...(props.ownsMailIdentity === undefined ? {} : { ownsIdentity: props.ownsMailIdentity }),
    });
    this.identity = new Identity(this, 'Identity', {
      stage: props.stage,
      protect: props.protect,
      // Invitations and password resets from the stage's own domain and quota, through the configuration set;
      // without a domain (dev) Cognito's default sender (50 mails a day) is enough.
      ...(props.mailDomain
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: this.mailFrom,
              fromName: 'Dealer Channel',
              sesVerifiedDomain: props.mailDomain,
              sesRegion: Aws.REGION,
              configurationSetName: this.mail.configurationSet.configurationSetName,
            }),
            notifyFrom: { address: this.mailFrom, identityArn: this.mail.identity.emailIdentityArn },
          }
        : {}),
    });
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: `dealer-channel-${props.stage}` });
    // A year of domain events, replayable into the bus (e.g. for a consumer that was down).
    this.eventBus.archive('Archive', {
      description: `Dealer Channel (${props.stage}): every domain event, for replay`,
      eventPattern: { account: [Aws.ACCOUNT_ID] },
      retention: Duration.days(365),
    });
    this.reviewSecret = new ReviewTokenSecret(this, 'ReviewTokenKey', { stage: props.stage, retain: props.protect });
    this.cursorKey = new CursorKey(this, 'CursorKey', { stage: props.stage });
    this.files = new FilesBucket(this, 'Files', { stage: props.stage, retain: props.protect });

    if (props.backup) {
      // Point-in-time recovery covers 35 days of mistakes; the plan keeps monthly copies for a year beside it.
      const plan = BackupPlan.daily35DayRetention(this, 'Backup');
      plan.addRule(BackupPlanRule.monthly1Year());
      const selection = plan.addSelection('Table', { resources: [BackupResource.fromArn(this.table.tableArn)] });
      Validations.of(selection.node.findChild('Role')).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason:
          'The role AWS Backup assumes to back up the table: AWS maintains this service-role policy for exactly ' +
          'that job (it follows new Backup features), and the selection limits it to this one table.',
      });
    }

    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'FilesBucketName', { value: this.files.bucket.bucketName });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'ReviewTokenSecretName', { value: this.reviewSecret.secretName });
    new CfnOutput(this, 'MailConfigurationSet', { value: this.mail.configurationSet.configurationSetName });
  }
}
