/**
 * Moving a recorded job from `CREATED` to `UPLOADED` to started (private helper of the job
 * service). Both `submitGenomes` and `syncJobs` use it, so an interrupted submission is finished by
 * the same code that runs a fresh one.
 *
 * - `CREATED` (nothing uploaded, or the upload was not recorded): a fresh job is initialised and
 *   the FASTA uploaded to its new links. Upload links are never stored (they carry signatures and
 *   expire), so resuming always re-initialises; an older service job of the row, never started,
 *   is deleted on the service (best effort).
 * - `UPLOADED`: the job is claimed (a lease, see `_job_claim.ts`), then started, but only after
 *   `list` shows it was not started yet: a started job is never started twice, even by two
 *   processes, even after a crash between the start request and its record. No write transaction
 *   stays open across the service's answers.
 *
 * @module
 */

import type { Kysely } from "../../deps/kysely.ts";
import type { Database } from "../../db/schema.ts";
import type { JobRecord, JobStatusChange } from "../../store/jobs_repository.ts";
import type { BaktaClient } from "../bakta_client.ts";
import type { BaktaJob, BaktaJobConfig, BaktaRepliconTableType } from "../api_types.ts";
import { detectRepliconTableType } from "../replicon_table.ts";
import { claimJobLease, releaseJobLease, resolveClaimLease } from "./_job_claim.ts";
import {
  readSubmission,
  recordStatus,
  serviceJobOf,
  type SubmissionRecord,
  transitionJob,
} from "./_job_rows.ts";
import { readGenomeFasta } from "./genome_fasta.ts";
import { toAbsolutePath } from "./_files.ts";
import { JobServiceError } from "./job_service_error.ts";
import { clientFor, type JobClients, type JobStatusEvent } from "./job_service_options.ts";
import { toPublicJob } from "./job_state.ts";

/** The bytes a job uploads. */
export interface JobUploads {
  /** The plain genome FASTA. */
  fasta: Uint8Array;
  /** The replicon table and its separator, when one is uploaded. */
  repliconTable?: { bytes: Uint8Array; type: BaktaRepliconTableType };
  /** The Prodigal training file, when one is uploaded. */
  prodigalTrainingFile?: Uint8Array;
}

/** What the advancing functions need. */
export interface AdvanceContext {
  /** The database the jobs are recorded in. */
  db: Kysely<Database>;
  /** The client of the service, or one client per service URL. */
  clients: JobClients;
  /** Cancels the work. */
  signal?: AbortSignal;
  /** Reports a stored status change. */
  emit: (event: JobStatusEvent) => void;
  /** How long a claim on a job lasts, in ms; default: see `resolveClaimLease`. */
  claimLeaseMs?: number;
}

/**
 * The client of a job's service.
 *
 * @param context The context.
 * @param row The job.
 * @returns The client.
 * @throws {JobServiceError} `NoClient` when none serves the job's URL.
 */
export function requireClient(context: AdvanceContext, row: JobRecord): BaktaClient {
  const client = clientFor(context.clients, row.apiUrl);
  if (client === undefined) {
    throw new JobServiceError(
      "NoClient",
      `Cannot handle job ${row.id} ("${row.name}"): it lives on ${toPublicJob(row).apiUrl}, ` +
        "not on the service of the client given",
      { job: row.id },
    );
  }
  if (row.secret !== "") client.addSecret(row.secret);
  return client;
}

/**
 * Reads again what a `CREATED` job uploads, from the files recorded at submission, and checks they
 * did not change.
 *
 * @param db The database.
 * @param row The job.
 * @returns The uploads.
 * @throws {JobServiceError} `CannotResume`, `InputMissing` or `InputChanged`.
 */
export async function loadRecordedUploads(
  db: Kysely<Database>,
  row: JobRecord,
): Promise<JobUploads> {
  const record = resumableSubmission(row, await readSubmission(db, row.id));
  const cannotResume = `Cannot resume job ${row.id} ("${row.name}")`;
  const config = JSON.parse(row.configJson) as BaktaJobConfig;
  const read = async <T>(file: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new JobServiceError("InputMissing", `${cannotResume}: "${file}" is gone`, {
          job: row.id,
          file,
        });
      }
      throw error;
    }
  };
  const fasta = await read(record.fasta[0], () =>
    readGenomeFasta(record.fasta, {
      compliant: config.compliant,
      keepContigHeaders: config.keepContigHeaders,
    }));
  if (fasta.sha256 !== record.sha256) {
    throw new JobServiceError(
      "InputChanged",
      `${cannotResume}: ${
        record.fasta.map((path) => `"${path}"`).join(", ")
      } changed since the job was submitted; submit it again`,
      { job: row.id, file: record.fasta[0] },
    );
  }
  const uploads: JobUploads = { fasta: fasta.bytes };
  if (record.repliconTable !== undefined) {
    const path = record.repliconTable;
    const bytes = await read(path, () => Deno.readFile(path));
    uploads.repliconTable = {
      bytes,
      type: detectRepliconTableType(new TextDecoder().decode(bytes), path),
    };
  }
  if (record.prodigalTrainingFile !== undefined) {
    const path = record.prodigalTrainingFile;
    uploads.prodigalTrainingFile = await read(path, () => Deno.readFile(toAbsolutePath(path)));
  }
  return uploads;
}

