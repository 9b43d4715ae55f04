/**
 * A job's logs: Bakta's console output from the service, or the copy stored when the job failed.
 *
 * @module
 */

import type { Kysely } from "../../deps/kysely.ts";
import type { Database } from "../../db/schema.ts";
import type { JobRecord } from "../../store/jobs_repository.ts";
import type { BaktaRequestOptions } from "../client_config.ts";
import { BaktaError } from "../bakta_error.ts";
import { redactText } from "../redact.ts";
import { serviceJobOf } from "./_job_rows.ts";
import { clientFor, type JobClients } from "./job_service_options.ts";

/** A job's logs and where they came from. */
export interface JobLogs {
  /** The console output (secret-free). */
  text: string;
  /** `service` (fetched now) or `stored` (the copy kept when the job failed). */
  source: "service" | "stored";
  /** Why the service's copy could not be had, when the stored one is returned. */
  serviceError?: string;
}

const STORED_PREFIX = "logs:\n";

/**
 * Gets a job's logs from its service; when the service cannot give them (the job is gone, the
 * service cannot be reached, the job has no service job yet), returns the copy stored when the job
 * failed, if there is one.
 *
 * @param db The database.
 * @param clients The client(s).
 * @param row The job.
 * @param options Signal and timeout.
 * @returns The logs.
 * @throws {BaktaError} When the service cannot give them and none are stored.
 *
 * @example Logs of a job never started are empty
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { startBaktaStandIn } from "../../testing/bakta_stand_in/mod.ts";
 * import { BaktaClient } from "../bakta_client.ts";
 * import { createJob } from "../../store/jobs_repository.ts";
 * import { jobLogs } from "./job_logs.ts";
 * await using standIn = await startBaktaStandIn();
 * const client = new BaktaClient({ baseUrl: standIn.baseUrl });
 * const { job } = await client.init("g", "TSV");
 * const db = await openDatabase(":memory:");
 * const row = await createJob(db, { jobId: job.jobID, secret: job.secret, name: "g", config: {},
 *   apiUrl: standIn.baseUrl });
 * const logs = await jobLogs(db, client, row);
 * if (logs.source !== "service" || logs.text !== "") throw new Error("wrong");
 * await db.destroy();
 * ```
 */
export async function jobLogs(
  db: Kysely<Database>,
  clients: JobClients,
  row: JobRecord,
  options: BaktaRequestOptions = {},
): Promise<JobLogs> {
  const job = serviceJobOf(row);
  const client = clientFor(clients, row.apiUrl);
  let serviceError = job === undefined
    ? "the job has no service job yet"
    : "no client for the job's service";
  if (job !== undefined && client !== undefined) {
    try {
      const text = await client.logs(job, options);
      return { text: redactText(text, [row.secret]), source: "service" };
    } catch (error) {
      if (!(error instanceof BaktaError)) throw error;
      serviceError = error.message;
      const stored = await storedLogs(db, row.id);
      if (stored === undefined) throw error;
      return { text: stored, source: "stored", serviceError };
    }
  }
  const stored = await storedLogs(db, row.id);
  if (stored === undefined) {
    throw new RangeError(`Cannot get the logs of job ${row.id}: ${serviceError}, none are stored`);
  }
  return { text: stored, source: "stored", serviceError };
}

/**
 * The logs stored with a job's `ERROR` event, if any.
 *
 * @param db The database.
 * @param id `jobs.id`.
 * @returns The logs, or `undefined`.
 *
 * @example The logs kept with a failed job
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { createJob, updateJobStatus } from "../../store/jobs_repository.ts";
 * import { storedLogs } from "./job_logs.ts";
 * const db = await openDatabase(":memory:");
 * const apiUrl = "http://127.0.0.1:1";
 * const job = await createJob(db, { jobId: "j-1", secret: "s", name: "demo", config: {}, apiUrl });
 * if ((await storedLogs(db, job.id)) !== undefined) throw new Error("no logs yet");
 * // The job service stores the logs of a failed job as an ERROR event whose detail is "logs:\n…".
 * await updateJobStatus(db, job.id, { status: "ERROR", detail: "logs:\nNo valid sequences\n" });
 * if ((await storedLogs(db, job.id)) !== "No valid sequences\n") throw new Error("logs");
 * await db.destroy();
 * ```
 */
export async function storedLogs(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom("job_events").select("detail")
    .where("job_id", "=", id).where("status", "=", "ERROR")
    .where("detail", "like", `${STORED_PREFIX}%`)
    .orderBy("id", "desc").executeTakeFirst();
  return row?.detail?.slice(STORED_PREFIX.length);
}
