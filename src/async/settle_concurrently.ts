/**
 * The project's one worker pool: bounded concurrency over a list, every outcome kept.
 *
 * @module
 */

import { pLimit } from "../deps/p_limit.ts";

/**
 * Runs `work` over every item with at most `limit` calls in flight (through `p-limit`), and waits
 * for all of them. Each item's outcome is kept: a failure does not stop the others.
 *
 * @param items The items.
 * @param limit The largest number of calls at once; below 1 (or fractional) it is floored to at
 *   least 1.
 * @param work The work for one item, given the item and its 0-based index.
 * @returns One settled result per item, in input order.
 *
 * @example Two at a time, one failure kept
 * ```ts
 * import { settleConcurrently } from "./settle_concurrently.ts";
 * let running = 0;
 * let most = 0;
 * const results = await settleConcurrently([1, 2, 3, 4], 2, async (n) => {
 *   most = Math.max(most, ++running);
 *   await new Promise((resolve) => setTimeout(resolve, 5));
 *   running--;
 *   if (n === 3) throw new Error("three");
 *   return n * 10;
 * });
 * if (most !== 2) throw new Error(`ran ${most} at once`);
 * if (results[1].status !== "fulfilled" || results[1].value !== 20) throw new Error("order");
 * if (results[2].status !== "rejected") throw new Error("the failure was lost");
 * ```
 */
export function settleConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const run = pLimit(Math.max(1, Math.floor(limit) || 1));
  return Promise.allSettled(items.map((item, index) => run(() => work(item, index))));
}
