/**
 * Turning baktadb's loggers on: a level, a JSON-lines file or standard error, every record
 * redacted.
 *
 * @module
 */

import {
  configureSync,
  getTextFormatter,
  isLogLevel,
  type LogLevel,
  type LogRecord,
  resetSync,
  type Sink,
} from "../deps/logtape.ts";
import { logSecrets } from "./log_secrets.ts";
import { redactText } from "./redact.ts";

/** The levels, lowest first. */
export const LOG_LEVELS: readonly LogLevel[] = Object.freeze([
  "trace",
  "debug",
  "info",
  "warning",
  "error",
  "fatal",
]);

/** Options of {@linkcode configureLogging}. */
export interface LoggingOptions {
  /**
   * The lowest level written.
   * @default {"info"}
   */
  level?: LogLevel;
  /**
   * A file to append JSON lines to (one record a line: `time`, `level`, `logger`, `message`,
   * `properties`; created with mode 0600). Without it, records go to `write` as text lines.
   */
  file?: string;
  /**
   * Where text lines go when there is no `file`.
   * @default {a synchronous write to standard error}
   */
  write?: (text: string) => void;
}

/** What {@linkcode configureLogging} set up; dispose it to silence the loggers again. */
export interface LoggingHandle extends Disposable {
  /** The lowest level written. */
  readonly level: LogLevel;
  /** The file written, if any. */
  readonly file?: string;
}

/**
 * Configures LogTape for baktadb's categories (`["baktadb", …]`): records at `level` and above are
 * written, synchronously, to a JSON-lines `file` or as text lines to standard error. Every record
 * is redacted before it is written: each secret registered with `addLogSecret` (the Bakta client
 * registers every job secret it sees), `secret=` query values and presigned-link signatures become
 * `***`. Call it from an application, never from library code; dispose the handle (or
 * `using` it) to stop logging and close the file.
 *
 * @param options Level, file, and where text goes.
 * @returns A handle; disposing it resets LogTape.
 * @throws {RangeError} When `level` is not a LogTape level (naming the option).
 *
 * @example Debug records, redacted, as text lines
 * ```ts
 * import { addLogSecret } from "./log_secrets.ts";
 * import { baktadbLogger } from "./logger.ts";
 * import { configureLogging } from "./configure_logging.ts";
 * const lines: string[] = [];
 * addLogSecret("Xk3mQ9sLp2Vb7TzR4wYe8NaC5uHd6JfG");
 * {
 *   using _logging = configureLogging({ level: "debug", write: (text) => lines.push(text) });
 *   baktadbLogger("client").debug("listing job {id} with secret {secret}", {
 *     id: "j1",
 *     secret: "Xk3mQ9sLp2Vb7TzR4wYe8NaC5uHd6JfG",
 *   });
 * }
 * baktadbLogger("client").debug("not written: the handle is disposed");
 * if (lines.length !== 1 || lines[0].includes("Xk3mQ9sL")) throw new Error(lines.join());
 * ```
 */
export function configureLogging(options: LoggingOptions = {}): LoggingHandle {
  const level = options.level ?? "info";
  if (!isLogLevel(level)) {
    throw new RangeError(
      `Invalid level ${JSON.stringify(level)}: expected one of ${LOG_LEVELS.join(", ")}`,
    );
  }
  const file = options.file === undefined ? undefined : openLogFile(options.file);
  const write = file
    ? (text: string) => writeAll(file, text)
    : options.write ?? ((text: string) => writeAll(Deno.stderr, text));
  const format = file ? formatJsonLine : getTextFormatter({ value: plainValue });
  configureSync({
    reset: true,
    sinks: { baktadb: redactingSink(format, write) },
    loggers: [
      { category: ["baktadb"], lowestLevel: level, sinks: ["baktadb"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["baktadb"] },
    ],
  });
  return {
    level,
    file: options.file,
    [Symbol.dispose]() {
      resetSync();
      file?.close();
    },
  };
}

/**
 * One JSON line per record: `time` (ISO 8601), `level`, `logger` (the category joined with `.`),
 * `message` (values inlined, strings bare) and `properties`.
 */
function formatJsonLine(record: LogRecord): string {
  const message = record.message.map((part, i) => i % 2 === 0 ? part : plainValue(part)).join("");
  return JSON.stringify(
    {
      time: new Date(record.timestamp).toISOString(),
      level: record.level,
      logger: record.category.join("."),
      message,
      properties: record.properties,
    },
    (_key, value) => value instanceof Error ? { name: value.name, message: value.message } : value,
  ) +
    "\n";
}

function plainValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.message;
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function redactingSink(format: (record: LogRecord) => string, write: (text: string) => void): Sink {
  return (record) => write(redactText(format(record), logSecrets()));
}

function openLogFile(path: string): Deno.FsFile {
  try {
    return Deno.openSync(path, { append: true, create: true, mode: 0o600 });
  } catch (error) {
    throw new Error(
      `Cannot open log file "${path}": ${error instanceof Error ? error.message : error}`,
      { cause: error },
    );
  }
}

const ENCODER = new TextEncoder();

function writeAll(target: { writeSync(bytes: Uint8Array): number }, text: string): void {
  let bytes = ENCODER.encode(text);
  while (bytes.byteLength > 0) bytes = bytes.subarray(target.writeSync(bytes));
}
