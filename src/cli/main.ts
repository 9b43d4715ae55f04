/**
 * `baktadb`: the command-line interface. Run it as `deno task baktadb <command> …`.
 *
 * @module
 */

import { Command, CommanderError } from "../deps/commander.ts";
import {
  CliError,
  type CliIo,
  databaseLocation,
  DENO_IO,
  escapingIo,
  EXIT,
  type GlobalOptions,
  permissionErrorIn,
} from "./cli_context.ts";
import { toSqlitePath } from "../db/database_location.ts";
import { exposedSecretsWarning } from "../db/database_file_mode.ts";
import { escapeControl } from "./escape_control.ts";
import { COMMANDS } from "./commands.ts";
import { refuseOptionLikeValues } from "./_option_values.ts";
import { DatabaseError, NotFoundError } from "../db/errors.ts";
import { ParseError } from "../formats/parse_error.ts";
import { BAKTADB_VERSION } from "../version.ts";

/**
 * Builds the `baktadb` program with every command. Commands write through an
 * {@linkcode escapingIo}: no control character read from a file reaches the terminal raw.
 *
 * @param io Where the commands write.
 * @returns The commander program.
 */
export function createProgram(terminal: CliIo = DENO_IO): Command {
  const io = escapingIo(terminal);
  const program = new Command("baktadb")
    .description("Keep, explore and compare Bakta genome annotations in one database")
    .version(BAKTADB_VERSION)
    .option(
      "--db <file|url>",
      "database file or postgres:// URL (default: $BAKTADB_DATABASE or ./baktadb.sqlite)",
    )
    .option("-v, --verbose", "show more detail on errors and progress")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
    })
    .exitOverride();
  // One check for every option of every command, present and future: `--genome --db` is refused.
  program.hook("preAction", (_program, action) => refuseOptionLikeValues(action));
  // A database file holding job secrets that others can read: say so before any work.
  program.hook("preAction", (_program, action) => warnIfSecretsExposed(action, io));
  for (const register of COMMANDS) register(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs `baktadb` with the given arguments and returns the exit code; errors become one line on
 * standard error (with `--verbose`, the stack too).
 *
 * @param args The arguments after the program name.
 * @param io Where to write.
 * @returns The exit code (see `EXIT`).
 *
 * @example
 * ```ts
 * import { runCli } from "./main.ts";
 * const out: string[] = [];
 * const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), isTerminal: false };
 * const code = await runCli(["--version"], io);
 * if (code !== 0 || !out.join("").includes(".")) throw new Error("unexpected");
 * ```
 */
export async function runCli(args: string[], io: CliIo = DENO_IO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(args, { from: "user" });
    return EXIT.OK;
  } catch (error) {
    return reportError(error, io, args.includes("--verbose") || args.includes("-v"));
  }
}

function reportError(error: unknown, io: CliIo, verbose: boolean): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT.OK; // --help, --version
    return EXIT.USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  const permission = permissionErrorIn(error);
  // One line: a line feed inside the message (a genome name, a file's text) is shown as `\n`.
  io.err(
    permission === undefined
      ? `baktadb: ${escapeControl(message.trimEnd())}\n`
      : `baktadb: ${escapeControl(permission.message)}: this database user may not write (it ` +
        `has read-only access; ask for the writer role)\n`,
  );
  if (verbose && error instanceof Error && error.stack) {
    io.err(`${escapeControl(error.stack, { keepLineStructure: true })}\n`);
  }
  if (permission !== undefined) return EXIT.PERMISSION;
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof NotFoundError) return EXIT.NOT_FOUND;
  if (error instanceof ParseError || error instanceof DatabaseError) return EXIT.FAILURE;
  return EXIT.FAILURE;
}

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args));
}

function warnIfSecretsExposed(action: Command, io: CliIo): void {
  let path: string;
  try {
    path = toSqlitePath(databaseLocation(action.optsWithGlobals<GlobalOptions>()));
  } catch {
    return; // PostgreSQL: the server keeps the secrets
  }
  if (path === ":memory:") return;
  const warning = exposedSecretsWarning(path);
  if (warning !== undefined) io.err(`${warning}\n`);
}
