/**
 * The CLI's logging options (private): `--log-level`, `--log-file FILE` and `$BAKTADB_LOG`.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { LogLevel } from "../deps/logtape.ts";
import { configureLogging, LOG_LEVELS, type LoggingHandle } from "../log/configure_logging.ts";
import { CliError, type CliIo, EXIT } from "./cli_context.ts";

/** The environment variable that sets the log level when `--log-level` is not given. */
export const LOG_LEVEL_ENV = "BAKTADB_LOG";

const HANDLES = new WeakMap<Command, LoggingHandle>();

/**
 * Adds `--log-level` and `--log-file` to the program.
 *
 * @param program The root command.
 */
export function addLogOptions(program: Command): void {
  program
    .option(
      "--log-level <level>",
      `log records at this level and above: ${LOG_LEVELS.join(", ")} ` +
        `(default: $${LOG_LEVEL_ENV}; none, or debug with --log-file)`,
    )
    .option("--log-file <file>", "append the log as JSON lines to this file (secrets redacted)");
}

/**
 * Configures logging from the global options before a command runs: the level is `--log-level`,
 * else `$BAKTADB_LOG`, else `debug` when a `--log-file` is given; without any of them nothing is
 * logged. Records go to the file as JSON lines, else to standard error as text.
 *
 * @param program The root command, its options parsed.
 * @param io Where text records go without a file.
 * @throws {CliError} For an unknown level (exit code 2), naming where it came from.
 */
export function startCliLogging(program: Command, io: CliIo): void {
  const options = program.opts<{ logLevel?: string; logFile?: string }>();
  const fromEnv = Deno.env.get(LOG_LEVEL_ENV) || undefined;
  const level = options.logLevel ?? fromEnv ?? (options.logFile ? "debug" : undefined);
  if (level === undefined) return;
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    const source = options.logLevel !== undefined ? "--log-level" : `$${LOG_LEVEL_ENV}`;
    throw new CliError(
      `Invalid ${source} "${level}": expected one of ${LOG_LEVELS.join(", ")}`,
      EXIT.USAGE,
    );
  }
  HANDLES.get(program)?.[Symbol.dispose]();
  HANDLES.set(
    program,
    configureLogging({ level: level as LogLevel, file: options.logFile, write: io.err }),
  );
}

/**
 * Stops the logging `startCliLogging` configured (closing the file), if any.
 *
 * @param program The root command.
 */
export function stopCliLogging(program: Command): void {
  HANDLES.get(program)?.[Symbol.dispose]();
  HANDLES.delete(program);
}
