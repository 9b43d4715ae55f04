/**
 * Deleting a job's data on the service (as its terms ask, once the results are imported).
 *
 * @module
 */

import type { Kysely } from "../../deps/kysely.ts";
import type { Database } from "../../db/schema.ts";
import { transaction } from "../../db/transaction.ts";
import type { JobRecord } from "../../store/jobs_repository.ts";
import type { BaktaRequestOptions } from "../client_config.ts";
import { recordStatus, serviceJobOf } from "./_job_rows.ts";
import { JobServiceError } from "./job_service_error.ts";
import { clientFor, type JobClients, type JobStatusEvent } from "./job_service_options.ts";
import { type PublicJob, toPublicJob } from "./job_state.ts";

/** Options of {@linkcode deleteServiceJob}. */
export interface DeleteServiceJobOptions extends BaktaRequestOptions {
  /** Called after the change is stored. */
  onStatus?: (event: JobStatusEvent) => void;
  /**
   * Only mark the job deleted, without asking the service (e.g. a service that is gone, such as
   * the stand-in of an interrupted demo).
   * @default {false}
   */
  localOnly?: boolean;
}

/**
 * Deletes a job on its service (`DELETE /job/delete`; the service answers 200 also for a job it
 * no longer knows), then marks it `DELETED` and forgets its secret. What was imported from it is
 * kept. A job that never got a service job is only marked.
 *
 * @param db The database.
 * @param clients The client(s).
 * @param row The job.
 * @param options Signal, timeout and the status callback.
 * @returns The job afterwards (no secret).
 * @throws {BaktaApiError} E.g. 400 `Unauthorized` for a wrong secret (nothing is changed).
 * @throws {JobServiceError} `NoClient` when no client serves the job's service.
 *
 * @example
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { startBaktaStandIn } from "../../testing/bakta_stand_in/mod.ts";
 * import { BaktaClient } from "../bakta_client.ts";
 * import { createJob } from "../../store/jobs_repository.ts";
 * import { deleteServiceJob } from "./delete_service_job.ts";
 * await using standIn = await startBaktaStandIn();
 * const client = new BaktaClient({ baseUrl: standIn.baseUrl });
 * const { job } = await client.init("g", "TSV");
 * const db = await openDatabase(":memory:");
 * const row = await createJob(db, { jobId: job.jobID, secret: job.secret, name: "g", config: {},
 *   apiUrl: standIn.baseUrl });
 * const deleted = await deleteServiceJob(db, client, row);
 * if (deleted.status !== "DELETED" || !standIn.jobs.get(job.jobID)?.deleted) throw new Error("wrong");
 * await db.destroy();
 * ```
 */
export async function deleteServiceJob(
  db: Kysely<Database>,
  clients: JobClients,
  row: JobRecord,
  options: DeleteServiceJobOptions = {},
): Promise<PublicJob> {
  const job = serviceJobOf(row);
  let detail = job === undefined
    ? "the job never reached the service; marked deleted"
    : "marked deleted without asking the service";
  if (job !== undefined && options.localOnly !== true) {
    const client = clientFor(clients, row.apiUrl);
    if (client === undefined) {
      throw new JobServiceError(
        "NoClient",
        `Cannot delete job ${row.id}: no client for its service ${toPublicJob(row).apiUrl}`,
        { job: row.id },
      );
    }
    await client.delete(job, { signal: options.signal, timeoutMs: options.timeoutMs });
    detail = "deleted on the service";
  }
  const { row: updated, event } = await transaction(db, async (trx) => {
    const recorded = await recordStatus(trx, row, { status: "DELETED", detail });
    await trx.updateTable("jobs").set({ secret: "" }).where("id", "=", row.id).execute();
    return recorded;
  });
  if (event !== undefined && event.status !== event.previous) options.onStatus?.(event);
  return toPublicJob({ ...updated, secret: "" });
}
