/**
 * The client of the Bakta web API, version 1.
 *
 * @module
 */

import { Deadline } from "./_deadline.ts";
import { type DownloadPart, resumableBody } from "./_resumable_body.ts";
import { sleep as defaultSleep } from "./_sleep.ts";
import type {
  BaktaFailedJob,
  BaktaFailedJobStatus,
  BaktaInitResponse,
  BaktaJob,
  BaktaJobConfig,
  BaktaJobStatus,
  BaktaListedJob,
  BaktaRepliconTableType,
  BaktaResultFiles,
  BaktaResultResponse,
  BaktaVersion,
} from "./api_types.ts";
import {
  BaktaApiError,
  type BaktaEndpoint,
  BaktaError,
  BaktaNetworkError,
  BaktaTimeoutError,
  BaktaValidationError,
} from "./bakta_error.ts";
import { summarizeErrorBody } from "./error_body.ts";
import { isFinalJobStatus, normalizeJobStatus } from "./job_status.ts";
import { redactText, redactUrl } from "./redact.ts";
import { DEFAULT_BAKTA_API_URL } from "./resolve_api_url.ts";
import { fileNameFromDownloadUrl, isBaktaResultFileKey } from "./result_files.ts";
import {
  backoffDelay,
  type BaktaRetryConfig,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryConfig,
} from "./retry.ts";

/** A polite interval between two status polls of the same jobs: 30 seconds. */
export const DEFAULT_POLL_INTERVAL_MS = 30_000;

/** The default timeout of one API request, in milliseconds (60 s). */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The default timeout of one upload, in milliseconds (15 min). */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 900_000;

/** The `fetch` the client calls; inject one in tests. */
export type BaktaFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The sleep the client waits with between retries and polls; inject one in tests. */
export type BaktaSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What the client tells `onRetry` before it waits and tries again. */
export interface BaktaRetryEvent {
  /** The operation being retried. */
  endpoint: BaktaEndpoint;
  /** The job concerned, where there is one. */
  jobId?: string;
  /** The attempt that failed (1 for the first request). */
  attempt: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  delayMs: number;
  /** Whether the delay is the service's `Retry-After`. */
  fromRetryAfter: boolean;
  /** Why the attempt failed (redacted). */
  error: BaktaError;
}

/** Constructor input of `BaktaClient`. */
export interface BaktaClientConfig {
  /**
   * The API base URL, up to and including `/api/v1` (see `resolveApiUrl`).
   * @default {"https://api.bakta.computational.bio/api/v1"}
   */
  baseUrl?: string;
  /**
   * Timeout of one API request (and the idle timeout between download chunks), in milliseconds.
   * @default {60000}
   */
  timeoutMs?: number;
  /**
   * Timeout of one upload, in milliseconds.
   * @default {900000}
   */
  uploadTimeoutMs?: number;
  /** The retry policy; unset fields keep `DEFAULT_RETRY_CONFIG`. */
  retry?: Partial<BaktaRetryConfig>;
  /**
   * The `fetch` to call.
   * @default {globalThis.fetch}
   */
  fetch?: BaktaFetch;
  /** The sleep between retries and polls (abortable; default: a cleared timer). */
  sleep?: BaktaSleep;
  /**
   * A source of numbers in [0, 1) for the jitter.
   * @default {Math.random}
   */
  random?: () => number;
  /**
   * The current time in milliseconds, for `Retry-After` dates.
   * @default {Date.now}
   */
  now?: () => number;
  /**
   * The `User-Agent` header.
   * @default {"baktadb/0.1.0"}
   */
  userAgent?: string;
  /** Called before each retry: progress reporting for long-running services. */
  onRetry?: (event: BaktaRetryEvent) => void;
}

/** Per-call options of the API methods. */
export interface BaktaRequestOptions {
  /** Cancels the call (and its retries); the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's per-request timeout, in milliseconds. */
  timeoutMs?: number;
}

/** The body of an upload; a stream is read into memory first (see `BaktaClient.upload`). */
export type BaktaUploadBody = ReadableStream<Uint8Array> | Uint8Array | string;

/** Per-call options of `BaktaClient.upload`. */
export interface BaktaUploadOptions extends BaktaRequestOptions {
  /**
   * The `Content-Type` header; presigned links accept any.
   * @default {"application/octet-stream"}
   */
  contentType?: string;
}

