/**
 * The writer's step that turns a run's cross-reference terms (their keys, `PreparedRun.xrefTermKeys`)
 * into term ids: from the cache (one `Map` look-up a term), else from `xref_terms` by key, else
 * added with reserved ids, in key order (database, then accession). Ids travel as a
 * `Float64Array` in term order, not a map. On SQLite the look-up and the insert each take the run's
 * terms as one bound JSON text (`json_each`), instead of 500 bound values a statement: binding
 * from JavaScript cost more than SQLite's own work (see `insertIdPairs`). PostgreSQL goes through
 * `findXrefTerms` and the bulk-insert seam, as every other writer of terms.
 *
 * @module
 */

import { CompiledQuery, type Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import {
  findXrefTerms,
  newXrefTermRows,
  XREF_TERM_COLUMNS,
  xrefTermKey,
  xrefTermKeyHash,
  xrefTermOfKey,
} from "../db/xref_terms.ts";
import { reserveIds } from "../db/reserve_ids.ts";
import { usesPostgres } from "../db/postgres/lock_for_writing.ts";
import { bulkInsert } from "./_bulk_insert.ts";

/** The term ids of a run, and those the cache lacked (to remember after commit). */
export interface RunTermIds {
  /** The id of each term, in the order of the keys given. */
  ids: Float64Array;
  /** The keys the cache lacked, with their ids (`freshIds`, same order). */
  freshKeys: string[];
  /** The ids of `freshKeys`. */
  freshIds: number[];
}

/** SQLite: the stored terms whose key is among a JSON array of keys, by position in the array. */
const FIND_SQL = `select j.key as at, t.id, t.db, t.accession from json_each(?) as j
  join xref_terms as t on t.key = j.value`;

/** SQLite: new terms from a JSON array of `[key, db, accession]`, numbered from the first `?`. */
const ADD_SQL = `insert into xref_terms (id, db, accession, key)
  select ? + j.key, j.value ->> 1, j.value ->> 2, j.value ->> 0 from json_each(?) as j`;

/**
 * The id of every term of a run (see the module doc), inside the write transaction (which holds
 * the database, so ids may be reserved).
 *
 * @param trx The write transaction.
 * @param keys The run's distinct term keys (`xrefTermKey`), sorted by UTF-16 code units.
 * @param cached Term ids known at the stored generation, by key.
 * @returns The ids, and the keys the cache lacked with theirs.
 *
 * @example Terms added, then found
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { transaction } from "../db/transaction.ts";
 * import { runTermIds } from "./_run_term_ids.ts";
 * const db = await openDatabase(":memory:");
 * const keys = ["EC\u00001.1.1.1", "GO\u0000GO:0005524"];
 * const first = await transaction(db, (trx) => runTermIds(trx, keys, new Map()));
 * assert.deepEqual([...first.ids], [1, 2]);
 * const again = await transaction(db, (trx) => runTermIds(trx, keys.slice(1), new Map()));
 * assert.deepEqual([...again.ids], [2]);
 * const stored = await db.selectFrom("xref_terms").select(["id", "db", "accession"]).execute();
 * assert.deepEqual(stored, [
 *   { id: 1, db: "EC", accession: "1.1.1.1" },
 *   { id: 2, db: "GO", accession: "GO:0005524" },
 * ]);
 * await db.destroy();
 * ```
 */
export async function runTermIds(
  trx: Kysely<Database>,
  keys: readonly string[],
  cached: ReadonlyMap<string, number>,
): Promise<RunTermIds> {
  const ids = new Float64Array(keys.length);
  const unknown: number[] = [];
  for (let k = 0; k < keys.length; k++) {
    const id = cached.get(keys[k]);
    if (id === undefined) unknown.push(k);
    else ids[k] = id;
  }
  const freshKeys = unknown.map((k) => keys[k]);
  if (unknown.length === 0) return { ids, freshKeys, freshIds: [] };
  const found = usesPostgres(trx)
    ? await findElsewhere(trx, freshKeys)
    : await findStored(trx, freshKeys);
  const missing = freshKeys.filter((_, at) => found[at] === undefined);
  if (missing.length > 0) {
    const first = await addTerms(trx, missing);
    let next = first;
    for (let at = 0; at < found.length; at++) found[at] ??= next++;
  }
  unknown.forEach((k, at) => ids[k] = found[at]!);
  return { ids, freshKeys, freshIds: found as number[] };
}

/** SQLite: the stored id of each key (undefined where none is stored), by key hash then text. */
async function findStored(
  trx: Kysely<Database>,
  keys: readonly string[],
): Promise<(number | undefined)[]> {
  const hashes = keys.map(xrefTermKeyHash);
  const { rows } = await trx.executeQuery<
    { at: number; id: number; db: string; accession: string }
  >(
    CompiledQuery.raw(FIND_SQL, [JSON.stringify(hashes)]),
  );
  const found = new Array<number | undefined>(keys.length);
  for (const row of rows) {
    if (keys[row.at] === xrefTermKey(row.db, row.accession)) found[row.at] = Number(row.id);
  }
  return found;
}

/** PostgreSQL: the stored id of each key (undefined where none is stored). */
async function findElsewhere(
  trx: Kysely<Database>,
  keys: readonly string[],
): Promise<(number | undefined)[]> {
  const { ids } = await findXrefTerms(trx, keys.map(xrefTermOfKey));
  return keys.map((key) => ids.get(key));
}

/** Adds terms (keys in key order) with reserved consecutive ids; returns the first. */
async function addTerms(trx: Kysely<Database>, keys: readonly string[]): Promise<number> {
  const first = await reserveIds(trx, "xref_terms", keys.length);
  const terms = keys.map(xrefTermOfKey);
  if (usesPostgres(trx)) {
    await bulkInsert(trx, "xref_terms", XREF_TERM_COLUMNS, newXrefTermRows(first, terms));
    return first;
  }
  const triples = terms.map((t, k) => [xrefTermKeyHash(keys[k]), t.db, t.accession]);
  await trx.executeQuery(CompiledQuery.raw(ADD_SQL, [first, JSON.stringify(triples)]));
  return first;
}
