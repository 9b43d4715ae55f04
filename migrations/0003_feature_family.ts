/**
 * Schema v3: each feature's gene family, stored (`features.family`), so that the cohort tables
 * group proteins by a column instead of looking up every protein's UniRef cross-references; and one
 * covering index for the per-genome counts.
 *
 * The family is: the protein's smallest `UniRef90_…` cross-reference (db `UniRef`), else its
 * smallest `UniRef50_…`, else `MD5:` followed by `aa_hexdigest`, else null. This is the rule of
 * `familyKey()` in `src/analysis/gene_families.ts` as it was when this migration was written,
 * copied here (not imported) so that the migration stays as written.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { isSqlite } from "./_dialect.ts";

/** The index that serves the family tables and the per-genome CDS counts. */
const INDEX = "features_annotation_type_flags_family_idx";

/**
 * Adds `features.family`, fills it for the existing features in one `update`, and indexes
 * `features(annotation_id, type, pseudo, hypothetical, family)`, all or nothing.
 */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction: a savepoint makes this one all or nothing.
  const sqlite = isSqlite(db);
  if (sqlite) await sql`savepoint feature_family`.execute(db);
  try {
    await db.schema.alterTable("features").addColumn("family", "text").execute();
    await backfill(db);
    await db.schema.createIndex(INDEX).on("features")
      .columns(["annotation_id", "type", "pseudo", "hypothetical", "family"]).execute();
  } catch (error) {
    if (sqlite) await sql`rollback to feature_family`.execute(db);
    throw error;
  } finally {
    if (sqlite) await sql`release feature_family`.execute(db);
  }
}

/** Drops the index and `features.family`. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(INDEX).ifExists().execute();
  await db.schema.alterTable("features").dropColumn("family").execute();
}

/**
 * One set-based `update` of every feature with a protein digest or a UniRef cross-reference. On
 * SQLite, the `features_au` trigger (which re-indexes locus tag, gene, product and coordinates on
 * every update of a feature) is set aside meanwhile, since none of those change, and put back
 * exactly as it was.
 */
// deno-lint-ignore no-explicit-any
async function backfill(db: Kysely<any>): Promise<void> {
  const ref = sql.ref;
  const cluster = (level: string) =>
    sql`(select min(${ref("x.accession")}) from ${sql.table("feature_xrefs")} as ${
      sql.id("x")
    } where ${ref("x.feature_id")} = ${ref("features.id")} and ${ref("x.db")} = 'UniRef' and ${
      ref("x.accession")
    } >= ${sql.lit(`UniRef${level}_`)} and ${ref("x.accession")} < ${sql.lit(`UniRef${level}\``)})`;
  const family = sql`coalesce(${cluster("90")}, ${cluster("50")}, 'MD5:' || ${
    ref("features.aa_hexdigest")
  })`;
  let trigger: string | undefined;
  if (isSqlite(db)) {
    const row = await sql<{ sql: string }>`select sql from sqlite_master
      where type = 'trigger' and name = 'features_au'`.execute(db);
    trigger = row.rows[0]?.sql;
    if (trigger !== undefined) await sql`drop trigger features_au`.execute(db);
  }
  await db.updateTable("features")
    .set({ family })
    .where((eb) =>
      eb.or([
        eb("features.aa_hexdigest", "is not", null),
        eb(
          "features.id",
          "in",
          eb.selectFrom("feature_xrefs").select("feature_xrefs.feature_id")
            .where("feature_xrefs.db", "=", "UniRef"),
        ),
      ])
    )
    .execute();
  if (trigger !== undefined) await sql.raw(trigger).execute(db);
}