/** Per-call options of `BaktaClient.download`. */
export interface BaktaDownloadOptions extends BaktaRequestOptions {
  /**
   * Resume a broken download with `Range` requests (up to the retry attempts).
   * @default {true}
   */
  resume?: boolean;
}

/** The answer of `BaktaClient.list`: per-job outcomes, not errors. */
export interface BaktaListResult {
  /** Jobs the service knows and that were started (status normalized). */
  jobs: BaktaListedJob[];
  /** Jobs that are unknown (`NOT_FOUND`) or whose secret is wrong (`UNAUTHORIZED`). */
  failedJobs: BaktaFailedJob[];
  /** Ids asked about but in neither list: initialised and never started. */
  unlisted: string[];
}

/** Where `waitForJobs` left a job. */
export type BaktaJobOutcomeStatus = BaktaJobStatus | BaktaFailedJobStatus | "NOT_STARTED";

/** One job's outcome in `waitForJobs`. */
export interface BaktaJobOutcome {
  /** The job id. */
  jobID: string;
  /**
   * `SUCCESSFUL` or `ERROR` when finished; `NOT_FOUND` or `UNAUTHORIZED` as listed; `NOT_STARTED`
   * when the job stayed out of both lists; `INIT` or `RUNNING` when the wait timed out first.
   */
  status: BaktaJobOutcomeStatus;
  /** The last list entry of the job, if it was listed. */
  listed?: BaktaListedJob;
}

/** Per-call options of `BaktaClient.waitForJobs`. */
export interface BaktaWaitOptions {
  /**
   * The interval between polls, in milliseconds; please stay polite.
   * @default {30000}
   */
  intervalMs?: number;
  /** Cancels the wait; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * How many consecutive polls a job may be absent from both lists before it counts as
   * `NOT_STARTED`.
   * @default {2}
   */
  unlistedPolls?: number;
  /**
   * Give up after this long (milliseconds) and return the unfinished jobs as they were.
   * @default {Infinity}
   */
  timeoutMs?: number;
  /** Called whenever a job's status changes (including the first time it is seen). */
  onStatus?: (outcome: BaktaJobOutcome, previous: BaktaJobOutcomeStatus | undefined) => void;
}

/** The configuration a `BaktaClient` runs with, defaults applied. */
export interface BaktaResolvedClientConfig {
  /** The API base URL without a trailing slash. */
  baseUrl: string;
  /** Timeout of one API request, in milliseconds. */
  timeoutMs: number;
  /** Timeout of one upload, in milliseconds. */
  uploadTimeoutMs: number;
  /** The complete retry policy. */
  retry: BaktaRetryConfig;
  /** The `User-Agent` header. */
  userAgent: string;
}

interface RequestSpec {
  endpoint: BaktaEndpoint;
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  action: string;
  jobId?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs: number;
  /** After an ambiguous failure: resolves `true` when the request evidently took effect. */
  tookEffect?: () => Promise<boolean>;
}

type ReadBody<T> = (response: Response, deadline: Deadline) => Promise<T>;

const REQUIRED_CONFIG_FIELDS = [
  ["translationTable", "number"],
  ["completeGenome", "boolean"],
  ["keepContigHeaders", "boolean"],
  ["minContigLength", "number"],
  ["compliant", "boolean"],
] as const;

/**
 * Talks to the Bakta web API: every v1 endpoint, uploads and downloads, with per-request timeouts,
 * caller cancellation, retries with exponential backoff and full jitter on network errors, 5xx and
 * 429 (honouring `Retry-After`), never on other 4xx. Every error it throws is redacted: no message,
 * stack, cause or JSON form holds a job secret or a link signature.
 *
 * @example Running a job against a local stand-in
 * ```ts
 * import { BaktaClient } from "./bakta_client.ts";
 * import { buildJobConfig } from "./build_job_config.ts";
 * import { startBaktaStandIn } from "../testing/bakta_stand_in/mod.ts";
 *
 * await using standIn = await startBaktaStandIn({ runningMs: 0 });
 * const client = new BaktaClient({ baseUrl: standIn.baseUrl });
 * const { job, uploadLinkFasta } = await client.init("genome.fna", "TSV");
 * await client.upload(uploadLinkFasta, ">c1\nACGT\n");
 * await client.start(job, buildJobConfig({ genus: "Escherichia" }));
 * const [outcome] = await client.waitForJobs([job], { intervalMs: 10 });
 * if (outcome.status !== "SUCCESSFUL") throw new Error(outcome.status);
 * await client.delete(job);
 * ```
 */
