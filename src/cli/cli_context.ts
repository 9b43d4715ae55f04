/**
 * What every CLI command shares: the global options, the database it opens, the output streams
 * and the exit codes.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { openDatabase } from "../db/open_database.ts";
import { PermissionError } from "../db/errors.ts";

/** The exit codes of `baktadb` (documented in the README). */
export const EXIT = Object.freeze({
  /** Success. */
  OK: 0,
  /** A failure while doing the work (bad input file, service error, …). */
  FAILURE: 1,
  /** Wrong usage: unknown command or option, missing argument. */
  USAGE: 2,
  /** Something asked for does not exist (genome, job, file). */
  NOT_FOUND: 3,
  /** Some items of a batch failed while others succeeded. */
  PARTIAL: 4,
  /** The database refused the work to this user (e.g. a write with PostgreSQL's read-only role). */
  PERMISSION: 5,
});

/** The global options of every command. */
export interface GlobalOptions {
  /**
   * The database path or `postgres://` URL (`--db`), else `BAKTADB_DATABASE`, else
   * `./baktadb.sqlite`.
   */
  db?: string;
  /** Show more detail (stack traces, retries). */
  verbose?: boolean;
}

/** Where a command writes; replaceable in tests. */
export interface CliIo {
  /** Writes text to standard output. */
  out(text: string): void;
  /** Writes text to standard error. */
  err(text: string): void;
  /** Whether standard error is a terminal (progress bars only then). */
  isTerminal: boolean;
}

const encoder = new TextEncoder();

/** The real terminal. */
export const DENO_IO: CliIo = {
  out: (text) => writeAll(Deno.stdout, text),
  err: (text) => writeAll(Deno.stderr, text),
  get isTerminal() {
    return Deno.stderr.isTerminal();
  },
};

function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += stream.writeSync(bytes.subarray(written));
}

/**
 * Opens the database named by the global options, runs `work`, and closes it.
 *
 * @param options The global options.
 * @param work The work.
 * @returns What `work` returned.
 */
export async function withDatabase<T>(
  options: GlobalOptions,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(options.db);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** An error the CLI prints as one line and maps to an exit code. */
export class CliError extends Error {
  /** The exit code. */
  readonly exitCode: number;

  /**
   * @param message The one-line message.
   * @param exitCode The exit code.
   */
  constructor(message: string, exitCode: number = EXIT.FAILURE) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/**
 * The `PermissionError` that `error` is, or was caused by (e.g. inside a failed import).
 *
 * @param error Anything thrown.
 * @returns The permission error, or undefined.
 *
 * @example
 * ```ts
 * import { PermissionError } from "../db/errors.ts";
 * import { permissionErrorIn } from "./cli_context.ts";
 * const denied = new PermissionError("permission denied for table genomes");
 * const wrapped = new Error("Cannot import x", { cause: denied });
 * if (permissionErrorIn(wrapped) !== denied) throw new Error("not found");
 * ```
 */
export function permissionErrorIn(error: unknown): PermissionError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof PermissionError) return e;
  }
  return undefined;
}
