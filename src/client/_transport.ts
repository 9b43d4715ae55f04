/**
 * The transport of the Bakta client (private): one request with a timeout, retries with the one
 * back-off of baktadb, bounded bodies, redacted errors, and a log record for every retry and fault.
 * The endpoint files (`_init_upload_start.ts`, `_list_status.ts`, `_results_download.ts`,
 * `_logs_version.ts`) build their requests on it.
 *
 * @module
 */

import { backoffDelay } from "../async/backoff.ts";
import { addLogSecret } from "../log/log_secrets.ts";
import { baktadbLogger } from "../log/logger.ts";
import { Deadline } from "./_deadline.ts";
import { announcedOver, readUpTo } from "./_bounded_body.ts";
import { sleep as defaultSleep } from "../async/sleep.ts";
import type { BaktaJob } from "./api_types.ts";
import {
  BaktaApiError,
  type BaktaEndpoint,
  BaktaError,
  BaktaNetworkError,
  BaktaTimeoutError,
  BaktaValidationError,
} from "./bakta_error.ts";
import type {
  BaktaClientConfig,
  BaktaFetch,
  BaktaRequestOptions,
  BaktaResolvedClientConfig,
  BaktaRetryEvent,
  BaktaSleep,
} from "./client_config.ts";
import { resolveClientConfig } from "./client_config.ts";
import { summarizeErrorBody } from "./error_body.ts";
import { redactText, redactUrl } from "./redact.ts";
import { isRetryableStatus, parseRetryAfter } from "./retry.ts";

/** The most bytes of an error page read (the rest is dropped; the message is cut shorter still). */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const log = baktadbLogger("client");

/** One request, as the endpoint files describe it. */
export interface RequestSpec {
  endpoint: BaktaEndpoint;
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  /** The start of every error message, e.g. `Cannot start job "…"`. */
  action: string;
  jobId?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs: number;
  /** After an ambiguous failure: resolves `true` when the request evidently took effect. */
  tookEffect?: () => Promise<boolean>;
}

/** Reads a successful answer. */
export type ReadBody<T> = (response: Response, deadline: Deadline) => Promise<T>;

type Attempt<T> =
  | { done: true; value: T }
  | { done: false; failure: BaktaError; retryAfterMs?: number };

/** At most this many checks whether a request whose answer was lost took effect. */
const MAX_EFFECT_CHECKS = 1_000;

/** The transport one `BaktaClient` owns. */
export class BaktaTransport {
  /** The frozen, resolved configuration. */
  readonly config: Readonly<BaktaResolvedClientConfig>;
  /** The sleep between retries and polls. */
  readonly sleep: BaktaSleep;
  /** The clock, in milliseconds since the epoch (`Date.now` unless a test gives another). */
  readonly now: () => number;
  readonly #fetch: BaktaFetch;
  readonly #random: () => number;
  readonly #onRetry?: (event: BaktaRetryEvent) => void;
  readonly #secrets = new Set<string>();

  constructor(config: BaktaClientConfig) {
    this.config = resolveClientConfig(config);
    this.#fetch = config.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = config.sleep ?? defaultSleep;
    this.#random = config.random ?? Math.random;
    this.now = config.now ?? Date.now;
    this.#onRetry = config.onRetry;
  }

  /** Keeps a secret out of every error and log record. */
  addSecret(secret: string): void {
    if (typeof secret !== "string" || secret === "") return;
    this.#secrets.add(secret);
    addLogSecret(secret);
  }

  /** Checks a `{ jobID, secret }` argument and learns its secret. */
  checkJob(job: BaktaJob): void {
    if (
      job === null || typeof job !== "object" || typeof job.jobID !== "string" ||
      typeof job.secret !== "string" || job.jobID === "" || job.secret === ""
    ) {
      throw new BaktaValidationError(
        "InvalidOption",
        "Invalid job: expected { jobID, secret } strings",
        { option: "job" },
      );
    }
    this.addSecret(job.secret);
  }

