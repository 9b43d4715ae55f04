/**
 * `syncJobs()`: bring every unfinished job of the database forward — resume interrupted
 * submissions, poll the service, store the logs of failed jobs, download and import the results of
 * successful ones — once, or until all are finished.
 *
 * @module
 */

import type { Kysely } from "../../deps/kysely.ts";
import type { Database } from "../../db/schema.ts";
import { getJob, type JobRecord, listJobs } from "../../store/jobs_repository.ts";
import { sleep as defaultSleep } from "../_sleep.ts";
import type { BaktaClient } from "../bakta_client.ts";
import { DEFAULT_POLL_INTERVAL_MS } from "../bakta_client.ts";
import type { BaktaFailedJob, BaktaJob, BaktaListedJob } from "../api_types.ts";
import { settleConcurrently } from "./_pool.ts";
import { recordStatus, serviceJobOf } from "./_job_rows.ts";
import {
  type AdvanceContext,
  initAndUpload,
  loadRecordedUploads,
  startUploaded,
} from "./_advance_job.ts";
import { importJobResults } from "./import_job_results.ts";
import { claimJobLease, releaseJobLease, resolveClaimLease } from "./_job_claim.ts";
import {
  checkConcurrency,
  clientFor,
  DEFAULT_DOWNLOAD_CONCURRENCY,
  DEFAULT_LIST_CHUNK_SIZE,
  DEFAULT_UPLOAD_CONCURRENCY,
  type JobClients,
  type JobServiceOptions,
} from "./job_service_options.ts";
import {
  FAILED_JOB_STATUSES,
  type PublicJob,
  toPublicJob,
  UNFINISHED_JOB_STATUSES,
} from "./job_state.ts";

/** What the service's logs say when its infrastructure (not Bakta) failed. */
export const INFRASTRUCTURE_FAILURE_LOGS =
  "Internal server error, please contact the administrator or try again later.";

/**
 * How many polling rounds in a row may fail (after the client's own retries) before `syncJobs`
 * gives up waiting for that service's jobs.
 */
export const MAX_FAILED_POLLS = 3;

/** How many jobs download and import at once (imports themselves are written one at a time). */
const JOB_CONCURRENCY = 2;