export class BaktaClient {
  /** The frozen, resolved configuration. */
  readonly config: Readonly<BaktaResolvedClientConfig>;
  readonly #fetch: BaktaFetch;
  readonly #sleep: BaktaSleep;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #onRetry?: (event: BaktaRetryEvent) => void;
  readonly #secrets = new Set<string>();

  /**
   * Creates a client; it stores a frozen copy of its resolved configuration.
   *
   * @param config Base URL, timeouts, retry policy and injectable `fetch`/`sleep`.
   * @throws {TypeError} When the base URL is not an absolute http(s) URL.
   * @throws {RangeError} When a timeout or retry field is out of range.
   */
  constructor(config: BaktaClientConfig = {}) {
    const baseUrl = (config.baseUrl ?? DEFAULT_BAKTA_API_URL).replace(/\/+$/, "");
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new TypeError(`Invalid baseUrl "${baseUrl}": expected an absolute http(s) URL`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new TypeError(`Invalid baseUrl "${baseUrl}": expected an absolute http(s) URL`);
    }
    const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const uploadTimeoutMs = config.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
    checkTimeout("timeoutMs", timeoutMs);
    checkTimeout("uploadTimeoutMs", uploadTimeoutMs);
    this.config = Object.freeze({
      baseUrl,
      timeoutMs,
      uploadTimeoutMs,
      retry: resolveRetryConfig(config.retry),
      userAgent: config.userAgent ?? "baktadb/0.1.0",
    });
    this.#fetch = config.fetch ?? ((input, init) => fetch(input, init));
    this.#sleep = config.sleep ?? defaultSleep;
    this.#random = config.random ?? Math.random;
    this.#now = config.now ?? Date.now;
    this.#onRetry = config.onRetry;
  }

  /**
   * Registers a secret to keep out of every error (the client also learns each secret it is given).
   *
   * @param secret A job secret.
   */
  addSecret(secret: string): void {
    if (typeof secret === "string" && secret !== "") this.#secrets.add(secret);
  }

