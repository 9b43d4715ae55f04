/**
 * Copies a whole baktadb database into an empty one, across engines (SQLite ↔ PostgreSQL),
 * losslessly: every row of every table with its id, then a check of the row counts and of the
 * SHA-256 of every original file.
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { transaction } from "../db/transaction.ts";
import { migrateTo, migrationStatus } from "../db/migrator.ts";
import { isPostgres } from "../query/_sqlite_indexes.ts";
import { bulkInsert } from "./_bulk_insert.ts";
import { sha256Hex } from "./_codec.ts";
import { pausePoint } from "../db/pause_point.ts";
import { featureTermIdsValue, readFeatureTermIds } from "../db/feature_term_ids.ts";
import { copyRowBatches } from "../db/postgres/copy_rows.ts";
import { deferForBulkLoad, restoreAfterBulkLoad } from "../db/postgres/defer_for_bulk_load.ts";

/** How each table is read in chunks: by its `id`, or by ranges of another key column. */
interface TablePlan {
  /** The table. */
  table: keyof Database & string;
  /** The integer column the chunks are ranges of. */
  key: string;
  /** Whether the table has a serial `id` (whose sequence PostgreSQL must move past the copy). */
  serial: boolean;
}

/** Every table, parents before children (foreign keys hold at every insert). */
const TABLES: readonly TablePlan[] = [
  { table: "genomes", key: "id", serial: true },
  { table: "genome_traits", key: "genome_id", serial: false },
  { table: "job_configs", key: "id", serial: true },
  { table: "jobs", key: "id", serial: true },
  { table: "job_events", key: "id", serial: true },
  { table: "annotations", key: "id", serial: true },
  { table: "annotation_merges", key: "id", serial: true },
  { table: "result_files", key: "id", serial: true },
  // After the files: `residues_file_id` may name one.
  { table: "sequences", key: "id", serial: true },
  { table: "features", key: "id", serial: true },
  { table: "xref_terms", key: "id", serial: true },
  // Schema v5–v11 (a source not yet migrated); v12 keeps the links by term.
  { table: "feature_xrefs" as keyof Database & string, key: "feature_id", serial: false },
  { table: "xref_term_features", key: "term_id", serial: false },
  { table: "feature_originals", key: "annotation_id", serial: false },
  { table: "families", key: "id", serial: true },
  { table: "annotation_families", key: "annotation_id", serial: false },
  { table: "annotation_cog_sets", key: "annotation_id", serial: false },
];

/**
 * The columns whose values the store compresses itself (gzip when it helps: `_codec.ts`), which
 * PostgreSQL would try to compress again, in vain (see `deferForBulkLoad`).
 */
const PRECOMPRESSED = [
  { table: "result_files", column: "content" },
  { table: "feature_originals", column: "content" },
  { table: "sequences", column: "residues" },
];

/**
 * Tables that are not data: Kysely's migration bookkeeping, SQLite's full-text index tables (with the
 * switch of their insert trigger), and the terms' generation counter (a token for caches of term
 * ids; a copy starts at its own 0).
 */
const NOT_DATA = /^(kysely_|features_fts|features_index_state$|xref_terms_generation$|sqlite_)/;

/** Options of {@linkcode copyDatabase}. */
export interface CopyDatabaseOptions {
  /**
   * The most key values one chunk spans (rows are read a chunk at a time).
   * @default 10000
   */
  chunkKeys?: number;
  /**
   * About how many bytes of values one chunk holds: the span of the next chunk shrinks or grows
   * to it (starting from one key), so tables of large values (original files, sequences) are read
   * a few rows at a time and memory stays bounded.
   * @default 16777216
   */
  chunkBytes?: number;
  /** Called after each chunk is read with the table and the rows read from it so far. */
  onProgress?: (table: string, rows: number) => void;
  /**
   * Called as each step starts: `copy TABLE`, `build NAME` (a key, index or foreign key built
   * again after the load on PostgreSQL), `analyze`, `check counts`, `check files`.
   */
  onStep?: (step: string) => void;
}

/** How chunks are sized (the validated options). */
interface Chunking {
  chunkKeys: number;
  chunkBytes: number;
}

/** What {@linkcode copyDatabase} copied and checked. */
export interface CopyDatabaseResult {
  /** Rows per table, equal in both databases. */
  rows: Record<string, number>;
  /** How many original files were compared by SHA-256 (all equal). */
  filesVerified: number;
}

