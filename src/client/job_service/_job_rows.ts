/**
 * The job service's writes to the `jobs` and `job_events` tables (private helper): status changes
 * with secret-free details, conditional transitions that let only one process move a job on, and
 * the record of what was submitted (so that an interrupted submission can be resumed).
 *
 * @module
 */

import { baktadbLogger } from "../../log/logger.ts";
import type { Kysely } from "../../deps/kysely.ts";
import type { Database } from "../../db/schema.ts";
import { transaction } from "../../db/transaction.ts";
import {
  getJob,
  type JobRecord,
  type JobStatusChange,
  updateJobStatus,
} from "../../store/jobs_repository.ts";
import { redactText } from "../redact.ts";
import { keepClaim } from "./_job_claim.ts";
import { isPlaceholderJobId, type PublicJob, toPublicJob } from "./job_state.ts";
import type { JobStatusEvent } from "./job_service_options.ts";

/** The longest detail stored with one event, in characters (the end of longer texts is kept). */
export const MAX_EVENT_DETAIL_LENGTH = 65_536;

/** The longest `jobs.error`, in characters. */
export const MAX_ERROR_LENGTH = 2_000;

/** What a submission was made of, recorded with its first event so that it can be resumed. */
export interface SubmissionRecord {
  /** The absolute paths of the FASTA files (empty when the FASTA was given as text). */
  fasta: string[];
  /** SHA-256 of the FASTA bytes uploaded. */
  sha256: string;
  /** Their size in bytes. */
  bytes: number;
  /** The replicon table's absolute path, when one is uploaded from a file. */
  repliconTable?: string;
  /** The Prodigal training file's absolute path, when one is uploaded from a file. */
  prodigalTrainingFile?: string;
  /** Set when some input was given as content and is not kept (the job cannot be resumed). */
  inline?: boolean;
}

const SUBMISSION_PREFIX = "submitted ";

/**
 * Makes a text safe to store: the job's secret (and any `secret=` pair or link signature) masked,
 * and cut to `max` characters (keeping the end, where errors and logs say what went wrong).
 *
 * @param text The text.
 * @param secrets The secrets to mask.
 * @param max The largest length.
 * @returns The safe text.
 */
export function safeText(text: string, secrets: readonly string[], max: number): string {
  const clean = redactText(text, secrets.filter((secret) => secret !== ""));
  return clean.length <= max ? clean : `…${clean.slice(clean.length - max + 1)}`;
}

/**
 * Records a status change (secret-free) and reports it when the status changed. A change that
 * only repeats the stored status (no detail, error or annotation: e.g. a poll by a second process
 * that saw the job late) writes nothing; one that keeps the status (a note) keeps a claim on the
 * job: only a new status, or `releaseJobLease`, ends it.
 *
 * @param db The database or an open transaction.
 * @param row The job as it was.
 * @param change The change.
 * @param emit Where to report it (pass nothing inside a transaction and report after commit).
 * @returns The job after the change, and the event to report.
 */
export async function recordStatus(
  db: Kysely<Database>,
  row: JobRecord,
  change: JobStatusChange,
  emit?: (event: JobStatusEvent) => void,
): Promise<{ row: JobRecord; event?: JobStatusEvent }> {
  const secrets = [row.secret];
  const safe: JobStatusChange = { ...change };
  if (change.detail !== undefined) {
    safe.detail = safeText(change.detail, secrets, MAX_EVENT_DETAIL_LENGTH);
  }
  if (typeof change.error === "string") {
    safe.error = safeText(change.error, secrets, MAX_ERROR_LENGTH);
  }
  const repeats = change.detail === undefined && change.error === undefined &&
    change.annotationId === undefined;
  const updated = await transaction(db, async (trx) => {
    const latest = await getJob(trx, row.id);
    if (repeats && latest.status === change.status) return latest;
    const updated = await updateJobStatus(trx, row.id, safe);
    return updated.status === latest.status ? await keepClaim(trx, latest, updated) : updated;
  });
  const event = updated.status !== row.status || change.detail !== undefined
    ? {
      job: toPublicJob(updated),
      previous: row.status,
      status: updated.status,
      ...(safe.detail === undefined ? {} : { detail: safe.detail }),
    }
    : undefined;
  if (event) logJobEvent(event);
  if (event && emit && updated.status !== row.status) emit(event);
  return { row: updated, event };
}

const log = baktadbLogger("jobs");

/** One record per status change (info; ERROR and the like: warning) or note (debug). */
function logJobEvent(event: JobStatusEvent): void {
  const properties = {
    job: event.job.id,
    name: event.job.name,
    serviceJob: event.job.jobId,
    previous: event.previous,
    status: event.status,
    // the end of a long detail (Bakta's logs) is what explains a failure
    detail: (event.detail ?? "").slice(-2000),
  };
  if (event.status === event.previous) {
    log.debug("job {job} ({name}) stays {status}: {detail}", properties);
  } else if (["ERROR", "NOT_FOUND", "UNAUTHORIZED"].includes(event.status)) {
    log.warn("job {job} ({name}): {previous} -> {status}: {detail}", properties);
  } else {
    log.info("job {job} ({name}): {previous} -> {status}", properties);
  }
}

