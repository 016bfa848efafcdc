/** The schedules of the route-table's sibling, `shared/api/schedules.ts`, fired in-process on the local stack. */
import { schedules } from '../../shared/api/schedules.js';
import type { RunningProcess } from './dynamodb-local.js';

export async function startLocalSchedules(): Promise<RunningProcess> {
  const { scheduledJobs } = await import('../../shared/jobs/scheduled-jobs.js');
  const running = new Set<string>();
  const timers = schedules.map((schedule) =>
    setInterval(() => {
      // Like a rule whose previous invocation is still going: skip rather than pile up.
      if (running.has(schedule.name)) return;
      running.add(schedule.name);
      scheduledJobs[schedule.name](new Date())
        .catch((error: unknown) => console.error(`${schedule.name} job failed:`, error))
        .finally(() => running.delete(schedule.name));
    }, schedule.localEveryMs),
  );
  return {
    url: '',
    stop: async () => timers.forEach(clearInterval),
  };
}