/** What was submitted for a job, refused when it was not recorded or was given as content. */
function resumableSubmission(
  row: JobRecord,
  record: SubmissionRecord | undefined,
): SubmissionRecord {
  const cannotResume = `Cannot resume job ${row.id} ("${row.name}")`;
  if (record === undefined) {
    throw new JobServiceError(
      "CannotResume",
      `${cannotResume}: what was submitted is not recorded`,
      { job: row.id },
    );
  }
  if (record.inline === true || record.fasta.length === 0) {
    throw new JobServiceError(
      "CannotResume",
      `${cannotResume}: its input was given as content, which is not kept; submit it again`,
      { job: row.id },
    );
  }
  return record;
}

/**
 * Initialises a fresh service job for a `CREATED` row, records its id and secret before anything
 * is uploaded, uploads the files, and records `UPLOADED`.
 *
 * @param context The database, client and callbacks.
 * @param row The job, `CREATED`.
 * @param uploads What to upload.
 * @returns The job, `UPLOADED`; `undefined` when another process took the job over meanwhile.
 */
export async function initAndUpload(
  context: AdvanceContext,
  row: JobRecord,
  uploads: JobUploads,
): Promise<JobRecord | undefined> {
  const client = requireClient(context, row);
  const { signal } = context;
  const init = await client.init(row.name, uploads.repliconTable?.type ?? "TSV", { signal });
  const previous = serviceJobOf(row);
  const detail = previous === undefined
    ? `initialised as job ${init.job.jobID}`
    : `initialised as job ${init.job.jobID}, replacing job ${previous.jobID} (never uploaded)`;
  const assigned = await transitionJob(context.db, row, {
    status: "CREATED",
    detail,
    service: { jobId: init.job.jobID, secret: init.job.secret },
  });
  if (assigned === undefined) {
    await client.delete(init.job, { signal }).catch(() => {});
    return undefined;
  }
  // the replaced job was never uploaded, so never started: deleting it is safe
  if (previous !== undefined) await client.delete(previous, { signal }).catch(() => {});
  const jobId = init.job.jobID;
  await client.upload(init.uploadLinkFasta, uploads.fasta, {
    signal,
    contentType: "text/plain",
    jobId,
  });
  if (uploads.repliconTable) {
    await client.upload(init.uploadLinkReplicons, uploads.repliconTable.bytes, { signal, jobId });
  }
  if (uploads.prodigalTrainingFile) {
    await client.upload(init.uploadLinkProdigal, uploads.prodigalTrainingFile, { signal, jobId });
  }
  const uploaded = await transitionJob(context.db, assigned, {
    status: "UPLOADED",
    detail: `uploaded ${uploads.fasta.byteLength.toLocaleString("en-US")} bytes of FASTA` +
      (uploads.repliconTable ? " and a replicon table" : "") +
      (uploads.prodigalTrainingFile ? " and a Prodigal training file" : ""),
    error: null,
  });
  if (uploaded !== undefined) {
    context.emit({ job: toPublicJob(uploaded), previous: "CREATED", status: "UPLOADED" });
  }
  return uploaded;
}

/**
 * Starts an `UPLOADED` job exactly once: claims the row (one conditional `update`; another process
 * holding it, or having moved it on, makes this return `undefined`), asks `list` whether the
 * service has the job started already (a crash may have come between the start request and its
 * record, and the claim of that process has run out since), and only if not, starts it; then
 * records `INIT`, which ends the claim. When a request fails, the claim is released.
 *
 * @param context The database, client, claim lease and callbacks.
 * @param row The job, `UPLOADED`.
 * @returns The job after the start (`INIT`, or what `list` said), or `undefined` when another
 *   process holds or moved it.
 */
export async function startUploaded(
  context: AdvanceContext,
  row: JobRecord,
): Promise<JobRecord | undefined> {
  const client = requireClient(context, row);
  const job = serviceJobOf(row);
  if (job === undefined) {
    throw new JobServiceError("CannotResume", `Cannot start job ${row.id}: it has no service job`, {
      job: row.id,
    });
  }
  const claimed = await claimJobLease(context.db, row, resolveClaimLease(context.claimLeaseMs));
  if (claimed === undefined) return undefined;
  let change: JobStatusChange;
  try {
    change = await startOnce(client, job, JSON.parse(row.configJson), context.signal);
  } catch (error) {
    await releaseJobLease(context.db, claimed).catch(() => {});
    throw error;
  }
  return (await recordStatus(context.db, claimed, change, context.emit)).row;
}

/** Starts a service job unless `list` says it was started (or is gone); the change to record. */
async function startOnce(
  client: BaktaClient,
  job: BaktaJob,
  config: BaktaJobConfig,
  signal?: AbortSignal,
): Promise<JobStatusChange> {
  const answer = await client.list([job], { signal });
  const failed = answer.failedJobs.find((entry) => entry.jobID === job.jobID);
  if (failed !== undefined) {
    return {
      status: failed.jobStatus,
      detail: `not started: the service answers ${failed.jobStatus}`,
      error: `The service answers ${failed.jobStatus} for job ${job.jobID}`,
    };
  }
  const listed = answer.jobs.find((entry) => entry.jobID === job.jobID);
  if (listed !== undefined) {
    return {
      status: "INIT",
      detail: `the service had started the job already (${listed.jobStatus}); not started again`,
      startedAt: listed.started,
      error: null,
    };
  }
  await client.start(job, config, { signal });
  return { status: "INIT", detail: "started", error: null };
}
