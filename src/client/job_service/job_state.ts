/**
 * The states a job goes through in the database, and the secret-free form of a stored job that
 * may be printed, logged or exported.
 *
 * @module
 */

import type { JobRecord } from "../../store/jobs_repository.ts";
import { redactText, redactUrl } from "../redact.ts";

/**
 * A job's status in the database (`jobs.status`): the client's own `CREATED` (recorded, nothing
 * uploaded), `UPLOADED` (the FASTA is uploaded, not started yet), the service's `INIT`, `RUNNING`,
 * `SUCCESSFUL` (results not imported yet) and `ERROR` (logs stored), then `IMPORTED`, or
 * `NOT_FOUND` / `UNAUTHORIZED` as the service answered, or `DELETED` (deleted on the service).
 */
export type LocalJobStatus =
  | "CREATED"
  | "UPLOADED"
  | "INIT"
  | "RUNNING"
  | "SUCCESSFUL"
  | "ERROR"
  | "IMPORTED"
  | "NOT_FOUND"
  | "UNAUTHORIZED"
  | "DELETED";

/** Every local job status, in lifecycle order. */
export const LOCAL_JOB_STATUSES: readonly LocalJobStatus[] = Object.freeze([
  "CREATED",
  "UPLOADED",
  "INIT",
  "RUNNING",
  "SUCCESSFUL",
  "ERROR",
  "IMPORTED",
  "NOT_FOUND",
  "UNAUTHORIZED",
  "DELETED",
]);

/** The statuses `syncJobs` still has work for. */
export const UNFINISHED_JOB_STATUSES: readonly LocalJobStatus[] = Object.freeze([
  "CREATED",
  "UPLOADED",
  "INIT",
  "RUNNING",
  "SUCCESSFUL",
]);

/** The statuses that mean the job failed for good. */
export const FAILED_JOB_STATUSES: readonly LocalJobStatus[] = Object.freeze([
  "ERROR",
  "NOT_FOUND",
  "UNAUTHORIZED",
]);

/**
 * The prefix of the job id a job is recorded under before the service gave it one (the row is
 * written before `init`, so that a crash at any point loses nothing).
 */
export const PLACEHOLDER_JOB_ID_PREFIX = "local-";

/**
 * Tells whether a status is one of {@linkcode LOCAL_JOB_STATUSES}.
 *
 * @param status The candidate.
 * @returns `true` for a known status.
 *
 * @example
 * ```ts
 * import { isLocalJobStatus } from "./job_state.ts";
 * if (!isLocalJobStatus("IMPORTED") || isLocalJobStatus("imported")) throw new Error("wrong");
 * ```
 */
export function isLocalJobStatus(status: string): status is LocalJobStatus {
  return (LOCAL_JOB_STATUSES as readonly string[]).includes(status);
}

/**
 * Tells whether a stored job id is a placeholder (the service has not given the job an id yet).
 *
 * @param jobId `jobs.job_id`.
 * @returns `true` for a placeholder.
 *
 * @example
 * ```ts
 * import { isPlaceholderJobId } from "./job_state.ts";
 * if (!isPlaceholderJobId("local-1234") || isPlaceholderJobId(crypto.randomUUID())) {
 *   throw new Error("wrong");
 * }
 * ```
 */
export function isPlaceholderJobId(jobId: string): boolean {
  return jobId.startsWith(PLACEHOLDER_JOB_ID_PREFIX);
}

/**
 * A stored job without its secret: safe to print, log, export or serialize. It is the store's one
 * job record type (`JobRecord`) with three fields changed: no `secret`, `config` parsed from
 * `configJson`, and `jobId` `null` while the service has not given the job an id yet (the
 * stored placeholder is hidden). `apiUrl` has any user info masked and `error` is redacted.
 */
export type PublicJob = Omit<JobRecord, "secret" | "configJson" | "jobId"> & {
  /** The service's job id (a UUID), or `null` while the job has none yet. */
  jobId: string | null;
  /** The `JobConfig` sent (or to send) to `start`, parsed; `null` when the stored JSON is damaged. */
  config: unknown;
};

/**
 * Turns a stored job into its public form: the secret left out, the config parsed, user info in
 * the URL masked, and the secret removed from every text just in case.
 *
 * @param record The stored job.
 * @returns The job without its secret.
 *
 * @example The secret is left out
 * ```ts
 * import { toPublicJob } from "./job_state.ts";
 * const job = toPublicJob({
 *   id: 1, jobId: "j", secret: "S".repeat(32), name: "g", genomeId: null, configId: null,
 *   configJson: "{}", apiUrl: "http://127.0.0.1:1/api/v1", status: "INIT", annotationId: null,
 *   error: null, startedAt: null, serviceUpdatedAt: null, createdAt: "", updatedAt: "",
 * });
 * if (JSON.stringify(job).includes("S".repeat(32)) || "secret" in job) throw new Error("leak");
 * ```
 */
export function toPublicJob(record: JobRecord): PublicJob {
  let config: unknown;
  try {
    config = JSON.parse(record.configJson);
  } catch {
    config = null;
  }
  const secrets = record.secret === "" ? [] : [record.secret];
  return {
    id: record.id,
    jobId: isPlaceholderJobId(record.jobId) ? null : record.jobId,
    name: record.name,
    genomeId: record.genomeId,
    configId: record.configId,
    config,
    apiUrl: maskUserInfo(redactUrl(record.apiUrl, secrets)),
    status: record.status,
    annotationId: record.annotationId,
    error: record.error === null ? null : redactText(record.error, secrets),
    startedAt: record.startedAt,
    serviceUpdatedAt: record.serviceUpdatedAt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function maskUserInfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, "$1***@");
}
