/**
 * Dictionary-coded cross-references (schema v5): every distinct `(db, accession)` pair is one row
 * of `xref_terms`. Schema v8 finds a pair by a 32-bit hash key (`xref_terms_key_idx`) instead of a
 * unique index on its text, and counts the writes that delete terms (`xref_terms_generation`).
 * Schema v12 keeps a feature's term ids on its row (`features.xref_ids`: packed bytes on SQLite,
 * an `integer[]` on PostgreSQL) and the links once more by term (`xref_term_features`). The one
 * place that turns pairs into term ids (finding or adding them), writes and deletes links, and
 * reads a feature's terms in SQL ({@linkcode featureTermsFrom}).
 *
 * @module
 */

import { type Kysely, type RawBuilder, sql } from "../deps/kysely.ts";
import type { DbXref } from "../formats/model.ts";
import type { Database } from "./schema.ts";
import { xrefTermHash, xrefTermKeyHash } from "../../migrations/_xref_term_key.ts";
import { featureTermIdsFrom, featureTermIdsValue, readFeatureTermIds } from "./feature_term_ids.ts";
import { reserveIds } from "./reserve_ids.ts";
import { transaction } from "./transaction.ts";

export { xrefTermHash, xrefTermKeyHash };

/** How many accessions one look-up or insert carries. */
const CHUNK = 500;

/**
 * The key of a pair in the map {@linkcode xrefTermIds} returns: `db`, a NUL, `accession`.
 *
 * @param db The database, e.g. `GO`.
 * @param accession The accession within it.
 * @returns The key.
 *
 * @example Keys of two pairs
 * ```ts
 * import assert from "node:assert/strict";
 * import { xrefTermKey } from "./xref_terms.ts";
 * assert.equal(xrefTermKey("GO", "GO:0005524"), "GO\u0000GO:0005524");
 * ```
 */
export function xrefTermKey(db: string, accession: string): string {
  return `${db}\u0000${accession}`;
}

/**
 * The pair a key ({@linkcode xrefTermKey}) was made of: `db` up to the first U+0000, `accession`
 * after it.
 *
 * @param key The key.
 * @returns The pair.
 * @throws {RangeError} When the key holds no U+0000.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { xrefTermKey, xrefTermOfKey } from "./xref_terms.ts";
 * assert.deepEqual(xrefTermOfKey(xrefTermKey("GO", "GO:0005524")), {
 *   db: "GO",
 *   accession: "GO:0005524",
 * });
 * ```
 */
export function xrefTermOfKey(key: string): DbXref {
  const at = key.indexOf("\u0000");
  if (at < 0) throw new RangeError(`Cannot split term key "${key}": it holds no U+0000`);
  return { db: key.slice(0, at), accession: key.slice(at + 1) };
}

/** The columns of a new `xref_terms` row, in the order of {@linkcode newXrefTermRows}. */
export const XREF_TERM_COLUMNS = ["id", "db", "accession", "key"] as const;

/**
 * The term ids of the given pairs, adding the terms not stored yet with ids of their own, in one
 * write transaction (the caller's, or one of its own: writers hold the database while they add
 * terms, which keeps the pairs distinct).
 *
 * ```sql
 * select "id", "db", "accession" from "xref_terms" where "key" in (?, …)
 * insert into "xref_terms" ("id", "db", "accession", "key") values (?, ?, ?, ?), …
 * ```
 *
 * @param db The database or write transaction.
 * @param xrefs The pairs (duplicates allowed).
 * @returns The term id of every pair, by {@linkcode xrefTermKey}.
 *
 * @example Terms are shared by the features that carry them
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { xrefTermIds, xrefTermKey } from "./xref_terms.ts";
 * const db = await openDatabase(":memory:");
 * const first = await xrefTermIds(db, [{ db: "EC", accession: "1.1.1.1" }]);
 * const again = await xrefTermIds(db, [
 *   { db: "EC", accession: "1.1.1.1" },
 *   { db: "GO", accession: "GO:0005524" },
 * ]);
 * assert.equal(again.get(xrefTermKey("EC", "1.1.1.1")), first.get(xrefTermKey("EC", "1.1.1.1")));
 * assert.equal(again.size, 2);
 * await db.destroy();
 * ```
 */