  /**
   * `GET /version`: the Bakta, database and backend versions of the service.
   *
   * @param options Signal and timeout.
   * @returns The versions.
   * @throws {BaktaApiError} When the service answers with an error or an unusable body.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async version(options: BaktaRequestOptions = {}): Promise<BaktaVersion> {
    const action = "Cannot get the service version";
    const body = await this.#request(
      this.#spec("version", "GET", "/version", action, options),
      this.#readJson("version", action),
    );
    const record = asRecord(body);
    const version = {
      toolVersion: record?.toolVersion,
      dbVersion: record?.dbVersion,
      backendVersion: record?.backendVersion,
    };
    if (!Object.values(version).every((value) => typeof value === "string")) {
      throw this.#shapeError(
        "version",
        action,
        "expected toolVersion, dbVersion, backendVersion",
        body,
      );
    }
    return version as BaktaVersion;
  }

  /**
   * `POST /job/init`: creates a job and returns it with three presigned upload links. The service
   * rewrites the name (see `sanitizeJobName`).
   *
   * @param name The job name.
   * @param repliconTableType The separator of a replicon table that may be uploaded.
   * @param options Signal and timeout.
   * @returns The job (keep its secret safe) and the upload links.
   * @throws {BaktaValidationError} When the name or type is invalid.
   * @throws {BaktaApiError} When the service answers with an error or an unusable body.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async init(
    name: string,
    repliconTableType: BaktaRepliconTableType = "TSV",
    options: BaktaRequestOptions = {},
  ): Promise<BaktaInitResponse> {
    if (typeof name !== "string") {
      throw new BaktaValidationError(
        "InvalidOption",
        `Invalid name ${String(name)}: expected a string`,
        {
          option: "name",
        },
      );
    }
    if (repliconTableType !== "CSV" && repliconTableType !== "TSV") {
      throw new BaktaValidationError(
        "InvalidOption",
        `Invalid repliconTableType "${String(repliconTableType)}": expected "CSV" or "TSV"`,
        { option: "repliconTableType" },
      );
    }
    const action = `Cannot create job ${JSON.stringify(name)}`;
    const body = await this.#request(
      {
        ...this.#spec("init", "POST", "/job/init", action, options),
        body: JSON.stringify({ name, repliconTableType }),
      },
      this.#readJson("init", action),
    );
    const record = asRecord(body);
    const job = asRecord(record?.job);
    const links = [
      record?.uploadLinkFasta,
      record?.uploadLinkProdigal,
      record?.uploadLinkReplicons,
    ];
    if (
      typeof job?.jobID !== "string" || typeof job.secret !== "string" ||
      !links.every((link) => typeof link === "string")
    ) {
      if (typeof job?.secret === "string") this.addSecret(job.secret);
      throw this.#shapeError("init", action, "expected job and three upload links", body);
    }
    this.addSecret(job.secret);
    return {
      uploadLinkFasta: links[0] as string,
      uploadLinkProdigal: links[1] as string,
      uploadLinkReplicons: links[2] as string,
      job: { jobID: job.jobID, secret: job.secret },
    };
  }

  /**
   * `PUT` to a presigned upload link. A stream body is read into memory first: object stores refuse
   * a presigned PUT without `Content-Length`, and `fetch` cannot send one with a stream. Retried like
   * any request (the bytes are kept for that).
   *
   * @param link The presigned link from `init`.
   * @param body The file content (plain or gzip FASTA, replicon table, Prodigal training file).
   * @param options Signal, timeout and content type.
   * @throws {BaktaApiError} When the object store refuses (e.g. 403 for an expired link).
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async upload(
    link: string,
    body: BaktaUploadBody,
    options: BaktaUploadOptions = {},
  ): Promise<void> {
    const shown = this.#redactUrl(link);
    const action = `Cannot upload to ${shown}`;
    const bytes = typeof body === "string" || body instanceof Uint8Array
      ? body
      : await collect(body, options.signal);
    await this.#request(
      {
        endpoint: "upload",
        method: "PUT",
        url: checkLink(link, "link", shown),
        action,
        body: bytes,
        headers: { "content-type": options.contentType ?? "application/octet-stream" },
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? this.config.uploadTimeoutMs,
      },
      discardBody,
    );
  }

  /**
   * `POST /job/start`. The service submits once per call, so after an ambiguous failure (network
   * error, timeout, 5xx, 429) the client lists the job before trying again, and stops when the job
   * already shows up (it was started). The service answers 200 for an unknown job id and does
   * nothing.
   *
   * @param job The job from `init`.
   * @param config The config (see `buildJobConfig`).
   * @param options Signal and timeout.
   * @throws {BaktaValidationError} When a required config field is missing or mistyped.
   * @throws {BaktaApiError} E.g. 400 `Unauthorized` for a wrong secret.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async start(
    job: BaktaJob,
    config: BaktaJobConfig,
    options: BaktaRequestOptions = {},
  ): Promise<void> {
    this.#checkJob(job);
    for (const [field, type] of REQUIRED_CONFIG_FIELDS) {
      const actual = typeof config?.[field];
      if (actual !== type) {
        throw new BaktaValidationError(
          "InvalidOption",
          `Invalid config.${field} ${
            String(config?.[field])
          }: expected a ${type} (the service requires it)`,
          { option: field },
        );
      }
    }
    const action = `Cannot start job ${JSON.stringify(job.jobID)}`;
    await this.#request(
      {
        ...this.#spec("start", "POST", "/job/start", action, options, job.jobID),
        body: JSON.stringify({ job: { jobID: job.jobID, secret: job.secret }, config }),
        tookEffect: async () => {
          const listed = await this.list([job], { signal: options.signal });
          return listed.jobs.some((entry) => entry.jobID === job.jobID);
        },
      },
      discardBody,
    );
  }

  /**
   * `POST /job/list`: the status of many jobs in one call. Unknown jobs and wrong secrets come back
   * as per-job outcomes in `failedJobs`; jobs initialised but never started come back in `unlisted`.
   * The legacy status `SUCCESSFULL` is normalized to `SUCCESSFUL`.
   *
   * @param jobs The jobs to ask about (no request is made for none).
   * @param options Signal and timeout.
   * @returns The listed jobs, the failed jobs and the unlisted ids.
   * @throws {BaktaApiError} When the service answers with an error or an unusable body.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async list(
    jobs: readonly BaktaJob[],
    options: BaktaRequestOptions = {},
  ): Promise<BaktaListResult> {
    for (const job of jobs) this.#checkJob(job);
    if (jobs.length === 0) return { jobs: [], failedJobs: [], unlisted: [] };
    const action = `Cannot list ${jobs.length} job${jobs.length === 1 ? "" : "s"}`;
    const jobId = jobs.length === 1 ? jobs[0].jobID : undefined;
    const body = await this.#request(
      {
        ...this.#spec("list", "POST", "/job/list", action, options, jobId),
        body: JSON.stringify({ jobs: jobs.map(({ jobID, secret }) => ({ jobID, secret })) }),
      },
      this.#readJson("list", action, jobId),
    );
    const record = asRecord(body);
    if (!Array.isArray(record?.jobs) || !Array.isArray(record.failedJobs)) {
      throw this.#shapeError("list", action, "expected jobs and failedJobs arrays", body, jobId);
    }
    const listed: BaktaListedJob[] = [];
    for (const item of record.jobs) {
      const entry = asRecord(item);
      const status = normalizeJobStatus(entry?.jobStatus);
      if (
        !entry || typeof entry.jobID !== "string" || status === undefined ||
        typeof entry.started !== "string" || typeof entry.updated !== "string" ||
        typeof entry.name !== "string"
      ) {
        throw this.#shapeError("list", action, "unexpected job entry", item, jobId);
      }
      listed.push({
        jobID: entry.jobID,
        jobStatus: status,
        started: entry.started,
        updated: entry.updated,
        name: entry.name,
      });
    }
    const failed: BaktaFailedJob[] = [];
    for (const item of record.failedJobs) {
      const entry = asRecord(item);
      if (
        !entry || typeof entry.jobID !== "string" ||
        (entry.jobStatus !== "NOT_FOUND" && entry.jobStatus !== "UNAUTHORIZED")
      ) {
        throw this.#shapeError("list", action, "unexpected failed job entry", item, jobId);
      }
      failed.push({ jobID: entry.jobID, jobStatus: entry.jobStatus });
    }
    const answered = new Set([...listed, ...failed].map((entry) => entry.jobID));
    const unlisted = [...new Set(jobs.map((job) => job.jobID))].filter((id) => !answered.has(id));
    return { jobs: listed, failedJobs: failed, unlisted };
  }

  /**
   * `POST /job/result`: the presigned download links of a finished job. Any subset of the 14
   * `ResultFiles` keys is accepted (older deployments returned ten). A job that was never started
   * answers with links to files that do not exist and times of 1970.
   *
   * @param job The job.
   * @param options Signal and timeout.
   * @returns The result, `ResultFiles` included.
   * @throws {BaktaApiError} 400 `Job not finished` (also for a job that ended in ERROR),
   *   `Job not found` or `Unauthorized`.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async result(job: BaktaJob, options: BaktaRequestOptions = {}): Promise<BaktaResultResponse> {
    this.#checkJob(job);
    const action = `Cannot get the result of job ${JSON.stringify(job.jobID)}`;
    const body = await this.#request(
      {
        ...this.#spec("result", "POST", "/job/result", action, options, job.jobID),
        body: JSON.stringify({ jobID: job.jobID, secret: job.secret }),
      },
      this.#readJson("result", action, job.jobID),
    );
    const record = asRecord(body);
    const files = asRecord(record?.ResultFiles);
    if (
      !record || !files || typeof record.jobID !== "string" || typeof record.started !== "string" ||
      typeof record.updated !== "string" || typeof record.name !== "string"
    ) {
      throw this.#shapeError(
        "result",
        action,
        "expected jobID, started, updated, name and ResultFiles",
        body,
        job.jobID,
      );
    }
    const resultFiles: BaktaResultFiles = {};
    for (const [key, value] of Object.entries(files)) {
      if (isBaktaResultFileKey(key) && typeof value === "string") resultFiles[key] = value;
    }
    return {
      jobID: record.jobID,
      started: record.started,
      updated: record.updated,
      name: record.name,
      ResultFiles: resultFiles,
    };
  }

  /**
   * `GET /job/logs`: Bakta's console output (empty for a job never started; a fixed message when
   * the service's infrastructure failed).
   *
   * @param job The job.
   * @param options Signal and timeout.
   * @returns The log text.
   * @throws {BaktaApiError} 400 `Job not found` or `Unauthorized`.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async logs(job: BaktaJob, options: BaktaRequestOptions = {}): Promise<string> {
    this.#checkJob(job);
    const action = `Cannot get the logs of job ${JSON.stringify(job.jobID)}`;
    const query = new URLSearchParams({ jobID: job.jobID, secret: job.secret });
    return await this.#request(
      this.#spec("logs", "GET", `/job/logs?${query}`, action, options, job.jobID),
      async (response) => await response.text(),
    );
  }

  /**
   * `DELETE /job/delete`: deletes a job and its data (200 also for an unknown job).
   *
   * @param job The job.
   * @param options Signal and timeout.
   * @throws {BaktaApiError} 400 `Unauthorized` for a wrong secret.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async delete(job: BaktaJob, options: BaktaRequestOptions = {}): Promise<void> {
    this.#checkJob(job);
    const action = `Cannot delete job ${JSON.stringify(job.jobID)}`;
    const query = new URLSearchParams({ jobID: job.jobID, secret: job.secret });
    await this.#request(
      this.#spec("delete", "DELETE", `/job/delete?${query}`, action, options, job.jobID),
      discardBody,
    );
  }

  /**
   * `GET` a presigned download link and return the body as a stream. Failures before the body (5xx,
   * network) are retried; a body that breaks or ends short of its announced length is resumed with
   * `Range` requests; a missing object (e.g. a plot the job did not make) fails with a 404
   * `BaktaApiError`. Read the stream to its end or cancel it.
   *
   * @param url A link from `ResultFiles`.
   * @param signalOrOptions A signal, or options (signal, idle timeout, resume).
   * @returns The body stream; it errors with a `BaktaNetworkError` if the download cannot finish.
   * @throws {BaktaApiError} When the object store answers with an error.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async download(
    url: string,
    signalOrOptions?: AbortSignal | BaktaDownloadOptions,
  ): Promise<ReadableStream<Uint8Array>> {
    const options: BaktaDownloadOptions = signalOrOptions instanceof AbortSignal
      ? { signal: signalOrOptions }
      : signalOrOptions ?? {};
    const shown = this.#redactUrl(url);
    const name = fileNameFromDownloadUrl(url);
    const action = `Cannot download ${name === undefined ? shown : JSON.stringify(name)}`;
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const target = checkLink(url, "url", shown);
    const get = (headers: Record<string, string>) =>
      this.#request<DownloadPart>(
        {
          endpoint: "download",
          method: "GET",
          url: target,
          action,
          headers,
          signal: options.signal,
          timeoutMs,
        },
        (response, deadline) => Promise.resolve({ response, deadline }),
        true,
      );
    const first = await get({});
    return resumableBody({
      first,
      refetch: (offset, etag) =>
        get({ range: `bytes=${offset}-`, ...(etag ? { "if-range": etag } : {}) }),
      maxResumes: options.resume === false ? 0 : this.config.retry.attempts - 1,
      idleTimeoutMs: timeoutMs,
      signal: options.signal,
      fail: (detail, cause, timedOut) => {
        const message = this.#redact(`${action}: ${detail}`);
        const base = {
          endpoint: "download" as const,
          url: shown,
          cause: this.#sanitizeCause(cause),
        };
        return timedOut
          ? new BaktaTimeoutError(message, { ...base, timeoutMs })
          : new BaktaNetworkError(message, base);
      },
    });
  }

  /**
   * Polls `list` until every job is finished (`SUCCESSFUL` or `ERROR`), failed (`NOT_FOUND`,
   * `UNAUTHORIZED`) or absent for `unlistedPolls` polls in a row (`NOT_STARTED`), reporting each
   * status change. The service's status may lag reality by up to 15 s.
   *
   * @param jobs The jobs to wait for.
   * @param options Interval, signal, timeout and the progress callback.
   * @returns One outcome per distinct job, in input order.
   * @throws {BaktaApiError} When listing fails for good.
   * @throws {BaktaNetworkError} When the connection keeps failing.
   */
  async waitForJobs(
    jobs: readonly BaktaJob[],
    options: BaktaWaitOptions = {},
  ): Promise<BaktaJobOutcome[]> {
    const {
      intervalMs = DEFAULT_POLL_INTERVAL_MS,
      unlistedPolls = 2,
      timeoutMs = Infinity,
      signal,
      onStatus,
    } = options;
    if (!Number.isFinite(intervalMs) || intervalMs < 0) {
      throw new RangeError(`Invalid intervalMs ${intervalMs}: expected a number >= 0`);
    }
    if (!Number.isInteger(unlistedPolls) || unlistedPolls < 1) {
      throw new RangeError(`Invalid unlistedPolls ${unlistedPolls}: expected an integer >= 1`);
    }
    const started = this.#now();
    const outcomes = new Map<string, BaktaJobOutcome>();
    const absent = new Map<string, number>();
    let pending = new Map<string, BaktaJob>();
    for (const job of jobs) pending.set(job.jobID, job);
    const report = (outcome: BaktaJobOutcome) => {
      const previous = outcomes.get(outcome.jobID)?.status;
      outcomes.set(outcome.jobID, outcome);
      if (previous !== outcome.status) onStatus?.(outcome, previous);
    };
    while (pending.size > 0) {
      signal?.throwIfAborted();
      const answer = await this.list([...pending.values()], { signal });
      const next = new Map<string, BaktaJob>();
      for (const entry of answer.jobs) {
        absent.delete(entry.jobID);
        report({ jobID: entry.jobID, status: entry.jobStatus, listed: entry });
        const job = pending.get(entry.jobID);
        if (job && !isFinalJobStatus(entry.jobStatus)) next.set(entry.jobID, job);
      }
      for (const entry of answer.failedJobs) {
        report({ jobID: entry.jobID, status: entry.jobStatus });
      }
      for (const id of answer.unlisted) {
        const count = (absent.get(id) ?? 0) + 1;
        absent.set(id, count);
        const job = pending.get(id);
        if (count >= unlistedPolls || !job) report({ jobID: id, status: "NOT_STARTED" });
        else next.set(id, job);
      }
      pending = next;
      if (pending.size === 0) break;
      if (this.#now() - started + intervalMs > timeoutMs) break;
      await this.#sleep(intervalMs, signal);
    }
    return [...new Set(jobs.map((job) => job.jobID))].map((id) =>
      outcomes.get(id) ?? { jobID: id, status: "NOT_STARTED" as const }
    );
  }

  // ---- private machinery -------------------------------------------------------------------

  #spec(
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

  async #request<T>(spec: RequestSpec, read: ReadBody<T>, keepDeadline = false): Promise<T> {
    const { attempts, maxRetryAfterMs } = this.config.retry;
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.endpoint !== "upload" && spec.endpoint !== "download") {
      headers["accept"] = "application/json, text/plain;q=0.9, */*;q=0.1";
      headers["user-agent"] = this.config.userAgent;
      if (spec.body !== undefined) headers["content-type"] = "application/json";
    }
    for (let attempt = 1;; attempt++) {
      spec.signal?.throwIfAborted();
      const deadline = new Deadline(spec.timeoutMs, spec.signal);
      let failure: BaktaError;
      let retryAfterMs: number | undefined;
      let keep = false;
      try {
        const response = await this.#fetch(spec.url, {
          method: spec.method,
          headers,
          body: spec.body as BodyInit | undefined,
          signal: deadline.signal,
          redirect: "follow",
        });
        if (response.ok) {
          const value = await read(response, deadline);
          keep = keepDeadline;
          return value;
        }
        const text = await response.text();
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.#now());
        failure = this.#apiError(spec, response, text, attempt, retryAfterMs);
        if (!isRetryableStatus(response.status)) throw failure;
      } catch (error) {
        if (error instanceof BaktaError) throw error;
        if (spec.signal?.aborted) throw spec.signal.reason;
        failure = this.#networkError(spec, error, deadline.timedOut, attempt);
      } finally {
        if (!keep) deadline.dispose();
        else deadline.clearTimer();
      }
      if (attempt >= attempts) throw failure;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw failure;
      const delayMs = retryAfterMs ?? backoffDelay(attempt - 1, this.config.retry, this.#random);
      this.#onRetry?.({
        endpoint: spec.endpoint,
        jobId: spec.jobId,
        attempt,
        delayMs,
        fromRetryAfter: retryAfterMs !== undefined,
        error: failure,
      });
      await this.#sleep(delayMs, spec.signal);
      if (spec.tookEffect) {
        let done: boolean;
        try {
          done = await spec.tookEffect();
        } catch {
          if (spec.signal?.aborted) throw spec.signal.reason;
          // cannot tell whether the first request took effect: do not risk doing it twice
          throw failure;
        }
        if (done) return undefined as T;
      }
    }
  }

  #readJson(endpoint: BaktaEndpoint, action: string, jobId?: string): ReadBody<unknown> {
    return async (response) => {
      const text = await response.text();
      try {
        return JSON.parse(text);
      } catch {
        throw this.#shapeError(
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

  #apiError(
    spec: RequestSpec,
    response: Response,
    text: string,
    attempt: number,
    retryAfterMs: number | undefined,
  ): BaktaApiError {
    const serviceMessage = this.#redact(summarizeErrorBody(text)) || response.statusText || "";
    const shown = serviceMessage === "" ? "" : ` ${JSON.stringify(serviceMessage)}`;
    const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
    return new BaktaApiError(
      this.#redact(`${spec.action}: HTTP ${response.status}${shown}${tries}`),
      {
        endpoint: spec.endpoint,
        status: response.status,
        serviceMessage,
        jobId: spec.jobId,
        url: this.#redactUrl(spec.url),
        attempts: attempt,
        retryAfterMs,
      },
    );
  }

  #networkError(spec: RequestSpec, error: unknown, timedOut: boolean, attempt: number): BaktaError {
    const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
    const base = {
      endpoint: spec.endpoint,
      jobId: spec.jobId,
      url: this.#redactUrl(spec.url),
      attempts: attempt,
      cause: this.#sanitizeCause(error),
    };
    if (timedOut) {
      const seconds = spec.timeoutMs / 1000;
      return new BaktaTimeoutError(
        this.#redact(`${spec.action}: no answer within ${seconds} s${tries}`),
        { ...base, timeoutMs: spec.timeoutMs },
      );
    }
    return new BaktaNetworkError(
      this.#redact(`${spec.action}: connection failed (${describe(error)})${tries}`),
      base,
    );
  }

  #shapeError(
    endpoint: BaktaEndpoint,
    action: string,
    expected: string,
    body: unknown,
    jobId?: string,
    status = 200,
  ): BaktaApiError {
    const text = typeof body === "string" ? body : JSON.stringify(body) ?? String(body);
    const serviceMessage = this.#redact(summarizeErrorBody(text));
    return new BaktaApiError(
      this.#redact(`${action}: unexpected answer (${expected}): ${JSON.stringify(serviceMessage)}`),
      { endpoint, status, serviceMessage, jobId },
    );
  }

  #sanitizeCause(error: unknown): Error | undefined {
    if (error === undefined) return undefined;
    const copy = new Error(this.#redact(describe(error)));
    copy.name = error instanceof Error ? error.name : "Error";
    return copy;
  }

  #checkJob(job: BaktaJob): void {
    if (
      job === null || typeof job !== "object" || typeof job.jobID !== "string" ||
      typeof job.secret !== "string" || job.jobID === "" || job.secret === ""
    ) {
      throw new BaktaValidationError(
        "InvalidOption",
        "Invalid job: expected { jobID, secret } strings",
        {
          option: "job",
        },
      );
    }
    this.addSecret(job.secret);
  }

  #redact(text: string): string {
    return redactText(text, this.#secrets);
  }

  #redactUrl(url: string): string {
    return redactUrl(url, this.#secrets);
  }
}

function checkTimeout(name: string, value: number): void {
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
    throw new RangeError(`Invalid ${name} ${value}: expected a number of milliseconds > 0`);
  }
}

function checkLink(link: string, name: string, shown: string): string {
  let parsed: URL;
  try {
    parsed = new URL(link);
  } catch {
    throw new BaktaValidationError(
      "InvalidOption",
      `Invalid ${name} ${shown}: expected an absolute URL`,
      {
        option: name,
      },
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new BaktaValidationError(
      "InvalidOption",
      `Invalid ${name} ${shown}: expected an http(s) URL`,
      {
        option: name,
      },
    );
  }
  return link;
}

async function discardBody(response: Response): Promise<undefined> {
  await response.arrayBuffer();
  return undefined;
}

async function collect(
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const onAbort = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
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
