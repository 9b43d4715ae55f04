/**
 * Opens a PostgreSQL database through Kysely's `PostgresDialect` and the npm `pg` driver.
 *
 * @module
 */

import pg from "../../deps/pg.ts";
import {
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
} from "../../deps/kysely.ts";
import type { Database } from "../schema.ts";
import type { OpenDatabaseOptions } from "../open_database.ts";
import { DatabaseError } from "../errors.ts";
import { type PostgresConnectionOptions, resolvePostgresConnection } from "./postgres_url.ts";
import { translatePostgresError } from "./translate_postgres_error.ts";
import { isCopyFromStdin, runCopyFromStdin } from "./copy_rows.ts";
import { isNamedStatement } from "./named_statement.ts";

/**
 * Options of {@linkcode openPostgres}: the connection's, and `busyTimeoutMs` (PostgreSQL's
 * `lock_timeout`; 0 waits for ever) and `readOnly` (every transaction `read only`) as
 * {@linkcode OpenDatabaseOptions} describes them.
 */
export interface OpenPostgresOptions
  extends PostgresConnectionOptions, Pick<OpenDatabaseOptions, "busyTimeoutMs" | "readOnly"> {
  /**
   * The most connections the pool opens.
   * @default 4
   */
  maxConnections?: number;
}

/** The OIDs whose text the driver would otherwise hand back as strings or Buffers. */
const INT8 = 20;
const NUMERIC = 1700;
const BYTEA = 17;

/**
 * Values as the SQLite path returns them: `bigint` counts and `numeric` sums as numbers (baktadb's
 * counts stay far below 2^53), `bytea` as a plain `Uint8Array`.
 */
const TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (text: string) => Number(text);
    if (oid === BYTEA) {
      const parse = pg.types.getTypeParser(BYTEA, "text") as (text: string) => Uint8Array;
      return (text: string) => {
        const bytes = parse(text);
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      };
    }
    // deno-lint-ignore no-explicit-any
    return pg.types.getTypeParser(oid, format as any);
  },
};

/**
 * Opens a connection pool to a PostgreSQL database and checks that it answers (no migration: see
 * `openDatabase`). Driver errors of every query become baktadb's `ConstraintError`, `BusyError`,
 * `PermissionError` or `DatabaseError`. Messages show the URL without its password.
 *
 * @param url A `postgres://user[:password]@host[:port]/database` URL; the password may also come
 *   from `$PGPASSWORD` or `~/.pgpass`.
 * @param options Locking, read-only and pool options.
 * @returns A typed Kysely instance; close it with `await db.destroy()`.
 * @throws {DatabaseError} When the server cannot be reached or refuses the connection.
 *
 * @example A server that is not there
 * ```ts
 * import assert from "node:assert/strict";
 * import { openPostgres } from "./open_postgres.ts";
 * await assert.rejects(
 *   openPostgres("postgres://lab:s3cret@127.0.0.1:1/cohort"),
 *   (error: Error) => error.message.includes("lab:***@") && !error.message.includes("s3cret"),
 * );
 * ```
 */
export async function openPostgres(
  url: string,
  options: OpenPostgresOptions = {},
): Promise<Kysely<Database>> {
  const { busyTimeoutMs = 5000, readOnly = false, maxConnections = 4 } = options;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new RangeError(
      `Invalid option "maxConnections": expected a positive integer, got ${maxConnections}`,
    );
  }
  const connection = resolvePostgresConnection(url, options);
  const settings = [`-c lock_timeout=${Math.max(0, Math.trunc(busyTimeoutMs))}`];
  if (readOnly) settings.push("-c default_transaction_read_only=on");
  const pool = new pg.Pool({
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    max: maxConnections,
    application_name: "baktadb",
    options: settings.join(" "),
    types: TYPES,
  });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: translatingPool(pool) }),
  });
  try {
    await pool.query("select 1");
  } catch (error) {
    await db.destroy();
    const translated = translatePostgresError(error);
    throw new DatabaseError(
      `Cannot open database "${connection.redacted}": ${(error as Error).message}`,
      { code: translated instanceof DatabaseError ? translated.code : undefined, cause: error },
    );
  }
  return db;
}

/**
 * The pool, with every query's driver error translated (one wrapper per driver client),
 * `COPY … FROM STDIN` statements (their data a `CopyFromStdin` parameter) streamed, and named
 * statements (a `NamedStatementValues` parameter) sent as `{ name, text, values }`.
 */
function translatingPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    get processID() {
      // The driver sets it on every client; its type declarations do not list it.
      const id: unknown = Reflect.get(client, "processID");
      return typeof id === "number" ? id : undefined;
    },
    // deno-lint-ignore no-explicit-any
    async query(sql: any, parameters?: any): Promise<any> {
      try {
        if (isCopyFromStdin(parameters)) return await runCopyFromStdin(client, sql, parameters[0]);
        if (isNamedStatement(parameters)) {
          const [{ name, values }] = parameters;
          return await client.query({ name, text: sql, values: [...values] });
        }
        return await client.query(sql, parameters);
      } catch (error) {
        throw translatePostgresError(error, typeof sql === "string" ? sql : undefined);
      }
    },
    release: (destroy?: boolean) => client.release(destroy),
  } as PostgresPoolClient);
  return {
    options: pool.options,
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (wrapper === undefined) wrappers.set(client, wrapper = wrap(client));
      return wrapper;
    },
    end: () => pool.end(),
  };
}