/** A conditional move of a job: applied only if the row is still as this process saw it. */
export interface JobTransition {
  /** The new status. */
  status: string;
  /** The event's detail (never the secret). */
  detail?: string;
  /** A new service job id (with its secret). */
  service?: { jobId: string; secret: string };
  /** The error to keep (null clears it). */
  error?: string | null;
}

/**
 * Moves a job on only if it still has the status and job id this process saw (another process may
 * have taken it over), and records the event, in one transaction.
 *
 * @param db The database.
 * @param row The job as this process saw it.
 * @param next The new status, detail and service job.
 * @returns The job after the move, or `undefined` when the row had changed meanwhile.
 */
export async function transitionJob(
  db: Kysely<Database>,
  row: JobRecord,
  next: JobTransition,
): Promise<JobRecord | undefined> {
  const secrets = [row.secret, next.service?.secret ?? ""];
  const moved = await transaction(db, async (trx) => {
    const patch: Record<string, unknown> = {
      status: next.status,
      updated_at: new Date().toISOString(),
    };
    if (next.service) {
      patch.job_id = next.service.jobId;
      patch.secret = next.service.secret;
    }
    if (next.error !== undefined) {
      patch.error = next.error === null ? null : safeText(next.error, secrets, MAX_ERROR_LENGTH);
    }
    const result = await trx.updateTable("jobs").set(patch)
      .where("id", "=", row.id)
      .where("status", "=", row.status)
      .where("job_id", "=", row.jobId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    if (next.status !== row.status || next.detail !== undefined) {
      await trx.insertInto("job_events").values({
        job_id: row.id,
        status: next.status,
        detail: next.detail === undefined
          ? null
          : safeText(next.detail, secrets, MAX_EVENT_DETAIL_LENGTH),
      }).execute();
    }
    return await getJob(trx, row.id);
  });
  if (moved !== undefined && (next.status !== row.status || next.detail !== undefined)) {
    logJobEvent({
      job: toPublicJob(moved),
      previous: row.status,
      status: moved.status,
      ...(next.detail === undefined ? {} : { detail: safeText(next.detail, secrets, 300) }),
    });
  }
  return moved;
}

/**
 * Formats the detail of a job's first event: what was submitted.
 *
 * @param record The submission.
 * @returns The detail text.
 */
export function formatSubmissionDetail(record: SubmissionRecord): string {
  return `${SUBMISSION_PREFIX}${JSON.stringify(record)}`;
}

/**
 * Reads what was submitted for a job from its first event.
 *
 * @param db The database.
 * @param id `jobs.id`.
 * @returns The submission, or `undefined` when none was recorded.
 */
export async function readSubmission(
  db: Kysely<Database>,
  id: number,
): Promise<SubmissionRecord | undefined> {
  const rows = await db.selectFrom("job_events").select("detail")
    .where("job_id", "=", id).where("status", "=", "CREATED").orderBy("id").execute();
  for (const { detail } of rows) {
    if (detail === null || !detail.startsWith(SUBMISSION_PREFIX)) continue;
    try {
      const record = JSON.parse(detail.slice(SUBMISSION_PREFIX.length));
      if (Array.isArray(record?.fasta) && typeof record.sha256 === "string") return record;
    } catch {
      // not a submission record
    }
  }
  return undefined;
}

/**
 * The annotation imported from a job, if one is stored (`annotations.job_id`).
 *
 * @param db The database.
 * @param id `jobs.id`.
 * @returns The annotation id, or `undefined`.
 */
export async function annotationOfJob(
  db: Kysely<Database>,
  id: number,
): Promise<number | undefined> {
  const row = await db.selectFrom("annotations").select("id").where("job_id", "=", id)
    .orderBy("id").executeTakeFirst();
  return row?.id;
}

/**
 * Links a job to its genome.
 *
 * @param db The database or an open transaction.
 * @param id `jobs.id`.
 * @param genomeId The genome.
 */
export async function setJobGenome(
  db: Kysely<Database>,
  id: number,
  genomeId: number,
): Promise<void> {
  await transaction(
    db,
    (trx) => trx.updateTable("jobs").set({ genome_id: genomeId }).where("id", "=", id).execute(),
  );
}

/**
 * The service job of a stored job, for the client; `undefined` while it has none.
 *
 * @param row The stored job.
 * @returns `{ jobID, secret }`, or `undefined` for a placeholder or a job without secret.
 */
export function serviceJobOf(row: JobRecord): { jobID: string; secret: string } | undefined {
  if (isPlaceholderJobId(row.jobId) || row.secret === "") return undefined;
  return { jobID: row.jobId, secret: row.secret };
}

/**
 * The public form of a job (re-exported here for the service's files).
 *
 * @param row The stored job.
 * @returns The job without its secret.
 */
export function publicJob(row: JobRecord): PublicJob {
  return toPublicJob(row);
}