/** Options of {@linkcode syncJobs}. */
export interface SyncJobsOptions extends JobServiceOptions {
  /** Only these jobs (`jobs.id`); by default every unfinished job. */
  jobs?: readonly number[];
  /**
   * Keep polling until every job is imported or failed.
   * @default {false}
   */
  wait?: boolean;
  /**
   * The interval between two polls while waiting, in milliseconds; please stay polite.
   * @default {30000}
   */
  intervalMs?: number;
  /**
   * Stop waiting after this long (milliseconds); unfinished jobs are returned as `pending`.
   * @default {Infinity}
   */
  timeoutMs?: number;
  /**
   * The most jobs one `list` call asks about (more are asked in several calls).
   * @default {100}
   */
  listChunkSize?: number;
  /**
   * How many interrupted submissions upload at once.
   * @default {2}
   */
  uploadConcurrency?: number;
  /**
   * How many result files of one job download at once.
   * @default {4}
   */
  downloadConcurrency?: number;
  /** The folder in which temporary download folders are made (default: the system's). */
  tempDir?: string;
  /** The sleep between polls (default: a timer); inject one in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Where `syncJobs` left a job. */
export type SyncOutcome =
  /** Imported (now or before). */
  | "imported"
  /** Failed for good (`ERROR`, `NOT_FOUND`, `UNAUTHORIZED`, `DELETED`), or a step failed in this
   * call (the job stays where it was; the next sync tries again). */
  | "failed"
  /** Still unfinished (not waiting, or the wait ended). */
  | "pending"
  /** On another service than the client given: left alone. */
  | "skipped";

/** One job's outcome. */
export interface SyncedJob {
  /** The job afterwards (no secret). */
  job: PublicJob;
  /** Where it was left. */
  outcome: SyncOutcome;
  /** Features imported for it in this call. */
  features: number;
  /** What went wrong in this call, or why it failed (secret-free). */
  error?: string;
}

/** The result set of {@linkcode syncJobs}. */
export interface SyncJobsResult {
  /** One entry per job considered, oldest first. */
  jobs: SyncedJob[];
  /** How many are imported. */
  imported: number;
  /** How many failed. */
  failed: number;
  /** How many are still unfinished. */
  pending: number;
  /** How many were left alone (another service). */
  skipped: number;
  /** Features imported in this call. */
  features: number;
  /** How many `list` calls were made to poll (starts not counted). */
  listCalls: number;
  /** How many polling rounds ran. */
  rounds: number;
  /** How long the call took, in milliseconds. */
  durationMs: number;
}

interface Track {
  row: JobRecord;
  client?: BaktaClient;
  blocked: boolean;
  error?: string;
  features: number;
  noted: boolean;
  /** Whether "another process holds the job" was said. */
  heldNoted: boolean;
}

/**
 * Brings unfinished jobs forward. Each round:
 *
 * 1. `CREATED` (a submission interrupted before its upload was recorded): re-reads the recorded
 *    FASTA files (checking they did not change), initialises a fresh job, uploads and starts it.
 * 2. `UPLOADED` (not started): starts it exactly once (`list` first, inside a transaction that
 *    claims the row).
 * 3. `INIT`/`RUNNING`: ONE `list` call per service for all of them (in chunks of
 *    `listChunkSize`); each change is stored. `ERROR`: the logs are fetched and stored in the
 *    event's detail (the end of them, up to 64 KiB), with a one-line reason in `jobs.error`.
 *    `NOT_FOUND`/`UNAUTHORIZED`: stored as such (anything imported before is kept).
 * 4. `SUCCESSFUL`: the job is claimed for `claimLeaseMs` (one conditional `update`; a job another
 *    process holds is left to it and looked at again next round), every result file is downloaded,
 *    checked and imported once (`importJobResults`); the job becomes `IMPORTED` with its
 *    annotation.
 *
 * Without `wait` one round runs; with it, rounds repeat every `intervalMs` until no job is left
 * unfinished. A service that cannot be polled (after the client's retries) in
 * `MAX_FAILED_POLLS` rounds in a row has its jobs reported `failed` for this call; the jobs of
 * other services go on. A step that fails (network, a changed FASTA, a damaged download) is stored in the
 * job's error and events; the job stays where it was, is reported `failed`, and the next call tries
 * again. Killing the process at any point loses nothing: the next call resumes every job.
 *
 * @param db The database.
 * @param clients The client, or a function giving the client of each service URL.
 * @param options Which jobs, waiting, intervals, concurrency, callbacks.
 * @returns One outcome per job.
 * @throws {NotFoundError} When a job asked for by id does not exist.
 * @throws {RangeError} For an option out of range.
 *
 * @example Submitting, then waiting for the import
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { startBaktaStandIn } from "../../testing/bakta_stand_in/mod.ts";
 * import { formatRunAsBaktaJson, makeRun } from "../../testing/factory/mod.ts";
 * import { BaktaClient } from "../bakta_client.ts";
 * import { submitGenome } from "./submit_genome.ts";
 * import { syncJobs } from "./sync_jobs.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/demo.json`, formatRunAsBaktaJson(makeRun({ seed: 3 })));
 * await using standIn = await startBaktaStandIn({ resultsDir: dir, runningMs: 10 });
 * const db = await openDatabase(":memory:");
 * const client = new BaktaClient({ baseUrl: standIn.baseUrl });
 * await submitGenome(db, client, { fasta: { text: ">c1\nACGT\n" }, genome: "demo" });
 * const result = await syncJobs(db, client, { wait: true, intervalMs: 20 });
 * if (result.imported !== 1 || result.jobs[0].job.status !== "IMPORTED") throw new Error("wrong");
 * await db.destroy();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function syncJobs(
  db: Kysely<Database>,
  clients: JobClients,
  options: SyncJobsOptions = {},
): Promise<SyncJobsResult> {
  const {
    wait = false,
    intervalMs = DEFAULT_POLL_INTERVAL_MS,
    timeoutMs = Infinity,
    listChunkSize = DEFAULT_LIST_CHUNK_SIZE,
    uploadConcurrency = DEFAULT_UPLOAD_CONCURRENCY,
    downloadConcurrency = DEFAULT_DOWNLOAD_CONCURRENCY,
    signal,
    onStatus,
    onProgress,
    onNote,
    sleep = defaultSleep,
  } = options;
  const claimLeaseMs = resolveClaimLease(options.claimLeaseMs);
  if (!Number.isFinite(intervalMs) || intervalMs < 0) {
    throw new RangeError(`Invalid intervalMs ${intervalMs}: expected a number >= 0`);
  }
  if (!(timeoutMs >= 0)) {
    throw new RangeError(`Invalid timeoutMs ${timeoutMs}: expected a number >= 0`);
  }
  checkConcurrency("listChunkSize", listChunkSize);
  checkConcurrency("uploadConcurrency", uploadConcurrency);
  checkConcurrency("downloadConcurrency", downloadConcurrency);
  const began = performance.now();
  const context: AdvanceContext = {
    db,
    clients,
    signal,
    emit: (e) => onStatus?.(e),
    claimLeaseMs,
  };

  const rows = options.jobs !== undefined
    ? await Promise.all([...new Set(options.jobs)].map((id) => getJob(db, id)))
    : (await listJobs(db, { status: UNFINISHED_JOB_STATUSES })).reverse();
  rows.sort((a, b) => a.id - b.id);
  const tracks: Track[] = rows.map((row) => ({
    row,
    client: clientFor(clients, row.apiUrl),
    blocked: false,
    features: 0,
    noted: false,
    heldNoted: false,
  }));
  const active = (track: Track) =>
    track.client !== undefined && !track.blocked &&
    UNFINISHED_JOB_STATUSES.includes(track.row.status as never);
  const withStatus = (...statuses: string[]) =>
    tracks.filter((track) => active(track) && statuses.includes(track.row.status));
  const fail = async (track: Track, error: unknown) => {
    if (signal?.aborted) throw signal.reason;
    const message = error instanceof Error ? error.message : String(error);
    track.blocked = true;
    track.error = message;
    const latest = await getJob(db, track.row.id);
    track.row = (await recordStatus(db, latest, {
      status: latest.status,
      detail: `sync failed: ${message}`,
      error: message,
    })).row;
  };
  const noteHeld = (track: Track) => {
    if (track.heldNoted || !(track.row.updatedAt > new Date().toISOString())) return;
    track.heldNoted = true;
    onNote?.(
      toPublicJob(track.row),
      `another process works on this job (its claim lasts until ${track.row.updatedAt}); ` +
        "leaving it to that process",
    );
  };
  let features = 0;
  const progress = (job?: PublicJob) =>
    onProgress?.({
      phase: "sync",
      done: tracks.filter((track) => !active(track)).length,
      total: tracks.length,
      features,
      elapsedMs: performance.now() - began,
      job,
    });

  let listCalls = 0;
  let rounds = 0;
  const pollFailures = new Map<BaktaClient, number>();
  progress();
  while (true) {
    signal?.throwIfAborted();
    rounds++;

    // 1. submissions interrupted before their upload was recorded
    await settleConcurrently(withStatus("CREATED"), uploadConcurrency, async (track) => {
      try {
        const uploads = await loadRecordedUploads(db, track.row);
        onNote?.(toPublicJob(track.row), "resuming the submission: initialising a fresh job");
        const uploaded = await initAndUpload(context, track.row, uploads);
        const started = uploaded === undefined ? undefined : await startUploaded(context, uploaded);
        track.row = started ?? await getJob(db, track.row.id);
      } catch (error) {
        await fail(track, error);
      }
      progress(toPublicJob(track.row));
    });

    // 2. uploaded, not started
    await settleConcurrently(withStatus("UPLOADED"), uploadConcurrency, async (track) => {
      try {
        const started = await startUploaded(context, track.row);
        track.row = started ?? await getJob(db, track.row.id);
        if (started === undefined) noteHeld(track);
      } catch (error) {
        await fail(track, error);
      }
      progress(toPublicJob(track.row));
    });

    // 3. one list call per service (per chunk) for every started job
    const polled = withStatus("INIT", "RUNNING");
    const byClient = new Map<BaktaClient, Track[]>();
    for (const track of polled) {
      const group = byClient.get(track.client!) ?? [];
      group.push(track);
      byClient.set(track.client!, group);
    }
    for (const [client, group] of byClient) {
      for (let start = 0; start < group.length; start += listChunkSize) {
        const chunk = group.slice(start, start + listChunkSize);
        const jobs = chunk.map((track) => serviceJobOf(track.row)!);
        let answer;
        try {
          listCalls++;
          answer = await client.list(jobs, { signal });
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          // the client retried already; while waiting, give the service a few more rounds
          const message = error instanceof Error ? error.message : String(error);
          const failures = (pollFailures.get(client) ?? 0) + 1;
          pollFailures.set(client, failures);
          for (const track of chunk) {
            track.error = message;
            if (!wait || failures >= MAX_FAILED_POLLS) track.blocked = true;
          }
          continue;
        }
        pollFailures.set(client, 0);
        const listed = new Map(answer.jobs.map((entry) => [entry.jobID, entry]));
        const failed = new Map(answer.failedJobs.map((entry) => [entry.jobID, entry]));
        for (const track of chunk) {
          const entry = listed.get(track.row.jobId);
          const gone = failed.get(track.row.jobId);
          try {
            if (entry) await applyListed(context, track, client, entry);
            else if (gone) await applyFailed(context, track, gone);
            else if (!track.noted) {
              track.noted = true;
              track.row = (await recordStatus(db, track.row, {
                status: track.row.status,
                detail: "the service does not list the job although it was started; " +
                  "asking again later",
              })).row;
            }
          } catch (error) {
            await fail(track, error);
          }
          progress(toPublicJob(track.row));
        }
      }
    }

    // 4. successful jobs: claim, download and import (a job another process claimed is looked
    //    at again next round)
    await settleConcurrently(withStatus("SUCCESSFUL"), JOB_CONCURRENCY, async (track) => {
      const claimed = await claimJobLease(db, track.row, claimLeaseMs);
      if (claimed === undefined) {
        track.row = await getJob(db, track.row.id);
        noteHeld(track);
        progress(toPublicJob(track.row));
        return;
      }
      try {
        const outcome = await importJobResults(db, clients, claimed, {
          downloadConcurrency,
          tempDir: options.tempDir,
          onNote,
          onStatus,
          signal,
        });
        track.row = outcome.row;
        track.features += outcome.features;
        features += outcome.features;
        if (outcome.status === "gone") track.error = outcome.row.error ?? undefined;
      } catch (error) {
        await releaseJobLease(db, claimed).catch(() => {});
        await fail(track, error);
      }
      progress(toPublicJob(track.row));
    });

    if (!wait) break;
    if (!tracks.some(active)) break;
    if (performance.now() - began + intervalMs > timeoutMs) break;
    await sleep(intervalMs, signal);
  }

  const synced: SyncedJob[] = tracks.map((track) => {
    const job = toPublicJob(track.row);
    let outcome: SyncOutcome;
    if (track.client === undefined) outcome = "skipped";
    else if (track.row.status === "IMPORTED") outcome = "imported";
    else if (
      track.blocked || FAILED_JOB_STATUSES.includes(track.row.status as never) ||
      track.row.status === "DELETED"
    ) {
      outcome = "failed";
    } else outcome = "pending";
    const error = track.error ?? (outcome === "failed" ? job.error ?? undefined : undefined);
    return {
      job,
      outcome,
      features: track.features,
      ...(error === undefined ? {} : { error }),
    };
  });
  const count = (outcome: SyncOutcome) => synced.filter((item) => item.outcome === outcome).length;
  return {
    jobs: synced,
    imported: count("imported"),
    failed: count("failed"),
    pending: count("pending"),
    skipped: count("skipped"),
    features,
    listCalls,
    rounds,
    durationMs: performance.now() - began,
  };
}

async function applyListed(
  context: AdvanceContext,
  track: Track,
  client: BaktaClient,
  entry: BaktaListedJob,
): Promise<void> {
  const times = { startedAt: entry.started, serviceUpdatedAt: entry.updated };
  if (entry.jobStatus === track.row.status) return;
  if (entry.jobStatus === "ERROR") {
    const job: BaktaJob = serviceJobOf(track.row)!;
    let detail: string;
    let reason: string;
    try {
      const logs = await client.logs(job, { signal: context.signal });
      detail = `logs:\n${logs}`;
      reason = failureReason(logs, track.row.id);
    } catch (error) {
      if (context.signal?.aborted) throw context.signal.reason;
      const message = error instanceof Error ? error.message : String(error);
      detail = `logs unavailable: ${message}`;
      reason = `Bakta failed on the service (its logs could not be fetched: ${message})`;
    }
    track.row = (await recordStatus(context.db, track.row, {
      status: "ERROR",
      detail,
      error: reason,
      ...times,
    }, context.emit)).row;
    track.error = reason;
    return;
  }
  track.row = (await recordStatus(context.db, track.row, {
    status: entry.jobStatus,
    ...times,
  }, context.emit)).row;
}

async function applyFailed(
  context: AdvanceContext,
  track: Track,
  entry: BaktaFailedJob,
): Promise<void> {
  const reason = entry.jobStatus === "NOT_FOUND"
    ? `The service no longer knows job ${entry.jobID} (deleted or expired)`
    : `The service refuses the secret stored for job ${entry.jobID}`;
  track.row = (await recordStatus(context.db, track.row, {
    status: entry.jobStatus,
    detail: reason,
    error: reason,
  }, context.emit)).row;
  track.error = reason;
}

/**
 * The one-line reason of a failed job, from its logs: the infrastructure message, else the last
 * line that speaks of an error, else a pointer to the logs.
 *
 * @param logs Bakta's console output.
 * @param id `jobs.id`, for the pointer.
 * @returns The reason.
 *
 * @example
 * ```ts
 * import { failureReason } from "./sync_jobs.ts";
 * const reason = failureReason("parse genome sequences...\nERROR: wrong sequence format!\n", 1);
 * if (reason !== "Bakta failed: ERROR: wrong sequence format!") throw new Error(reason);
 * ```
 */
export function failureReason(logs: string, id: number): string {
  const text = logs.trim();
  if (text === INFRASTRUCTURE_FAILURE_LOGS) {
    return `The service's infrastructure failed: ${INFRASTRUCTURE_FAILURE_LOGS}`;
  }
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const line = [...lines].reverse().find((candidate) =>
    /error|exception|failed|not found/i.test(candidate)
  );
  if (line !== undefined) {
    return `Bakta failed: ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`;
  }
  return `Bakta failed (see its logs: baktadb logs ${id})`;
}
