/**
 * Importing a successful job's results into the store, exactly once, and recording it.
 *
 * @module
 */

import type { Kysely } from "../../deps/kysely.ts";
import type { Database } from "../../db/schema.ts";
import { getJob, type JobRecord } from "../../store/jobs_repository.ts";
import { importRun } from "../../store/import_run.ts";
import { BaktaApiError } from "../bakta_error.ts";
import { sanitizeJobName } from "../sanitize_job_name.ts";
import { annotationOfJob, recordStatus, serviceJobOf, setJobGenome } from "./_job_rows.ts";
import { type AdvanceContext, requireClient } from "./_advance_job.ts";
import {
  ANNOTATION_RESULT_KEYS,
  type DownloadedResultFile,
  type DownloadedResults,
  downloadJobResults,
  type MissingResultFile,
} from "./download_results.ts";
import { JobServiceError } from "./job_service_error.ts";
import type { JobClients, JobServiceOptions, JobStatusEvent } from "./job_service_options.ts";
import { toPublicJob } from "./job_state.ts";

/** Options of {@linkcode importJobResults}. */
export interface ImportJobResultsOptions extends JobServiceOptions {
  /**
   * How many files download at once.
   * @default {4}
   */
  downloadConcurrency?: number;
  /** The folder in which a temporary download folder is made (default: the system's). */
  tempDir?: string;
}

/** What {@linkcode importJobResults} did. */
export interface JobImportOutcome {
  /** The job afterwards. */
  row: JobRecord;
  /**
   * `imported` (a new annotation), `linked` (the same files, or this job's annotation, were
   * imported before: nothing was written twice), or `gone` (the service answers `NOT_FOUND` or
   * `UNAUTHORIZED`).
   */
  status: "imported" | "linked" | "gone";
  /** The annotation, when imported or linked. */
  annotationId?: number;
  /** Features written (0 unless imported). */
  features: number;
  /** Result files offered but missing. */
  missing: MissingResultFile[];
}

/**
 * Imports a `SUCCESSFUL` job: if an annotation of this job is stored already (a crash came after
 * the import committed), only marks it `IMPORTED`; otherwise downloads every result file into a
 * temporary folder (a missing optional file is noted in `job_events`), checks them, and imports
 * them with `importRun` (`source: "job"`, linked to the job) — the job is marked `IMPORTED` inside
 * the import's own transaction, so the two never part. Files imported before (same fingerprint)
 * are not imported again: the job is linked to that annotation. The temporary folder is removed.
 *
 * @param db The database.
 * @param clients The client, or a function giving the client of each service URL.
 * @param row The job, `SUCCESSFUL`.
 * @param options Download concurrency, temporary folder, callbacks and signal.
 * @returns What was done.
 * @throws {BaktaError} When the result or a download fails (the job stays `SUCCESSFUL`).
 * @throws {JobServiceError} `DamagedDownload` or `NoAnnotationFile`.
 * @throws {ParseError} When a result file cannot be read.
 *
 * @example Importing a finished job's results
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { createJob } from "../../store/jobs_repository.ts";
 * import { makeRun } from "../../testing/factory/make_run.ts";
 * import { formatRunAsBaktaJson } from "../../testing/factory/format_run_as_bakta_json.ts";
 * import { startBaktaStandIn } from "../../testing/bakta_stand_in/mod.ts";
 * import { BaktaClient } from "../bakta_client.ts";
 * import { buildJobConfig } from "../build_job_config.ts";
 * import { importJobResults } from "./import_job_results.ts";
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 10 });
 * const results = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${results}/demo.json`, formatRunAsBaktaJson(run));
 * await using standIn = await startBaktaStandIn({ resultsDir: results, runningMs: 0 });
 * const client = new BaktaClient({ baseUrl: standIn.baseUrl });
 * const { job, uploadLinkFasta } = await client.init("demo.fna", "TSV");
 * await client.upload(uploadLinkFasta, ">c1\nACGT\n");
 * await client.start(job, buildJobConfig({ genus: "Escherichia" }));
 * await client.waitForJobs([job], { intervalMs: 10 });
 * const db = await openDatabase(":memory:");
 * const row = await createJob(db, {
 *   jobId: job.jobID,
 *   secret: job.secret,
 *   name: "demo",
 *   config: {},
 *   apiUrl: standIn.baseUrl,
 *   status: "SUCCESSFUL",
 * });
 * const outcome = await importJobResults(db, client, row);
 * await Deno.remove(results, { recursive: true });
 * if (outcome.status !== "imported" || outcome.features !== 10) throw new Error("import");
 * if (outcome.row.status !== "IMPORTED" || outcome.row.annotationId !== outcome.annotationId) {
 *   throw new Error("the job is not marked imported");
 * }
 * await db.destroy();
 * ```
 */
