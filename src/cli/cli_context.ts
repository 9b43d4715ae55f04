/**
 * What every CLI command shares: the global options, the database it opens, the output streams
 * and the exit codes.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { openDatabase } from "../db/open_database.ts";
import { resolveDatabaseLocation, toSqlitePath } from "../db/database_location.ts";
import { DatabaseError, PermissionError, SchemaTooNewError } from "../db/errors.ts";
import { redactDatabaseUrl } from "../db/postgres/postgres_url.ts";
import { BAKTADB_VERSION } from "../version.ts";
import { escapeControl } from "./escape_control.ts";

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
  /** The database file does not exist (a command that only reads never creates one). */
  NO_DATABASE: 5,
  /** The database refused the work to this user (e.g. a write with PostgreSQL's read-only role). */
  PERMISSION: 6,
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

/**
 * The io every command writes through: `out` and `err` show control characters as visible escapes
 * (line feeds and tabs, the line structure, are kept), so text read from annotation files cannot
 * drive the terminal; `raw` is the io underneath, for data written byte for byte (`export` to
 * standard output) and for the program's own terminal control (the progress bar's `\r`).
 */
export interface SafeCliIo extends CliIo {
  /** The unescaped io underneath. */
  readonly raw: CliIo;
}

/**
 * Wraps an io so that what commands write through `out` and `err` has no raw control character
 * but line feeds and tabs (see {@linkcode escapeControl}); the io's other members (`outBytes`,
 * `confirm`, …) stay reachable. `createProgram` gives every command such an io.
 *
 * @param io The io to wrap.
 * @returns The escaping io, with `raw` the one given.
 *
 * @example An escape sequence in a product name is shown, not run
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapingIo } from "./cli_context.ts";
 * let text = "";
 * const io = escapingIo({ out: (t: string) => (text += t), err: () => {}, isTerminal: false });
 * io.out("product: DNA\x1b[2J polymerase\n");
 * assert.equal(text, "product: DNA\\x1b[2J polymerase\n");
 * ```
 */
export function escapingIo<T extends CliIo>(io: T): T & SafeCliIo {
  if ("raw" in io) return io as T & SafeCliIo;
  const safe = Object.create(io) as T & { raw: CliIo };
  const keepLines = { keepLineStructure: true };
  Object.defineProperties(safe, {
    out: { value: (text: string) => io.out(escapeControl(text, keepLines)) },
    err: { value: (text: string) => io.err(escapeControl(text, keepLines)) },
    raw: { value: io },
  });
  return safe;
}

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

/** Options of {@linkcode withDatabase} and {@linkcode openCliDatabase}. */
export interface WithDatabaseOptions {
  /**
   * Create the database when its file does not exist. Only the commands that bring data in
   * (`init`, `import`, `submit`, `sync`, `demo`) do; any other command fails with
   * `EXIT.NO_DATABASE` and a message that says how to create one.
   * @default false
   */
  create?: boolean;
  /**
   * Bring an older schema up to date on open (`false` for `baktadb migrate`).
   * @default true
   */
  migrate?: boolean;
}

/**
 * Where the global options say the database is (`--db`, else `BAKTADB_DATABASE`, else
 * `./baktadb.sqlite`).
 *
 * @param options The global options.
 * @returns The path or URL.
 *
 * @example
 * ```ts
 * import { databaseLocation } from "./cli_context.ts";
 * if (databaseLocation({ db: "cohort.sqlite" }) !== "cohort.sqlite") throw new Error();
 * ```
 */
export function databaseLocation(options: GlobalOptions): string {
  return resolveDatabaseLocation(options.db);
}

