/**
 * The errors of the Bakta client. None of their messages, stacks, causes or JSON forms holds a job
 * secret or a link signature: the client redacts them before it builds an error.
 *
 * @module
 */

/** The operation of the client that failed. */
export type BaktaEndpoint =
  | "version"
  | "init"
  | "upload"
  | "start"
  | "list"
  | "result"
  | "logs"
  | "delete"
  | "download";

/** Where and why a Bakta request failed. Every text in it must already be redacted. */
export interface BaktaErrorOptions {
  /** The operation that failed. */
  endpoint: BaktaEndpoint;
  /** The job concerned, where there is one (the id only, never the secret). */
  jobId?: string;
  /** The redacted URL of the last request. */
  url?: string;
  /** How many requests were made, retries included. */
  attempts?: number;
  /** The underlying error; it must be redacted already. */
  cause?: unknown;
}

/**
 * Base class of the network and service failures of the Bakta client; catch it to handle them all.
 *
 * @example Catching any failure of the client
 * ```ts
 * import { BaktaApiError, BaktaError } from "./bakta_error.ts";
 * const error = new BaktaApiError("Cannot start job \"1\": HTTP 400 \"Unauthorized\"", {
 *   endpoint: "start",
 *   status: 400,
 *   serviceMessage: "Unauthorized",
 *   jobId: "1",
 * });
 * if (!(error instanceof BaktaError) || error.status !== 400) throw error;
 * ```
 */
export class BaktaError extends Error {
  /** The operation that failed. */
  readonly endpoint: BaktaEndpoint;
  /** The job concerned, where there is one. */
  readonly jobId?: string;
  /** The redacted URL of the last request. */
  readonly url?: string;
  /** How many requests were made, retries included. */
  readonly attempts?: number;

  /**
   * Builds the error from an already redacted message.
   *
   * @param message The redacted one-line message.
   * @param options Where and why it failed.
   */
  constructor(message: string, options: BaktaErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BaktaError";
    this.endpoint = options.endpoint;
    if (options.jobId !== undefined) this.jobId = options.jobId;
    if (options.url !== undefined) this.url = options.url;
    if (options.attempts !== undefined) this.attempts = options.attempts;
  }

  /**
   * A plain, secret-free form for logs and JSON.
   *
   * @returns The name, message and the public fields.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      message: this.message,
      endpoint: this.endpoint,
    };
    if (this.jobId !== undefined) json.jobId = this.jobId;
    if (this.url !== undefined) json.url = this.url;
    if (this.attempts !== undefined) json.attempts = this.attempts;
    return json;
  }
}

/** Options of a `BaktaApiError`. */
export interface BaktaApiErrorOptions extends BaktaErrorOptions {
  /** The HTTP status (200 for a success answer with an unusable body). */
  status: number;
  /** The one-line message of the service, redacted. */
  serviceMessage: string;
  /** How long the service asked to wait before retrying, in milliseconds. */
  retryAfterMs?: number;
}

/**
 * The service (or a gateway or object store in front of it) answered with an error, or with a body
 * the client cannot use. Not retried for 4xx; retried for 5xx and 429 until the attempts ran out.
 *
 * @example Reading the service's answer
 * ```ts
 * import { BaktaApiError } from "./bakta_error.ts";
 * const error = new BaktaApiError("Cannot get the result of job \"1\": HTTP 400 \"Job not finished\"", {
 *   endpoint: "result",
 *   status: 400,
 *   serviceMessage: "Job not finished",
 *   jobId: "1",
 * });
 * if (error.serviceMessage !== "Job not finished") throw error;
 * ```
 */
export class BaktaApiError extends BaktaError {
  /** The HTTP status. */
  readonly status: number;
  /** The one-line message of the service. */
  readonly serviceMessage: string;
  /** How long the service asked to wait before retrying, in milliseconds, if it said so. */
  readonly retryAfterMs?: number;

