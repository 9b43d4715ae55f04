/**
 * Submitting genomes to the Bakta web API with every step recorded in the database, so that an
 * interrupted submission is finished by `syncJobs`.
 *
 * @module
 */

import type { Kysely } from "../../deps/kysely.ts";
import type { Database } from "../../db/schema.ts";
import { transaction } from "../../db/transaction.ts";
import { createJob, getJob, type JobRecord } from "../../store/jobs_repository.ts";
import { getJobConfig } from "../../store/job_configs_repository.ts";
import type { BaktaClient } from "../bakta_client.ts";
import type { BaktaJobConfig } from "../api_types.ts";
import { BaktaValidationError } from "../bakta_error.ts";
import { buildJobConfig, type JobOptions, type JobUploadSource } from "../build_job_config.ts";
import { detectRepliconTableType, parseRepliconTable } from "../replicon_table.ts";
import { settleConcurrently } from "../../async/settle_concurrently.ts";
import { formatSubmissionDetail, recordStatus, type SubmissionRecord } from "./_job_rows.ts";
import { resolveClaimLease } from "./_job_claim.ts";
import {
  type AdvanceContext,
  initAndUpload,
  type JobUploads,
  startUploaded,
} from "./_advance_job.ts";
import {
  type GenomeFasta,
  type GenomeFastaSource,
  genomeNameFromPath,
  readGenomeFasta,
} from "./genome_fasta.ts";
import { toAbsolutePath } from "./_files.ts";
import {
  checkConcurrency,
  DEFAULT_UPLOAD_CONCURRENCY,
  type JobServiceOptions,
} from "./job_service_options.ts";
import { PLACEHOLDER_JOB_ID_PREFIX, type PublicJob, toPublicJob } from "./job_state.ts";

/** One genome to submit. */
export interface SubmitGenomeInput {
  /** The genome's FASTA: a file, several files making one genome, or `{ text }`. */
  fasta: GenomeFastaSource;
  /**
   * The genome's name (also the job name); by default the first file's name without its FASTA
   * extension. Required for text input.
   */
  genome?: string;
  /** Job options; they override those of the named configuration. */
  options?: JobOptions;
  /** The name of a saved configuration (`saveJobConfig`) to start from. */
  config?: string;
}

/** A submission checked and ready to send. */
export interface PreparedSubmission {
  /** The genome's name (also the job name). */
  genome: string;
  /** The stored genome of that name, if there is one. */
  genomeId: number | null;
  /** The saved configuration used, if one was. */
  configId: number | null;
  /** The options after merging the saved configuration. */
  options: JobOptions;
  /** The `JobConfig` to start the job with. */
  jobConfig: BaktaJobConfig;
  /** The FASTA, read and validated. */
  fasta: GenomeFasta;
  /** The bytes to upload. */
  uploads: JobUploads;
  /** What is recorded so that the submission can be resumed. */
  record: SubmissionRecord;
}

/** Options of {@linkcode submitGenomes}. */
export interface SubmitGenomesOptions extends JobServiceOptions {
  /**
   * How many jobs upload at once.
   * @default {2}
   */
  uploadConcurrency?: number;
}

/** The outcome of one genome of a batch. */
export interface SubmittedGenome {
  /** The genome's name. */
  genome: string;
  /** `submitted` (uploaded and started) or `failed` (recorded; `syncJobs` resumes it). */
  status: "submitted" | "failed";
  /** The job as stored (no secret). */
  job: PublicJob;
  /** Why it failed. */
  error?: Error;
}

/** The result set of {@linkcode submitGenomes}. */
export interface SubmitGenomesResult {
  /** One entry per input, in input order. */
  items: SubmittedGenome[];
  /** How many were submitted. */
  submitted: number;
  /** How many failed (they stay recorded and `syncJobs` resumes them). */
  failed: number;
  /** How long the batch took, in milliseconds. */
  durationMs: number;
}

