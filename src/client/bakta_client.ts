/**
 * The client of the Bakta web API, version 1: one class whose methods are the endpoints. Its parts
 * live by concern: the transport (timeouts, retries, bounded bodies) in `_transport.ts`; the
 * endpoint groups in `_init_upload_start.ts`, `_list_status.ts`, `_results_download.ts` and
 * `_logs_version.ts`; the checks of the service's answers in `_validate_response.ts`; the
 * configuration and option types in `client_config.ts`.
 *
 * @module
 */

import { initJob, startJob, uploadFile } from "./_init_upload_start.ts";
import { listJobs, waitForJobs } from "./_list_status.ts";
import { deleteJob, getLogs, getVersion } from "./_logs_version.ts";
import { downloadFile, getResult } from "./_results_download.ts";
import { BaktaTransport } from "./_transport.ts";
import type {
  BaktaInitResponse,
  BaktaJob,
  BaktaJobConfig,
  BaktaRepliconTableType,
  BaktaResultResponse,
  BaktaVersion,
} from "./api_types.ts";
import type {
  BaktaClientConfig,
  BaktaDownloadOptions,
  BaktaJobOutcome,
  BaktaListResult,
  BaktaRequestOptions,
  BaktaResolvedClientConfig,
  BaktaUploadBody,
  BaktaUploadOptions,
  BaktaWaitOptions,
} from "./client_config.ts";

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
  readonly #transport: BaktaTransport;

  /**
   * Creates a client; it stores a frozen copy of its resolved configuration.
   *
   * @param config Base URL, timeouts, retry policy and injectable `fetch`/`sleep`.
   * @throws {TypeError} When the base URL is not an absolute http(s) URL.
   * @throws {RangeError} When a timeout, size cap or retry field is out of range.
   */
  constructor(config: BaktaClientConfig = {}) {
    this.#transport = new BaktaTransport(config);
    this.config = this.#transport.config;
  }

  /**
   * Registers a secret to keep out of every error (the client also learns each secret it is given).
   *
   * @param secret A job secret.
   */
  addSecret(secret: string): void {
    this.#transport.addSecret(secret);
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
    return await getVersion(this.#transport, options);
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
    return await initJob(this.#transport, name, repliconTableType, options);
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
    await uploadFile(this.#transport, link, body, options);
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
    await startJob(this.#transport, job, config, options);
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
    return await listJobs(this.#transport, jobs, options);
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
    return await getResult(this.#transport, job, options);
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
    return await getLogs(this.#transport, job, options);
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
    await deleteJob(this.#transport, job, options);
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
    return await downloadFile(this.#transport, url, options);
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
    return await waitForJobs(this.#transport, jobs, options);
  }
}
