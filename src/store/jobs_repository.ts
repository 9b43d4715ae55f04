/**
 * The jobs repository: Bakta web jobs and their status history. The job's secret is stored (the
 * service needs it) but this module never logs it; callers must not print it.
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database, JobEvent } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { transaction } from "../db/transaction.ts";
import {
  JOB_COLUMNS_BUT_SECRET,
  type JobEventRecord,
  type JobRecord,
  toJobEventRecord,
  toJobRecord,
} from "../db/_job_rows.ts";

export type { JobEventRecord, JobRecord };

/** What a new job is made of. */
export interface NewJobInput {
  /** The service's job id. */
  jobId: string;
  /** The secret. */
  secret: string;
  /** The job name. */
  name: string;
  /** The configuration sent (serialized to JSON). */
  config: unknown;
  /** The service base URL. */
  apiUrl: string;
  /**
   * The first status.
   * @default "CREATED"
   */
  status?: string;
  /** The genome. */
  genomeId?: number | null;
  /** The named configuration. */
  configId?: number | null;
}

/** A status change to record. */
export interface JobStatusChange {
  /** The new status. */
  status: string;
  /** A short detail for the event (never the secret). */
  detail?: string;
  /** The error to keep (null clears it). */
  error?: string | null;
  /** The annotation the results became. */
  annotationId?: number | null;
  /** The service's start time. */
  startedAt?: string | null;
  /** The service's last update. */
  serviceUpdatedAt?: string | null;
}

/**
 * Records a new job and its first event, in one transaction.
 *
 * @param db The database.
 * @param input The job.
 * @returns The stored job.
 * @throws {ConstraintError} When the job id is already stored.
 *
 * @example
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createJob, listJobEvents } from "./jobs_repository.ts";
 * const db = await openDatabase(":memory:");
 * const job = await createJob(db, { jobId: "j-1", secret: "s", name: "demo", config: {},
 *   apiUrl: "http://127.0.0.1:1" });
 * if ((await listJobEvents(db, job.id))[0].status !== "CREATED") throw new Error("no event");
 * await db.destroy();
 * ```
 */