/**
 * Checks one submission before anything is sent: merges the named configuration with the options,
 * builds the `JobConfig` (`buildJobConfig` checks every option), reads and validates the FASTA
 * (`readGenomeFasta`), reads and checks a replicon table, and finds the genome.
 *
 * @param db The database (for the saved configuration and the genome).
 * @param input The genome, its FASTA and options.
 * @returns The checked submission.
 * @throws {BaktaValidationError} For a bad option, FASTA or replicon table (naming it).
 * @throws {NotFoundError} When the named configuration does not exist.
 *
 * @example Checking a FASTA and options
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { prepareSubmission } from "./submit_genome.ts";
 * const db = await openDatabase(":memory:");
 * const prepared = await prepareSubmission(db, {
 *   fasta: { text: ">c1\nACGT\n" },
 *   genome: "demo",
 *   options: { genus: "Escherichia", locusTag: "ECO" },
 * });
 * if (prepared.jobConfig.locusTag !== "ECO" || prepared.fasta.summary.totalLength !== 4) {
 *   throw new Error("wrong");
 * }
 * await db.destroy();
 * ```
 */
export async function prepareSubmission(
  db: Kysely<Database>,
  input: SubmitGenomeInput,
): Promise<PreparedSubmission> {
  let options: JobOptions = {};
  let configId: number | null = null;
  if (input.config !== undefined) {
    const saved = await getJobConfig(db, input.config);
    options = { ...(saved.options as JobOptions) };
    configId = saved.id;
  }
  for (const [key, value] of Object.entries(input.options ?? {})) {
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  const jobConfig = buildJobConfig(options);
  const fasta = await readGenomeFasta(input.fasta, {
    compliant: jobConfig.compliant,
    keepContigHeaders: jobConfig.keepContigHeaders,
  });
  const genome = (input.genome ??
    (fasta.paths.length > 0 ? genomeNameFromPath(fasta.paths[0]) : "")).trim();
  if (genome === "") {
    throw new BaktaValidationError(
      "InvalidOption",
      `Invalid genome "${input.genome ?? ""}": expected a name for the genome of ${fasta.file}`,
      { option: "genome" },
    );
  }
  const { uploads, record } = await readUploads(options, fasta);
  const stored = await db.selectFrom("genomes").select("id").where("name", "=", genome)
    .executeTakeFirst();
  return {
    genome,
    genomeId: stored?.id ?? null,
    configId,
    options,
    jobConfig,
    fasta,
    uploads,
    record,
  };
}

/**
 * The files a job uploads (the FASTA, a checked replicon table, a Prodigal training file) and
 * the record of what was submitted (paths, or `inline` for content given in memory).
 */
async function readUploads(
  options: JobOptions,
  fasta: GenomeFasta,
): Promise<{ uploads: JobUploads; record: SubmissionRecord }> {
  const record: SubmissionRecord = {
    fasta: fasta.paths,
    sha256: fasta.sha256,
    bytes: fasta.bytes.byteLength,
  };
  if (fasta.paths.length === 0) record.inline = true;
  const uploads: JobUploads = { fasta: fasta.bytes };
  if (options.repliconTable !== undefined) {
    const { bytes, path } = await readUploadSource("repliconTable", options.repliconTable);
    const text = new TextDecoder().decode(bytes);
    const type = detectRepliconTableType(text, path);
    parseRepliconTable(text, { type, file: path ?? "replicon table" });
    uploads.repliconTable = { bytes, type };
    if (path === undefined) record.inline = true;
    else record.repliconTable = path;
  }
  if (options.prodigalTrainingFile !== undefined) {
    const { bytes, path } = await readUploadSource(
      "prodigalTrainingFile",
      options.prodigalTrainingFile,
    );
    uploads.prodigalTrainingFile = bytes;
    if (path === undefined) record.inline = true;
    else record.prodigalTrainingFile = path;
  }
  return { uploads, record };
}

/**
 * Submits genomes: checks every one first (nothing is sent if any fails a check), records each
 * job (`CREATED`, with what was submitted), then for each, with bounded concurrency: `init`,
 * records the job id and secret, uploads, records `UPLOADED`, starts (once) and records `INIT`.
 * A genome whose submission breaks off stays recorded where it stopped, and `syncJobs` finishes
 * it. Every status change is stored in `job_events` and reported to `onStatus`.
 *
 * @param db The database.
 * @param client The client of the service to submit to.
 * @param inputs The genomes.
 * @param options Concurrency, callbacks and cancellation.
 * @returns One outcome per genome.
 * @throws {BaktaValidationError} When a genome fails a check (nothing was sent).
 * @throws {NotFoundError} When a named configuration does not exist (nothing was sent).
 *
 * @example Two genomes against the local stand-in
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { startBaktaStandIn } from "../../testing/bakta_stand_in/mod.ts";
 * import { BaktaClient } from "../bakta_client.ts";
 * import { submitGenomes } from "./submit_genome.ts";
 * await using standIn = await startBaktaStandIn();
 * const db = await openDatabase(":memory:");
 * const client = new BaktaClient({ baseUrl: standIn.baseUrl });
 * const result = await submitGenomes(db, client, [
 *   { fasta: { text: ">c1\nACGT\n" }, genome: "a" },
 *   { fasta: { text: ">c1\nGGCC\n" }, genome: "b" },
 * ]);
 * if (result.submitted !== 2 || result.items[0].job.status !== "INIT") throw new Error("wrong");
 * await db.destroy();
 * ```
 */
export async function submitGenomes(
  db: Kysely<Database>,
  client: BaktaClient,
  inputs: readonly SubmitGenomeInput[],
  options: SubmitGenomesOptions = {},
): Promise<SubmitGenomesResult> {
  const { uploadConcurrency = DEFAULT_UPLOAD_CONCURRENCY, signal, onStatus, onProgress } = options;
  checkConcurrency("uploadConcurrency", uploadConcurrency);
  const claimLeaseMs = resolveClaimLease(options.claimLeaseMs);
  const began = performance.now();
  const prepared: PreparedSubmission[] = [];
  for (const input of inputs) prepared.push(await prepareSubmission(db, input));
  signal?.throwIfAborted();

  const rows = await recordCreatedJobs(db, client.config.baseUrl, prepared);
  for (const row of rows) {
    onStatus?.({ job: toPublicJob(row), previous: undefined, status: "CREATED" });
  }
  const context: AdvanceContext = {
    db,
    clients: client,
    signal,
    emit: (event) => onStatus?.(event),
    claimLeaseMs,
  };
  let done = 0;
  const progress = (job?: PublicJob) =>
    onProgress?.({
      phase: "upload",
      done,
      total: rows.length,
      features: 0,
      elapsedMs: performance.now() - began,
      job,
    });
  progress();
  const settled = await settleConcurrently(rows, uploadConcurrency, async (row, index) => {
    try {
      return await uploadAndStart(context, row, prepared[index].uploads);
    } finally {
      done++;
      progress();
    }
  });
  const items = await submissionOutcomes(db, rows, prepared, settled);
  const failed = items.filter((item) => item.status === "failed").length;
  return {
    items,
    submitted: items.length - failed,
    failed,
    durationMs: performance.now() - began,
  };
}

/** Records every prepared genome as a `CREATED` job (one transaction), with what it submits. */
function recordCreatedJobs(
  db: Kysely<Database>,
  apiUrl: string,
  prepared: readonly PreparedSubmission[],
): Promise<JobRecord[]> {
  return transaction(db, async (trx) => {
    const created: JobRecord[] = [];
    for (const submission of prepared) {
      const row = await createJob(trx, {
        jobId: `${PLACEHOLDER_JOB_ID_PREFIX}${crypto.randomUUID()}`,
        secret: "",
        name: submission.genome,
        config: submission.jobConfig,
        apiUrl,
        status: "CREATED",
        genomeId: submission.genomeId,
        configId: submission.configId,
      });
      await trx.updateTable("job_events").set({ detail: formatSubmissionDetail(submission.record) })
        .where("job_id", "=", row.id).execute();
      created.push(row);
    }
    return created;
  });
}

/**
 * `init`, upload and start of one recorded job; a break is recorded on the job (its status kept,
 * the error stored) and rethrown.
 */
async function uploadAndStart(
  context: AdvanceContext,
  row: JobRecord,
  uploads: JobUploads,
): Promise<JobRecord> {
  try {
    const uploaded = await initAndUpload(context, row, uploads);
    const started = uploaded === undefined ? undefined : await startUploaded(context, uploaded);
    return started ?? await getJob(context.db, row.id);
  } catch (error) {
    const latest = await getJob(context.db, row.id);
    const message = error instanceof Error ? error.message : String(error);
    await recordStatus(context.db, latest, {
      status: latest.status,
      detail: `submission interrupted: ${message}`,
      error: message,
    });
    throw error;
  }
}

/** One outcome per genome, in input order, with the job as stored now. */
async function submissionOutcomes(
  db: Kysely<Database>,
  rows: readonly JobRecord[],
  prepared: readonly PreparedSubmission[],
  settled: readonly PromiseSettledResult<JobRecord>[],
): Promise<SubmittedGenome[]> {
  const items: SubmittedGenome[] = [];
  for (let index = 0; index < rows.length; index++) {
    const outcome = settled[index];
    const genome = prepared[index].genome;
    const job = toPublicJob(await getJob(db, rows[index].id));
    items.push(
      outcome.status === "fulfilled" ? { genome, status: "submitted", job } : {
        genome,
        status: "failed",
        job,
        error: outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)),
      },
    );
  }
  return items;
}