/**
 * Copies every row of `from` into `to`, keeping ids, in one transaction on `to` (all or
 * nothing); on PostgreSQL the id sequences are then moved past the copied ids. Afterwards the row
 * count of every table and the SHA-256 of every original file's stored bytes are compared.
 *
 * `to` is first migrated up to `from`'s migration when it is behind (a new database has no
 * schema yet), so that a source older than this baktadb is copied without being written to (it
 * may be opened read-only); migrating the copy further is the caller's choice.
 *
 * @param from The source database (any engine), at any migration this baktadb knows.
 * @param to An empty database (any engine) at `from`'s migration or before.
 * @param options Chunk size and progress.
 * @returns The rows per table and the files verified.
 * @throws {RangeError} When `to` is not empty, `from` has no schema, `to` is past `from`'s
 *   migration, a table is unknown to this copy, or `chunkKeys` is not a positive integer.
 * @throws {Error} When the check after the copy finds a difference (the copy is kept for
 *   inspection; the message names the table or file).
 *
 * @example Copying one SQLite database into another
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { copyDatabase } from "./copy_database.ts";
 * const from = await openDatabase(":memory:");
 * const to = await openDatabase(":memory:");
 * await from.insertInto("genomes").values([{ name: "a" }, { name: "b" }]).execute();
 * const result = await copyDatabase(from, to);
 * assert.equal(result.rows.genomes, 2);
 * await from.destroy();
 * await to.destroy();
 * ```
 */
export async function copyDatabase(
  from: Kysely<Database>,
  to: Kysely<Database>,
  options: CopyDatabaseOptions = {},
): Promise<CopyDatabaseResult> {
  const { chunkKeys = 10_000, chunkBytes = 16 * 1024 * 1024, onProgress, onStep } = options;
  for (const [name, value] of Object.entries({ chunkKeys, chunkBytes })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`Invalid option "${name}": expected a positive integer, got ${value}`);
    }
  }
  const plans = await checkCopyable(from, to);
  const columns = await columnsOf(to, plans);
  const rows: Record<string, number> = {};
  await transaction(to, async (trx) => {
    const deferred = await deferForBulkLoad(trx, plans.map((plan) => plan.table), PRECOMPRESSED);
    for (const plan of plans) {
      onStep?.(`copy ${plan.table}`);
      const batches = forEngine(
        to,
        plan.table,
        columns[plan.table],
        readBatches(from, plan, columns[plan.table], { chunkKeys, chunkBytes }),
      );
      rows[plan.table] = await writeBatches(
        trx,
        plan.table,
        columns[plan.table],
        batches,
        onProgress,
      );
      await pausePoint(`copy:${plan.table}`);
    }
    await restoreAfterBulkLoad(trx, deferred, (name) => onStep?.(`build ${name}`));
    if (isPostgres(to)) await moveSequences(trx, plans);
  });
  if (isPostgres(to)) {
    onStep?.("analyze");
    for (const { table } of plans) await sql`analyze ${sql.table(table)}`.execute(to);
  }
  onStep?.("check counts");
  await compareCounts(from, to, plans, rows);
  onStep?.("check files");
  return { rows, filesVerified: await compareFiles(from, to) };
}

/**
 * Checks that `from` can be copied into `to` and brings `to` to `from`'s migration; returns the
 * plans of the tables `from` has (an older schema lacks some).
 */
async function checkCopyable(
  from: Kysely<Database>,
  to: Kysely<Database>,
): Promise<readonly TablePlan[]> {
  const [source, target] = [await migrationStatus(from), await migrationStatus(to)];
  if (source.current === null) {
    throw new RangeError("Cannot copy: the source has no baktadb schema");
  }
  if (target.current !== null && target.current > source.current) {
    throw new RangeError(
      `Cannot copy: the source is at migration ${source.current} and the destination at ` +
        `${target.current}; migrate the source to ${target.current} first`,
    );
  }
  const known = new Set(TABLES.map((t) => t.table as string));
  const tables = (await from.introspection.getTables()).map((t) => t.name)
    .filter((name) => !NOT_DATA.test(name));
  const unknown = tables.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new RangeError(`Cannot copy: table "${unknown[0]}" is unknown to this baktadb's copy`);
  }
  const plans = TABLES.filter((plan) => tables.includes(plan.table));
  if (target.current !== null) await checkEmpty(to, plans);
  if (target.current !== source.current) await migrateTo(to, source.current);
  return plans;
}

async function checkEmpty(to: Kysely<Database>, plans: readonly TablePlan[]): Promise<void> {
  for (const { table } of plans) {
    const n = await countRows(to, table);
    if (n > 0) {
      throw new RangeError(
        `Cannot copy into a database that is not empty: table "${table}" has ${n} rows`,
      );
    }
  }
}