  /** A request to the API at `path`. */
  spec(
    endpoint: BaktaEndpoint,
    method: RequestSpec["method"],
    path: string,
    action: string,
    options: BaktaRequestOptions,
    jobId?: string,
  ): RequestSpec {
    return {
      endpoint,
      method,
      url: `${this.config.baseUrl}${path}`,
      action,
      jobId,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.config.timeoutMs,
    };
  }

  /**
   * Sends a request, retrying network errors, timeouts, 5xx and 429 (up to `retry.attempts`,
   * waiting the back-off or the service's `Retry-After`); any other answer is final.
   */
  async request<T>(spec: RequestSpec, read: ReadBody<T>, keepDeadline = false): Promise<T> {
    const headers = this.#headers(spec);
    for (let attempt = 1;; attempt++) {
      spec.signal?.throwIfAborted();
      const outcome = await this.#attempt(spec, headers, read, keepDeadline, attempt);
      if (outcome.done) return outcome.value;
      await this.#waitToRetry(spec, outcome.failure, attempt, outcome.retryAfterMs);
      if (spec.tookEffect && await this.#tookEffect(spec, outcome.failure)) {
        return undefined as T;
      }
    }
  }

  /** Reads a successful answer as JSON, within `maxResponseBytes`. */
  readJson(endpoint: BaktaEndpoint, action: string, jobId?: string): ReadBody<unknown> {
    const readText = this.readText(endpoint, action, jobId);
    return async (response, deadline) => {
      const text = await readText(response, deadline);
      try {
        return JSON.parse(text);
      } catch {
        throw this.shapeError(
          endpoint,
          action,
          "the body is not JSON",
          text,
          jobId,
          response.status,
        );
      }
    };
  }

  /** Reads a successful answer as text, within `maxResponseBytes`. */
  readText(endpoint: BaktaEndpoint, action: string, jobId?: string): ReadBody<string> {
    const max = this.config.maxResponseBytes;
    return async (response) => {
      const over = announcedOver(response, max);
      const { bytes, exceeded } = over === undefined
        ? await readUpTo(response.body, max)
        : { bytes: new Uint8Array(0), exceeded: true };
      if (over !== undefined) await response.body?.cancel().catch(() => {});
      if (exceeded) {
        const size = over === undefined ? "more" : `${over.toLocaleString("en-US")} bytes`;
        const message = `${action}: the answer is too large (${size}; ` +
          `maxResponseBytes is ${max.toLocaleString("en-US")})`;
        log.error(message, { endpoint, jobId });
        throw new BaktaApiError(this.redact(message), {
          endpoint,
          status: response.status,
          serviceMessage: "",
          jobId,
        });
      }
      return new TextDecoder().decode(bytes);
    };
  }

  /** The error of an answer that is not what the contract promises. */
  shapeError(
    endpoint: BaktaEndpoint,
    action: string,
    expected: string,
    body: unknown,
    jobId?: string,
    status = 200,
  ): BaktaApiError {
    const text = typeof body === "string" ? body : JSON.stringify(body) ?? String(body);
    const serviceMessage = this.redact(summarizeErrorBody(text));
    const message = this.redact(
      `${action}: unexpected answer (${expected}): ${JSON.stringify(serviceMessage)}`,
    );
    log.error(message, { endpoint, jobId });
    return new BaktaApiError(message, { endpoint, status, serviceMessage, jobId });
  }

  /** The error a broken download stream fails with. */
  downloadError(
    action: string,
    detail: string,
    options: { url: string; jobId?: string; cause: unknown; timeoutMs?: number },
  ): BaktaError {
    const message = this.redact(`${action}: ${detail}`);
    log.error(message, { endpoint: "download", jobId: options.jobId });
    const errorFields = {
      endpoint: "download" as const,
      url: options.url,
      jobId: options.jobId,
      cause: this.#sanitizeCause(options.cause),
    };
    return options.timeoutMs !== undefined
      ? new BaktaTimeoutError(message, { ...errorFields, timeoutMs: options.timeoutMs })
      : new BaktaNetworkError(message, errorFields);
  }

