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
import { sleep as defaultSleep } from "../../async/sleep.ts";
import type { BaktaClient } from "../bakta_client.ts";
import { type BaktaListResult, DEFAULT_POLL_INTERVAL_MS } from "../client_config.ts";
import type { BaktaFailedJob, BaktaJob, BaktaListedJob } from "../api_types.ts";
import { settleConcurrently } from "../../async/settle_concurrently.ts";
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
import { withDefaults } from "../../options/with_defaults.ts";

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
  const settings = resolveSyncSettings(options);
  const began = performance.now();
  const rows = options.jobs !== undefined
    ? await Promise.all([...new Set(options.jobs)].map((id) => getJob(db, id)))
    : (await listJobs(db, { status: UNFINISHED_JOB_STATUSES })).reverse();
  rows.sort((a, b) => a.id - b.id);
  return await new JobSync(db, clients, options, settings, rows, began).run();
}

/** The options of `syncJobs` with defaults applied, checked once. */
interface SyncSettings {
  wait: boolean;
  intervalMs: number;
  timeoutMs: number;
  listChunkSize: number;
  uploadConcurrency: number;
  downloadConcurrency: number;
  claimLeaseMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The defaults of `syncJobs`' options (the claim lease has its own rule: `resolveClaimLease`). */
const SYNC_DEFAULTS = Object.freeze({
  wait: false,
  intervalMs: DEFAULT_POLL_INTERVAL_MS,
  timeoutMs: Infinity,
  listChunkSize: DEFAULT_LIST_CHUNK_SIZE,
  uploadConcurrency: DEFAULT_UPLOAD_CONCURRENCY,
  downloadConcurrency: DEFAULT_DOWNLOAD_CONCURRENCY,
  sleep: defaultSleep,
});

function resolveSyncSettings(options: SyncJobsOptions): SyncSettings {
  const settings: SyncSettings = {
    ...withDefaults(options, SYNC_DEFAULTS),
    claimLeaseMs: resolveClaimLease(options.claimLeaseMs),
  };
  if (!Number.isFinite(settings.intervalMs) || settings.intervalMs < 0) {
    throw new RangeError(`Invalid intervalMs ${settings.intervalMs}: expected a number >= 0`);
  }
  if (!(settings.timeoutMs >= 0)) {
    throw new RangeError(`Invalid timeoutMs ${settings.timeoutMs}: expected a number >= 0`);
  }
  checkConcurrency("listChunkSize", settings.listChunkSize);
  checkConcurrency("uploadConcurrency", settings.uploadConcurrency);
  checkConcurrency("downloadConcurrency", settings.downloadConcurrency);
  return settings;
}

/**
 * One `syncJobs` call: the jobs it tracks and its rounds, as named steps (Kysely's `Migrator` is
 * the model): `#resumeCreated` → `#startUploaded` → `#pollStarted` → `#importSuccessful`, repeated
 * while waiting; `#result` gathers the outcomes.
 */
class JobSync {
  readonly #db: Kysely<Database>;
  readonly #clients: JobClients;
  readonly #options: SyncJobsOptions;
  readonly #settings: SyncSettings;
  readonly #context: AdvanceContext;
  readonly #tracks: Track[];
  readonly #began: number;
  readonly #pollFailures = new Map<BaktaClient, number>();
  #features = 0;
  #listCalls = 0;
  #rounds = 0;

