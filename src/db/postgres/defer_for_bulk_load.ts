/**
 * A bulk load into PostgreSQL without the per-row cost of keys and indexes: inside the caller's
 * transaction the tables' foreign keys, primary keys and unique constraints and their other
 * indexes are dropped, and after the load built again, each with its own name and definition as
 * the catalogue gave it (`pg_get_constraintdef`, `pg_get_indexdef`). One index build or one
 * foreign-key check over the whole table (a single join) is much faster than millions of
 * per-row index updates and per-row trigger look-ups; the schema afterwards is the one the
 * migrations made.
 *
 * @module
 */

import { type Kysely, sql } from "../../deps/kysely.ts";
import { usesPostgres } from "./lock_for_writing.ts";

/** The working memory one index build may use in the bulk load's transaction (`SET LOCAL`). */
export const BULK_LOAD_MAINTENANCE_MEMORY = "512MB";

/**
 * The compression of large values written by the load, when the server has it (`SET LOCAL`): lz4
 * compresses original files several times faster than PostgreSQL's default pglz; readers see the
 * same bytes, and the columns keep their default.
 */
export const BULK_LOAD_TOAST_COMPRESSION = "lz4";

/** A dropped constraint. */
export interface DroppedConstraint {
  /** Its table. */
  table: string;
  /** Its name. */
  name: string;
  /** `p` (primary key), `u` (unique) or `f` (foreign key). */
  type: string;
  /** Its definition (`pg_get_constraintdef`). */
  definition: string;
}

/** A column whose values are stored as they come during the load (see {@linkcode deferForBulkLoad}). */
export interface UncompressedColumn {
  /** Its table. */
  table: string;
  /** The column (`bytea` or `text`, storage `extended`). */
  column: string;
}

/** What {@linkcode deferForBulkLoad} dropped, to be built again by {@linkcode restoreAfterBulkLoad}. */
export interface DeferredSchema {
  /** The primary keys and unique constraints. */
  keys: DroppedConstraint[];
  /** `create index …` of the other indexes. */
  indexes: string[];
  /** The foreign keys. */
  foreignKeys: DroppedConstraint[];
  /** The columns set to storage `external` for the load, set back to `extended` after it. */
  uncompressed: UncompressedColumn[];
}

/**
 * Drops the keys, unique constraints and indexes of `tables` (in the current schema, owned by
 * this role) and returns how to build them again; sets {@linkcode BULK_LOAD_MAINTENANCE_MEMORY}
 * and {@linkcode BULK_LOAD_TOAST_COMPRESSION} for the rest of the transaction. Check and not-null constraints stay (they cost
 * nothing worth deferring). Call inside a transaction: a failed load then leaves the schema whole.
 *
 * On SQLite this does nothing (and returns nothing to restore).
 *
 * @param trx A transaction.
 * @param tables The tables about to be loaded; every foreign key pointing into them must come
 *   from one of them (else dropping the key it references fails with PostgreSQL's error).
 * @param uncompressed Columns whose values are already compressed (or do not compress): stored
 *   as they come during the load (storage `external`, set back to `extended` by
 *   {@linkcode restoreAfterBulkLoad}), so that the server does not try, and fail, to compress
 *   each (for gzip'd original files most of the server's time in the COPY). The columns' storage
 *   afterwards is the migrations'.
 * @returns The dropped definitions.
 *
 * @example Around a load (on SQLite, as here, nothing is dropped)
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../open_database.ts";
 * import { deferForBulkLoad, restoreAfterBulkLoad } from "./defer_for_bulk_load.ts";
 * const db = await openDatabase(":memory:");
 * await db.transaction().execute(async (trx) => {
 *   const deferred = await deferForBulkLoad(trx, ["genomes"]);
 *   await trx.insertInto("genomes").values({ name: "a" }).execute();
 *   await restoreAfterBulkLoad(trx, deferred);
 *   assert.deepEqual(deferred, { keys: [], indexes: [], foreignKeys: [], uncompressed: [] });
 * });
 * await db.destroy();
 * ```
 */
