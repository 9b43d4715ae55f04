/**
 * Wraps Deno's built-in `node:sqlite` so that Kysely's own `SqliteDialect` can drive it (no dialect
 * of our own): statements are cached, parameters converted to what the binding takes, counts given
 * as `bigint`, rows read as arrays and turned into objects by one constructor per column list, and
 * driver errors translated into the classes of `errors.ts`.
 *
 * @module
 */

import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "../deps/kysely.ts";
import { BusyError, ConstraintError, type ConstraintKind, DatabaseError } from "./errors.ts";

/** How many prepared statements a connection keeps. */
const STATEMENT_CACHE_SIZE = 200;

/** How many row constructors (one per distinct column list) the process keeps. */
const ROW_MAKER_CACHE_SIZE = 500;

type SqliteValue = null | number | bigint | string | Uint8Array;

/**
 * `node:sqlite`'s statement with `setReturnArrays` (in the runtime since Node 24 / Deno 2.x; not yet
 * in Deno's bundled types): rows come as arrays, which the binding builds several times faster than
 * objects.
 */
interface ArrayRowsStatement extends StatementSync {
  setReturnArrays(enabled: boolean): void;
}

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
 * import { Kysely, SqliteDialect, sql } from "../deps/kysely.ts";
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
  const cache = new Map<string, CachedStatement>();
  let schemaVersionStatement: ArrayRowsStatement | undefined;
  const schemaVersion = (): number => {
    schemaVersionStatement ??= arrayRows(database.prepare("pragma schema_version"));
    return Number(rowArray(schemaVersionStatement.get())[0]);
  };
  return {
    close() {
      cache.clear();
      schemaVersionStatement = undefined;
      if (database.isOpen) database.close();
    },
    prepare(text: string): SqliteStatement {
      const sql = beginImmediate && text === KYSELY_BEGIN ? "begin immediate" : text;
      let cached = cache.get(sql);
      if (cached === undefined) {
        const statement = translateErrors(sql, () => arrayRows(database.prepare(sql)));
        cached = { statement, ...describeColumns(statement), schemaVersion: schemaVersion() };
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sql, cached);
      }
      return adaptStatement(sql, cached, schemaVersion);
    },
  };
}

/** A prepared statement with what it returns, as of a schema version. */
interface CachedStatement {
  /** The statement, returning rows as arrays. */
  statement: ArrayRowsStatement;
  /** Whether it returns rows (a select, or a write with `returning`). */
  reader: boolean;
  /** Turns one of its row arrays into an object. */
  toObject: RowMaker;
  /** The number of columns `toObject` expects. */
  width: number;
  /** The schema version `toObject` was made at. */
  schemaVersion: number;
}

/** Turns a row array into an object keyed by its column names. */
type RowMaker = (row: readonly unknown[]) => unknown;

function arrayRows(statement: StatementSync): ArrayRowsStatement {
  (statement as ArrayRowsStatement).setReturnArrays(true);
  return statement as ArrayRowsStatement;
}

/**
 * The rows of a statement set to return arrays (`node:sqlite`'s types only know row objects):
 * checked on the first row, so that a statement not switched to arrays fails loudly.
 */
function rowArrays(rows: readonly unknown[]): unknown[][] {
  if (rows.length > 0) rowArray(rows[0]);
  return rows as unknown[][];
}

/** One row of a statement set to return arrays (see {@linkcode rowArrays}). */
function rowArray(row: unknown): unknown[] {
  if (!Array.isArray(row)) {
    throw new TypeError("Expected node:sqlite to return the row as an array (setReturnArrays)");
  }
  return row;
}

/** Whether a statement returns rows, and its row constructor (`statement.columns()` is slow: once). */
function describeColumns(
  statement: StatementSync,
): { reader: boolean; toObject: RowMaker; width: number } {
  const names = statement.columns().map((column) => column.name);
  return { reader: names.length > 0, toObject: rowMaker(names), width: names.length };
}

