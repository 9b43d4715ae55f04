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
import { copyTextLine } from "./copy_text.ts";

/** The most rows encoded per chunk written to the server. */
export const COPY_ROWS_PER_CHUNK = 2000;

/**
 * The most characters of a chunk (about 8 MiB) before it is written: rows with large values (the
 * original files of `result_files`, megabytes each as `bytea` hex) go a few at a time, so that no
 * chunk nears V8's longest string and memory holds one chunk, not the whole statement.
 */
export const COPY_CHARS_PER_CHUNK = 8 * 1024 * 1024;

/**
 * The data of one `COPY … FROM STDIN` statement, passed as its only parameter: chunks of COPY's
 * text format, produced lazily (an encoding error stops the statement, and the transaction fails).
 */
export class CopyFromStdin {
  /** The chunks, in order (produced synchronously, or awaited one at a time). */
  readonly chunks: Iterable<string> | AsyncIterable<string>;

  /**
   * @param chunks The chunks, in order.
   *
   * @example
   * ```ts
   * import { CopyFromStdin } from "./copy_rows.ts";
   * const data = new CopyFromStdin(["1\tx\n"]);
   * const chunks: string[] = [];
   * for await (const chunk of data.chunks) chunks.push(chunk);
   * if (chunks.length !== 1) throw new Error("one chunk");
   * ```
   */
  constructor(chunks: Iterable<string> | AsyncIterable<string>) {
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

/**
 * The rows as chunks of COPY's text format (see `copyTextLine`), produced lazily: at most
 * {@linkcode COPY_ROWS_PER_CHUNK} rows each, a chunk ended as soon as it holds
 * {@linkcode COPY_CHARS_PER_CHUNK} characters (so a single larger row is a chunk of its own).
 *
 * @param table The table, for error messages.
 * @param columns The columns.
 * @param rows The rows.
 * @param firstRow The number of `rows[0]` in error messages (when `rows` continue earlier ones).
 * @returns The chunks, in order; concatenated they are every row's line.
 * @throws {RangeError} When a value cannot be written, naming table, row and column (when the
 *   chunk holding it is produced).
 *
 * @example Three rows of 3 MiB each (6 MiB of hex): two chunks
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyTextChunks } from "./copy_rows.ts";
 * const rows = [1, 2, 3].map((id) => [id, new Uint8Array(3 * 1024 * 1024)]);
 * const chunks = [...copyTextChunks("result_files", ["id", "content"], rows)];
 * assert.deepEqual(chunks.map((chunk) => chunk.split("\n").length - 1), [2, 1]);
 * ```
 */
export function* copyTextChunks(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  firstRow = 1,
): Generator<string> {
  let chunk = "";
  let inChunk = 0;
  for (let r = 0; r < rows.length; r++) {
    chunk += copyTextLine(table, columns, rows[r], r + firstRow);
    if (++inChunk === COPY_ROWS_PER_CHUNK || chunk.length >= COPY_CHARS_PER_CHUNK) {
      yield chunk;
      chunk = "";
      inChunk = 0;
    }
  }
  if (inChunk > 0) yield chunk;
}

/**
 * Writes rows (arrays of values in `columns` order) into a table with one `COPY … FROM STDIN`
 * statement: on `db` itself or on the connection of the transaction `db` is. Constraint
 * violations surface as baktadb's `ConstraintError`, as for an insert.
 *
 * ```sql
 * copy "xref_term_features" ("term_id", "feature_id") from stdin
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
 * if (await copyRows(db, "xref_term_features", ["term_id", "feature_id"], []) !== 0) {
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
  const data = new CopyFromStdin(copyTextChunks(table, columns, rows));
  await db.executeQuery(CompiledQuery.raw(copyStatement(table, columns), [data]));
  return rows.length;
}

/**
 * Writes batches of rows into a table with one `COPY … FROM STDIN` statement streamed as the
 * batches come (each batch read only when the server has taken the previous ones: memory holds a
 * batch and a chunk, not the table), on `db` itself or on the connection of the transaction `db`
 * is. Errors as for {@linkcode copyRows}, with rows numbered across the batches.
 *
 * @param db A database opened with `openPostgres` (or a transaction of one).
 * @param table The table.
 * @param columns The columns.
 * @param batches The rows, a batch at a time.
 * @returns How many rows were written.
 *
 * @example No batches on SQLite writes nothing (with batches, `db` must be a PostgreSQL database)
 * ```ts
 * import { openDatabase } from "../open_database.ts";
 * import { copyRowBatches } from "./copy_rows.ts";
 * const db = await openDatabase(":memory:");
 * async function* none(): AsyncGenerator<unknown[][]> {}
 * if (await copyRowBatches(db, "xref_term_features", ["term_id", "feature_id"], none()) !== 0) {
 *   throw new Error("no rows");
 * }
 * await db.destroy();
 * ```
 */
export async function copyRowBatches(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  batches: AsyncIterable<readonly (readonly unknown[])[]>,
): Promise<number> {
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return 0;
  let written = 0;
  async function* chunks(): AsyncGenerator<string> {
    for (let batch = first; !batch.done; batch = await iterator.next()) {
      yield* copyTextChunks(table, columns, batch.value, written + 1);
      written += batch.value.length;
    }
  }
  const data = new CopyFromStdin(chunks());
  await db.executeQuery(CompiledQuery.raw(copyStatement(table, columns), [data]));
  return written;
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
