import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../../shared/api/schedules.js';
import { jobAccess } from './access.js';
import { addServiceFunction, type FunctionResources } from './service-function.js';

export interface ScheduledJobProps {
  readonly schedule: ScheduleDefinition;
  readonly resources: FunctionResources;
  /** Added to the shared environment (PUBLIC_BASE_URL: reminder mails carry review links). */
  readonly environment?: Record<string, string>;
}

/** How EventBridge retries delivering a schedule's event to its function before it goes to the DLQ. */
export const JOB_DELIVERY = { retryAttempts: 2, maxEventAge: Duration.hours(1) } as const;

/**
 * One entry of `shared/api/schedules.ts`: a function built like the route functions (5 minutes, 1 GB, table write,
 * mail, events, and the review-link key if it signs links) and the EventBridge rule that fires it, with its own dead-letter queue for
 * events EventBridge could not deliver.
 */
export class ScheduledJob extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;
  /** Runs that failed (threw or timed out) after Lambda's retries: the on-failure destination. */
  readonly failedRuns: Queue;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const { schedule } = props;

    const built = addServiceFunction(this, {
      resources: props.resources,
      entry: schedule.entry,
      handler: schedule.handler,
      description: `Scheduled job ${schedule.name} (${schedule.schedule}): ${schedule.description}`,
      roleDescription: `Scheduled job ${schedule.name}`,
      memorySize: 1024,
      timeout: Duration.minutes(5),
      access: jobAccess(schedule),
      ...(props.environment ? { environment: props.environment } : {}),
    });
    this.function = built.function;
    this.role = built.role;

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED, // EventBridge can write to SSE-SQS queues without a KMS grant
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This is the dead-letter queue: it holds the schedule events EventBridge could not deliver to the job ' +
        'function; a queue behind it would have nothing to catch.',
    });

    props.resources.alarms.watchDeadLetterQueue(
      this,
      'DeadLettersAlarm',
      this.deadLetterQueue,
      `Scheduled job ${schedule.name}: undelivered schedule events`,
    );

    // A run that throws or times out is retried twice by Lambda, then recorded here (with the error) and alarmed.
    this.failedRuns = new Queue(this, 'FailedRuns', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedRuns).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This is the on-failure destination of the job function: it holds the records of failed runs; a queue ' +
        'behind it would have nothing to catch.',
    });
    this.function.configureAsyncInvoke({
      onFailure: new SqsDestination(this.failedRuns),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    props.resources.alarms.watchDeadLetterQueue(this, 'FailedRunsAlarm', this.failedRuns, `Scheduled job ${schedule.name}: a run failed`);

    this.rule = new Rule(this, 'Rule', {
      description: `${schedule.name}: ${schedule.description}`.slice(0, 512),
      schedule: Schedule.expression(schedule.schedule),
      targets: [new LambdaFunction(this.function, { ...JOB_DELIVERY, deadLetterQueue: this.deadLetterQueue })],
    });
  }
}