/**
 * The statement as Kysely drives it; rows, read as arrays, become plain objects through the
 * constructor of its column list. The column list is read again after an execution that saw a new
 * schema version (SQLite re-prepares a statement whose tables changed, by this connection or
 * another, so a cached `select *` may return other columns): reading the version is one short
 * statement, where the column list takes several times a one-row select. As with `node:sqlite`'s
 * own objects, the execution that re-prepares a statement gives rows of its former width.
 */
function adaptStatement(
  sql: string,
  cached: CachedStatement,
  schemaVersion: () => number,
): SqliteStatement {
  const { statement, reader } = cached;
  const currentMaker = (width: number): RowMaker => {
    const version = schemaVersion();
    if (version === cached.schemaVersion) return cached.toObject;
    const { toObject: before, width: widthBefore } = cached;
    Object.assign(cached, describeColumns(statement), { schemaVersion: version });
    // This execution may have been read with the column count of before its re-preparation.
    return width === widthBefore && width !== cached.width ? before : cached.toObject;
  };
  return {
    reader,
    all: (parameters) =>
      translateErrors(sql, () => {
        const rows = rowArrays(statement.all(...toSqliteValues(parameters)));
        if (!reader) return [];
        const toObject = currentMaker(rows[0]?.length ?? cached.width);
        const objects = new Array<unknown>(rows.length);
        for (let i = 0; i < rows.length; i++) objects[i] = toObject(rows[i]);
        return objects;
      }),
    run: (parameters) =>
      translateErrors(sql, () => {
        const { changes, lastInsertRowid } = statement.run(...toSqliteValues(parameters));
        return { changes: BigInt(changes), lastInsertRowid: BigInt(lastInsertRowid) };
      }),
    iterate: (parameters) =>
      translateErrors(sql, () => {
        const rows = statement.iterate(...toSqliteValues(parameters)) as IterableIterator<
          unknown[]
        >;
        return reader ? objectsOf(rows, currentMaker) : rows;
      }),
  };
}

/**
 * The rows of an iterator of arrays, as objects; the constructor is chosen once the first row is
 * read (the statement has then run at the current schema). The driver's iterator is closed with it.
 */
function* objectsOf(
  rows: Iterator<unknown[]>,
  currentMaker: (width: number) => RowMaker,
): Generator<unknown, void, undefined> {
  try {
    let next = rows.next();
    if (next.done) return;
    const toObject = currentMaker(next.value.length);
    for (; !next.done; next = rows.next()) yield toObject(next.value);
  } finally {
    rows.return?.();
  }
}

const ROW_MAKERS = new Map<string, RowMaker>();

/**
 * The function that turns a row array into an object keyed by `names` (a later column of the same
 * name wins, as in `node:sqlite`'s own objects): one object literal with fixed keys, compiled once
 * per column list, so that every row of a statement gets the same shape without a key looked up
 * per value. The names are written as JSON string literals, so any name is safe.
 *
 * @param names The result's column names, in order.
 * @returns The constructor.
 */
function rowMaker(names: readonly string[]): RowMaker {
  const key = JSON.stringify(names);
  let make = ROW_MAKERS.get(key);
  if (make === undefined) {
    const fields = names.map((name, i) => `${JSON.stringify(name)}: row[${i}]`).join(", ");
    make = new Function("row", `return { ${fields} };`) as RowMaker;
    if (ROW_MAKERS.size >= ROW_MAKER_CACHE_SIZE) ROW_MAKERS.delete(ROW_MAKERS.keys().next().value!);
    ROW_MAKERS.set(key, make);
  }
  return make;
}

/**
 * Converts Kysely parameters to values `node:sqlite` binds: booleans become 0/1, `undefined`
 * becomes null, dates become ISO text. Parameters that need none of it (a bulk insert's tens of
 * thousands of values, mostly) are given as they are, after one scan, without a copy.
 */
function toSqliteValues(parameters: ReadonlyArray<unknown>): SqliteValue[] {
  for (let i = 0; i < parameters.length; i++) {
    if (needsConversion(parameters[i])) return parameters.map(toSqliteValue);
  }
  return parameters as SqliteValue[];
}

function needsConversion(value: unknown): boolean {
  return value === undefined || typeof value === "boolean" || value instanceof Date;
}

function toSqliteValue(value: unknown): SqliteValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SqliteValue;
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
