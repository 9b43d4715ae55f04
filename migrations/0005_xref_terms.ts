/**
 * Schema v5: cross-references dictionary-coded.
 *
 * Each distinct `(db, accession)` pair is stored once, in `xref_terms(id, db, accession)` (unique
 * on `(db, accession)`); `feature_xrefs(feature_id, term_id)` links features to terms. Both
 * b-trees of the cross-references (the table, clustered on `(feature_id, term_id)` — SQLite
 * `without rowid` — and the index `feature_xrefs_term_idx (term_id, feature_id)`) now hold two
 * integers a row instead of two texts: a cohort of _S. pneumoniae_ shares each term 5.5 times.
 *
 * Also `result_files.rebuilds_records` (0/1): 1 on the stored file (a GFF3 read alone) that the
 * annotation's feature records are rebuilt from, so that they are not stored a second time in
 * `feature_originals` (existing annotations keep their packed records: 0).
 *
 * The rows are moved in place: terms from the distinct pairs, links by joining the old rows to the
 * terms, then the old table is dropped and the new one takes its name. All or nothing (a savepoint
 * on SQLite, where Kysely runs migrations outside a transaction; PostgreSQL runs it in a
 * transaction), so a migration killed or failing halfway leaves schema v4 and runs again from the
 * start; each step also tolerates finding its work done (`if not exists`, `on conflict do
 * nothing`).
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { idType, isSqlite, withoutRowid } from "./_dialect.ts";
import { createFeatureXrefsTable } from "./_feature_xrefs_table.ts";

/** Moves the cross-references of schema v4 into terms and links. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await atomically(db, "xref_terms", async () => {
    await createTerms(db);
    await createFeatureXrefsTable(db, "feature_xrefs_v5", "xref_terms", true);
    await sql`insert into xref_terms (db, accession)
      select distinct db, accession from feature_xrefs order by db, accession
      on conflict do nothing`.execute(db);
    await sql`insert into feature_xrefs_v5 (feature_id, term_id)
      select x.feature_id, t.id from feature_xrefs x
      join xref_terms t on t.db = x.db and t.accession = x.accession
      order by x.feature_id, t.id
      on conflict do nothing`.execute(db);
    await db.schema.dropTable("feature_xrefs").execute();
    await db.schema.alterTable("feature_xrefs_v5").renameTo("feature_xrefs").execute();
    await db.schema.createIndex("feature_xrefs_term_idx").ifNotExists().on("feature_xrefs")
      .columns(["term_id", "feature_id"]).execute();
    await db.schema.alterTable("result_files").addColumn(
      "rebuilds_records",
      "integer",
      (c) => c.notNull().defaultTo(0).check(sql`rebuilds_records in (0, 1)`),
    ).execute();
  });
}

/**
 * Back to schema v4's `feature_xrefs(feature_id, db, accession)`, with the same rows. Schema v4
 * cannot rebuild records from a file: refused while an annotation has its records only there.
 */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const rebuilt = await db.selectFrom("result_files").select(["annotation_id", "file_name"])
    .where("rebuilds_records", "=", 1).executeTakeFirst();
  if (rebuilt !== undefined) {
    throw new Error(
      `Cannot migrate down from 0005: annotation ${rebuilt.annotation_id} keeps its feature ` +
        `records only in "${rebuilt.file_name}", which schema 0004 cannot read them from`,
    );
  }
  await atomically(db, "xref_terms_down", async () => {
    await db.schema.createTable("feature_xrefs_v4")
      .addColumn(
        "feature_id",
        "integer",
        (c) => c.notNull().references("features.id").onDelete("cascade"),
      )
      .addColumn("db", "text", (c) => c.notNull())
      .addColumn("accession", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("feature_xrefs_key", ["feature_id", "db", "accession"])
      .modifyEnd(withoutRowid(db))
      .execute();
    await sql`insert into feature_xrefs_v4 (feature_id, db, accession)
      select x.feature_id, t.db, t.accession from feature_xrefs x
      join xref_terms t on t.id = x.term_id`.execute(db);
    await db.schema.dropTable("feature_xrefs").execute();
    await db.schema.dropTable("xref_terms").execute();
    await db.schema.alterTable("feature_xrefs_v4").renameTo("feature_xrefs").execute();
    await db.schema.createIndex("feature_xrefs_db_accession_idx").on("feature_xrefs")
      .columns(["db", "accession", "feature_id"]).execute();
    await db.schema.alterTable("result_files").dropColumn("rebuilds_records").execute();
  });
}

/** Runs `steps` inside a savepoint on SQLite (PostgreSQL: Kysely's migration transaction). */
// deno-lint-ignore no-explicit-any
async function atomically(db: Kysely<any>, name: string, steps: () => Promise<void>) {
  const sqlite = isSqlite(db);
  if (sqlite) await sql`savepoint ${sql.id(name)}`.execute(db);
  try {
    await steps();
  } catch (error) {
    if (sqlite) await sql`rollback to ${sql.id(name)}`.execute(db);
    throw error;
  } finally {
    if (sqlite) await sql`release ${sql.id(name)}`.execute(db);
  }
}

/** `xref_terms`: one row per distinct `(db, accession)`. */
// deno-lint-ignore no-explicit-any
async function createTerms(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("xref_terms").ifNotExists()
    .addColumn("id", idType(db), (c) => c.primaryKey())
    .addColumn("db", "text", (c) => c.notNull())
    .addColumn("accession", "text", (c) => c.notNull())
    .addUniqueConstraint("xref_terms_db_accession_key", ["db", "accession"])
    .execute();
}
