/**
 * Small asynchronous helpers every layer may use (they import nothing of ours but the pinned
 * `p-limit`): the back-off, the one worker pool and an abortable sleep.
 *
 * @example The back-off before the third retry
 * ```ts
 * import { backoffDelay } from "./mod.ts";
 * const delay = backoffDelay(2, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.5);
 * if (delay !== 200) throw new Error(String(delay));
 * ```
 *
 * @module
 */

export { backoffDelay, type BackoffPolicy } from "./backoff.ts";
export { settleConcurrently } from "./settle_concurrently.ts";
export { sleep } from "./sleep.ts";