export async function createJob(db: Kysely<Database>, input: NewJobInput): Promise<JobRecord> {
  const work = async (trx: Kysely<Database>) => {
    const status = input.status ?? "CREATED";
    const row = await trx.insertInto("jobs").values({
      job_id: input.jobId,
      secret: input.secret,
      name: input.name,
      config_json: JSON.stringify(input.config),
      api_url: input.apiUrl,
      status,
      genome_id: input.genomeId ?? null,
      config_id: input.configId ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto("job_events").values({ job_id: row.id, status }).execute();
    return toJobRecord(row);
  };
  return await transaction(db, work);
}

/**
 * Gets a job by its row id.
 *
 * @param db The database or a transaction.
 * @param id `jobs.id`.
 * @returns The job.
 * @throws {NotFoundError} When there is none.
 *
 * @example Getting a job by its row id
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { NotFoundError } from "../db/errors.ts";
 * import { createJob, getJob } from "./jobs_repository.ts";
 * const db = await openDatabase(":memory:");
 * const job = await createJob(db, {
 *   jobId: "j-1",
 *   secret: "s",
 *   name: "demo",
 *   config: { complete: true },
 *   apiUrl: "http://127.0.0.1:1",
 * });
 * const stored = await getJob(db, job.id);
 * if (stored.jobId !== "j-1" || JSON.parse(stored.configJson).complete !== true) {
 *   throw new Error("job");
 * }
 * if (!(await getJob(db, job.id + 1).catch((e) => e) instanceof NotFoundError)) {
 *   throw new Error("expected a NotFoundError");
 * }
 * await db.destroy();
 * ```
 */
export async function getJob(db: Kysely<Database>, id: number): Promise<JobRecord> {
  const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  if (row === undefined) throw new NotFoundError("job", id);
  return toJobRecord(row);
}

/**
 * Finds a job by the service's job id.
 *
 * @param db The database or a transaction.
 * @param jobId The service's job id.
 * @returns The job, or undefined.
 *
 * @example Looking a job up by the service's id
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createJob, findJobByJobId } from "./jobs_repository.ts";
 * const db = await openDatabase(":memory:");
 * const apiUrl = "http://127.0.0.1:1";
 * const job = await createJob(db, { jobId: "j-1", secret: "s", name: "demo", config: {}, apiUrl });
 * if ((await findJobByJobId(db, "j-1"))?.id !== job.id) throw new Error("not found");
 * if ((await findJobByJobId(db, "j-2")) !== undefined) throw new Error("found a stranger");
 * await db.destroy();
 * ```
 */
export async function findJobByJobId(
  db: Kysely<Database>,
  jobId: string,
): Promise<JobRecord | undefined> {
  const row = await db.selectFrom("jobs").selectAll().where("job_id", "=", jobId)
    .executeTakeFirst();
  return row === undefined ? undefined : toJobRecord(row);
}

/**
 * Lists jobs, newest first, optionally of some statuses.
 *
 * @param db The database or a transaction.
 * @param options The statuses to keep.
 * @returns The jobs.
 *
 * @example The running jobs, newest first
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createJob, listJobs } from "./jobs_repository.ts";
 * const db = await openDatabase(":memory:");
 * const apiUrl = "http://127.0.0.1:1";
 * for (const [jobId, status] of [["j-1", "RUNNING"], ["j-2", "SUCCESSFUL"], ["j-3", "RUNNING"]]) {
 *   await createJob(db, { jobId, secret: "s", name: jobId, config: {}, apiUrl, status });
 * }
 * const running = await listJobs(db, { status: ["RUNNING"] });
 * if (running.map((j) => j.jobId).join() !== "j-3,j-1") throw new Error("unexpected jobs");
 * if ((await listJobs(db)).length !== 3) throw new Error("expected every job");
 * await db.destroy();
 * ```
 */
export async function listJobs(
  db: Kysely<Database>,
  options: ListJobsOptions = {},
): Promise<JobRecord[]> {
  const { status, withSecret = true } = options;
  let query = withSecret
    ? db.selectFrom("jobs").selectAll()
    : db.selectFrom("jobs").select(JOB_COLUMNS_BUT_SECRET).select(sql<string>`''`.as("secret"));
  if (status !== undefined && status.length > 0) query = query.where("status", "in", status);
  return (await query.orderBy("id", "desc").execute()).map(toJobRecord);
}

/** Options of {@linkcode listJobs}. */
export interface ListJobsOptions {
  /** Only jobs of these statuses (`jobs.status`); every job when absent or empty. */
  status?: readonly string[];
  /**
   * Read `jobs.secret`. Listings that only print jobs pass `false`: a read-only PostgreSQL role
   * may not read that column (migration 0007), and the records then hold `secret: ""`.
   * @default true
   */
  withSecret?: boolean;
}

/**
 * Changes a job's status and records the change as an event (only when the status changed or a
 * detail is given), in one transaction.
 *
 * @param db The database.
 * @param id `jobs.id`.
 * @param change The new status and fields.
 * @returns The updated job.
 * @throws {NotFoundError} When there is no such job.
 *
 * @example A job that finished
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createJob, listJobEvents, updateJobStatus } from "./jobs_repository.ts";
 * const db = await openDatabase(":memory:");
 * const apiUrl = "http://127.0.0.1:1";
 * const job = await createJob(db, { jobId: "j-1", secret: "s", name: "demo", config: {}, apiUrl });
 * await updateJobStatus(db, job.id, { status: "RUNNING" });
 * const done = await updateJobStatus(db, job.id, { status: "SUCCESSFUL", detail: "took 3 min" });
 * if (done.status !== "SUCCESSFUL") throw new Error("status");
 * const events = await listJobEvents(db, job.id);
 * const statuses = events.map((e) => e.status).join();
 * if (statuses !== "CREATED,RUNNING,SUCCESSFUL") throw new Error(`events: ${statuses}`);
 * await db.destroy();
 * ```
 */
export async function updateJobStatus(
  db: Kysely<Database>,
  id: number,
  change: JobStatusChange,
): Promise<JobRecord> {
  const work = async (trx: Kysely<Database>) => {
    const before = await getJob(trx, id);
    const patch: Record<string, unknown> = {
      status: change.status,
      updated_at: new Date().toISOString(),
    };
    if (change.error !== undefined) patch.error = change.error;
    if (change.annotationId !== undefined) patch.annotation_id = change.annotationId;
    if (change.startedAt !== undefined) patch.started_at = change.startedAt;
    if (change.serviceUpdatedAt !== undefined) patch.service_updated_at = change.serviceUpdatedAt;
    const row = await trx.updateTable("jobs").set(patch).where("id", "=", id).returningAll()
      .executeTakeFirstOrThrow();
    if (before.status !== change.status || change.detail !== undefined) {
      await trx.insertInto("job_events").values({
        job_id: id,
        status: change.status,
        detail: change.detail ?? null,
      }).execute();
    }
    return toJobRecord(row);
  };
  return await transaction(db, work);
}

/**
 * Lists a job's events, oldest first.
 *
 * @param db The database or a transaction.
 * @param id `jobs.id`.
 * @returns The events.
 *
 * @example The history of a failed job
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createJob, listJobEvents, updateJobStatus } from "./jobs_repository.ts";
 * const db = await openDatabase(":memory:");
 * const apiUrl = "http://127.0.0.1:1";
 * const job = await createJob(db, { jobId: "j-1", secret: "s", name: "demo", config: {}, apiUrl });
 * await updateJobStatus(db, job.id, { status: "ERROR", detail: "bad FASTA" });
 * const events = await listJobEvents(db, job.id);
 * if (events.length !== 2 || events[1].status !== "ERROR" || events[1].detail !== "bad FASTA") {
 *   throw new Error("unexpected events");
 * }
 * await db.destroy();
 * ```
 */
export async function listJobEvents(
  db: Kysely<Database>,
  id: number,
): Promise<JobEventRecord[]> {
  const rows: JobEvent[] = await db.selectFrom("job_events").selectAll().where("job_id", "=", id)
    .orderBy("id").execute();
  return rows.map(toJobEventRecord);
}

/**
 * Deletes a job and its events.
 *
 * @param db The database or a transaction.
 * @param id `jobs.id`.
 * @returns True when a job was deleted.
 *
 * @example Deleting a job and its events
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createJob, deleteJob, listJobEvents } from "./jobs_repository.ts";
 * const db = await openDatabase(":memory:");
 * const apiUrl = "http://127.0.0.1:1";
 * const job = await createJob(db, { jobId: "j-1", secret: "s", name: "demo", config: {}, apiUrl });
 * if (!(await deleteJob(db, job.id))) throw new Error("not deleted");
 * if ((await listJobEvents(db, job.id)).length !== 0) throw new Error("events left");
 * if (await deleteJob(db, job.id)) throw new Error("deleted twice");
 * await db.destroy();
 * ```
 */
export async function deleteJob(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await transaction(
    db,
    (trx) => trx.deleteFrom("jobs").where("id", "=", id).executeTakeFirst(),
  );
  return Number(result.numDeletedRows) > 0;
}
