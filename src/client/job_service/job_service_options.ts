/**
 * What the job service's functions share: the client (or one client per service URL), the status
 * and progress callbacks, cancellation and the concurrency defaults.
 *
 * @module
 */

import type { BaktaClient } from "../bakta_client.ts";
import type { PublicJob } from "./job_state.ts";

/**
 * The client of the service a job lives on: one client (used for the jobs recorded with its base
 * URL), or a function that gives the client of any base URL.
 */
export type JobClients = BaktaClient | ((apiUrl: string) => BaktaClient);

/** A job entered a new status (reported after the change is stored). */
export interface JobStatusEvent {
  /** The job, after the change (no secret). */
  job: PublicJob;
  /** The status before (undefined for a job just recorded). */
  previous: string | undefined;
  /** The status entered. */
  status: string;
  /** The detail stored with the change, if any (for `ERROR`: the logs). */
  detail?: string;
}

/** Progress of a batch: uploads of `submitGenomes`, or the jobs finished by `syncJobs`. */
export interface JobProgressEvent {
  /** `upload` (submitting) or `sync` (waiting, downloading, importing). */
  phase: "upload" | "sync";
  /** Jobs done (uploaded and started; or imported or failed). */
  done: number;
  /** Jobs in all. */
  total: number;
  /** Features imported so far. */
  features: number;
  /** Milliseconds since the batch started. */
  elapsedMs: number;
  /** The job that just moved, if one did. */
  job?: PublicJob;
}

/** Options every job-service call accepts. */
export interface JobServiceOptions {
  /** Cancels the work (jobs stay recorded where they were; `syncJobs` resumes them). */
  signal?: AbortSignal;
  /** Called after each status change is stored. */
  onStatus?: (event: JobStatusEvent) => void;
  /** Called as the batch advances. */
  onProgress?: (event: JobProgressEvent) => void;
  /** Called with notes worth showing (a missing optional file, a job resumed…). */
  onNote?: (job: PublicJob, note: string) => void;
  /**
   * How long this process's claim on a job it starts or imports lasts, in ms: another process
   * working on the same database leaves the job alone meanwhile, and takes it over only after a
   * claim ran out (its process was killed).
   * @default {600000} (or `BAKTADB_CLAIM_LEASE_MS`)
   */
  claimLeaseMs?: number;
}

/** How many uploads run at once by default. */
export const DEFAULT_UPLOAD_CONCURRENCY = 2;

/** How many result files are downloaded at once by default. */
export const DEFAULT_DOWNLOAD_CONCURRENCY = 4;

/** How many jobs one `list` call asks about at most by default. */
export const DEFAULT_LIST_CHUNK_SIZE = 100;

/**
 * The client for a job's service.
 *
 * @param clients One client, or a function of the base URL.
 * @param apiUrl The job's base URL.
 * @returns The client, or `undefined` when a single client was given for another service.
 *
 * @example One client, or one per service
 * ```ts
 * import { BaktaClient } from "../bakta_client.ts";
 * import { clientFor } from "./job_service_options.ts";
 * const local = new BaktaClient({ baseUrl: "http://127.0.0.1:8080/api/v1" });
 * if (clientFor(local, "http://127.0.0.1:8080/api/v1/") !== local) throw new Error("same service");
 * if (clientFor(local, "http://127.0.0.1:9090/api/v1") !== undefined) throw new Error("other");
 * const perUrl = (apiUrl: string) => new BaktaClient({ baseUrl: apiUrl });
 * const other = clientFor(perUrl, "http://127.0.0.1:9090/api/v1");
 * if (other?.config.baseUrl !== "http://127.0.0.1:9090/api/v1") throw new Error("per service");
 * ```
 */
export function clientFor(clients: JobClients, apiUrl: string): BaktaClient | undefined {
  if (typeof clients === "function") return clients(apiUrl);
  return sameBaseUrl(clients.config.baseUrl, apiUrl) ? clients : undefined;
}

/**
 * Tells whether two API base URLs are the same service (trailing slashes ignored).
 *
 * @param a One base URL.
 * @param b Another.
 * @returns `true` when they name the same service.
 *
 * @example Trailing slashes do not matter
 * ```ts
 * import { sameBaseUrl } from "./job_service_options.ts";
 * if (!sameBaseUrl("http://127.0.0.1:8080/api/v1/", "http://127.0.0.1:8080/api/v1")) {
 *   throw new Error("expected the same service");
 * }
 * if (sameBaseUrl("http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v2")) {
 *   throw new Error("expected different services");
 * }
 * ```
 */
export function sameBaseUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}

/**
 * Checks a concurrency option.
 *
 * @param name The option name.
 * @param value The value.
 * @returns The value.
 * @throws {RangeError} When it is not an integer >= 1.
 *
 * @example Validating a concurrency option
 * ```ts
 * import { checkConcurrency } from "./job_service_options.ts";
 * if (checkConcurrency("uploadConcurrency", 2) !== 2) throw new Error("valid value changed");
 * try {
 *   checkConcurrency("uploadConcurrency", 0);
 *   throw new Error("expected a RangeError");
 * } catch (error) {
 *   if (!(error instanceof RangeError)) throw error;
 *   if (!error.message.includes("uploadConcurrency")) throw error;
 * }
 * ```
 */
export function checkConcurrency(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Invalid ${name} ${value}: expected an integer >= 1`);
  }
  return value;
}
