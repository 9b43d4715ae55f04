/**
 * The job-name rewrite the Bakta service applies at init.
 *
 * @module
 */

/** The longest job name the service keeps, in characters. */
export const MAX_JOB_NAME_LENGTH = 63;

/**
 * Rewrites a job name the way the service does: each run of characters outside `[0-9a-zA-Z_.]`
 * becomes one `_`, the result is cut to 63 characters, then trailing non-alphanumerics are trimmed.
 * This is the name that list and result return and that names the downloaded files.
 *
 * @param name The name sent to `init`.
 * @returns The name the service stores (possibly empty).
 *
 * @example Rewriting a file name
 * ```ts
 * import { sanitizeJobName } from "./sanitize_job_name.ts";
 * if (sanitizeJobName("my genome (v2).fna") !== "my_genome_v2_.fna") throw new Error("wrong");
 * if (sanitizeJobName("E. coli K-12__") !== "E._coli_K_12") throw new Error("wrong");
 * ```
 */
export function sanitizeJobName(name: string): string {
  const replaced = name.replace(/[^0-9a-zA-Z_.]+/gu, "_").slice(0, MAX_JOB_NAME_LENGTH);
  return replaced.replace(/[^0-9a-zA-Z]+$/, "");
}