  /**
   * Builds the error from an already redacted message and the service's answer.
   *
   * @param message The redacted one-line message.
   * @param options The status, the service message and where it failed.
   */
  constructor(message: string, options: BaktaApiErrorOptions) {
    super(message, options);
    this.name = "BaktaApiError";
    this.status = options.status;
    this.serviceMessage = options.serviceMessage;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * A plain, secret-free form for logs and JSON.
   *
   * @returns The name, message, status, service message and the public fields.
   */
  override toJSON(): Record<string, unknown> {
    const json = super.toJSON();
    json.status = this.status;
    json.serviceMessage = this.serviceMessage;
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    return json;
  }
}

/**
 * The connection failed: refused, reset, or dropped while the answer was read (including a
 * download cut short of its announced length). Retried until the attempts ran out.
 *
 * @example Telling a network failure apart
 * ```ts
 * import { BaktaNetworkError } from "./bakta_error.ts";
 * const error = new BaktaNetworkError("Cannot list 1 job: connection failed", { endpoint: "list" });
 * if (error.name !== "BaktaNetworkError") throw error;
 * ```
 */
export class BaktaNetworkError extends BaktaError {
  /**
   * Builds the error from an already redacted message.
   *
   * @param message The redacted one-line message.
   * @param options Where it failed.
   */
  constructor(message: string, options: BaktaErrorOptions) {
    super(message, options);
    this.name = "BaktaNetworkError";
  }
}

/** Options of a `BaktaTimeoutError`. */
export interface BaktaTimeoutErrorOptions extends BaktaErrorOptions {
  /** The per-request timeout that ran out, in milliseconds. */
  timeoutMs: number;
}

/**
 * No answer came within the per-request timeout. A kind of network failure; retried like one.
 *
 * @example A timeout is a network failure
 * ```ts
 * import { BaktaNetworkError, BaktaTimeoutError } from "./bakta_error.ts";
 * const error = new BaktaTimeoutError("Cannot get the service version: no answer within 1 s", {
 *   endpoint: "version",
 *   timeoutMs: 1000,
 * });
 * if (!(error instanceof BaktaNetworkError) || error.timeoutMs !== 1000) throw error;
 * ```
 */
export class BaktaTimeoutError extends BaktaNetworkError {
  /** The per-request timeout that ran out, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * Builds the error from an already redacted message and the timeout.
   *
   * @param message The redacted one-line message.
   * @param options The timeout and where it ran out.
   */
  constructor(message: string, options: BaktaTimeoutErrorOptions) {
    super(message, options);
    this.name = "BaktaTimeoutError";
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * A plain, secret-free form for logs and JSON.
   *
   * @returns The name, message, timeout and the public fields.
   */
  override toJSON(): Record<string, unknown> {
    const json = super.toJSON();
    json.timeoutMs = this.timeoutMs;
    return json;
  }
}

/** What a local validation found wrong; tests assert on it. */
export type BaktaValidationKind =
  | "InvalidOption"
  | "EmptyInput"
  | "MissingHeader"
  | "MissingId"
  | "InvalidId"
  | "DuplicateId"
  | "EmptyRecord"
  | "InvalidSequence"
  | "CompressedInput"
  | "InvalidRepliconTable";

/** Where a local validation failed. */
export interface BaktaValidationErrorOptions {
  /** The option at fault (`locusTag`, `translationTable`, …). */
  option?: string;
  /** The file or input name, where known. */
  file?: string;
  /** The 1-based line, where known. */
  line?: number;
  /** The 1-based column, where known. */
  column?: number;
  /** The FASTA record id, where there is one. */
  record?: string;
}

/**
 * A job option, a FASTA file or a replicon table fails the checks the official web UI makes,
 * found locally before anything is sent. A `RangeError`: the argument is out of the accepted range.
 *
 * @example Asserting on the kind
 * ```ts
 * import { BaktaValidationError } from "./bakta_error.ts";
 * const error = new BaktaValidationError("InvalidOption", 'Invalid locusTag "ab": expected …', {
 *   option: "locusTag",
 * });
 * if (!(error instanceof RangeError) || error.kind !== "InvalidOption") throw error;
 * ```
 */
export class BaktaValidationError extends RangeError {
  /** What was wrong. */
  readonly kind: BaktaValidationKind;
  /** The option at fault, where it is an option. */
  readonly option?: string;
  /** The file or input name, where known. */
  readonly file?: string;
  /** The 1-based line, where known. */
  readonly line?: number;
  /** The 1-based column, where known. */
  readonly column?: number;
  /** The FASTA record id, where there is one. */
  readonly record?: string;

  /**
   * Builds the error from its kind, full message and location.
   *
   * @param kind What was wrong.
   * @param message The full message, naming the option or the record and line.
   * @param options Where it was wrong.
   */
  constructor(
    kind: BaktaValidationKind,
    message: string,
    options: BaktaValidationErrorOptions = {},
  ) {
    super(message);
    this.name = "BaktaValidationError";
    this.kind = kind;
    if (options.option !== undefined) this.option = options.option;
    if (options.file !== undefined) this.file = options.file;
    if (options.line !== undefined) this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
    if (options.record !== undefined) this.record = options.record;
  }
}
