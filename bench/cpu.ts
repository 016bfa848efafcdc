/** CPU time of the processes a measurement involves (Linux /proc), to see which one a throughput limit sits in. */
import { readFileSync } from 'node:fs';

/** Linux reports utime/stime in USER_HZ ticks, 100 per second on every mainstream kernel configuration. */
const TICK_MS = 10;

function processCpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name, which is parenthesised and may contain spaces: utime and stime are 14 and 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** The child process of `pid` running `command` (e.g. the DynamoDB Local JVM of the stack process). */
export function childRunning(pid: number, command: string): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return children.find((child) => readFileSync(`/proc/${child}/comm`, 'utf8').trim() === command);
  } catch {
    return undefined;
  }
}

/** Starts measuring; the function it returns gives the CPU ms each named process (and this one) used since. */
export function cpuMeter(pids: Record<string, number | undefined>): () => Record<string, number | undefined> {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid === undefined ? undefined : processCpuMs(pid)]));
  const self = process.cpuUsage();
  return () => {
    const used: Record<string, number | undefined> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const now = pid === undefined ? undefined : processCpuMs(pid);
      const before = start[name];
      used[name] = now === undefined || before === undefined ? undefined : now - before;
    }
    const client = process.cpuUsage(self);
    used.client = (client.user + client.system) / 1000;
    return used;
  };
}
