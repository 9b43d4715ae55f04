/**
 * `BakrepClient`: the BakRep web API (datasets, search, files) with retries on 5xx, 429 and
 * network failures, per-request timeouts, and downloads that resume where they broke.
 *
 * @module
 */

import { Deadline } from "../client/_deadline.ts";
import { type DownloadPart, resumableBody } from "../client/_resumable_body.ts";
import { sleep } from "../async/sleep.ts";
import {
  backoffDelay,
  type BaktaRetryConfig,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryConfig,
} from "../client/retry.ts";
import { type BakrepDataset, readBakrepDataset } from "../formats/bakrep/read_bakrep_dataset.ts";
import { BakrepError } from "./bakrep_error.ts";
import type { BakrepSearchBody, BakrepSearchField, BakrepSearchPage } from "./bakrep_types.ts";

/**
 * The public BakRep API.
 *
 * @example
 * ```ts
 * import { DEFAULT_BAKREP_API_URL } from "./bakrep_client.ts";
 * if (!DEFAULT_BAKREP_API_URL.endsWith("/api/v2")) throw new Error(DEFAULT_BAKREP_API_URL);
 * ```
 */
export const DEFAULT_BAKREP_API_URL = "https://bakrep.computational.bio/api/v2";

/** Configuration of a {@linkcode BakrepClient}. */
export interface BakrepClientConfig {
  /**
   * The API base URL.
   * @default {DEFAULT_BAKREP_API_URL}
   */
  baseUrl?: string;
  /**
   * The timeout of one request (and the longest wait for a download's next chunk), ms.
   * @default {60000}
   */
  timeoutMs?: number;
  /**
   * The retry policy (attempts, backoff).
   * @default {DEFAULT_RETRY_CONFIG}
   */
  retry?: Partial<BaktaRetryConfig>;
  /**
   * The fetch to use (tests).
   * @default {globalThis.fetch}
   */
  fetch?: typeof fetch;
}

/** Options of one request. */
export interface BakrepRequestOptions {
  /** Aborts the request. */
  signal?: AbortSignal;
}

interface Request {
  url: string;
  action: string;
  method?: "GET" | "POST";
  body?: unknown;
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * A client of the BakRep web API.
 *
 * @example Against the local stand-in
 * ```ts
 * import assert from "node:assert/strict";
 * import { startBakrepStandIn } from "../testing/bakrep_stand_in/bakrep_stand_in.ts";
 * import { BakrepClient } from "./bakrep_client.ts";
 * await using standIn = await startBakrepStandIn({ datasets: 2 });
 * const client = new BakrepClient({ baseUrl: standIn.url });
 * const dataset = await client.dataset(standIn.ids[0]);
 * assert.equal(dataset.id, standIn.ids[0]);
 * ```
 */
export class BakrepClient {
  /** The frozen configuration. */
  readonly config: Readonly<{
    baseUrl: string;
    timeoutMs: number;
    retry: BaktaRetryConfig;
  }>;
  readonly #fetch: typeof fetch;

  /**
   * @param config Base URL, timeout, retries and fetch.
   * @throws {RangeError} For a bad `timeoutMs` or retry field, or a base URL that is not http(s).
   */
  constructor(config: BakrepClientConfig = {}) {
    const baseUrl = (config.baseUrl ?? DEFAULT_BAKREP_API_URL).replace(/\/+$/, "");
    if (!/^https?:\/\//.test(baseUrl)) {
      throw new RangeError(`Invalid baseUrl "${baseUrl}": expected an http(s) URL`);
    }
    const timeoutMs = config.timeoutMs ?? 60_000;
    if (!(timeoutMs > 0)) {
      throw new RangeError(`Invalid timeoutMs ${timeoutMs}: expected a number > 0`);
    }
    this.config = Object.freeze({ baseUrl, timeoutMs, retry: resolveRetryConfig(config.retry) });
    this.#fetch = config.fetch ?? ((input, init) => fetch(input, init));
  }

  /**
   * `GET /datasets/<id>`: a dataset's record (its files with URL, MD5 and size).
   *
   * @param id The dataset id.
   * @param options A signal.
   * @returns The dataset.
   * @throws {BakrepError} With `status` 404 for an unknown id.
   */
  async dataset(id: string, options: BakrepRequestOptions = {}): Promise<BakrepDataset> {
    const text = await this.datasetText(id, options);
    return readBakrepDataset(text, { file: `dataset ${id}` });
  }

