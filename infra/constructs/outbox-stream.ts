import { Duration, Validations } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_ENTITY } from '../../shared/db/outbox-repository.js';
import { OUTBOX_STREAM_ACCESS } from './access.js';
import { addServiceFunction, type FunctionResources } from './service-function.js';

export interface OutboxStreamProps {
  /** `resources.table` must have its stream enabled (DataTable does). */
  readonly resources: FunctionResources;
}

/** How the event source mapping retries a batch with failed records before its metadata goes to the DLQ. */
export const OUTBOX_STREAM_RETRIES = { retryAttempts: 3, maxRecordAge: Duration.hours(1) } as const;

/**
 * The outbox's delivery off the request path: a function triggered by the table's stream, filtered to inserted
 * outbox items, that sends each mail and event (functions/outbox/stream.ts). It reports failed records as partial
 * batch failures; Lambda retries them (bisecting a failing batch), then records the batch in a dead-letter queue.
 * The message itself stays in the table, where the `outbox` schedule retries it.
 */
export class OutboxStream extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: OutboxStreamProps) {
    super(scope, id);
    const built = addServiceFunction(this, {
      resources: props.resources,
      entry: 'functions/outbox/stream.ts',
      handler: 'handler',
      description: 'Outbox delivery: sends the mails and events of inserted outbox items from the table stream',
      roleDescription: 'Outbox stream consumer',
      memorySize: 512,
      timeout: Duration.seconds(30),
      access: OUTBOX_STREAM_ACCESS,
    });
    this.function = built.function;
    this.role = built.role;

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    props.resources.alarms.watchDeadLetterQueue(
      this,
      'DeadLettersAlarm',
      this.deadLetterQueue,
      'Outbox stream consumer: undelivered stream batches',
    );
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This is the dead-letter queue: it holds the metadata of stream batches the outbox consumer could not ' +
        'deliver after its retries; a queue behind it would have nothing to catch.',
    });

    this.function.addEventSource(
      new DynamoEventSource(props.resources.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        ...OUTBOX_STREAM_RETRIES,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(OUTBOX_ENTITY) } } },
          }),
        ],
      }),
    );
  }
}
