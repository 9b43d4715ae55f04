/**
 * Claiming a job for a long step (download and import) with a lease, so that two processes syncing
 * one database never work on the same job at once (private helper of the job service).
 *
 * A claim is one conditional `update` in a write transaction, checked by its changed-row count:
 *
 * ```sql
 * update jobs set updated_at = :until
 *  where id = ? and status = ? and job_id = ? and updated_at <= :now
 * ```
 *
 * While claimed, `jobs.updated_at` holds when the claim runs out (a time in the future), so no
 * other process can claim the job; any status change (`recordStatus` sets `updated_at` to now)
 * ends the claim. A process killed while holding a claim leaves it to run out: then the job is
 * claimable again and the next sync resumes it.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { transaction } from "../../db/transaction.ts";
import { getJob, type JobRecord } from "../../store/jobs_repository.ts";

/** How long a claim lasts by default, in ms: longer than any download and import should take. */
export const DEFAULT_CLAIM_LEASE_MS = 10 * 60_000;

/** The environment variable that sets the claim lease of the CLI's processes, in ms. */
export const CLAIM_LEASE_ENV_VAR = "BAKTADB_CLAIM_LEASE_MS";

/**
 * The claim lease to use: the option when given, else `BAKTADB_CLAIM_LEASE_MS` when set (and
 * readable), else {@linkcode DEFAULT_CLAIM_LEASE_MS}.
 *
 * @param claimLeaseMs The option `claimLeaseMs`.
 * @returns The lease in ms.
 * @throws {RangeError} When the option or the variable is not a positive integer.
 */
export function resolveClaimLease(claimLeaseMs?: number): number {
  if (claimLeaseMs !== undefined) {
    if (!Number.isInteger(claimLeaseMs) || claimLeaseMs < 1) {
      throw new RangeError(`Invalid claimLeaseMs ${claimLeaseMs}: expected an integer >= 1`);
    }
    return claimLeaseMs;
  }
  return claimLeaseFromEnv();
}

function claimLeaseFromEnv(): number {
  let text: string | undefined;
  try {
    text = Deno.env.get(CLAIM_LEASE_ENV_VAR);
  } catch {
    return DEFAULT_CLAIM_LEASE_MS; // no --allow-env
  }
  if (text === undefined || text === "") return DEFAULT_CLAIM_LEASE_MS;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `Invalid ${CLAIM_LEASE_ENV_VAR} "${text}": expected a positive number of milliseconds`,
    );
  }
  return value;
}

/**
 * Claims a job for `leaseMs`: only if it still has the status and service job this process saw,
 * and no other process holds an unexpired claim on it.
 *
 * @param db The database.
 * @param row The job as this process saw it.
 * @param leaseMs How long the claim lasts.
 * @returns The claimed job, or `undefined` when another process holds it or moved it on.
 */
export async function claimJobLease(
  db: Kysely<Database>,
  row: JobRecord,
  leaseMs: number,
): Promise<JobRecord | undefined> {
  const now = Date.now();
  return await transaction(db, async (trx) => {
    const result = await trx.updateTable("jobs")
      .set({ updated_at: new Date(now + leaseMs).toISOString() })
      .where("id", "=", row.id)
      .where("status", "=", row.status)
      .where("job_id", "=", row.jobId)
      .where("updated_at", "<=", new Date(now).toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 0 ? undefined : await getJob(trx, row.id);
  });
}

/**
 * Puts back a claim that a write keeping the job's status (a note, an error) ended by setting
 * `updated_at` to now.
 *
 * @param trx The open transaction.
 * @param before The job before the write.
 * @param after The job after it.
 * @returns The job, still claimed when it was.
 */
export async function keepClaim(
  trx: Kysely<Database>,
  before: JobRecord,
  after: JobRecord,
): Promise<JobRecord> {
  if (!(before.updatedAt > after.updatedAt)) return after; // not claimed (no lease in the future)
  await trx.updateTable("jobs").set({ updated_at: before.updatedAt })
    .where("id", "=", after.id).execute();
  return { ...after, updatedAt: before.updatedAt };
}

/**
 * Ends a claim this process holds (when its step failed without a status change).
 *
 * @param db The database.
 * @param claimed The job as claimed.
 */
export async function releaseJobLease(db: Kysely<Database>, claimed: JobRecord): Promise<void> {
  await transaction(
    db,
    (trx) =>
      trx.updateTable("jobs").set({ updated_at: new Date().toISOString() })
        .where("id", "=", claimed.id)
        .where("updated_at", "=", claimed.updatedAt)
        .execute(),
  );
}