export async function xrefTermIds(
  db: Kysely<Database>,
  xrefs: Iterable<DbXref>,
): Promise<Map<string, number>> {
  return await transaction(db, async (trx) => {
    const { ids, missing } = await findXrefTerms(trx, xrefs);
    if (missing.length === 0) return ids;
    const first = await reserveIds(trx, "xref_terms", missing.length);
    const rows = newXrefTermRows(first, missing);
    for (let at = 0; at < rows.length; at += CHUNK) {
      await trx.insertInto("xref_terms").values(
        rows.slice(at, at + CHUNK).map(([id, d, accession, key]) => ({
          id,
          db: d,
          accession,
          key,
        })),
      ).execute();
    }
    missing.forEach((t, k) => ids.set(xrefTermKey(t.db, t.accession), first + k));
    return ids;
  });
}

/**
 * The `xref_terms` rows of new terms numbered from `firstId`, in the order of
 * {@linkcode XREF_TERM_COLUMNS}: id, db, accession and key ({@linkcode xrefTermHash}).
 *
 * @param firstId The id of the first term (e.g. from `reserveIds`).
 * @param terms The new pairs.
 * @returns The rows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { newXrefTermRows, xrefTermHash } from "./xref_terms.ts";
 * assert.deepEqual(newXrefTermRows(7, [{ db: "EC", accession: "1.1.1.1" }]), [
 *   [7, "EC", "1.1.1.1", xrefTermHash("EC", "1.1.1.1")],
 * ]);
 * ```
 */
export function newXrefTermRows(
  firstId: number,
  terms: readonly DbXref[],
): [number, string, string, number][] {
  return terms.map((t, k) => [firstId + k, t.db, t.accession, xrefTermHash(t.db, t.accession)]);
}

/**
 * The stored term ids of the given pairs, and the pairs not stored yet (distinct, sorted by db and
 * accession). Pairs are looked up by key ({@linkcode xrefTermHash}, through `xref_terms_key_idx`)
 * in chunks, and the text of every row found is compared. A writer that holds the write
 * transaction (every store write does: SQLite `begin immediate`, PostgreSQL's writer lock) may add
 * the missing ones with ids of its own (`reserveIds`); others use {@linkcode xrefTermIds}.
 *
 * @param db The database or transaction.
 * @param xrefs The pairs (duplicates allowed).
 * @returns The ids found, by {@linkcode xrefTermKey}, and the missing pairs.
 *
 * @example One pair stored, one not
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { findXrefTerms, xrefTermIds } from "./xref_terms.ts";
 * const db = await openDatabase(":memory:");
 * await xrefTermIds(db, [{ db: "EC", accession: "1.1.1.1" }]);
 * const { ids, missing } = await findXrefTerms(db, [
 *   { db: "GO", accession: "GO:0005524" },
 *   { db: "EC", accession: "1.1.1.1" },
 * ]);
 * assert.equal(ids.size, 1);
 * assert.deepEqual(missing, [{ db: "GO", accession: "GO:0005524" }]);
 * await db.destroy();
 * ```
 */