export async function importJobResults(
  db: Kysely<Database>,
  clients: JobClients,
  row: JobRecord,
  options: ImportJobResultsOptions = {},
): Promise<JobImportOutcome> {
  const context: AdvanceContext = {
    db,
    clients,
    signal: options.signal,
    emit: (event) => options.onStatus?.(event),
  };
  const before = await annotationOfJob(db, row.id);
  if (before !== undefined) {
    const marked = await markImported(
      context,
      row,
      before,
      `annotation ${before} was imported before`,
    );
    return { row: marked, status: "linked", annotationId: before, features: 0, missing: [] };
  }
  const dir = await Deno.makeTempDir({ dir: options.tempDir, prefix: "baktadb-job-" });
  try {
    const downloaded = await downloadOrGone(context, row, dir, options);
    if ("gone" in downloaded) return downloaded.gone;
    const current = await noteMissing(context, row, downloaded.missing, options);
    requireAnnotationFile(row, downloaded.files);
    return await importDownloaded(context, row, current, downloaded, options);
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/**
 * Step 1: downloads every result file into `dir`; a job the service no longer knows (or whose
 * secret it refuses) is recorded as such and returned as `gone`.
 */
async function downloadOrGone(
  context: AdvanceContext,
  row: JobRecord,
  dir: string,
  options: ImportJobResultsOptions,
): Promise<DownloadedResults | { gone: JobImportOutcome }> {
  const client = requireClient(context, row);
  const job = serviceJobOf(row);
  if (job === undefined) {
    throw new JobServiceError(
      "CannotResume",
      `Cannot import job ${row.id}: it has no service job`,
      {
        job: row.id,
      },
    );
  }
  try {
    return await downloadJobResults(client, job, dir, {
      prefix: sanitizeJobName(row.name) || "result",
      concurrency: options.downloadConcurrency,
      signal: options.signal,
    });
  } catch (error) {
    const gone = goneStatus(error);
    if (gone === undefined) throw error;
    const { row: updated } = await recordStatus(context.db, row, {
      status: gone,
      detail: `results not downloaded: ${(error as Error).message}`,
      error: (error as Error).message,
    }, context.emit);
    return { gone: { row: updated, status: "gone", features: 0, missing: [] } };
  }
}

/** Step 2: notes the files the service offered but does not have (a missing plot is no failure). */
async function noteMissing(
  context: AdvanceContext,
  row: JobRecord,
  missing: readonly MissingResultFile[],
  options: ImportJobResultsOptions,
): Promise<JobRecord> {
  if (missing.length === 0) return row;
  const reasons = [...new Set(missing.map((file) => file.reason))].join("; ");
  const note = `result file(s) offered but missing on the service: ` +
    `${missing.map((file) => file.key).join(", ")} (${reasons}); imported without them`;
  const current = (await recordStatus(context.db, row, { status: row.status, detail: note })).row;
  options.onNote?.(toPublicJob(current), note);
  return current;
}

/** Step 3: refuses a download without any file an annotation can be read from. */
function requireAnnotationFile(row: JobRecord, files: readonly DownloadedResultFile[]): void {
  if (files.some((file) => ANNOTATION_RESULT_KEYS.includes(file.key))) return;
  throw new JobServiceError(
    "NoAnnotationFile",
    `Cannot import job ${row.id} ("${row.name}"): none of its annotation files ` +
      `(${ANNOTATION_RESULT_KEYS.join(", ")}) could be downloaded`,
    { job: row.id },
  );
}

/**
 * Step 4: imports the files with `importRun`, marking the job `IMPORTED` inside the import's own
 * transaction; files imported before only link the job to that annotation.
 */
async function importDownloaded(
  context: AdvanceContext,
  row: JobRecord,
  current: JobRecord,
  downloaded: DownloadedResults,
  options: ImportJobResultsOptions,
): Promise<JobImportOutcome> {
  const { db } = context;
  const events: JobStatusEvent[] = [];
  const imported = await importRun(db, downloaded.files.map((file) => file.path), {
    genome: await genomeNameOf(db, current),
    source: "job",
    jobId: row.id,
    hooks: {
      afterFeatures: async (trx, info) => {
        events.length = 0;
        const event = await markImportedInside(trx, current, downloaded, info);
        if (event) events.push(event);
      },
    },
  });
  for (const warning of imported.warnings) options.onNote?.(toPublicJob(current), warning);
  const missing = downloaded.missing;
  if (imported.status === "imported") {
    for (const event of events) context.emit(event);
    const after = events.length > 0 ? await getJob(db, row.id) : await markTakenOtherWay(
      context,
      current,
      imported.genomeId,
      imported.annotationId,
    );
    const features = imported.counts.features;
    return {
      row: after,
      status: "imported",
      annotationId: imported.annotationId,
      features,
      missing,
    };
  }
  await setJobGenome(db, row.id, imported.genomeId);
  const marked = await markImported(
    context,
    current,
    imported.annotationId,
    imported.reason ?? `annotation ${imported.annotationId} was imported before`,
  );
  return {
    row: marked,
    status: "linked",
    annotationId: imported.annotationId,
    features: 0,
    missing,
  };
}

/**
 * Inside the import's transaction, once the features are written: the job gets the annotation's
 * genome and the status `IMPORTED` (with what was imported); returns the status event to report
 * once the transaction has committed.
 */
async function markImportedInside(
  trx: Kysely<Database>,
  current: JobRecord,
  downloaded: DownloadedResults,
  info: { annotationId: number; features: number },
): Promise<JobStatusEvent | undefined> {
  const bytes = downloaded.files.reduce((sum, file) => sum + file.bytes, 0);
  const annotation = await trx.selectFrom("annotations").select("genome_id")
    .where("id", "=", info.annotationId).executeTakeFirstOrThrow();
  await setJobGenome(trx, current.id, annotation.genome_id);
  const recorded = await recordStatus(trx, current, {
    status: "IMPORTED",
    annotationId: info.annotationId,
    detail: `imported as annotation ${info.annotationId}: ` +
      `${info.features.toLocaleString("en-US")} features from ` +
      `${downloaded.files.length} files (${bytes.toLocaleString("en-US")} bytes)`,
    error: null,
  });
  return recorded.event;
}

/** A run the writer took another way (no feature hook ran): marked `IMPORTED` now. */
async function markTakenOtherWay(
  context: AdvanceContext,
  current: JobRecord,
  genomeId: number,
  annotationId: number,
): Promise<JobRecord> {
  await setJobGenome(context.db, current.id, genomeId);
  return await markImported(
    context,
    current,
    annotationId,
    `imported as annotation ${annotationId}`,
  );
}

async function markImported(
  context: AdvanceContext,
  row: JobRecord,
  annotationId: number,
  detail: string,
): Promise<JobRecord> {
  const { row: updated } = await recordStatus(context.db, row, {
    status: "IMPORTED",
    annotationId,
    detail,
    error: null,
  }, context.emit);
  return updated;
}

async function genomeNameOf(db: Kysely<Database>, row: JobRecord): Promise<string> {
  if (row.genomeId !== null) {
    const genome = await db.selectFrom("genomes").select("name").where("id", "=", row.genomeId)
      .executeTakeFirst();
    if (genome) return genome.name;
  }
  return row.name;
}

function goneStatus(error: unknown): "NOT_FOUND" | "UNAUTHORIZED" | undefined {
  if (!(error instanceof BaktaApiError) || error.endpoint !== "result" || error.status !== 400) {
    return undefined;
  }
  if (error.serviceMessage === "Job not found") return "NOT_FOUND";
  if (error.serviceMessage === "Unauthorized") return "UNAUTHORIZED";
  return undefined;
}
