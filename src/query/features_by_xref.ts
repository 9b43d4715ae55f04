/**
 * Features by cross-reference: COG id or category, EC, GO, KEGG, UniRef90/50, RefSeq, ….
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import {
  type AnnotationScope,
  type FeatureQuery,
  scopeFeatures,
  selectFeatures,
} from "./find_features.ts";
import { checkName } from "./_validate.ts";

/** Options of {@linkcode featuresByXref}. */
export interface XrefOptions extends AnnotationScope {
  /**
   * The database, as Bakta names it in `db_xrefs` (`COG`, `EC`, `GO`, `KEGG`, `UniRef`, `RefSeq`,
   * `UniParc`, `SO`, `RFAM`, …; matched case-insensitively for these), or `UniRef90`, `UniRef50`,
   * `UniRef100` for one UniRef level.
   */
  db: string;
  /**
   * The accession: `COG0001`, or a one-letter COG functional category (`K`), `1.1.1.1`,
   * `GO:0005737` or `0005737`, `K01234`, `UniRef90_P12345` (or `P12345` with `db: "UniRef90"`),
   * `WP_000000001.1`.
   */
  accession: string;
}

/** An xref condition as stored: Bakta's `"DB:accession"` split at the first colon. */
export interface XrefMatch {
  /** `xref_terms.db`. */
  db: string;
  /** The accessions that match exactly (`in`). */
  accessions?: string[];
  /** For a COG category: the letter that must occur in a category accession. */
  cogCategory?: string;
}

const CANONICAL_DBS: ReadonlyMap<string, string> = new Map(
  [
    "COG",
    "EC",
    "GO",
    "KEGG",
    "UniRef",
    "UniParc",
    "RefSeq",
    "SO",
    "RFAM",
    "PFAM",
    "IS",
    "NCBIProtein",
    "VFDB",
  ]
    .map((name) => [name.toLowerCase(), name]),
);

/**
 * How an xref look-up is matched against `xref_terms`, which stores Bakta's `"DB:accession"`
 * strings split at the first colon (`COG:COG0001`, `COG:K`, `EC:1.1.1.1`, `GO:0005737`,
 * `UniRef:UniRef90_P12345`):
 *
 * - a known database name is matched case-insensitively and written as Bakta writes it;
 * - `UniRef90`/`UniRef50`/`UniRef100` become db `UniRef` with the accession's level prefix added
 *   when missing;
 * - `GO` accepts `GO:0005737` and `0005737` (both forms are looked up);
 * - `COG` with a single upper-case letter is a functional category: Bakta writes a protein's
 *   categories as one accession (`COG:KT` for K and T), so it matches every category accession
 *   that contains the letter.
 *
 * @param db The database name.
 * @param accession The accession.
 * @returns The stored form to look up.
 * @throws {TypeError} When either is not a non-empty string.
 *
 * @example UniRef levels
 * ```ts
 * import assert from "node:assert/strict";
 * import { xrefMatch } from "./features_by_xref.ts";
 * assert.deepEqual(xrefMatch("UniRef90", "P12345"), { db: "UniRef", accessions: ["UniRef90_P12345"] });
 * assert.deepEqual(xrefMatch("cog", "K"), { db: "COG", cogCategory: "K" });
 * ```
 */
export function xrefMatch(db: string, accession: string): XrefMatch {
  checkName(db, "db");
  checkName(accession, "accession");
  const level = /^uniref(50|90|100)$/i.exec(db);
  if (level !== null) {
    const prefix = `UniRef${level[1]}_`;
    return {
      db: "UniRef",
      accessions: [accession.startsWith(prefix) ? accession : `${prefix}${accession}`],
    };
  }
  const canonical = CANONICAL_DBS.get(db.toLowerCase()) ?? db;
  if (canonical === "COG" && /^[A-Z]$/.test(accession)) {
    return { db: canonical, cogCategory: accession };
  }
  if (canonical === "GO") {
    const bare = accession.replace(/^GO:/i, "");
    return { db: canonical, accessions: [`GO:${bare}`, bare] };
  }
  return { db: canonical, accessions: [accession] };
}

/**
 * The features that carry a cross-reference, in the latest annotation of each genome (or the scope
 * chosen), through the terms and the links by term `xref_term_features(term_id, feature_id)`
 * (schema v12; `feature_xrefs(term_id, feature_id)` before). See
 * {@linkcode xrefMatch} for how names and accessions are matched.
 *
 * The SQL emitted (an accession; a COG category replaces `"accession" in (?)` by
 * `"accession" not like 'COG%' and "accession" like ?` with `%K%`):
 *
 * ```sql
 * select "features"."id", … from "features"
 *   inner join "sequences" on "sequences"."id" = "features"."sequence_id"
 *   inner join "genomes" on "genomes"."id" = "sequences"."genome_id"
 * where "features"."annotation_id" in (select "annotations"."id" from … latest …)
 *   and "features"."id" in (
 *     select "xref_term_features"."feature_id" from "xref_term_features"
 *     where "xref_term_features"."term_id" in (
 *       select "xref_terms"."id" from "xref_terms"
 *       where "xref_terms"."db" = ? and "xref_terms"."accession" in (?)))
 * order by "features"."id"
 * ```
 *
 * @param db The database.
 * @param options The cross-reference and the annotation scope.
 * @returns A query builder of feature rows.
 * @throws {TypeError} When `db` or `accession` is not a non-empty string.
 *
 * @example Every feature in COG category K
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { insertFeatureXrefs } from "../db/xref_terms.ts";
 * import { featuresByXref } from "./features_by_xref.ts";
 *
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "g1" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values({
 *   genome_id: g.id, version: 1, seq_id: "c1", length: 1000,
 * }).returning("id").executeTakeFirstOrThrow();
 * const a = await db.insertInto("annotations").values({
 *   genome_id: g.id, sequence_version: 1, source: "files", fingerprint: "x",
 * }).returning("id").executeTakeFirstOrThrow();
 * const f = await db.insertInto("features").values({
 *   annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 1, stop: 90,
 *   strand: "+", locus_tag: "X_1",
 * }).returning("id").executeTakeFirstOrThrow();
 * await insertFeatureXrefs(db, [[f.id, "COG", "COG0745"], [f.id, "COG", "KT"]]);
 * const byCategory = await featuresByXref(db, { db: "COG", accession: "T" }).execute();
 * const byId = await featuresByXref(db, { db: "COG", accession: "COG0745" }).execute();
 * assert.deepEqual([byCategory.length, byId.length], [1, 1]);
 * await db.destroy();
 * ```
 */
export function featuresByXref(db: Kysely<Database>, options: XrefOptions): FeatureQuery {
  const match = xrefMatch(options?.db, options?.accession);
  let terms = db.selectFrom("xref_terms").select("xref_terms.id")
    .where("xref_terms.db", "=", match.db);
  if (match.cogCategory !== undefined) {
    terms = terms.where("xref_terms.accession", "not like", "COG%")
      .where("xref_terms.accession", "like", `%${match.cogCategory}%`);
  } else {
    terms = terms.where("xref_terms.accession", "in", match.accessions!);
  }
  const ids = db.selectFrom("xref_term_features").select("xref_term_features.feature_id")
    .where("xref_term_features.term_id", "in", terms);
  return scopeFeatures(selectFeatures(db), db, options)
    .where("features.id", "in", ids)
    .orderBy("features.id");
}
