/**
 * The family tables' reading order: an index on `features(type, family, annotation_id, pseudo)`,
 * so that the presence of every gene family in every genome is read in one pass **grouped by
 * family in index order** (SQLite streams its `group by family` without a sort or a temporary
 * b-tree; the row id rides along in every index entry, so the family's first member is read too)
 * and `pseudo` answers `pseudogenes: "absent"` from the index alone. The 0003 index
 * `features(annotation_id, type, pseudo, hypothetical, family)` stays: it serves the per-genome
 * counts and the small cohorts.
 *
 * Numbered 0006 so that `0005_xref_terms` (the dictionary-coded cross-references) keeps its
 * number; the two are independent.
 *
 * @module
 */

import type { Kysely } from "../src/deps/kysely.ts";

/** The index. */
const INDEX = "features_type_family_idx";

/** Creates the index. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex(INDEX).on("features")
    .columns(["type", "family", "annotation_id", "pseudo"]).execute();
}

/** Drops the index. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(INDEX).ifExists().execute();
}
