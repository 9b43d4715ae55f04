/**
 * Bounded concurrency for the job service (private helper).
 *
 * @module
 */

/**
 * Runs `work` over every item with at most `limit` calls in flight, and waits for all of them.
 * Each item's outcome is kept (a failure does not stop the others).
 *
 * @param items The items.
 * @param limit The largest number of calls at once (at least 1).
 * @param work The work for one item.
 * @returns One settled result per item, in input order.
 */
export async function settleConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: "fulfilled", value: await work(items[index], index) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
