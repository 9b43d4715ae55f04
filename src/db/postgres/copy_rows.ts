/**
 * Bulk writes on PostgreSQL with `COPY … FROM STDIN` (through `pg-copy-streams`), inside whatever
 * transaction the caller runs: the statement goes through Kysely like any other, carrying its data
 * as a {@linkcode CopyFromStdin} parameter that the pool's connections (see `openPostgres`) stream
 * to the server in COPY's text format.
 *
 * @module
 */

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CompiledQuery, type Kysely } from "../../deps/kysely.ts";
import { copyFrom } from "../../deps/pg_copy_streams.ts";
import { copyTextRows } from "./copy_text.ts";

/** The rows encoded per chunk written to the server. */
export const COPY_ROWS_PER_CHUNK = 2000;

/**
 * The data of one `COPY … FROM STDIN` statement, passed as its only parameter: chunks of COPY's
 * text format, produced lazily (an encoding error stops the statement, and the transaction fails).
 */
export class CopyFromStdin {
  /** The chunks, in order. */
  readonly chunks: Iterable<string>;

  /**
   * @param chunks The chunks, in order.
   *
   * @example
   * ```ts
   * import { CopyFromStdin } from "./copy_rows.ts";
   * const data = new CopyFromStdin(["1\tx\n"]);
   * if ([...data.chunks].length !== 1) throw new Error("one chunk");
   * ```
   */
  constructor(chunks: Iterable<string>) {
    this.chunks = chunks;
  }
}

/** `name` as a quoted SQL identifier. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The `COPY` statement of a table and columns.
 *
 * @param table The table.
 * @param columns The columns, in the order of each row's values.
 * @returns `copy "table" ("a", "b") from stdin`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyStatement } from "./copy_rows.ts";
 * assert.equal(copyStatement("features", ["id", "type"]), 'copy "features" ("id", "type") from stdin');
 * ```
 */
export function copyStatement(table: string, columns: readonly string[]): string {
  return `copy ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(", ")}) from stdin`;
}

function* chunksOf(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Generator<string> {
  for (let at = 0; at < rows.length; at += COPY_ROWS_PER_CHUNK) {
    yield copyTextRows(table, columns, rows.slice(at, at + COPY_ROWS_PER_CHUNK), at);
  }
}

/**
 * Writes rows (arrays of values in `columns` order) into a table with one `COPY … FROM STDIN`
 * statement: on `db` itself or on the connection of the transaction `db` is. Constraint
 * violations surface as baktadb's `ConstraintError`, as for an insert.
 *
 * ```sql
 * copy "feature_xrefs" ("feature_id", "term_id") from stdin
 * ```
 *
 * @param db A database opened with `openPostgres` (or a transaction of one).
 * @param table The table.
 * @param columns The columns.
 * @param rows The rows.
 * @returns How many rows were written.
 * @throws {RangeError} When a value cannot be written (a string holding U+0000), naming the
 *   table, row and column; nothing of the statement is written.
 *
 * @example Nothing to write sends nothing (with rows, `db` must be a PostgreSQL database)
 * ```ts
 * import { openDatabase } from "../open_database.ts";
 * import { copyRows } from "./copy_rows.ts";
 * const db = await openDatabase(":memory:");
 * if (await copyRows(db, "feature_xrefs", ["feature_id", "term_id"], []) !== 0) {
 *   throw new Error("no rows");
 * }
 * await db.destroy();
 * ```
 */
export async function copyRows(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const data = new CopyFromStdin(chunksOf(table, columns, rows));
  await db.executeQuery(CompiledQuery.raw(copyStatement(table, columns), [data]));
  return rows.length;
}

/** The part of a `pg` client that runs a COPY stream. */
export interface CopyClient {
  /** Submits a query object (here a `pg-copy-streams` stream). */
  // deno-lint-ignore no-explicit-any
  query(stream: any): unknown;
}

/**
 * Runs a `COPY … FROM STDIN` statement on a `pg` client, streaming its data with backpressure; the
 * pool of `openPostgres` calls this when a query's parameter is a {@linkcode CopyFromStdin}.
 *
 * @param client The driver client (a pooled connection).
 * @param sql The statement.
 * @param data Its data.
 * @returns A result shaped like the driver's (`command`, `rowCount`, no rows).
 *
 * @example Recognising COPY data among a query's parameters
 * ```ts
 * import { CopyFromStdin, isCopyFromStdin } from "./copy_rows.ts";
 * if (!isCopyFromStdin([new CopyFromStdin([])])) throw new Error("COPY data expected");
 * if (isCopyFromStdin([1])) throw new Error("not COPY data");
 * ```
 */
export async function runCopyFromStdin(
  client: CopyClient,
  sql: string,
  data: CopyFromStdin,
): Promise<{ command: string; rowCount: number; rows: never[] }> {
  const stream = client.query(copyFrom(sql)) as ReturnType<typeof copyFrom>;
  await pipeline(Readable.from(data.chunks, { objectMode: false }), stream);
  return { command: "COPY", rowCount: Number(stream.rowCount ?? 0), rows: [] };
}

/**
 * Whether a query's parameters are the data of a `COPY … FROM STDIN`.
 *
 * @param parameters The query's parameters.
 * @returns True for exactly one {@linkcode CopyFromStdin}.
 *
 * @example
 * ```ts
 * import { CopyFromStdin, isCopyFromStdin } from "./copy_rows.ts";
 * if (!isCopyFromStdin([new CopyFromStdin(["1\n"])])) throw new Error("COPY data expected");
 * ```
 */
export function isCopyFromStdin(
  parameters: readonly unknown[] | undefined,
): parameters is [CopyFromStdin] {
  return parameters?.length === 1 && parameters[0] instanceof CopyFromStdin;
}
