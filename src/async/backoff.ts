/**
 * The one back-off of baktadb: exponential, capped, with full jitter. The Bakta and BakRep clients
 * wait it between two tries of a request, and `transaction()` between two tries of a write the
 * database refused as busy.
 *
 * @module
 */

/** The two numbers a back-off is made of. */
export interface BackoffPolicy {
  /** The ceiling of the first retry's delay, in milliseconds; it doubles with each retry. */
  baseDelayMs: number;
  /** The largest ceiling, in milliseconds. */
  maxDelayMs: number;
}

/**
 * The delay before retry number `retry` (0 for the first retry): a uniformly random whole number of
 * milliseconds between 0 and `min(maxDelayMs, baseDelayMs * 2^retry)` ("full jitter", which
 * spreads the retries of many clients that failed at the same moment).
 *
 * @param retry The 0-based retry number.
 * @param policy The base and the largest ceiling.
 * @param random A source of numbers in [0, 1).
 * @returns The delay in milliseconds.
 *
 * @example Bounds of the jittered delay
 * ```ts
 * import { backoffDelay } from "./backoff.ts";
 * const policy = { baseDelayMs: 1000, maxDelayMs: 30_000 };
 * if (backoffDelay(3, policy, () => 0.5) !== 4000) throw new Error("wrong");
 * if (backoffDelay(10, policy, () => 0.5) !== 15000) throw new Error("capped");
 * if (backoffDelay(0, policy, () => 0) !== 0) throw new Error("full jitter starts at 0");
 * ```
 */
export function backoffDelay(
  retry: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry, 52));
  return Math.floor(random() * ceiling);
}