  /** Redacts every secret this transport knows, `secret=` values and link signatures. */
  redact(text: string): string {
    return redactText(text, this.#secrets);
  }

  /** Redacts the credentials of a URL. */
  redactUrl(url: string): string {
    return redactUrl(url, this.#secrets);
  }

  #headers(spec: RequestSpec): Record<string, string> {
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.endpoint !== "upload" && spec.endpoint !== "download") {
      headers["accept"] = "application/json, text/plain;q=0.9, */*;q=0.1";
      headers["user-agent"] = this.config.userAgent;
      if (spec.body !== undefined) headers["content-type"] = "application/json";
    }
    return headers;
  }

  async #attempt<T>(
    spec: RequestSpec,
    headers: Record<string, string>,
    read: ReadBody<T>,
    keepDeadline: boolean,
    attempt: number,
  ): Promise<Attempt<T>> {
    const deadline = new Deadline(spec.timeoutMs, spec.signal);
    let keep = false;
    try {
      const response = await this.#fetch(spec.url, {
        method: spec.method,
        headers,
        body: spec.body as BodyInit | undefined,
        signal: deadline.signal,
        redirect: "follow",
      });
      log.debug("{method} {endpoint}: HTTP {status}", {
        method: spec.method,
        endpoint: spec.endpoint,
        jobId: spec.jobId,
        status: response.status,
        attempt,
      });
      if (response.ok) {
        const value = await read(response, deadline);
        keep = keepDeadline;
        return { done: true, value };
      }
      const { bytes } = await readUpTo(response.body, MAX_ERROR_BODY_BYTES);
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.now());
      const failure = this.#apiError(spec, response, new TextDecoder().decode(bytes), attempt);
      if (!isRetryableStatus(response.status)) throw failure;
      return { done: false, failure, retryAfterMs };
    } catch (error) {
      if (error instanceof BaktaError) throw error;
      if (spec.signal?.aborted) throw spec.signal.reason;
      return { done: false, failure: this.#networkError(spec, error, deadline.timedOut, attempt) };
    } finally {
      if (!keep) deadline.dispose();
      else deadline.clearTimer();
    }
  }

  /** Logs the fault, gives up when out of attempts, else waits the back-off or `Retry-After`. */
  async #waitToRetry(
    spec: RequestSpec,
    failure: BaktaError,
    attempt: number,
    retryAfterMs: number | undefined,
  ): Promise<void> {
    const { attempts, maxRetryAfterMs } = this.config.retry;
    const context = { endpoint: spec.endpoint, jobId: spec.jobId, attempt, cause: failure.message };
    if (attempt >= attempts || (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs)) {
      log.error("{endpoint} failed for good after attempt {attempt}: {cause}", context);
      throw failure;
    }
    const delayMs = retryAfterMs ??
      backoffDelay(attempt - 1, this.config.retry, this.#random);
    const fromRetryAfter = retryAfterMs !== undefined;
    log.warn(
      "{endpoint} attempt {attempt} failed: {cause}; retrying in {delayMs} ms" +
        (fromRetryAfter ? " (the service's Retry-After)" : ""),
      { ...context, delayMs, fromRetryAfter },
    );
    this.#onRetry?.({
      endpoint: spec.endpoint,
      jobId: spec.jobId,
      attempt,
      delayMs,
      fromRetryAfter,
      error: failure,
    });
    await this.sleep(delayMs, spec.signal);
  }

  /**
   * Whether a request whose answer was lost took effect after all. After a timeout the service may
   * still be working on it (a slow server runs the request after the client gave up), so the check
   * is repeated for twice the request's timeout before the request may be sent again: `start`
   * submits a job once per call at the service, and a late first call would run the job twice.
   */
  async #tookEffect(spec: RequestSpec, failure: BaktaError): Promise<boolean> {
    const graceEnds = failure instanceof BaktaTimeoutError ? this.now() + 2 * spec.timeoutMs : 0;
    const pauseMs = Math.max(10, Math.min(250, spec.timeoutMs / 4));
    // A bound on the checks too, for a clock that does not move (a test's).
    for (let check = 0; check < MAX_EFFECT_CHECKS; check++) {
      if (await this.#tookEffectOnce(spec, failure)) return true;
      if (this.now() >= graceEnds) return false;
      await this.sleep(pauseMs, spec.signal);
    }
    return false;
  }

  async #tookEffectOnce(spec: RequestSpec, failure: BaktaError): Promise<boolean> {
    try {
      const done = await spec.tookEffect!();
      if (done) {
        log.info("{endpoint} took effect despite the failure; not sending it again", {
          endpoint: spec.endpoint,
          jobId: spec.jobId,
        });
      }
      return done;
    } catch {
      if (spec.signal?.aborted) throw spec.signal.reason;
      // cannot tell whether the first request took effect: do not risk doing it twice
      throw failure;
    }
  }

  #apiError(spec: RequestSpec, response: Response, text: string, attempt: number): BaktaApiError {
    const serviceMessage = this.redact(summarizeErrorBody(text)) || response.statusText || "";
    const shown = serviceMessage === "" ? "" : ` ${JSON.stringify(serviceMessage)}`;
    const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
    return new BaktaApiError(
      this.redact(`${spec.action}: HTTP ${response.status}${shown}${tries}`),
      {
        endpoint: spec.endpoint,
        status: response.status,
        serviceMessage,
        jobId: spec.jobId,
        url: this.redactUrl(spec.url),
        attempts: attempt,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), this.now()),
      },
    );
  }

  #networkError(spec: RequestSpec, error: unknown, timedOut: boolean, attempt: number): BaktaError {
    const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
    const errorFields = {
      endpoint: spec.endpoint,
      jobId: spec.jobId,
      url: this.redactUrl(spec.url),
      attempts: attempt,
      cause: this.#sanitizeCause(error),
    };
    if (timedOut) {
      const seconds = spec.timeoutMs / 1000;
      return new BaktaTimeoutError(
        this.redact(`${spec.action}: no answer within ${seconds} s${tries}`),
        { ...errorFields, timeoutMs: spec.timeoutMs },
      );
    }
    return new BaktaNetworkError(
      this.redact(`${spec.action}: connection failed (${describe(error)})${tries}`),
      errorFields,
    );
  }

  #sanitizeCause(error: unknown): Error | undefined {
    if (error === undefined) return undefined;
    const copy = new Error(this.redact(describe(error)));
    copy.name = error instanceof Error ? error.name : "Error";
    return copy;
  }
}

/**
 * Checks that a link is an absolute http(s) URL.
 *
 * @returns The link.
 * @throws {BaktaValidationError} Naming the option.
 */
export function checkLink(link: string, name: string, shown: string): string {
  let protocol = "";
  try {
    protocol = new URL(link).protocol;
  } catch {
    throw new BaktaValidationError(
      "InvalidOption",
      `Invalid ${name} ${shown}: expected an absolute URL`,
      { option: name },
    );
  }
  if (protocol !== "http:" && protocol !== "https:") {
    throw new BaktaValidationError(
      "InvalidOption",
      `Invalid ${name} ${shown}: expected an http(s) URL`,
      { option: name },
    );
  }
  return link;
}

/** Reads and drops a successful answer's body (bounded). */
export async function discardBody(response: Response): Promise<undefined> {
  await readUpTo(response.body, MAX_ERROR_BODY_BYTES);
  return undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 3 && cause instanceof Error; depth++) {
    if (cause.message && !parts.includes(cause.message)) parts.push(cause.message);
    cause = cause.cause;
  }
  return parts.filter(Boolean).join(": ") || error.name;
}
