/**
 * Business and delivery metrics as CloudWatch Embedded Metric Format (Powertools Metrics): each count is written
 * at once as one EMF line on stdout, which CloudWatch Logs turns into a metric — no network call, no flush step.
 * The local stack sets POWERTOOLS_METRICS_DISABLED, so nothing is written there.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const METRICS_NAMESPACE = 'DealerChannel';

/** Every metric the product emits; the alarms and dashboards in CDK name these. */
export type MetricName =
  | 'Submissions'
  | 'Decisions'
  | 'Conflicts'
  | 'OutboxDelivered'
  | 'OutboxFailures'
  | 'OutboxDeadLetters'
  | 'OutboxOldestAgeSeconds'
  | 'JobRuns'
  | 'JobFailures';

const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'dealer-channel' });

/** Adds `value` to `name`, with optional dimensions of this one data point (a job's name, a decision). */
export function countMetric(name: MetricName, dimensions: Record<string, string> = {}, value = 1): void {
  if (value <= 0) return;
  const point = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) point.addDimension(key, dimension);
  point.addMetric(name, MetricUnit.Count, value);
}

/** Records one reading of a level (an age in seconds). */
export function gaugeMetric(name: MetricName, seconds: number): void {
  metrics.singleMetric().addMetric(name, MetricUnit.Seconds, seconds);
}