export async function findXrefTerms(
  db: Kysely<Database>,
  xrefs: Iterable<DbXref>,
): Promise<{ ids: Map<string, number>; missing: DbXref[] }> {
  const wanted = new Map<string, DbXref>();
  for (const x of xrefs) wanted.set(xrefTermKey(x.db, x.accession), x);
  const ids = new Map<string, number>();
  const keys = [...new Set([...wanted.values()].map((x) => xrefTermHash(x.db, x.accession)))];
  for (let at = 0; at < keys.length; at += CHUNK) {
    const found = await db.selectFrom("xref_terms").select(["id", "db", "accession"])
      .where("key", "in", keys.slice(at, at + CHUNK)).execute();
    for (const t of found) {
      const text = xrefTermKey(t.db, t.accession);
      if (wanted.has(text)) ids.set(text, t.id);
    }
  }
  const missing = [...wanted].filter(([text]) => !ids.has(text)).map(([, x]) => x);
  missing.sort((a, b) => compareText(a.db, b.db) || compareText(a.accession, b.accession));
  return { ids, missing };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Links features to their cross-references: finds or adds the terms, adds them to each feature's
 * `xref_ids` (keeping the ones it has) and inserts the `xref_term_features` rows (a pair given
 * twice, or already stored, is linked once). For writers outside the import (tests, scripts).
 *
 * @param db The database or write transaction.
 * @param rows `[feature id, db, accession]` triples.
 * @returns How many links were added.
 *
 * @example A feature with two cross-references
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { insertFeatureXrefs } from "./xref_terms.ts";
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "g" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values({
 *   genome_id: g.id, version: 1, seq_id: "c1", length: 100,
 * }).returning("id").executeTakeFirstOrThrow();
 * const a = await db.insertInto("annotations").values({
 *   genome_id: g.id, sequence_version: 1, source: "files", fingerprint: "x",
 * }).returning("id").executeTakeFirstOrThrow();
 * const f = await db.insertInto("features").values({
 *   annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 1,
 *   stop: 30, strand: "+",
 * }).returning("id").executeTakeFirstOrThrow();
 * assert.equal(await insertFeatureXrefs(db, [[f.id, "EC", "1.1.1.1"], [f.id, "GO", "GO:0005524"]]), 2);
 * assert.equal(await insertFeatureXrefs(db, [[f.id, "EC", "1.1.1.1"]]), 0);
 * await db.destroy();
 * ```
 */
export async function insertFeatureXrefs(
  db: Kysely<Database>,
  rows: readonly (readonly [number, string, string])[],
): Promise<number> {
  if (rows.length === 0) return 0;
  return await transaction(db, async (trx) => {
    const ids = await xrefTermIds(trx, rows.map(([, d, accession]) => ({ db: d, accession })));
    const added = new Map<number, Set<number>>();
    for (const [featureId, d, accession] of rows) {
      const termId = ids.get(xrefTermKey(d, accession))!;
      const set = added.get(featureId) ?? added.set(featureId, new Set()).get(featureId)!;
      set.add(termId);
    }
    let count = 0;
    for (const [featureId, terms] of added) {
      const row = await trx.selectFrom("features").select("xref_ids").where("id", "=", featureId)
        .executeTakeFirstOrThrow();
      const stored = new Set(readFeatureTermIds(row.xref_ids));
      const fresh = [...terms].filter((t) => !stored.has(t));
      if (fresh.length === 0) continue;
      await trx.updateTable("features")
        .set({ xref_ids: featureTermIdsValue(trx, [...stored, ...fresh]) })
        .where("id", "=", featureId).execute();
      await trx.insertInto("xref_term_features")
        .values(fresh.map((t) => ({ term_id: t, feature_id: featureId }))).execute();
      count += fresh.length;
    }
    return count;
  });
}

/**
 * The `from … where` part of a correlated subquery over one feature's cross-references: the
 * feature's term ids (`features.xref_ids`, see {@linkcode featureTermIdsFrom}) joined to their
 * terms `t` (columns `t.db`, `t.accession`), for the feature row `features` of the outer query
 * (an alias of `features`). Add conditions with `and`.
 *
 * ```sql
 * json_each(term_ids_json("features"."xref_ids")) as "x", "xref_terms" as "t"
 * where "t"."id" = "x"."value"
 * ```
 *
 * @param db The database (for its engine).
 * @param features The outer query's features table or alias, e.g. `features` or `f`.
 * @returns The SQL fragment.
 *
 * @example Every feature's cross-references as one text
 * ```ts
 * import assert from "node:assert/strict";
 * import { sql } from "kysely";
 * import { openDatabase } from "./open_database.ts";
 * import { featureTermsFrom } from "./xref_terms.ts";
 * const db = await openDatabase(":memory:");
 * const query = sql`select (select group_concat(t.accession) from ${
 *   featureTermsFrom(db, "features")
 * }) from features`.compile(db);
 * assert.match(query.sql, /"xref_terms" as "t" where "t"."id" = "x"."value"/);
 * await db.destroy();
 * ```
 */
// deno-lint-ignore no-explicit-any
export function featureTermsFrom(db: Kysely<any>, features = "features"): RawBuilder<unknown> {
  return sql`${featureTermIdsFrom(db, `${features}.xref_ids`, "x")}, ${
    sql.table("xref_terms")
  } as ${sql.id("t")} where ${sql.ref("t.id")} = ${sql.ref("x.value")}`;
}

/**
 * Deletes the annotations' features' links' terms that no feature links to any more: call it with
 * the terms {@linkcode termsOfAnnotations} returned before the features were deleted, inside the
 * same transaction. Bumps the terms' generation ({@linkcode xrefTermsGeneration}) when any was
 * deleted.
 *
 * ```sql
 * delete from "xref_terms" where "id" in (?, …)
 *   and not exists (select 1 from "xref_term_features" where "term_id" = "xref_terms"."id")
 * ```
 *
 * @param db The database or write transaction.
 * @param termIds The candidate terms.
 * @returns How many terms were deleted.
 *
 * @example Deleting the last feature that carries a term deletes the term
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { dropUnusedXrefTerms, insertFeatureXrefs, termsOfAnnotations } from "./xref_terms.ts";
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "g" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values({
 *   genome_id: g.id, version: 1, seq_id: "c1", length: 100,
 * }).returning("id").executeTakeFirstOrThrow();
 * const a = await db.insertInto("annotations").values({
 *   genome_id: g.id, sequence_version: 1, source: "files", fingerprint: "x",
 * }).returning("id").executeTakeFirstOrThrow();
 * const f = await db.insertInto("features").values({
 *   annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 1,
 *   stop: 30, strand: "+",
 * }).returning("id").executeTakeFirstOrThrow();
 * await insertFeatureXrefs(db, [[f.id, "EC", "1.1.1.1"]]);
 * const terms = await termsOfAnnotations(db, [a.id]);
 * await db.deleteFrom("annotations").where("id", "=", a.id).execute();
 * assert.equal(await dropUnusedXrefTerms(db, terms), 1);
 * await db.destroy();
 * ```
 */
export async function dropUnusedXrefTerms(
  db: Kysely<Database>,
  termIds: readonly number[],
): Promise<number> {
  let deleted = 0;
  for (let at = 0; at < termIds.length; at += CHUNK) {
    const result = await db.deleteFrom("xref_terms")
      .where("id", "in", termIds.slice(at, at + CHUNK))
      .where((eb) =>
        eb.not(eb.exists(
          eb.selectFrom("xref_term_features").select(sql.lit(1).as("one"))
            .whereRef("xref_term_features.term_id", "=", "xref_terms.id"),
        ))
      ).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  if (deleted > 0) {
    await db.updateTable("xref_terms_generation")
      .set((eb) => ({ generation: eb("generation", "+", 1) })).execute();
  }
  return deleted;
}

/**
 * The generation of the stored terms: how many writes have deleted terms (schema v8). Terms are
 * never changed otherwise, so a cache of term ids filled at one generation is valid as long as
 * the generation is the same.
 *
 * @param db The database or transaction.
 * @returns The generation.
 *
 * @example A fresh database is at generation 0
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { xrefTermsGeneration } from "./xref_terms.ts";
 * const db = await openDatabase(":memory:");
 * assert.equal(await xrefTermsGeneration(db), 0);
 * await db.destroy();
 * ```
 */
export async function xrefTermsGeneration(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("xref_terms_generation").select("generation")
    .executeTakeFirstOrThrow();
  return Number(row.generation);
}

/**
 * The terms the annotations' features link to (each once, from their `xref_ids`), for
 * {@linkcode dropUnusedXrefTerms}: read them before the features are deleted (their links by
 * term go with them, by the trigger `features_xrefs_ad`).
 *
 * @param db The database or transaction.
 * @param annotationIds The annotations.
 * @returns The term ids.
 *
 * @example See {@linkcode dropUnusedXrefTerms}.
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { termsOfAnnotations } from "./xref_terms.ts";
 * const db = await openDatabase(":memory:");
 * assert.deepEqual(await termsOfAnnotations(db, [1]), []);
 * await db.destroy();
 * ```
 */
export async function termsOfAnnotations(
  db: Kysely<Database>,
  annotationIds: readonly number[],
): Promise<number[]> {
  const terms = new Set<number>();
  for (let at = 0; at < annotationIds.length; at += CHUNK) {
    const { rows } = await sql<{ term_id: number }>`select distinct ${sql.ref("x.value")} as ${
      sql.id("term_id")
    } from ${sql.table("features")} as ${sql.id("f")}, ${
      featureTermIdsFrom(db, "f.xref_ids", "x")
    } where ${sql.ref("f.annotation_id")} in (${sql.join(annotationIds.slice(at, at + CHUNK))})`
      .execute(db);
    for (const row of rows) terms.add(Number(row.term_id));
  }
  return [...terms];
}
