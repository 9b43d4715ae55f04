/**
 * Opens a baktadb database, driven by Kysely: SQLite through Deno's built-in `node:sqlite`, or
 * PostgreSQL (a `postgres://` URL) through the npm `pg` driver.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { registerFeatureTermIds } from "./feature_term_ids.ts";
import { Kysely, SqliteDialect } from "../deps/kysely.ts";
import type { Database } from "./schema.ts";
import { adaptSqlite, translateSqliteError } from "./sqlite_adapter.ts";
import { resolveDatabaseLocation, toSqlitePath } from "./database_location.ts";
import { isPostgresUrl, redactDatabaseUrl } from "./postgres/postgres_url.ts";
import { openPostgres } from "./postgres/open_postgres.ts";
import { DatabaseError, MigrationError } from "./errors.ts";
import { migrateToLatest, migrationStatus } from "./migrator.ts";
import { createPrivateDatabaseFile } from "./database_file_mode.ts";

/** Options of {@linkcode openDatabase}. */
export interface OpenDatabaseOptions {
  /**
   * What to do when the schema is older than this baktadb's: `true` migrates it to the latest;
   * `false` leaves it (for `baktadb migrate`); `"check"` throws a `MigrationError` that says
   * exactly what to run.
   * @default true
   */
  migrate?: boolean | "check";
  /**
   * How long SQLite waits for a lock held by another connection before giving up, in ms (on
   * PostgreSQL: the `lock_timeout`).
   * @default 5000
   */
  busyTimeoutMs?: number;
  /**
   * Open read-only.
   * @default false
   */
  readOnly?: boolean;
}

/** The defaults of {@linkcode OpenDatabaseOptions}. */
export const DEFAULT_OPEN_DATABASE_OPTIONS: Required<OpenDatabaseOptions> = Object.freeze({
  migrate: true,
  busyTimeoutMs: 5000,
  readOnly: false,
});

/**
 * Opens (creating if needed) a baktadb database and brings its schema up to date.
 *
 * SQLite, on open: a new file is created with mode 0600 whatever the umask (it holds job
 * secrets; SQLite gives its `-wal`/`-shm` the same mode), foreign keys on, WAL journal (for files), `synchronous = NORMAL` (safe with
 * WAL), a busy timeout. PostgreSQL: a small connection pool (see `openPostgres`); the password
 * comes from the URL, `$PGPASSWORD` or `~/.pgpass` and is never shown in messages. Both run the
 * same migrations. Close it with `await db.destroy()`.
 *
 * @param pathOrUrl A file path, `file:`/`sqlite:` URL, `":memory:"` or a
 *   `postgres://user[:password]@host[:port]/database` URL; default: `BAKTADB_DATABASE`, else
 *   `./baktadb.sqlite`.
 * @param options Migration and locking options.
 * @returns A typed Kysely instance.
 * @throws {DatabaseError} When the file cannot be opened or is not a database, or the server
 *   cannot be reached or refuses the connection.
 * @throws {MigrationError} When the schema is out of date and `migrate` is `"check"`, or a
 *   migration fails.
 *
 * @example An in-memory database
 * ```ts
 * import { openDatabase } from "./open_database.ts";
 * const db = await openDatabase(":memory:");
 * const genome = await db.insertInto("genomes").values({ name: "demo" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * if (genome.id !== 1) throw new Error("unexpected");
 * await db.destroy();
 * ```
 */
export async function openDatabase(
  pathOrUrl?: string,
  options: OpenDatabaseOptions = {},
): Promise<Kysely<Database>> {
  const { migrate, busyTimeoutMs, readOnly } = { ...DEFAULT_OPEN_DATABASE_OPTIONS, ...options };
  const location = resolveDatabaseLocation(pathOrUrl);
  const db = isPostgresUrl(location)
    ? await openPostgres(location, { readOnly, busyTimeoutMs })
    : new Kysely<Database>({
      dialect: new SqliteDialect({
        database: adaptSqlite(openNative(toSqlitePath(location), { readOnly, busyTimeoutMs }), {
          beginImmediate: !readOnly,
        }),
      }),
    });
  try {
    await bringSchemaUpToDate(db, redactDatabaseUrl(location), migrate, readOnly);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

function openNative(
  path: string,
  { readOnly, busyTimeoutMs }: { readOnly: boolean; busyTimeoutMs: number },
): DatabaseSync {
  let native: DatabaseSync;
  try {
    // It holds job secrets: a new file is created 0600 (SQLite gives -wal/-shm the same mode).
    if (!readOnly && path !== ":memory:" && path !== "") createPrivateDatabaseFile(path);
    native = new DatabaseSync(path, { readOnly, enableForeignKeyConstraints: true });
  } catch (error) {
    throw new DatabaseError(`Cannot open database "${path}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    native.exec(`pragma busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    native.exec("pragma foreign_keys = on");
    if (path !== ":memory:" && !readOnly) native.exec("pragma journal_mode = wal");
    native.exec("pragma synchronous = normal");
    registerFeatureTermIds(native);
    native.prepare("select count(*) from sqlite_schema").get();
  } catch (error) {
    native.close();
    const translated = translateSqliteError(error);
    throw new DatabaseError(`Cannot open database "${path}": ${(error as Error).message}`, {
      code: translated instanceof DatabaseError ? translated.code : undefined,
      cause: error,
    });
  }
  return native;
}

async function bringSchemaUpToDate(
  db: Kysely<Database>,
  location: string,
  migrate: boolean | "check",
  readOnly: boolean,
): Promise<void> {
  if (migrate === false) return;
  const status = await migrationStatus(db);
  if (status.pending.length === 0) return;
  if (migrate === "check" || readOnly) {
    const where = status.current === null ? "has no baktadb schema" : `is at ${status.current}`;
    throw new MigrationError(
      `Database "${location}" ${where} but this baktadb needs ${status.latest}: ` +
        `run \`deno task baktadb migrate up --db ${location}\``,
    );
  }
  await migrateToLatest(db);
}