/**
 * Submits one genome (see {@linkcode submitGenomes}).
 *
 * @param db The database.
 * @param client The client of the service.
 * @param input The genome, its FASTA and options.
 * @param options Callbacks and cancellation.
 * @returns The job, started (`INIT`).
 * @throws {BaktaValidationError} When the genome fails a check (nothing was sent).
 * @throws {BaktaError} When the submission breaks off (the job stays recorded; `syncJobs`
 *   finishes it).
 *
 * @example
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { startBaktaStandIn } from "../../testing/bakta_stand_in/mod.ts";
 * import { BaktaClient } from "../bakta_client.ts";
 * import { submitGenome } from "./submit_genome.ts";
 * await using standIn = await startBaktaStandIn();
 * const db = await openDatabase(":memory:");
 * const job = await submitGenome(db, new BaktaClient({ baseUrl: standIn.baseUrl }), {
 *   fasta: { text: ">c1\nACGT\n" },
 *   genome: "demo",
 * });
 * if (job.status !== "INIT" || job.jobId === null) throw new Error("wrong");
 * await db.destroy();
 * ```
 */
export async function submitGenome(
  db: Kysely<Database>,
  client: BaktaClient,
  input: SubmitGenomeInput,
  options: JobServiceOptions = {},
): Promise<PublicJob> {
  const result = await submitGenomes(db, client, [input], options);
  const [item] = result.items;
  if (item.status === "failed") throw item.error;
  return item.job;
}

async function readUploadSource(
  option: string,
  source: JobUploadSource,
): Promise<{ bytes: Uint8Array; path?: string }> {
  if (typeof source === "object" && !(source instanceof URL)) {
    const content = source.content;
    return { bytes: typeof content === "string" ? new TextEncoder().encode(content) : content };
  }
  const path = toAbsolutePath(source);
  try {
    return { bytes: await Deno.readFile(path), path };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new BaktaValidationError("InvalidOption", `Invalid ${option} "${path}": no such file`, {
        option,
        file: path,
      });
    }
    throw error;
  }
}
