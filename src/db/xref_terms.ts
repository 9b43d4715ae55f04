/**
 * Dictionary-coded cross-references (schema v5): every distinct `(db, accession)` pair is one row
 * of `xref_terms`, and `feature_xrefs(feature_id, term_id)` links features to terms. The one place
 * that turns pairs into term ids (finding or adding them) and writes links from pairs.
 *
 * @module
 */

import { type Kysely, type RawBuilder, sql } from "../deps/kysely.ts";
import type { DbXref } from "../formats/model.ts";
import type { Database } from "./schema.ts";

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
 * The term ids of the given pairs, adding the terms not stored yet. Call it inside the write
 * transaction that also inserts the links. Pairs are looked up per `db` in chunks through the
 * unique index `(db, accession)`; the missing ones are inserted with `on conflict do nothing
 * returning id`, and any a concurrent writer added meanwhile (PostgreSQL) are read again.
 *
 * ```sql
 * select "id", "accession" from "xref_terms" where "db" = ? and "accession" in (?, …)
 * insert into "xref_terms" ("db", "accession") values (?, ?), … on conflict do nothing
 *   returning "id", "db", "accession"
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
  const { ids, missing } = await findXrefTerms(db, xrefs);
  if (missing.length === 0) return ids;
  const wanted = accessionsByDb(missing);
  for (let at = 0; at < missing.length; at += CHUNK) {
    const added = await db.insertInto("xref_terms").values(missing.slice(at, at + CHUNK))
      .onConflict((oc) => oc.doNothing()).returning(["id", "db", "accession"]).execute();
    for (const t of added) ids.set(xrefTermKey(t.db, t.accession), t.id);
  }
  if (missing.some(({ db: d, accession }) => !ids.has(xrefTermKey(d, accession)))) {
    await findTerms(db, wanted, ids);
  }
  return ids;
}

/**
 * The stored term ids of the given pairs, and the pairs not stored yet (distinct, sorted by db and
 * accession). A writer that holds the write transaction (every store write does: SQLite `begin
 * immediate`, PostgreSQL's writer lock) may add the missing ones with ids of its own
 * (`reserveIds`); others use {@linkcode xrefTermIds}.
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
  const wanted = accessionsByDb(xrefs);
  const ids = new Map<string, number>();
  await findTerms(db, wanted, ids);
  return { ids, missing: missingPairs(wanted, ids) };
}

/**
 * Links features to their cross-references: finds or adds the terms and inserts the
 * `feature_xrefs` rows (a pair given twice for a feature is linked once).
 *
 * @param db The database or write transaction.
 * @param rows `[feature id, db, accession]` triples.
 * @returns How many links were inserted.
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
 * await db.destroy();
 * ```
 */
export async function insertFeatureXrefs(
  db: Kysely<Database>,
  rows: readonly (readonly [number, string, string])[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const ids = await xrefTermIds(db, rows.map(([, d, accession]) => ({ db: d, accession })));
  const links = new Map<string, { feature_id: number; term_id: number }>();
  for (const [featureId, d, accession] of rows) {
    const termId = ids.get(xrefTermKey(d, accession))!;
    links.set(`${featureId}:${termId}`, { feature_id: featureId, term_id: termId });
  }
  const values = [...links.values()];
  for (let at = 0; at < values.length; at += CHUNK) {
    await db.insertInto("feature_xrefs").values(values.slice(at, at + CHUNK)).execute();
  }
  return values.length;
}

/** The distinct accessions of each db. */
function accessionsByDb(xrefs: Iterable<DbXref>): Map<string, Set<string>> {
  const byDb = new Map<string, Set<string>>();
  for (const { db, accession } of xrefs) {
    let set = byDb.get(db);
    if (set === undefined) byDb.set(db, set = new Set());
    set.add(accession);
  }
  return byDb;
}

/** Reads the stored ids of the wanted pairs not in `ids` yet into `ids`. */
async function findTerms(
  db: Kysely<Database>,
  wanted: Map<string, Set<string>>,
  ids: Map<string, number>,
): Promise<void> {
  for (const [d, set] of wanted) {
    const accessions = [...set].filter((a) => !ids.has(xrefTermKey(d, a)));
    for (let at = 0; at < accessions.length; at += CHUNK) {
      const found = await db.selectFrom("xref_terms").select(["id", "accession"])
        .where("db", "=", d).where("accession", "in", accessions.slice(at, at + CHUNK)).execute();
      for (const t of found) ids.set(xrefTermKey(d, t.accession), t.id);
    }
  }
}

/** The wanted pairs without an id, sorted by db and accession (index order). */
function missingPairs(wanted: Map<string, Set<string>>, ids: Map<string, number>): DbXref[] {
  const missing: DbXref[] = [];
  for (const d of [...wanted.keys()].sort()) {
    for (const accession of [...wanted.get(d)!].sort()) {
      if (!ids.has(xrefTermKey(d, accession))) missing.push({ db: d, accession });
    }
  }
  return missing;
}

/**
 * The `from … where` part of a correlated subquery over one feature's cross-references: the
 * links `x` joined to their terms `t` (columns `t.db`, `t.accession`), for the feature whose id is
 * the column `feature` of the outer query. Add conditions with `and`.
 *
 * ```sql
 * "feature_xrefs" as "x" inner join "xref_terms" as "t" on "t"."id" = "x"."term_id"
 * where "x"."feature_id" = "features"."id"
 * ```
 *
 * @param feature The outer query's feature id column, e.g. `features.id`.
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
 *   featureTermsFrom("features.id")
 * }) from features`.compile(db);
 * assert.match(query.sql, /inner join "xref_terms" as "t"/);
 * await db.destroy();
 * ```
 */
export function featureTermsFrom(feature: string): RawBuilder<unknown> {
  const ref = sql.ref;
  return sql`${sql.table("feature_xrefs")} as ${sql.id("x")} inner join ${
    sql.table("xref_terms")
  } as ${sql.id("t")} on ${ref("t.id")} = ${ref("x.term_id")} where ${ref("x.feature_id")} = ${
    ref(feature)
  }`;
}

/**
 * Deletes the annotations' features' links' terms that no feature links to any more: call it with
 * the terms {@linkcode termsOfAnnotations} found before the features were deleted, inside the
 * same transaction.
 *
 * ```sql
 * delete from "xref_terms" where "id" in (?, …)
 *   and not exists (select 1 from "feature_xrefs" where "term_id" = "xref_terms"."id")
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
          eb.selectFrom("feature_xrefs").select(sql.lit(1).as("one"))
            .whereRef("feature_xrefs.term_id", "=", "xref_terms.id"),
        ))
      ).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/**
 * The terms the annotations' features link to (each once), for {@linkcode dropUnusedXrefTerms}.
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
  if (annotationIds.length === 0) return [];
  const rows = await db.selectFrom("feature_xrefs as x")
    .innerJoin("features as f", "f.id", "x.feature_id")
    .where("f.annotation_id", "in", annotationIds)
    .select("x.term_id").distinct().execute();
  return rows.map((r) => r.term_id);
}
