/**
 * Finding a stored job by what a user types: its number, its service job id, or the start of it.
 *
 * @module
 */

import type { Kysely } from "../../deps/kysely.ts";
import type { Database } from "../../db/schema.ts";
import { NotFoundError } from "../../db/errors.ts";
import { findJobByJobId, getJob, type JobRecord } from "../../store/jobs_repository.ts";

/** The shortest start of a job id accepted as a reference. */
export const MIN_JOB_ID_PREFIX = 4;

/**
 * Finds a job by `jobs.id` (a number), by the service's job id, or by a unique start of it (at
 * least 4 characters, as `baktadb jobs` shows them).
 *
 * @param db The database.
 * @param reference The number, id or start of an id.
 * @returns The job (with its secret: do not print it; see `toPublicJob`).
 * @throws {NotFoundError} When no job matches.
 * @throws {RangeError} When a start of an id matches several jobs.
 *
 * @example
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { createJob } from "../../store/jobs_repository.ts";
 * import { findJob } from "./find_job.ts";
 * const db = await openDatabase(":memory:");
 * await createJob(db, { jobId: "0f1e2d3c-aaaa", secret: "s", name: "g", config: {},
 *   apiUrl: "http://127.0.0.1:1" });
 * if ((await findJob(db, "0f1e")).name !== "g" || (await findJob(db, 1)).id !== 1) {
 *   throw new Error("wrong");
 * }
 * await db.destroy();
 * ```
 */
export async function findJob(
  db: Kysely<Database>,
  reference: string | number,
): Promise<JobRecord> {
  const text = String(reference).trim();
  if (/^\d+$/.test(text)) {
    try {
      return await getJob(db, Number(text));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const exact = await findJobByJobId(db, text);
  if (exact !== undefined) return exact;
  if (text.length >= MIN_JOB_ID_PREFIX && /^[0-9A-Za-z-]+$/.test(text)) {
    const rows = await db.selectFrom("jobs").select("id")
      .where("job_id", "like", `${text}%`).limit(3).execute();
    if (rows.length === 1) return await getJob(db, rows[0].id);
    if (rows.length > 1) {
      throw new RangeError(
        `Job "${text}" is ambiguous: it starts several job ids; give more of the id or the job number`,
      );
    }
  }
  throw new NotFoundError("job", text);
}
