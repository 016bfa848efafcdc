/** Powertools Metrics: each count is one EMF document on stdout, in the namespace and service the alarms watch. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countMetric, gaugeMetric } from '../../shared/observability/metrics.js';

const emitted = () => {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return () =>
    lines
      .flatMap((line) => line.split('\n'))
      .filter((l) => l.includes('_aws'))
      .map((l) => JSON.parse(l));
};

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

describe('metrics', () => {
  it('writes a count as EMF with the service and its own dimensions', () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const read = emitted();
    countMetric('JobRuns', { job: 'outbox' });
    countMetric('Submissions', { outcome: 'submitted' }, 0);
    gaugeMetric('OutboxOldestAgeSeconds', 42);
    const [job, age, ...rest] = read();
    expect(rest).toEqual([]);
    expect(job._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'DealerChannel',
      Dimensions: [expect.arrayContaining(['service', 'job'])],
      Metrics: [{ Name: 'JobRuns', Unit: 'Count' }],
    });
    expect(job).toMatchObject({ service: 'dealer-channel', job: 'outbox', JobRuns: 1 });
    expect(age).toMatchObject({ OutboxOldestAgeSeconds: 42 });
    expect(age._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'OutboxOldestAgeSeconds', Unit: 'Seconds' }]);
  });

  it('writes nothing where metrics are disabled (the local stack)', () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const read = emitted();
    countMetric('Decisions', { decision: 'approved' });
    expect(read()).toEqual([]);
  });
});
