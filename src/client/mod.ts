/**
 * The Bakta web API client: every v1 endpoint with timeouts, cancellation, retries (exponential
 * backoff, full jitter, `Retry-After`) and secret redaction; job config building and the local
 * checks of the official web UI (FASTA, locus, locus tag, contig ids); the service's job-name
 * rewrite.
 *
 * @example Building a config and checking a FASTA before anything is sent
 * ```ts
 * import { buildJobConfig, sanitizeJobName, validateFasta } from "./mod.ts";
 * const summary = validateFasta(">contig_1\nACGTACGT\n", { compliant: true });
 * const config = buildJobConfig({ genus: "Bacillus", locusTag: "BSU", compliant: true });
 * if (summary.records.length !== 1 || config.hasReplicons !== false) throw new Error("wrong");
 * if (sanitizeJobName("B. subtilis 168!") !== "B._subtilis_168") throw new Error("wrong");
 * ```
 *
 * @module
 */

export type {
  BaktaDermType,
  BaktaFailedJob,
  BaktaFailedJobStatus,
  BaktaInitRequest,
  BaktaInitResponse,
  BaktaJob,
  BaktaJobConfig,
  BaktaJobStatus,
  BaktaListedJob,
  BaktaListRequest,
  BaktaListResponse,
  BaktaRepliconTableType,
  BaktaResultFileKey,
  BaktaResultFiles,
  BaktaResultRequest,
  BaktaResultResponse,
  BaktaStartRequest,
  BaktaVersion,
} from "./api_types.ts";
export { BaktaClient } from "./bakta_client.ts";
export {
  type BaktaClientConfig,
  type BaktaDownloadOptions,
  type BaktaFetch,
  type BaktaJobOutcome,
  type BaktaJobOutcomeStatus,
  type BaktaListResult,
  type BaktaRequestOptions,
  type BaktaResolvedClientConfig,
  type BaktaRetryEvent,
  type BaktaSleep,
  type BaktaUploadBody,
  type BaktaUploadOptions,
  type BaktaWaitOptions,
  DEFAULT_MAX_DOWNLOAD_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_UPLOAD_TIMEOUT_MS,
  resolveClientConfig,
} from "./client_config.ts";
export {
  BaktaApiError,
  type BaktaApiErrorOptions,
  type BaktaEndpoint,
  BaktaError,
  type BaktaErrorOptions,
  BaktaNetworkError,
  BaktaTimeoutError,
  type BaktaTimeoutErrorOptions,
  BaktaValidationError,
  type BaktaValidationErrorOptions,
  type BaktaValidationKind,
} from "./bakta_error.ts";
export {
  buildJobConfig,
  DEFAULT_JOB_OPTIONS,
  type GramStain,
  type JobOptions,
  type JobUploadSource,
  LOCUS_PATTERN,
  LOCUS_TAG_PATTERN,
  type TranslationTable,
} from "./build_job_config.ts";
export { MAX_SERVICE_MESSAGE_LENGTH, summarizeErrorBody } from "./error_body.ts";
export { isFinalJobStatus, normalizeJobStatus } from "./job_status.ts";
export { REDACTED, redactSecrets, redactText, redactUrl } from "./redact.ts";
export {
  detectRepliconTableType,
  parseRepliconTable,
  type RepliconTableOptions,
  type RepliconTableRow,
} from "./replicon_table.ts";
export {
  BAKTA_API_URL_ENV,
  DEFAULT_BAKTA_API_URL,
  resolveApiUrl,
  STAGING_BAKTA_API_URL,
} from "./resolve_api_url.ts";
export {
  BAKTA_RESULT_FILE_EXTENSIONS,
  BAKTA_RESULT_FILE_KEYS,
  fileNameFromDownloadUrl,
  isBaktaResultFileKey,
  resultFileKeyOf,
} from "./result_files.ts";
export {
  backoffDelay,
  type BaktaRetryConfig,
  DEFAULT_RETRY_CONFIG,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryConfig,
} from "./retry.ts";
export { MAX_JOB_NAME_LENGTH, sanitizeJobName } from "./sanitize_job_name.ts";
export {
  CONTIG_ID_PATTERN,
  type FastaRecordSummary,
  type FastaSummary,
  type FastaValidationOptions,
  IUPAC_NUCLEOTIDES,
  validateFasta,
} from "./validate_fasta.ts";
export * from "./job_service/mod.ts";
