/**
 * Wraps Deno's built-in `node:sqlite` so that Kysely's own `SqliteDialect` can drive it (no dialect
 * of our own): statements are cached, parameters converted to what the binding takes, counts given
 * as `bigint`, and driver errors translated into the classes of `errors.ts`.
 *
 * @module
 */

import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";
import { BusyError, ConstraintError, type ConstraintKind, DatabaseError } from "./errors.ts";

/** How many prepared statements a connection keeps. */
const STATEMENT_CACHE_SIZE = 200;

type SqliteValue = null | number | bigint | string | Uint8Array;

/** Options of {@linkcode adaptSqlite}. */
export interface SqliteAdapterOptions {
  /**
   * Start Kysely's transactions with `begin immediate` instead of its deferred `begin`: the write
   * lock is taken (waiting up to the busy timeout) before any statement runs, so a transaction
   * never has to upgrade a read snapshot to a write lock, which SQLite refuses at once with
   * `SQLITE_BUSY` whatever the busy timeout. Turn it off for read-only connections.
   * @default true
   */
  beginImmediate?: boolean;
}

/** The statement Kysely's `SqliteDriver` begins every transaction with. */
const KYSELY_BEGIN = "begin";

/** The shape of an error thrown by `node:sqlite`. */
interface SqliteDriverError extends Error {
  errcode?: number;
  errstr?: string;
  code?: string;
}

/** SQLite's primary result codes that matter here. */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CONSTRAINT = 19;

/**
 * SQLite's messages for `SQLITE_BUSY` and `SQLITE_LOCKED` (`sqlite3ErrStr`, and the shared-cache
 * "database schema is locked: …"): `node:sqlite` errors from `exec()` carry no `errcode`, only them.
 */
const BUSY_MESSAGE = /^database (?:is|table is|schema is) locked\b/;

/** Extended constraint codes, by their kind. */
const CONSTRAINT_KINDS: ReadonlyMap<number, ConstraintKind> = new Map([
  [275, "check"],
  [787, "foreign-key"],
  [1299, "not-null"],
  [1555, "primary-key"],
  [2067, "unique"],
]);

/**
 * Adapts a `DatabaseSync` to Kysely's `SqliteDatabase`.
 *
 * @param database An open `node:sqlite` database.
 * @param options Whether transactions begin immediate.
 * @returns The object to give to `new SqliteDialect({ database })`.
 *
 * @example Querying through Kysely
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { Kysely, SqliteDialect, sql } from "kysely";
 * import { adaptSqlite } from "./sqlite_adapter.ts";
 * const db = new Kysely<Record<string, never>>({
 *   dialect: new SqliteDialect({ database: adaptSqlite(new DatabaseSync(":memory:")) }),
 * });
 * const { rows } = await sql<{ x: number }>`select 1 + 1 as x`.execute(db);
 * if (rows[0].x !== 2) throw new Error("unexpected");
 * await db.destroy();
 * ```
 */
export function adaptSqlite(
  database: DatabaseSync,
  options: SqliteAdapterOptions = {},
): SqliteDatabase {
  const { beginImmediate = true } = options;
  const cache = new Map<string, StatementSync>();
  return {
    close() {
      cache.clear();
      if (database.isOpen) database.close();
    },
    prepare(text: string): SqliteStatement {
      const sql = beginImmediate && text === KYSELY_BEGIN ? "begin immediate" : text;
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = translateErrors(sql, () => database.prepare(sql));
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return adaptStatement(sql, statement);
    },
  };
}

function adaptStatement(sql: string, statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) =>
      translateErrors(sql, () => statement.all(...toSqliteValues(parameters))).map(toPlainObject),
    run: (parameters) =>
      translateErrors(sql, () => {
        const { changes, lastInsertRowid } = statement.run(...toSqliteValues(parameters));
        return { changes: BigInt(changes), lastInsertRowid: BigInt(lastInsertRowid) };
      }),
    iterate: (parameters) =>
      translateErrors(sql, () => statement.iterate(...toSqliteValues(parameters))),
  };
}

/** `node:sqlite` gives rows without a prototype; callers expect plain objects. */
function toPlainObject(row: unknown): unknown {
  return { ...(row as Record<string, unknown>) };
}

/**
 * Converts Kysely parameters to values `node:sqlite` binds: booleans become 0/1, `undefined`
 * becomes null, dates become ISO text.
 */
function toSqliteValues(parameters: ReadonlyArray<unknown>): SqliteValue[] {
  return parameters.map((value) => {
    if (value === undefined || value === null) return null;
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
    return value as SqliteValue;
  });
}

function translateErrors<T>(sql: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw translateSqliteError(error, sql);
  }
}

/**
 * Turns an error thrown by `node:sqlite` into a `ConstraintError`, a `BusyError` or a
 * `DatabaseError`; anything else is returned unchanged.
 *
 * @param error What the driver threw.
 * @param sql The statement that failed, where known.
 * @returns The translated error.
 *
 * @example Translating a uniqueness violation
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { ConstraintError } from "./errors.ts";
 * import { translateSqliteError } from "./sqlite_adapter.ts";
 * const native = new DatabaseSync(":memory:");
 * native.exec("create table t (name text unique)");
 * const insert = "insert into t values (?)";
 * native.prepare(insert).run("a");
 * let translated: unknown;
 * try {
 *   native.prepare(insert).run("a");
 * } catch (error) {
 *   translated = translateSqliteError(error, insert);
 * }
 * if (!(translated instanceof ConstraintError) || translated.constraint !== "unique") {
 *   throw new Error("expected a unique ConstraintError");
 * }
 * native.close();
 * ```
 */
export function translateSqliteError(error: unknown, sql?: string): unknown {
  if (!(error instanceof Error) || error instanceof DatabaseError) return error;
  const driverError = error as SqliteDriverError;
  if (typeof driverError.errcode !== "number") {
    const busy = BUSY_MESSAGE.test(driverError.errstr ?? "") || BUSY_MESSAGE.test(error.message);
    return busy ? new BusyError(error.message, { code: "SQLITE_BUSY", sql, cause: error }) : error;
  }
  const code = driverError.errcode;
  const options = { code: `SQLITE_${code}`, sql, cause: error };
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return new ConstraintError(CONSTRAINT_KINDS.get(code) ?? "other", error.message, options);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return new BusyError(error.message, options);
    default:
      return new DatabaseError(error.message, options);
  }
}
