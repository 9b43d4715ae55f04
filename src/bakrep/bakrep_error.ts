/**
 * Errors of the BakRep client.
 *
 * @module
 */

/** Options of {@linkcode BakrepError}. */
export interface BakrepErrorOptions {
  /** The URL asked. */
  url?: string;
  /** The HTTP status, for an error answer. */
  status?: number;
  /** How many requests were made. */
  attempts?: number;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * A BakRep request that failed: an error answer (`status`), or a network failure or timeout after
 * the retries.
 *
 * @example
 * ```ts
 * import { BakrepError } from "./bakrep_error.ts";
 * const e = new BakrepError("Cannot get dataset \"X\": HTTP 404", { status: 404 });
 * if (e.status !== 404 || e.name !== "BakrepError") throw e;
 * ```
 */
export class BakrepError extends Error {
  /** The URL asked. */
  readonly url?: string;
  /** The HTTP status, for an error answer. */
  readonly status?: number;
  /** How many requests were made. */
  readonly attempts?: number;

  /**
   * @param message What failed.
   * @param options URL, status, attempts and cause.
   */
  constructor(message: string, options: BakrepErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "BakrepError";
    this.url = options.url;
    this.status = options.status;
    this.attempts = options.attempts;
  }
}

/**
 * A search the service cannot answer, refused before any request: an unknown field or an operator
 * the field does not take. The message lists the valid ones.
 *
 * @example
 * ```ts
 * import { BakrepQueryError } from "./bakrep_error.ts";
 * const e = new BakrepQueryError("Unknown field \"colour\"", "colour");
 * if (e.field !== "colour") throw e;
 * ```
 */
export class BakrepQueryError extends Error {
  /** The field as typed. */
  readonly field: string;

  /**
   * @param message What is wrong and what is valid.
   * @param field The field as typed.
   */
  constructor(message: string, field: string) {
    super(message);
    this.name = "BakrepQueryError";
    this.field = field;
  }
}
