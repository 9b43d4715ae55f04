/**
 * The one place where `jobs` and `job_events` rows become {@linkcode JobRecord} and
 * {@linkcode JobEventRecord}: snake_case columns → camelCase fields. The job's secret is carried
 * (the service needs it); nothing here prints it.
 *
 * @module
 */

import type { Job, JobEvent } from "./schema.ts";

/**
 * Every column of `jobs` except `secret`, in table order: what listings that only print jobs
 * select (a read-only PostgreSQL role may not read the secret).
 */
export const JOB_COLUMNS_BUT_SECRET = [
  "id",
  "job_id",
  "name",
  "genome_id",
  "config_id",
  "config_json",
  "api_url",
  "status",
  "annotation_id",
  "error",
  "started_at",
  "service_updated_at",
  "created_at",
  "updated_at",
] as const satisfies readonly Exclude<keyof Job, "secret">[];

/**
 * A stored job (one row of `jobs`), camelCase: the project's one job record type. The client's
 * printable form `PublicJob` is derived from it (the secret left out).
 */
export interface JobRecord {
  /** Surrogate key (`jobs.id`), assigned by the database. */
  id: number;
  /** The service's job id (a UUID), or a local placeholder while the service has given none. */
  jobId: string;
  /** The job's secret: never print, log or export it. */
  secret: string;
  /** The job name, sent to the service: the genome's name. */
  name: string;
  /** The genome (`genomes.id`) the job annotates, once known; `null` before. */
  genomeId: number | null;
  /** The named configuration (`job_configs.id`) used, or `null` for options given inline. */
  configId: number | null;
  /** The `JobConfig` sent (or to send) to `start`, as JSON text. */
  configJson: string;
  /** The service base URL, e.g. `https://api.bakta.computational.bio/api/v1`. */
  apiUrl: string;
  /** The local status (`LocalJobStatus`: `CREATED` … `IMPORTED`; see `JobsTable.status`). */
  status: string;
  /** The annotation (`annotations.id`) its results became, once imported; else `null`. */
  annotationId: number | null;
  /** The last error met, secret-free text, or `null` when the last step succeeded. */
  error: string | null;
  /** When the service started the job (ISO 8601 text as the service wrote it), or `null`. */
  startedAt: string | null;
  /** The service's last update of the job (ISO 8601 text), or `null` before the first poll. */
  serviceUpdatedAt: string | null;
  /** When the row was created (ISO 8601 UTC). */
  createdAt: string;
  /** When the row was last changed (ISO 8601 UTC). */
  updatedAt: string;
}

/** A job's status change. */
export interface JobEventRecord {
  /** Surrogate key. */
  id: number;
  /** The job (`jobs.id`). */
  jobId: number;
  /** The status entered. */
  status: string;
  /** A short detail. */
  detail: string | null;
  /** When. */
  at: string;
}

/**
 * Turns a `jobs` row into a {@linkcode JobRecord}.
 *
 * @param row The row, as `selectAll()` returns it.
 * @returns The record.
 *
 * @example Converting a row
 * ```ts
 * import { toJobRecord } from "./_job_rows.ts";
 * const record = toJobRecord({
 *   id: 1, job_id: "6c1a", secret: "s", name: "E_coli", genome_id: null, config_id: 2,
 *   config_json: "{}", api_url: "http://127.0.0.1:1/api/v1", status: "RUNNING",
 *   annotation_id: null, error: null, started_at: "2026-12-07T00:00:00Z",
 *   service_updated_at: null, created_at: "2026-12-06T23:59:00Z",
 *   updated_at: "2026-12-07T00:00:01Z",
 * });
 * if (record.jobId !== "6c1a" || record.configId !== 2 || record.apiUrl.endsWith("v1") !== true) {
 *   throw new Error("record");
 * }
 * if (record.startedAt !== "2026-12-07T00:00:00Z" || record.serviceUpdatedAt !== null) {
 *   throw new Error("times");
 * }
 * ```
 */
export function toJobRecord(row: Job): JobRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    secret: row.secret,
    name: row.name,
    genomeId: row.genome_id,
    configId: row.config_id,
    configJson: row.config_json,
    apiUrl: row.api_url,
    status: row.status,
    annotationId: row.annotation_id,
    error: row.error,
    startedAt: row.started_at,
    serviceUpdatedAt: row.service_updated_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Turns a `job_events` row into a {@linkcode JobEventRecord}.
 *
 * @param row The row, as `selectAll()` returns it.
 * @returns The record.
 *
 * @example Converting a row
 * ```ts
 * import { toJobEventRecord } from "./_job_rows.ts";
 * const event = toJobEventRecord({ id: 4, job_id: 1, status: "RUNNING", detail: null, at: "t" });
 * if (event.jobId !== 1 || event.status !== "RUNNING") throw new Error("event");
 * ```
 */
export function toJobEventRecord(row: JobEvent): JobEventRecord {
  return { id: row.id, jobId: row.job_id, status: row.status, detail: row.detail, at: row.at };
}
