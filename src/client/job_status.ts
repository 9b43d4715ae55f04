/**
 * Job states: normalizing the legacy `SUCCESSFULL` spelling and telling finished states apart.
 *
 * @module
 */

import type { BaktaJobStatus } from "./api_types.ts";

const KNOWN_STATUSES: ReadonlySet<string> = new Set(["INIT", "RUNNING", "SUCCESSFUL", "ERROR"]);

/**
 * Normalizes a `jobStatus` from the service: the backend spelled the success state `SUCCESSFULL`
 * (double L) until 2025-01, and a client must accept both.
 *
 * @param status The status as received.
 * @returns The status, with `SUCCESSFULL` mapped to `SUCCESSFUL`, or `undefined` for a value the
 *   contract does not know.
 *
 * @example Accepting the legacy spelling
 * ```ts
 * import { normalizeJobStatus } from "./job_status.ts";
 * if (normalizeJobStatus("SUCCESSFULL") !== "SUCCESSFUL") throw new Error("wrong");
 * if (normalizeJobStatus("RUNNING") !== "RUNNING") throw new Error("wrong");
 * if (normalizeJobStatus("DONE") !== undefined) throw new Error("wrong");
 * ```
 */
export function normalizeJobStatus(status: unknown): BaktaJobStatus | undefined {
  if (status === "SUCCESSFULL") return "SUCCESSFUL";
  if (typeof status === "string" && KNOWN_STATUSES.has(status)) return status as BaktaJobStatus;
  return undefined;
}

/**
 * Tells whether a job status is final (`SUCCESSFUL` or `ERROR`).
 *
 * @param status A normalized status.
 * @returns `true` when the job will not change any more.
 *
 * @example Final states
 * ```ts
 * import { isFinalJobStatus } from "./job_status.ts";
 * if (!isFinalJobStatus("ERROR") || isFinalJobStatus("RUNNING")) throw new Error("wrong");
 * ```
 */
export function isFinalJobStatus(status: BaktaJobStatus): boolean {
  return status === "SUCCESSFUL" || status === "ERROR";
}