  constructor(
    db: Kysely<Database>,
    clients: JobClients,
    options: SyncJobsOptions,
    settings: SyncSettings,
    rows: JobRecord[],
    began: number,
  ) {
    this.#db = db;
    this.#clients = clients;
    this.#options = options;
    this.#settings = settings;
    this.#began = began;
    this.#context = {
      db,
      clients,
      signal: options.signal,
      emit: (event) => options.onStatus?.(event),
      claimLeaseMs: settings.claimLeaseMs,
    };
    this.#tracks = rows.map((row) => ({
      row,
      client: clientFor(clients, row.apiUrl),
      blocked: false,
      features: 0,
      noted: false,
      heldNoted: false,
    }));
  }

  async run(): Promise<SyncJobsResult> {
    const { wait, intervalMs, timeoutMs, sleep } = this.#settings;
    const { signal } = this.#options;
    this.#progress();
    while (true) {
      signal?.throwIfAborted();
      this.#rounds++;
      await this.#resumeCreated();
      await this.#startUploaded();
      await this.#pollStarted();
      await this.#importSuccessful();
      if (!wait || !this.#tracks.some((track) => this.#active(track))) break;
      if (performance.now() - this.#began + intervalMs > timeoutMs) break;
      await sleep(intervalMs, signal);
    }
    return this.#result();
  }

  /** 1. Submissions interrupted before their upload was recorded: a fresh job, uploaded, started. */
  async #resumeCreated(): Promise<void> {
    const { uploadConcurrency } = this.#settings;
    await settleConcurrently(this.#withStatus("CREATED"), uploadConcurrency, async (track) => {
      try {
        const uploads = await loadRecordedUploads(this.#db, track.row);
        this.#options.onNote?.(
          toPublicJob(track.row),
          "resuming the submission: initialising a fresh job",
        );
        const uploaded = await initAndUpload(this.#context, track.row, uploads);
        const started = uploaded === undefined
          ? undefined
          : await startUploaded(this.#context, uploaded);
        track.row = started ?? await getJob(this.#db, track.row.id);
      } catch (error) {
        await this.#fail(track, error);
      }
      this.#progress(toPublicJob(track.row));
    });
  }

  /** 2. Uploaded, not started: started exactly once. */
  async #startUploaded(): Promise<void> {
    const { uploadConcurrency } = this.#settings;
    await settleConcurrently(this.#withStatus("UPLOADED"), uploadConcurrency, async (track) => {
      try {
        const started = await startUploaded(this.#context, track.row);
        track.row = started ?? await getJob(this.#db, track.row.id);
        if (started === undefined) this.#noteHeld(track);
      } catch (error) {
        await this.#fail(track, error);
      }
      this.#progress(toPublicJob(track.row));
    });
  }

  /** 3. One `list` call per service (per chunk) for every started job; each change stored. */
  async #pollStarted(): Promise<void> {
    const byClient = new Map<BaktaClient, Track[]>();
    for (const track of this.#withStatus("INIT", "RUNNING")) {
      const group = byClient.get(track.client!) ?? [];
      group.push(track);
      byClient.set(track.client!, group);
    }
    const { listChunkSize } = this.#settings;
    for (const [client, group] of byClient) {
      for (let start = 0; start < group.length; start += listChunkSize) {
        await this.#pollChunk(client, group.slice(start, start + listChunkSize));
      }
    }
  }

  async #pollChunk(client: BaktaClient, chunk: Track[]): Promise<void> {
    const { signal } = this.#options;
    let answer: BaktaListResult;
    try {
      this.#listCalls++;
      answer = await client.list(chunk.map((track) => serviceJobOf(track.row)!), { signal });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // the client retried already; while waiting, give the service a few more rounds
      const message = error instanceof Error ? error.message : String(error);
      const failures = (this.#pollFailures.get(client) ?? 0) + 1;
      this.#pollFailures.set(client, failures);
      for (const track of chunk) {
        track.error = message;
        if (!this.#settings.wait || failures >= MAX_FAILED_POLLS) track.blocked = true;
      }
      return;
    }
    this.#pollFailures.set(client, 0);
    const listed = new Map(answer.jobs.map((entry) => [entry.jobID, entry]));
    const failed = new Map(answer.failedJobs.map((entry) => [entry.jobID, entry]));
    for (const track of chunk) {
      try {
        await this.#applyPoll(
          track,
          client,
          listed.get(track.row.jobId),
          failed.get(track.row.jobId),
        );
      } catch (error) {
        await this.#fail(track, error);
      }
      this.#progress(toPublicJob(track.row));
    }
  }

  async #applyPoll(
    track: Track,
    client: BaktaClient,
    entry: BaktaListedJob | undefined,
    gone: BaktaFailedJob | undefined,
  ): Promise<void> {
    if (entry) return await applyListed(this.#context, track, client, entry);
    if (gone) return await applyFailed(this.#context, track, gone);
    if (track.noted) return;
    track.noted = true;
    track.row = (await recordStatus(this.#db, track.row, {
      status: track.row.status,
      detail: "the service does not list the job although it was started; asking again later",
    })).row;
  }

  /**
   * 4. Successful jobs: claimed, downloaded and imported once (a job another process claimed is
   * looked at again next round).
   */
  async #importSuccessful(): Promise<void> {
    await settleConcurrently(this.#withStatus("SUCCESSFUL"), JOB_CONCURRENCY, async (track) => {
      const claimed = await claimJobLease(this.#db, track.row, this.#settings.claimLeaseMs);
      if (claimed === undefined) {
        track.row = await getJob(this.#db, track.row.id);
        this.#noteHeld(track);
      } else {
        await this.#importClaimed(track, claimed);
      }
      this.#progress(toPublicJob(track.row));
    });
  }

  async #importClaimed(track: Track, claimed: JobRecord): Promise<void> {
    const { onNote, onStatus, signal, tempDir } = this.#options;
    try {
      const outcome = await importJobResults(this.#db, this.#clients, claimed, {
        downloadConcurrency: this.#settings.downloadConcurrency,
        tempDir,
        onNote,
        onStatus,
        signal,
      });
      track.row = outcome.row;
      track.features += outcome.features;
      this.#features += outcome.features;
      if (outcome.status === "gone") track.error = outcome.row.error ?? undefined;
    } catch (error) {
      await releaseJobLease(this.#db, claimed).catch(() => {});
      await this.#fail(track, error);
    }
  }

  /** A step failed: stored in the job's error and events; the job stays where it was. */
  async #fail(track: Track, error: unknown): Promise<void> {
    const { signal } = this.#options;
    if (signal?.aborted) throw signal.reason;
    const message = error instanceof Error ? error.message : String(error);
    track.blocked = true;
    track.error = message;
    const latest = await getJob(this.#db, track.row.id);
    track.row = (await recordStatus(this.#db, latest, {
      status: latest.status,
      detail: `sync failed: ${message}`,
      error: message,
    })).row;
  }

  #noteHeld(track: Track): void {
    if (track.heldNoted || !(track.row.updatedAt > new Date().toISOString())) return;
    track.heldNoted = true;
    this.#options.onNote?.(
      toPublicJob(track.row),
      `another process works on this job (its claim lasts until ${track.row.updatedAt}); ` +
        "leaving it to that process",
    );
  }

  #active(track: Track): boolean {
    return track.client !== undefined && !track.blocked &&
      UNFINISHED_JOB_STATUSES.includes(track.row.status as never);
  }

  #withStatus(...statuses: string[]): Track[] {
    return this.#tracks.filter((track) =>
      this.#active(track) && statuses.includes(track.row.status)
    );
  }

  #progress(job?: PublicJob): void {
    this.#options.onProgress?.({
      phase: "sync",
      done: this.#tracks.filter((track) => !this.#active(track)).length,
      total: this.#tracks.length,
      features: this.#features,
      elapsedMs: performance.now() - this.#began,
      job,
    });
  }

  #result(): SyncJobsResult {
    const synced = this.#tracks.map(syncedJob);
    const count = (outcome: SyncOutcome) =>
      synced.filter((item) => item.outcome === outcome).length;
    return {
      jobs: synced,
      imported: count("imported"),
      failed: count("failed"),
      pending: count("pending"),
      skipped: count("skipped"),
      features: this.#features,
      listCalls: this.#listCalls,
      rounds: this.#rounds,
      durationMs: performance.now() - this.#began,
    };
  }
}

function syncedJob(track: Track): SyncedJob {
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
