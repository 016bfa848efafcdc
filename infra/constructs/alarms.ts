import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Custom metrics the functions emit with Powertools Metrics (EMF), under this namespace and service dimension. */
export const METRICS_NAMESPACE = 'DealerChannel';
export const METRICS_SERVICE = 'dealer-channel';
/** Age in seconds of the oldest outbox item still waiting for delivery (emitted by the outbox sweeper). */
export const OUTBOX_OLDEST_AGE_METRIC = 'OutboxOldestAgeSeconds';
/** Outbox items that gave up (permanent failure or attempts exhausted) and became dead letters. */
export const OUTBOX_DEAD_LETTERS_METRIC = 'OutboxDeadLetters';

/** Thresholds, in one place so the runbook in docs/deploy.md can name them. */
export const ALARM_THRESHOLDS = {
  /** Percent of API requests answered 5xx in 5 minutes (only once there are 20 requests). */
  api5xxPercent: 1,
  /** Oldest undelivered outbox item: mails and events should leave within a few minutes. */
  outboxAgeSeconds: 15 * 60,
  bounceRate: 0.025,
  complaintRate: 0.0005,
} as const;

/**
 * The alarms of a stage, all notifying one SNS topic. Each alarm is created in the scope of what it watches, so
 * that it lives in the same (nested) stack as the resource and no stack grows by the alarms of another.
 */
export class StageAlarms {
  private readonly action: SnsAction;

  constructor(readonly topic: ITopic) {
    this.action = new SnsAction(topic);
  }

  private alarm(
    scope: Construct,
    id: string,
    props: {
      metric: IMetric;
      threshold: number;
      description: string;
      evaluationPeriods?: number;
      treatMissingData?: TreatMissingData;
    },
  ): Alarm {
    const alarm = new Alarm(scope, id, {
      metric: props.metric,
      threshold: props.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: props.evaluationPeriods ?? 1,
      treatMissingData: props.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      alarmDescription: props.description.slice(0, 1024),
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }

  /** Errors (uncaught exceptions, timeouts) and throttles of one function, each over 5 minutes. */
  watchFunction(scope: Construct, fn: IFunction, name: string, watch = { errors: true }): void {
    const period = Duration.minutes(5);
    if (watch.errors) {
      this.alarm(scope, 'ErrorsAlarm', {
        metric: fn.metricErrors({ period, statistic: 'Sum' }),
        threshold: 1,
        description: `${name}: the function failed (uncaught error or timeout).`,
      });
    }
    this.alarm(scope, 'ThrottlesAlarm', {
      metric: fn.metricThrottles({ period, statistic: 'Sum' }),
      threshold: 1,
      description: `${name}: invocations were throttled (account or reserved concurrency exhausted).`,
    });
  }

  /** Any message in a dead-letter queue: something failed for good and waits to be looked at. */
  watchDeadLetterQueue(scope: Construct, id: string, queue: IQueue, name: string): Alarm {
    return this.alarm(scope, id, {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      description: `${name}: the queue holds messages.`,
    });
  }

  /** Share of requests answered 5xx, over 5 minutes, once there are enough requests to mean something. */
  watchHttpApi(scope: Construct, apiId: string): Alarm {
    const metric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: apiId },
        statistic: 'Sum',
        period: Duration.minutes(5),
      });
    return this.alarm(scope, 'Api5xxRateAlarm', {
      metric: new MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: { errors: metric('5xx'), requests: metric('Count') },
        label: 'API 5xx rate (%)',
        period: Duration.minutes(5),
      }),
      threshold: ALARM_THRESHOLDS.api5xxPercent,
      description: `More than ${ALARM_THRESHOLDS.api5xxPercent}% of API requests answered 5xx in 5 minutes.`,
    });
  }

  /** Read and write throttle events on the table and on each of its indexes. */
  watchTable(scope: Construct, table: TableV2, indexNames: readonly string[]): void {
    const sources = [
      { id: 'TableThrottlesAlarm', index: undefined as string | undefined },
      ...indexNames.map((index) => ({ id: `${index}ThrottlesAlarm`, index })),
    ];
    for (const { id, index } of sources) {
      const metric = (metricName: string) =>
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: { TableName: table.tableName, ...(index ? { GlobalSecondaryIndexName: index } : {}) },
          statistic: 'Sum',
          period: Duration.minutes(5),
        });
      this.alarm(scope, id, {
        metric: new MathExpression({
          expression: 'reads + writes',
          usingMetrics: { reads: metric('ReadThrottleEvents'), writes: metric('WriteThrottleEvents') },
          label: `${index ?? 'table'} throttle events`,
          period: Duration.minutes(5),
        }),
        threshold: 1,
        description: `DynamoDB throttled requests on the ${index ? `index ${index}` : 'table'} (hot partition or account limit).`,
      });
    }
  }

  /**
   * Mail reputation of the configuration set (SES puts an account under review at 5% bounces or 0.1% complaints;
   * these fire at half of that), and any bounce or complaint event of the set.
   */
  watchMail(scope: Construct, configurationSetName: string): void {
    const reputation = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': configurationSetName },
        statistic: 'Maximum',
        period: Duration.hours(1),
      });
    this.alarm(scope, 'BounceRateAlarm', {
      metric: reputation('Reputation.BounceRate'),
      threshold: ALARM_THRESHOLDS.bounceRate,
      description: `Mail bounce rate at ${ALARM_THRESHOLDS.bounceRate * 100}%: check the managers' addresses (SES reviews the account at 5%).`,
    });
    this.alarm(scope, 'ComplaintRateAlarm', {
      metric: reputation('Reputation.ComplaintRate'),
      threshold: ALARM_THRESHOLDS.complaintRate,
      description: `Mail complaint rate at ${ALARM_THRESHOLDS.complaintRate * 100}% (SES reviews the account at 0.1%).`,
    });
    const events = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': configurationSetName },
        statistic: 'Sum',
        period: Duration.minutes(15),
      });
    this.alarm(scope, 'BouncesAlarm', {
      metric: new MathExpression({
        expression: 'bounces + complaints',
        usingMetrics: { bounces: events('Bounce'), complaints: events('Complaint') },
        label: 'Bounces and complaints',
        period: Duration.minutes(15),
      }),
      threshold: 1,
      description: 'A mail bounced or drew a complaint: SES now suppresses that address; fix it on its region.',
    });
  }

  /** The outbox metrics (Powertools Metrics, namespace DealerChannel): oldest waiting item, new dead letters. */
  watchOutbox(scope: Construct): void {
    const metric = (metricName: string, statistic: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: METRICS_SERVICE },
        statistic,
        period: Duration.minutes(5),
      });
    this.alarm(scope, 'OutboxAgeAlarm', {
      metric: metric(OUTBOX_OLDEST_AGE_METRIC, 'Maximum'),
      threshold: ALARM_THRESHOLDS.outboxAgeSeconds,
      description: `An outbox item (mail or event) has waited over ${ALARM_THRESHOLDS.outboxAgeSeconds / 60} minutes for delivery.`,
    });
    this.alarm(scope, 'OutboxDeadLettersAlarm', {
      metric: metric(OUTBOX_DEAD_LETTERS_METRIC, 'Sum'),
      threshold: 1,
      description: 'Outbox items became dead letters: mails or events that will not be delivered without a replay.',
    });
  }
}
