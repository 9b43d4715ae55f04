/**
 * An abortable sleep, on `node:timers/promises` (whose `setTimeout` takes a `signal`).
 *
 * @module
 */

import { setTimeout as delay } from "node:timers/promises";

/**
 * Waits `ms` milliseconds, or rejects with the signal's reason as soon as it aborts. The timer
 * is cleared on abort, so tests with Deno's sanitizers stay clean.
 *
 * @param ms How long to wait, in milliseconds (a negative wait is no wait).
 * @param signal Ends the wait early.
 * @returns A promise fulfilled after the delay.
 * @throws The signal's `reason` when it aborts (before or during the wait).
 *
 * @example An aborted wait rejects with the reason
 * ```ts
 * import { sleep } from "./sleep.ts";
 * await sleep(1);
 * const controller = new AbortController();
 * const waiting = sleep(60_000, controller.signal);
 * controller.abort(new Error("stop"));
 * const reason = await waiting.then(() => undefined, (error: Error) => error.message);
 * if (reason !== "stop") throw new Error(String(reason));
 * ```
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw signal.reason;
  try {
    await delay(Math.max(0, ms), undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}
