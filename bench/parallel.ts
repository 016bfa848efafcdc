/** A fixed number of workers draining a numbered list of tasks. */

/** Runs `task(0…total-1)` with at most `concurrency` in flight; returns the wall time in ms. */
export async function inParallel(total: number, concurrency: number, task: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return performance.now() - start;
}
