/**
 * Retry policy of the Bakta client: exponential backoff with full jitter, and `Retry-After`.
 *
 * @module
 */

export { backoffDelay } from "../async/backoff.ts";

/** How the client retries network errors, 5xx and 429 answers. */
export interface BaktaRetryConfig {
  /**
   * How many requests at most, the first included (1 disables retries).
   * @default {5}
   */
  attempts: number;
  /**
   * The backoff of the first retry, before jitter, in milliseconds.
   * @default {1000}
   */
  baseDelayMs: number;
  /**
   * The largest backoff, before jitter, in milliseconds.
   * @default {30000}
   */
  maxDelayMs: number;
  /**
   * The longest `Retry-After` the client waits for; a longer one ends the retries with the error.
   * @default {300000}
   */
  maxRetryAfterMs: number;
}

/** The default retry policy: 5 attempts, 1 s doubling to 30 s with full jitter. */
export const DEFAULT_RETRY_CONFIG: Readonly<BaktaRetryConfig> = Object.freeze({
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
});

/**
 * Merges a partial retry policy over the defaults and checks it.
 *
 * @param partial The fields to change.
 * @returns A complete, frozen policy.
 * @throws {RangeError} When a field is not a finite number in range.
 *
 * @example Tiny delays for tests
 * ```ts
 * import { resolveRetryConfig } from "./retry.ts";
 * const retry = resolveRetryConfig({ baseDelayMs: 1, maxDelayMs: 4 });
 * if (retry.attempts !== 5 || retry.maxDelayMs !== 4) throw new Error("wrong");
 * ```
 */
export function resolveRetryConfig(partial: Partial<BaktaRetryConfig> = {}): BaktaRetryConfig {
  const config = { ...DEFAULT_RETRY_CONFIG, ...partial };
  if (!Number.isInteger(config.attempts) || config.attempts < 1) {
    throw new RangeError(`Invalid retry.attempts ${config.attempts}: expected an integer >= 1`);
  }
  for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    if (!Number.isFinite(config[key]) || config[key] < 0) {
      throw new RangeError(`Invalid retry.${key} ${config[key]}: expected a number >= 0`);
    }
  }
  return Object.freeze(config);
}

/**
 * Reads a `Retry-After` header: delay seconds (`120`) or an HTTP date.
 *
 * @param value The header value, or `null` when absent.
 * @param now The current time in milliseconds since the epoch, for dates.
 * @returns The delay in milliseconds (0 for a date in the past), or `undefined` when absent or
 *   unreadable.
 *
 * @example Both forms
 * ```ts
 * import { parseRetryAfter } from "./retry.ts";
 * if (parseRetryAfter("3", 0) !== 3000) throw new Error("seconds");
 * const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
 * if (parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now) !== 5000) throw new Error("date");
 * if (parseRetryAfter("soon", now) !== undefined) throw new Error("junk");
 * ```
 */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Tells whether an HTTP status is worth retrying: 429 and every 5xx. Other 4xx never are.
 *
 * @param status The HTTP status.
 * @returns `true` for 429 and 500–599.
 *
 * @example Which statuses are retried
 * ```ts
 * import { isRetryableStatus } from "./retry.ts";
 * if (!isRetryableStatus(503) || !isRetryableStatus(429) || isRetryableStatus(400)) {
 *   throw new Error("wrong");
 * }
 * ```
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}