  /**
   * `GET /datasets/<id>` as the service's text (stored beside the files as `<id>.json`).
   *
   * @param id The dataset id.
   * @param options A signal.
   * @returns The record's JSON text.
   * @throws {BakrepError} With `status` 404 for an unknown id.
   */
  async datasetText(id: string, options: BakrepRequestOptions = {}): Promise<string> {
    const url = `${this.config.baseUrl}/datasets/${encodeURIComponent(id)}`;
    const response = await this.#request({
      url,
      action: `Cannot get BakRep dataset "${id}"`,
      signal: options.signal,
    });
    return await response.text();
  }

  /**
   * `GET /search/_info`: the searchable fields with their operators and types.
   *
   * @param options A signal.
   * @returns The fields.
   */
  async searchInfo(options: BakrepRequestOptions = {}): Promise<BakrepSearchField[]> {
    const response = await this.#request({
      url: `${this.config.baseUrl}/search/_info`,
      action: "Cannot read BakRep's searchable fields",
      signal: options.signal,
    });
    const body = await response.json() as unknown;
    const fields = Array.isArray(body) ? body : (body as { fields?: unknown })?.fields;
    if (!Array.isArray(fields)) {
      throw new BakrepError("Cannot read BakRep's searchable fields: expected a list of fields");
    }
    return fields as BakrepSearchField[];
  }

  /**
   * `POST /search`: one page of matches as JSON.
   *
   * @param body Offset or `search_after`, limit, query and sort.
   * @param options A signal.
   * @returns `{offset, total, results}`.
   */
  async search(
    body: BakrepSearchBody,
    options: BakrepRequestOptions = {},
  ): Promise<BakrepSearchPage> {
    const response = await this.#request({
      url: `${this.config.baseUrl}/search`,
      action: "Cannot search BakRep",
      method: "POST",
      body,
      signal: options.signal,
    });
    return await response.json() as BakrepSearchPage;
  }

  /**
   * `POST /search` with `Accept: text/tab-separated-values`: one page of matches as BakRep's TSV.
   *
   * @param body Offset or `search_after`, limit, query and sort.
   * @param options A signal.
   * @returns The TSV text.
   */
  async searchTsv(body: BakrepSearchBody, options: BakrepRequestOptions = {}): Promise<string> {
    const response = await this.#request({
      url: `${this.config.baseUrl}/search`,
      action: "Cannot search BakRep",
      method: "POST",
      body,
      accept: "text/tab-separated-values",
      signal: options.signal,
    });
    return await response.text();
  }

  /**
   * Downloads a file: failures before the body are retried; a body that breaks or ends short is
   * resumed with `Range` requests.
   *
   * @param url The file's URL (from a dataset record).
   * @param options A signal.
   * @returns The body stream; it errors with a {@linkcode BakrepError} when it cannot finish.
   */
  async download(
    url: string,
    options: BakrepRequestOptions = {},
  ): Promise<ReadableStream<Uint8Array>> {
    const name = url.split("/").at(-1) ?? url;
    const action = `Cannot download "${name}"`;
    const get = (headers: Record<string, string>): Promise<DownloadPart> =>
      this.#attempts({ url, action, headers, signal: options.signal });
    const first = await get({});
    return resumableBody({
      first,
      refetch: (offset, etag) =>
        get({ range: `bytes=${offset}-`, ...(etag ? { "if-range": etag } : {}) }),
      maxResumes: this.config.retry.attempts - 1,
      idleTimeoutMs: this.config.timeoutMs,
      signal: options.signal,
      fail: (detail, cause) => new BakrepError(`${action}: ${detail}`, { url, cause }),
    });
  }

  /** One request with retries; resolves with an OK answer, its body read by the caller. */
  async #request(request: Request): Promise<Response> {
    const { response, deadline } = await this.#attempts(request);
    deadline.clearTimer();
    return response;
  }

  /** One request with retries; resolves with an OK answer and its (still running) deadline. */
  async #attempts(request: Request): Promise<DownloadPart> {
    const { attempts, maxRetryAfterMs } = this.config.retry;
    const headers: Record<string, string> = {
      accept: request.accept ?? "application/json",
      ...request.headers,
    };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    for (let attempt = 1;; attempt++) {
      request.signal?.throwIfAborted();
      const deadline = new Deadline(this.config.timeoutMs, request.signal);
      let failure: BakrepError;
      let retryAfterMs: number | undefined;
      let ok = false;
      try {
        const response = await this.#fetch(request.url, {
          method: request.method ?? "GET",
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: deadline.signal,
        });
        if (response.ok) {
          ok = true;
          return { response, deadline };
        }
        const text = (await response.text()).slice(0, 200).trim();
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        failure = new BakrepError(
          `${request.action}: HTTP ${response.status}${text ? ` ${JSON.stringify(text)}` : ""}` +
            (attempt > 1 ? ` (after ${attempt} attempts)` : ""),
          { url: request.url, status: response.status, attempts: attempt },
        );
        if (!isRetryableStatus(response.status)) throw failure;
      } catch (error) {
        if (error instanceof BakrepError) throw error;
        if (request.signal?.aborted) throw request.signal.reason;
        const reason = deadline.timedOut
          ? `no answer within ${this.config.timeoutMs} ms`
          : (error as Error).message;
        failure = new BakrepError(`${request.action}: ${reason}`, {
          url: request.url,
          attempts: attempt,
          cause: error,
        });
      } finally {
        if (!ok) deadline.dispose();
      }
      if (attempt >= attempts) throw failure;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw failure;
      await sleep(retryAfterMs ?? backoffDelay(attempt - 1, this.config.retry), request.signal);
    }
  }
}
