import { Duration, Validations } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { JOB_DELIVERY } from './scheduled-job.js';
import { addServiceFunction, type FunctionAccess, type FunctionResources } from './service-function.js';

export interface MailFeedbackProps {
  readonly resources: FunctionResources;
  /** The stage's configuration set: only its events are this stage's (another stage may share the account). */
  readonly configurationSetName: string;
}

/** SES's event detail-types on EventBridge that the product acts on. */
export const MAIL_FEEDBACK_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received'] as const;

/** Records what SES reports about addresses: the table only, no mail or events. */
export const MAIL_FEEDBACK_ACCESS: FunctionAccess = {
  table: 'write',
  delivery: false,
  reviewSecret: false,
  countsLogins: false,
  files: [],
};

/**
 * Bounces and complaints back into the product: a rule on the default bus (where SES publishes the configuration
 * set's events) matching this stage's set, and the function that flags the address on its regions and suppresses
 * a complaining one (functions/outbox/mail-feedback.ts). Like a job: a DLQ for events EventBridge could not deliver,
 * and an on-failure destination for events the function failed on after Lambda's retries, each with an alarm.
 */
export class MailFeedback extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;
  readonly failedEvents: Queue;

  constructor(scope: Construct, id: string, props: MailFeedbackProps) {
    super(scope, id);
    const built = addServiceFunction(this, {
      resources: props.resources,
      entry: 'functions/outbox/mail-feedback.ts',
      handler: 'handler',
      description: 'Mail feedback: SES bounces flag the address on its regions, complaints suppress it',
      roleDescription: 'Mail feedback (SES bounces and complaints)',
      memorySize: 512,
      timeout: Duration.seconds(30),
      access: MAIL_FEEDBACK_ACCESS,
    });
    this.function = built.function;
    this.role = built.role;

    const queue = (queueId: string, what: string) => {
      const created = new Queue(this, queueId, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(created).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This is a dead-letter queue: it holds ${what}; a queue behind it would have nothing to catch.`,
      });
      return created;
    };
    this.deadLetterQueue = queue('DeadLetters', 'the SES events EventBridge could not deliver to the mail-feedback function');
    this.failedEvents = queue('FailedEvents', 'the SES events the mail-feedback function failed on after its retries');
    props.resources.alarms.watchDeadLetterQueue(this, 'DeadLettersAlarm', this.deadLetterQueue, 'Mail feedback: undelivered SES events');
    props.resources.alarms.watchDeadLetterQueue(this, 'FailedEventsAlarm', this.failedEvents, 'Mail feedback: SES events not recorded');
    this.function.configureAsyncInvoke({
      onFailure: new SqsDestination(this.failedEvents),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });

    this.rule = new Rule(this, 'Rule', {
      description: 'SES bounces and complaints of the stage configuration set, to the mail-feedback function',
      eventBus: EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...MAIL_FEEDBACK_DETAIL_TYPES],
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
      targets: [new LambdaFunction(this.function, { ...JOB_DELIVERY, deadLetterQueue: this.deadLetterQueue })],
    });
  }
}
