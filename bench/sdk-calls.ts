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

/** How many times the request waited on the SDK: calls that overlap are one round trip. */
function roundTrips(calls: SdkCall[]): number {
  let trips = 0;
  let end = -Infinity;
  for (const c of [...calls].sort((a, b) => a.start - b.start)) {
    if (c.start >= end) trips += 1;
    end = Math.max(end, c.end);
  }
  return trips;
}

/**
 * Runs one request with the SDK calls recorded: those its handler made, and those the background work (the outbox's
 * stream consumer delivering earlier changes) made meanwhile.
 */
export async function profiled<T>(stack: BenchStack, request: () => Promise<T>) {
  await stack.recordSdkCalls();
  const start = performance.now();
  const result = await request();
  const ms = performance.now() - start;
  const recorded = await stack.takeSdkCalls();
  const calls = recorded.filter((c) => c.inRequest);
  return { result, ms, calls, background: recorded.filter((c) => !c.inRequest), waitedMs: waitedOn(calls), roundTrips: roundTrips(calls) };
}