export async function deferForBulkLoad(
  // deno-lint-ignore no-explicit-any
  trx: Kysely<any>,
  tables: readonly string[],
  uncompressed: readonly UncompressedColumn[] = [],
): Promise<DeferredSchema> {
  if (!usesPostgres(trx)) return { keys: [], indexes: [], foreignKeys: [], uncompressed: [] };
  await sql`select set_config('maintenance_work_mem', ${BULK_LOAD_MAINTENANCE_MEMORY}, true),
    set_config('default_toast_compression', ${BULK_LOAD_TOAST_COMPRESSION}, true)
    from pg_settings where name = 'default_toast_compression'
      and ${BULK_LOAD_TOAST_COMPRESSION} = any(enumvals)`.execute(trx);
  const { rows: constraints } = await sql<DroppedConstraint>`
    select t.relname as "table", k.conname as name, k.contype as type,
      pg_get_constraintdef(k.oid) as definition
    from pg_constraint k join pg_class t on t.oid = k.conrelid
    where t.relnamespace = current_schema()::regnamespace
      and t.relname in (${sql.join(tables)}) and k.contype in ('f', 'p', 'u')
      and pg_has_role(t.relowner, 'USAGE')
    order by k.contype = 'f' desc, t.relname, k.conname`.execute(trx);
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select ic.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
      join pg_class ic on ic.oid = i.indexrelid
      join pg_class tc on tc.oid = i.indrelid
    where tc.relnamespace = current_schema()::regnamespace
      and tc.relname in (${sql.join(tables)})
      and pg_has_role(tc.relowner, 'USAGE')
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by ic.relname`.execute(trx);
  for (const { table, name } of constraints) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(trx);
  }
  for (const { name } of indexes) await sql`drop index ${sql.id(name)}`.execute(trx);
  const stored = uncompressed.filter(({ table }) => tables.includes(table));
  for (const { table, column } of stored) await setStorage(trx, table, column, "external");
  return {
    keys: constraints.filter((k) => k.type !== "f"),
    indexes: indexes.map((index) => index.definition),
    foreignKeys: constraints.filter((k) => k.type === "f"),
    uncompressed: stored,
  };
}

async function setStorage(
  // deno-lint-ignore no-explicit-any
  trx: Kysely<any>,
  table: string,
  column: string,
  storage: "external" | "extended",
): Promise<void> {
  await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} set storage ${
    sql.raw(storage)
  }`.execute(trx);
}

/**
 * Builds again what {@linkcode deferForBulkLoad} dropped: keys first (foreign keys need the keys
 * they reference), then indexes, then foreign keys, and sets the columns' storage back (each checked over its whole table: a row
 * loaded without its parent fails here, with PostgreSQL's foreign-key error naming the constraint).
 *
 * @param trx The same transaction.
 * @param deferred What was dropped.
 * @param onStep Called before each build with what it builds (a constraint's name, an index's
 *   definition), for progress and profiles.
 *
 * @example Nothing deferred, nothing built
 * ```ts
 * import { openDatabase } from "../open_database.ts";
 * import { restoreAfterBulkLoad } from "./defer_for_bulk_load.ts";
 * const db = await openDatabase(":memory:");
 * const steps: string[] = [];
 * const nothing = { keys: [], indexes: [], foreignKeys: [], uncompressed: [] };
 * await restoreAfterBulkLoad(db, nothing, (s) => steps.push(s));
 * if (steps.length !== 0) throw new Error("nothing to build");
 * await db.destroy();
 * ```
 */
export async function restoreAfterBulkLoad(
  // deno-lint-ignore no-explicit-any
  trx: Kysely<any>,
  deferred: DeferredSchema,
  onStep?: (statement: string) => void,
): Promise<void> {
  const add = async ({ table, name, definition }: DroppedConstraint) => {
    onStep?.(name);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)} ${sql.raw(definition)}`
      .execute(trx);
  };
  for (const key of deferred.keys) await add(key);
  for (const index of deferred.indexes) {
    onStep?.(index);
    await sql.raw(index).execute(trx);
  }
  for (const key of deferred.foreignKeys) await add(key);
  for (const { table, column } of deferred.uncompressed) {
    await setStorage(trx, table, column, "extended");
  }
}
