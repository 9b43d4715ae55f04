/**
 * Schema v12: each feature's cross-reference term ids are stored once, on its row, and the links
 * keep one b-tree, for look-ups by term.
 *
 * - `features.xref_ids`: the feature's term ids. SQLite: packed bytes (`_packed_term_ids.ts`:
 *   ascending, delta-coded varints; null without cross-references), read in SQL through
 *   `json_each(term_ids_json(xref_ids))`. PostgreSQL: an `integer[]`, ascending, read through
 *   `unnest(xref_ids)` (PostgreSQL has no size aim, and a function over bytes would be decoded
 *   in PL/pgSQL for every row).
 * - `xref_term_features (term_id, feature_id)`: the primary key is the b-tree (SQLite `without
 *   rowid`), for `features_by_xref` and the clean-up of unused terms. No foreign key to
 *   `features` (a cascade would search this table by feature): the trigger `features_xrefs_ad`
 *   deletes a deleted feature's links by their keys, read from its `xref_ids` (on SQLite through
 *   `term_ids_json`, so a connection without the function cannot delete linked features).
 * - `feature_xrefs` and `feature_xrefs_term_idx` are dropped (0.41 MB a genome on the 12 GFF3s of
 *   `bench/store_size.ts`).
 *
 * Everything runs in the migrator's transaction: killed halfway, schema v11 is left whole and the
 * migration runs again. `down` rebuilds `feature_xrefs` as 0008 left it.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { isSqlite, withoutRowid } from "./_dialect.ts";
import { createFeatureXrefsTable } from "./_feature_xrefs_table.ts";
import { packTermIds } from "./_packed_term_ids.ts";

/** Features whose links are read, packed and written per step (SQLite). */
const PAGE = 20_000;

/** To schema v12: the ids on the feature row, the links by term. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await createTermFeatures(db);
  await sql`insert into xref_term_features (term_id, feature_id)
    select term_id, feature_id from feature_xrefs order by term_id, feature_id`.execute(db);
  if (isSqlite(db)) {
    await db.schema.alterTable("features").addColumn("xref_ids", "blob").execute();
    await fillSqliteIds(db);
  } else {
    await sql`alter table features add column xref_ids integer[]`.execute(db);
    await sql`update features as f set xref_ids = x.ids from (
        select feature_id, array_agg(term_id order by term_id) as ids
        from feature_xrefs group by feature_id
      ) as x where f.id = x.feature_id`.execute(db);
  }
  await db.schema.dropTable("feature_xrefs").execute();
  await createDeleteTrigger(db);
}

/** Back to schema v11: `feature_xrefs (feature_id, term_id)` and its index by term. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger features_xrefs_ad${isSqlite(db) ? sql`` : sql` on features`}`.execute(db);
  if (!isSqlite(db)) await sql`drop function baktadb_features_xrefs_ad()`.execute(db);
  await createFeatureXrefsTable(db, "feature_xrefs");
  await sql`insert into feature_xrefs (feature_id, term_id)
    select feature_id, term_id from xref_term_features order by feature_id, term_id`.execute(db);
  await db.schema.createIndex("feature_xrefs_term_idx").on("feature_xrefs")
    .columns(["term_id", "feature_id"]).execute();
  await db.schema.dropTable("xref_term_features").execute();
  const trigger = await setAsideUpdateTrigger(db);
  await db.schema.alterTable("features").dropColumn("xref_ids").execute();
  if (trigger !== undefined) await sql.raw(trigger).execute(db);
}

/** Deletes a deleted feature's links by term, found by key from its `xref_ids`. */
// deno-lint-ignore no-explicit-any
async function createDeleteTrigger(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await sql`create trigger features_xrefs_ad after delete on features
      when old.xref_ids is not null begin
        delete from xref_term_features where feature_id = old.id
          and term_id in (select value from json_each(term_ids_json(old.xref_ids)));
      end`.execute(db);
    return;
  }
  await sql`create function baktadb_features_xrefs_ad() returns trigger language plpgsql as $$
    begin
      delete from xref_term_features where feature_id = old.id and term_id = any(old.xref_ids);
      return null;
    end $$`.execute(db);
  await sql`create trigger features_xrefs_ad after delete on features for each row
    when (old.xref_ids is not null) execute function baktadb_features_xrefs_ad()`.execute(db);
}

/** The links by term, keyed `(term_id, feature_id)`. */
// deno-lint-ignore no-explicit-any
async function createTermFeatures(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("xref_term_features")
    .addColumn("term_id", "integer", (c) => c.notNull().references("xref_terms.id"))
    .addColumn("feature_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("xref_term_features_pk", ["term_id", "feature_id"])
    .modifyEnd(withoutRowid(db))
    .execute();
}

/**
 * SQLite: packs each linked feature's term ids (a range of {@linkcode PAGE} feature ids a step)
 * into a scratch table, then sets `features.xref_ids` in one `update … from`, with the
 * `features_au` trigger (which re-indexes text and coordinates, unchanged here) set aside.
 */
// deno-lint-ignore no-explicit-any
async function fillSqliteIds(db: Kysely<any>): Promise<void> {
  await sql`create temp table xref_ids_v12 (id integer primary key, ids blob not null)`.execute(db);
  const { rows: [{ last }] } = await sql<{ last: number | null }>`
    select max(feature_id) as last from feature_xrefs`.execute(db);
  for (let from = 0; last !== null && from <= last; from += PAGE) {
    const { rows } = await sql<{ feature_id: number; ids: string }>`
      select feature_id, json_group_array(term_id) as ids from feature_xrefs
      where feature_id >= ${from} and feature_id < ${from + PAGE}
      group by feature_id`.execute(db);
    const packed = rows.map((r) => ({ id: r.feature_id, ids: packTermIds(JSON.parse(r.ids)) }));
    for (let at = 0; at < packed.length; at += 500) {
      await db.insertInto("xref_ids_v12").values(packed.slice(at, at + 500)).execute();
    }
  }
  const trigger = await setAsideUpdateTrigger(db);
  await sql`update features set xref_ids = v.ids from xref_ids_v12 as v where v.id = features.id`
    .execute(db);
  if (trigger !== undefined) await sql.raw(trigger).execute(db);
  await sql`drop table xref_ids_v12`.execute(db);
}

/** SQLite: drops the `features_au` trigger and gives back its SQL, to put it back as it was. */
// deno-lint-ignore no-explicit-any
async function setAsideUpdateTrigger(db: Kysely<any>): Promise<string | undefined> {
  if (!isSqlite(db)) return undefined;
  const { rows } = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'trigger' and name = 'features_au'`.execute(db);
  const trigger = rows[0]?.sql;
  if (trigger !== undefined) await sql`drop trigger features_au`.execute(db);
  return trigger;
}
