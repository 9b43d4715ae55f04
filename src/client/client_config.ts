/**
 * The configuration and per-call option types of `BaktaClient`, and the checks of its
 * configuration.
 *
 * @module
 */

import type {
  BaktaFailedJob,
  BaktaFailedJobStatus,
  BaktaJobStatus,
  BaktaListedJob,
} from "./api_types.ts";
import type { BaktaEndpoint, BaktaError } from "./bakta_error.ts";
import { DEFAULT_BAKTA_API_URL } from "./resolve_api_url.ts";
import { type BaktaRetryConfig, resolveRetryConfig } from "./retry.ts";

/** A polite interval between two status polls of the same jobs: 30 seconds. */
export const DEFAULT_POLL_INTERVAL_MS = 30_000;

/** The default timeout of one API request, in milliseconds (60 s). */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The default timeout of one upload, in milliseconds (15 min). */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 900_000;

/** The largest API answer (JSON or logs) the client reads by default: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 ** 2;

/** The largest download (one result file) the client accepts by default: 2 GiB. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3;

/** The `fetch` the client calls; inject one in tests. */
export type BaktaFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The sleep the client waits with between retries and polls; inject one in tests. */
export type BaktaSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What the client tells `onRetry` before it waits and tries again. */
export interface BaktaRetryEvent {
  /** The operation being retried. */
  endpoint: BaktaEndpoint;
  /** The job concerned, where there is one. */
  jobId?: string;
  /** The attempt that failed (1 for the first request). */
  attempt: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  delayMs: number;
  /** Whether the delay is the service's `Retry-After`. */
  fromRetryAfter: boolean;
  /** Why the attempt failed (redacted). */
  error: BaktaError;
}

/** Constructor input of `BaktaClient`. */
export interface BaktaClientConfig {
  /**
   * The API base URL, up to and including `/api/v1` (see `resolveApiUrl`).
   * @default {"https://api.bakta.computational.bio/api/v1"}
   */
  baseUrl?: string;
  /**
   * Timeout of one API request (and the idle timeout between download chunks), in milliseconds.
   * @default {60000}
   */
  timeoutMs?: number;
  /**
   * Timeout of one upload, in milliseconds.
   * @default {900000}
   */
  uploadTimeoutMs?: number;
  /**
   * The largest API answer (JSON, logs, an error page) read, in bytes; a larger one fails.
   * @default {67108864}
   */
  maxResponseBytes?: number;
  /**
   * The largest download (one result file), in bytes; a larger one fails before it fills the disk.
   * @default {2147483648}
   */
  maxDownloadBytes?: number;
  /** The retry policy; unset fields keep `DEFAULT_RETRY_CONFIG`. */
  retry?: Partial<BaktaRetryConfig>;
  /**
   * The `fetch` to call.
   * @default {globalThis.fetch}
   */
  fetch?: BaktaFetch;
  /** The sleep between retries and polls (abortable; default: a cleared timer). */
  sleep?: BaktaSleep;
  /**
   * A source of numbers in [0, 1) for the jitter.
   * @default {Math.random}
   */
  random?: () => number;
  /**
   * The current time in milliseconds, for `Retry-After` dates.
   * @default {Date.now}
   */
  now?: () => number;
  /**
   * The `User-Agent` header.
   * @default {"baktadb/0.1.0"}
   */
  userAgent?: string;
  /** Called before each retry: progress reporting for long-running services. */
  onRetry?: (event: BaktaRetryEvent) => void;
}

/** The configuration a `BaktaClient` runs with, defaults applied. */
export interface BaktaResolvedClientConfig {
  /** The API base URL without a trailing slash. */
  baseUrl: string;
  /** Timeout of one API request, in milliseconds. */
  timeoutMs: number;
  /** Timeout of one upload, in milliseconds. */
  uploadTimeoutMs: number;
  /** The largest API answer read, in bytes. */
  maxResponseBytes: number;
  /** The largest download accepted, in bytes. */
  maxDownloadBytes: number;
  /** The complete retry policy. */
  retry: BaktaRetryConfig;
  /** The `User-Agent` header. */
  userAgent: string;
}

/** Per-call options of the API methods. */
export interface BaktaRequestOptions {
  /** Cancels the call (and its retries); the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's per-request timeout, in milliseconds. */
  timeoutMs?: number;
}

/** The body of an upload; a stream is read into memory first (see `BaktaClient.upload`). */
export type BaktaUploadBody = ReadableStream<Uint8Array> | Uint8Array | string;

/** Per-call options of `BaktaClient.upload`. */
export interface BaktaUploadOptions extends BaktaRequestOptions {
  /**
   * The `Content-Type` header; presigned links accept any.
   * @default {"application/octet-stream"}
   */
  contentType?: string;
  /** The service job the upload belongs to, named in errors and logs. */
  jobId?: string;
}

