/**
 * The error of the job service: a job that cannot be resumed, changed input, a damaged or
 * incomplete download.
 *
 * @module
 */

/** What went wrong in the job service; tests assert on it. */
export type JobServiceErrorKind =
  /** What was submitted is not recorded, or was given as text and is not kept. */
  | "CannotResume"
  /** A FASTA file of the job is gone. */
  | "InputMissing"
  /** A FASTA file of the job changed since it was submitted. */
  | "InputChanged"
  /** A downloaded result file fails its check (size, JSON, gzip, header). */
  | "DamagedDownload"
  /** The service offered no annotation file (JSON, GFF3, GenBank, EMBL or TSV) that downloads. */
  | "NoAnnotationFile"
  /** No client was given for the service the job lives on. */
  | "NoClient";

/** Where a job-service error happened. */
export interface JobServiceErrorOptions {
  /** `jobs.id` of the job concerned. */
  job?: number;
  /** The file concerned. */
  file?: string;
  /** The underlying error (already secret-free). */
  cause?: unknown;
}

/**
 * A job cannot move on for a reason the caller should know and can fix (bring the FASTA back,
 * submit again, run `sync` again). Its message never holds a secret.
 *
 * @example Asserting on the kind
 * ```ts
 * import { JobServiceError } from "./job_service_error.ts";
 * const error = new JobServiceError("InputChanged", 'Cannot resume job 3: "g.fna" changed', {
 *   job: 3,
 * });
 * if (error.kind !== "InputChanged" || error.job !== 3) throw error;
 * ```
 */
export class JobServiceError extends Error {
  /** What went wrong. */
  readonly kind: JobServiceErrorKind;
  /** `jobs.id` of the job concerned. */
  readonly job?: number;
  /** The file concerned. */
  readonly file?: string;

  /**
   * Builds the error.
   *
   * @param kind What went wrong.
   * @param message The one-line message (secret-free).
   * @param options The job, file and cause.
   */
  constructor(kind: JobServiceErrorKind, message: string, options: JobServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "JobServiceError";
    this.kind = kind;
    if (options.job !== undefined) this.job = options.job;
    if (options.file !== undefined) this.file = options.file;
  }
}
