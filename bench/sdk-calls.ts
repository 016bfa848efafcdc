/** Requests profiled by the SDK calls their handler made inside the stack process. */
import type { BenchStack, SdkCall } from './stack.js';

/** Length of the union of the calls' intervals: the time a request spent waiting on DynamoDB or SES. */
function waitedOn(calls: SdkCall[]): number {
  let total = 0;
  let end = -Infinity;
  for (const c of [...calls].sort((a, b) => a.start - b.start)) {
    if (c.end <= end) continue;
    total += c.end - Math.max(c.start, end);
    end = c.end;
  }
  return total;
}

/** Runs one request with the handler's SDK calls recorded. */
export async function profiled<T>(stack: BenchStack, request: () => Promise<T>) {
  await stack.recordSdkCalls();
  const start = performance.now();
  const result = await request();
  const ms = performance.now() - start;
  const calls = await stack.takeSdkCalls();
  return { result, ms, calls, waitedMs: waitedOn(calls) };
}