/** Per-call options of `BaktaClient.download`. */
export interface BaktaDownloadOptions extends BaktaRequestOptions {
  /**
   * Resume a broken download with `Range` requests (up to the retry attempts).
   * @default {true}
   */
  resume?: boolean;
  /** The service job the file belongs to, named in errors and logs. */
  jobId?: string;
}

/** The answer of `BaktaClient.list`: per-job outcomes, not errors. */
export interface BaktaListResult {
  /** Jobs the service knows and that were started (status normalized). */
  jobs: BaktaListedJob[];
  /** Jobs that are unknown (`NOT_FOUND`) or whose secret is wrong (`UNAUTHORIZED`). */
  failedJobs: BaktaFailedJob[];
  /** Ids asked about but in neither list: initialised and never started. */
  unlisted: string[];
}

/** Where `waitForJobs` left a job. */
export type BaktaJobOutcomeStatus = BaktaJobStatus | BaktaFailedJobStatus | "NOT_STARTED";

/** One job's outcome in `waitForJobs`. */
export interface BaktaJobOutcome {
  /** The job id. */
  jobID: string;
  /**
   * `SUCCESSFUL` or `ERROR` when finished; `NOT_FOUND` or `UNAUTHORIZED` as listed; `NOT_STARTED`
   * when the job stayed out of both lists; `INIT` or `RUNNING` when the wait timed out first.
   */
  status: BaktaJobOutcomeStatus;
  /** The last list entry of the job, if it was listed. */
  listed?: BaktaListedJob;
}

/** Per-call options of `BaktaClient.waitForJobs`. */
export interface BaktaWaitOptions {
  /**
   * The interval between polls, in milliseconds; please stay polite.
   * @default {30000}
   */
  intervalMs?: number;
  /** Cancels the wait; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * How many consecutive polls a job may be absent from both lists before it counts as
   * `NOT_STARTED`.
   * @default {2}
   */
  unlistedPolls?: number;
  /**
   * Give up after this long (milliseconds) and return the unfinished jobs as they were.
   * @default {Infinity}
   */
  timeoutMs?: number;
  /** Called whenever a job's status changes (including the first time it is seen). */
  onStatus?: (outcome: BaktaJobOutcome, previous: BaktaJobOutcomeStatus | undefined) => void;
}

/**
 * Applies the defaults to a client configuration and checks it, once.
 *
 * @param config The constructor input.
 * @returns The frozen, resolved configuration.
 * @throws {TypeError} When the base URL is not an absolute http(s) URL.
 * @throws {RangeError} When a timeout, size cap or retry field is out of range (naming it).
 *
 * @example Defaults, and a refused option
 * ```ts
 * import { resolveClientConfig } from "./client_config.ts";
 * const config = resolveClientConfig({ baseUrl: "http://127.0.0.1:1/api/v1/" });
 * if (config.baseUrl !== "http://127.0.0.1:1/api/v1") throw new Error(config.baseUrl);
 * if (config.maxDownloadBytes !== 2 * 1024 ** 3) throw new Error("2 GiB by default");
 * let refused = "";
 * try {
 *   resolveClientConfig({ maxResponseBytes: 0 });
 * } catch (error) {
 *   refused = (error as RangeError).message;
 * }
 * if (!refused.includes("maxResponseBytes")) throw new Error(refused);
 * ```
 */
export function resolveClientConfig(
  config: BaktaClientConfig = {},
): Readonly<BaktaResolvedClientConfig> {
  const baseUrl = (config.baseUrl ?? DEFAULT_BAKTA_API_URL).replace(/\/+$/, "");
  if (!/^https?:$/.test(parseUrl(baseUrl)?.protocol ?? "")) {
    throw new TypeError(`Invalid baseUrl "${baseUrl}": expected an absolute http(s) URL`);
  }
  const resolved = {
    baseUrl,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    uploadTimeoutMs: config.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS,
    maxResponseBytes: config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxDownloadBytes: config.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
    retry: resolveRetryConfig(config.retry),
    userAgent: config.userAgent ?? "baktadb/0.1.0",
  };
  for (const name of ["timeoutMs", "uploadTimeoutMs"] as const) {
    const value = resolved[name];
    if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
      throw new RangeError(`Invalid ${name} ${value}: expected a number of milliseconds > 0`);
    }
  }
  for (const name of ["maxResponseBytes", "maxDownloadBytes"] as const) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`Invalid ${name} ${value}: expected a whole number of bytes > 0`);
    }
  }
  return Object.freeze(resolved);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
