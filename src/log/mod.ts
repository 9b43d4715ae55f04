/**
 * Logging: one LogTape logger per layer (`["baktadb", "client"]`, `["baktadb", "jobs"]`,
 * `["baktadb", "store"]`, `["baktadb", "db"]`, …), silent until an application configures LogTape
 * itself or calls `configureLogging`; every record redacted of job secrets and link signatures.
 *
 * @example Logging the client's records at debug level
 * ```ts
 * import { baktadbLogger, configureLogging } from "./mod.ts";
 * const lines: string[] = [];
 * using _logging = configureLogging({ level: "debug", write: (text) => lines.push(text) });
 * baktadbLogger("client").warn("retrying list after attempt {attempt}", { attempt: 1 });
 * if (!lines[0].includes("retrying list after attempt 1")) throw new Error(lines[0]);
 * ```
 *
 * @module
 */

export {
  configureLogging,
  LOG_LEVELS,
  type LoggingHandle,
  type LoggingOptions,
} from "./configure_logging.ts";
export { addLogSecret, logSecrets } from "./log_secrets.ts";
export { baktadbLogger, type BaktadbLogLayer } from "./logger.ts";
export { REDACTED, redactSecrets, redactText, redactUrl } from "./redact.ts";
