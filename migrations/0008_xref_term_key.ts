/**
 * Schema v8: each cross-reference term's text stored once, and a generation counter of deleted
 * terms.
 *
 * - `xref_terms.key`: a 32-bit hash of `(db, accession)` (`_xref_term_key.ts`), indexed by
 *   `xref_terms_key_idx (key)`. On SQLite it replaces the unique index on `(db, accession)`, which
 *   kept every term's text a second time (about as large as the table itself); a look-up finds a
 *   pair's candidates by key and compares their text. Writers add terms inside their write
 *   transaction (SQLite `begin immediate`), which keeps the pairs distinct. PostgreSQL keeps its
 *   unique constraint as a second guard (its size is not the aim) and gets the key too, so that
 *   both engines run the same look-up.
 * - `xref_terms_generation(generation)`: one row, bumped by every write that deletes terms (`rm`
 *   of the last features carrying them), so that a per-process cache of term ids notices.
 *
 * FTS5 keeps its per-row size table: `columnsize=0` would save 0.20 MB for 8 genomes but makes
 * `bm25` tokenize every matched row's content again (measured: ranking 60,000 matches took 2.2×
 * as long), and cohort-wide searches rank tens of thousands of matches.
 *
 * On SQLite the two cross-reference tables are rebuilt (a unique constraint cannot be dropped):
 * the new terms are written with their keys, the links copied in key order (which also packs their
 * b-tree), the child table dropped before its parent so that no foreign key dangles, then both
 * take the old names. The migrator runs every migration inside one write transaction (SQLite
 * `begin immediate`, PostgreSQL Kysely's transaction): killed halfway, schema v7 is left whole and
 * the migration runs again from the start.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { isSqlite } from "./_dialect.ts";
import { createFeatureXrefsTable } from "./_feature_xrefs_table.ts";
import { xrefTermHash } from "./_xref_term_key.ts";

/** Terms read and written per statement while filling keys. */
const PAGE = 2000;

/** To schema v8: hashed term keys, the generation counter, FTS5 without its size table. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await rebuildSqliteTerms(db, "key");
  } else {
    await db.schema.alterTable("xref_terms").addColumn("key", "integer").execute();
    await fillPostgresKeys(db);
    await db.schema.alterTable("xref_terms").alterColumn("key", (c) => c.setNotNull()).execute();
  }
  await db.schema.createIndex("xref_terms_key_idx").on("xref_terms").column("key").execute();
  await db.schema.createTable("xref_terms_generation")
    .addColumn("generation", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("xref_terms_generation").values({ generation: 0 }).execute();
}

/** Back to schema v7: the unique `(db, accession)` index, no key, no counter, FTS5 as before. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("xref_terms_generation").execute();
  await db.schema.dropIndex("xref_terms_key_idx").execute();
  if (isSqlite(db)) {
    await rebuildSqliteTerms(db, "unique");
  } else {
    await db.schema.alterTable("xref_terms").dropColumn("key").execute();
  }
}

/**
 * Rebuilds SQLite's `xref_terms` (with a `key` column, or with v7's unique `(db, accession)`)
 * and `feature_xrefs`, keeping every id and link.
 */
// deno-lint-ignore no-explicit-any
async function rebuildSqliteTerms(db: Kysely<any>, layout: "key" | "unique"): Promise<void> {
  let terms = db.schema.createTable("xref_terms_v8")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("db", "text", (c) => c.notNull())
    .addColumn("accession", "text", (c) => c.notNull());
  terms = layout === "key"
    ? terms.addColumn("key", "integer", (c) => c.notNull())
    : terms.addUniqueConstraint("xref_terms_db_accession_key", ["db", "accession"]);
  await terms.execute();
  await copyTerms(db, layout === "key");
  await createFeatureXrefsTable(db, "feature_xrefs_v8", "xref_terms_v8");
  await sql`insert into feature_xrefs_v8 (feature_id, term_id)
    select feature_id, term_id from feature_xrefs order by feature_id, term_id`.execute(db);
  // The child first, so that dropping the parent leaves no link without its term.
  await db.schema.dropTable("feature_xrefs").execute();
  await db.schema.dropTable("xref_terms").execute();
  await db.schema.alterTable("xref_terms_v8").renameTo("xref_terms").execute();
  await db.schema.alterTable("feature_xrefs_v8").renameTo("feature_xrefs").execute();
  await db.schema.createIndex("feature_xrefs_term_idx").on("feature_xrefs")
    .columns(["term_id", "feature_id"]).execute();
}

/** Copies the terms into `xref_terms_v8`, by id, with their keys when `withKey`. */
// deno-lint-ignore no-explicit-any
async function copyTerms(db: Kysely<any>, withKey: boolean): Promise<void> {
  for await (const page of termPages(db)) {
    await db.insertInto("xref_terms_v8").values(
      page.map((t) => withKey ? { ...t, key: xrefTermHash(t.db, t.accession) } : t),
    ).execute();
  }
}

/** PostgreSQL: fills the new `key` column in pages of terms. */
// deno-lint-ignore no-explicit-any
async function fillPostgresKeys(db: Kysely<any>): Promise<void> {
  for await (const page of termPages(db)) {
    const values = sql.join(
      page.map((t) => sql`(${t.id}::integer, ${xrefTermHash(t.db, t.accession)}::integer)`),
    );
    await sql`update xref_terms as t set key = v.key from (values ${values}) as v (id, key)
      where t.id = v.id`.execute(db);
  }
}

/** The stored terms, in pages ordered by id. */
async function* termPages(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
): AsyncGenerator<{ id: number; db: string; accession: string }[]> {
  let after = 0;
  for (;;) {
    const page = await db.selectFrom("xref_terms").select(["id", "db", "accession"])
      .where("id", ">", after).orderBy("id").limit(PAGE).execute();
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].id;
  }
}