/**
 * Opens the database named by the global options for a command: refuses a missing file unless
 * `create`, and turns the database errors a user can act on (a read-only file, a schema from a
 * newer baktadb) into messages that name the file (see {@linkcode explainDatabaseError}).
 *
 * @param options The global options.
 * @param open Whether to create a missing database, and whether to migrate.
 * @returns The database and where it is.
 * @throws {CliError} `EXIT.NO_DATABASE` when the file is missing and `create` is false.
 *
 * @example A read command never creates the file
 * ```ts
 * import assert from "node:assert/strict";
 * import { CliError, EXIT, openCliDatabase } from "./cli_context.ts";
 * const dir = await Deno.makeTempDir();
 * await assert.rejects(
 *   () => openCliDatabase({ db: `${dir}/typo.sqlite` }),
 *   (e: CliError) => e.exitCode === EXIT.NO_DATABASE && e.message.includes("typo.sqlite"),
 * );
 * await assert.rejects(() => Deno.stat(`${dir}/typo.sqlite`), Deno.errors.NotFound);
 * const { db } = await openCliDatabase({ db: `${dir}/new.sqlite` }, { create: true });
 * await db.destroy();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function openCliDatabase(
  options: GlobalOptions,
  open: WithDatabaseOptions = {},
): Promise<{ db: Kysely<Database>; location: string }> {
  const { create = false, migrate = true } = open;
  const location = databaseLocation(options);
  if (!create) await assertDatabaseExists(location);
  try {
    return { db: await openDatabase(location, { migrate }), location };
  } catch (error) {
    throw explainDatabaseError(error, location);
  }
}

async function assertDatabaseExists(location: string): Promise<void> {
  let path: string;
  try {
    path = toSqlitePath(location);
  } catch {
    return; // not a SQLite file: openDatabase says what it makes of it
  }
  if (path === ":memory:") return;
  try {
    await Deno.stat(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) return;
    throw new CliError(
      `No database at "${path}": create it with \`baktadb init --db ${path}\` or bring data ` +
        `in with \`baktadb import PATH --db ${path}\``,
      EXIT.NO_DATABASE,
    );
  }
}

/** SQLite's primary result code for a write to a read-only database. */
const SQLITE_READONLY = 8;

function isReadOnlyError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = e instanceof DatabaseError ? /^SQLITE_(\d+)$/.exec(e.code ?? "") : null;
    if (code !== null && (Number(code[1]) & 0xff) === SQLITE_READONLY) return true;
    if (/\breadonly database\b/i.test(e.message)) return true;
  }
  return false;
}

/**
 * Turns a database error a user can act on into a {@linkcode CliError} naming the database file
 * and what to do: a read-only file (or folder), or a schema made by a newer baktadb. Other errors
 * are returned as they are.
 *
 * @param error The error.
 * @param location The database's path or URL.
 * @returns The error to throw or report.
 *
 * @example A schema from a newer baktadb
 * ```ts
 * import assert from "node:assert/strict";
 * import { SchemaTooNewError } from "../db/errors.ts";
 * import { explainDatabaseError } from "./cli_context.ts";
 * const explained = explainDatabaseError(new SchemaTooNewError("0099_x", "0003_y"), "c.sqlite");
 * assert.match((explained as Error).message, /^Database "c\.sqlite" is at schema 0099_x/);
 * ```
 */
export function explainDatabaseError(error: unknown, url: string): unknown {
  if (error instanceof CliError) return error;
  const location = redactDatabaseUrl(url);
  if (error instanceof SchemaTooNewError) {
    return new CliError(
      `Database "${location}" is at schema ${error.schema}, made by a newer baktadb (this one, ` +
        `${BAKTADB_VERSION}, knows schemas up to ${error.latest}): use a newer baktadb with it`,
    );
  }
  if (isReadOnlyError(error)) {
    return new CliError(
      `Cannot write to database "${location}": the file or its folder is read-only: make both ` +
        `writable (chmod u+w), or copy the file somewhere writable and pass it as another --db`,
    );
  }
  return error;
}

/**
 * Opens the database named by the global options, runs `work`, and closes it. A database that
 * does not exist is an error unless `create` (see {@linkcode openCliDatabase}); errors of `work`
 * that a user can act on name the file (see {@linkcode explainDatabaseError}).
 *
 * @param options The global options.
 * @param work The work.
 * @param open Whether to create a missing database, and whether to migrate.
 * @returns What `work` returned.
 *
 * @example Reading an in-memory database
 * ```ts
 * import { withDatabase } from "./cli_context.ts";
 * const n = await withDatabase({ db: ":memory:" }, async (db) =>
 *   (await db.selectFrom("genomes").selectAll().execute()).length);
 * if (n !== 0) throw new Error("expected an empty database");
 * ```
 */
export async function withDatabase<T>(
  options: GlobalOptions,
  work: (db: Kysely<Database>) => Promise<T>,
  open: WithDatabaseOptions = {},
): Promise<T> {
  const { db, location } = await openCliDatabase(options, open);
  try {
    return await work(db);
  } catch (error) {
    throw explainDatabaseError(error, location);
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