async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`
    .execute(db);
  return Number(rows[0].n);
}

/** The columns of each table in `to` (the copy writes these, in this order). */
async function columnsOf(
  to: Kysely<Database>,
  plans: readonly TablePlan[],
): Promise<Record<string, string[]>> {
  const tables = await to.introspection.getTables();
  return Object.fromEntries(plans.map(({ table }) => [
    table,
    tables.find((t) => t.name === table)!.columns.map((c) => c.name),
  ]));
}

/**
 * Reads one table in chunks of key ranges, each row as an array of `columns`' values; the span of
 * each chunk adapts to `chunkBytes` (see {@linkcode nextSpan}), so no chunk holds much more.
 */
async function* readBatches(
  from: Kysely<Database>,
  { table, key }: TablePlan,
  columns: readonly string[],
  chunking: Chunking,
): AsyncGenerator<unknown[][]> {
  const { rows: [bounds] } = await sql<{ lo: number | null; hi: number | null }>`select
    min(${sql.ref(key)}) as lo, max(${sql.ref(key)}) as hi from ${sql.table(table)}`.execute(from);
  if (bounds.lo === null || bounds.hi === null) return;
  const select = sql.join(columns.map((c) => sql.ref(c)));
  let [lo, span] = [Number(bounds.lo), 1];
  while (lo <= Number(bounds.hi)) {
    const chunk = await sql<Record<string, unknown>>`select ${select} from ${sql.table(table)}
      where ${sql.ref(key)} >= ${lo} and ${sql.ref(key)} < ${lo + span}
      order by ${sql.ref(key)}`.execute(from);
    const batch = chunk.rows.map((row) => columns.map((c) => row[c]));
    if (batch.length > 0) yield batch;
    lo += span;
    span = nextSpan(span, valueBytes(batch), chunking);
  }
}

/**
 * The batches with each value as `to`'s engine stores it: `features.xref_ids` (schema v12) is
 * packed bytes on SQLite and an `integer[]` on PostgreSQL; every other value is the same on both.
 */
async function* forEngine(
  to: Kysely<Database>,
  table: string,
  columns: readonly string[],
  batches: AsyncIterable<unknown[][]>,
): AsyncGenerator<unknown[][]> {
  const at = table === "features" ? columns.indexOf("xref_ids") : -1;
  for await (const batch of batches) {
    if (at >= 0) {
      for (const row of batch) row[at] = featureTermIdsValue(to, readFeatureTermIds(row[at]));
    }
    yield batch;
  }
}

/**
 * The span of the next chunk: a share of this one's when it held more than `chunkBytes`, twice
 * it when it held less than half (at most `chunkKeys`), else the same.
 */
function nextSpan(span: number, bytes: number, { chunkKeys, chunkBytes }: Chunking): number {
  if (bytes > chunkBytes) return Math.max(1, Math.floor(span * chunkBytes / bytes));
  if (bytes < chunkBytes / 2) return Math.min(chunkKeys, span * 2);
  return span;
}

/** About how many bytes the values of some rows take (strings by length, bytes by size). */
function valueBytes(rows: readonly (readonly unknown[])[]): number {
  let bytes = 0;
  for (const row of rows) {
    for (const value of row) {
      if (typeof value === "string") bytes += value.length;
      else if (value instanceof Uint8Array) bytes += value.byteLength;
      else bytes += 8;
    }
  }
  return bytes;
}

/**
 * Writes the batches of one table: on PostgreSQL in one `COPY … FROM STDIN` streamed as they are
 * read, on SQLite in multi-row inserts a batch at a time. Returns the rows written.
 */
async function writeBatches(
  to: Kysely<Database>,
  table: keyof Database & string,
  columns: readonly string[],
  batches: AsyncIterable<unknown[][]>,
  onProgress?: (table: string, rows: number) => void,
): Promise<number> {
  let read = 0;
  async function* counted(): AsyncGenerator<unknown[][]> {
    for await (const batch of batches) {
      read += batch.length;
      onProgress?.(table, read);
      yield batch;
    }
  }
  if (isPostgres(to)) return await copyRowBatches(to, table, columns, counted());
  for await (const batch of counted()) await bulkInsert(to, table, columns, batch);
  return read;
}

/** Moves every serial sequence past the largest copied id (PostgreSQL). */
async function moveSequences(trx: Kysely<Database>, plans: readonly TablePlan[]): Promise<void> {
  for (const { table, serial } of plans) {
    if (!serial) continue;
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
      coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}

async function compareCounts(
  from: Kysely<Database>,
  to: Kysely<Database>,
  plans: readonly TablePlan[],
  copied: Record<string, number>,
): Promise<void> {
  for (const { table } of plans) {
    const [a, b] = [await countRows(from, table), await countRows(to, table)];
    if (a !== b || a !== copied[table]) {
      throw new Error(
        `Copy check failed: table "${table}" has ${a} rows in the source and ${b} in the copy`,
      );
    }
  }
}

/**
 * Compares the SHA-256 of every original file's stored bytes, one file at a time (on PostgreSQL
 * the server hashes them: the bytes are not sent).
 */
async function compareFiles(from: Kysely<Database>, to: Kysely<Database>): Promise<number> {
  const ids = await from.selectFrom("result_files").select("id").orderBy("id").execute();
  for (const { id } of ids) {
    const [a, b] = [await fileDigest(from, id), await fileDigest(to, id)];
    if (a.hash !== b.hash) {
      throw new Error(`Copy check failed: file ${id} "${a.name}" differs (SHA-256)`);
    }
  }
  return ids.length;
}

/** The SHA-256 (hex) of one stored file's bytes, and its name. */
async function fileDigest(
  db: Kysely<Database>,
  id: number,
): Promise<{ hash: string; name: string }> {
  if (isPostgres(db)) {
    const { rows: [row] } = await sql<{ hash: string; name: string }>`select
      encode(sha256(content), 'hex') as hash, file_name as name
      from result_files where id = ${id}`.execute(db);
    return row;
  }
  const row = await db.selectFrom("result_files").select(["content", "file_name"])
    .where("id", "=", id).executeTakeFirstOrThrow();
  return { hash: sha256Hex(row.content), name: row.file_name };
}
