/**
 * Schema v13: two indexes of `features` fewer.
 *
 * SQLite only, region queries without the R*Tree:
 * - `features_rtree` (0.118 MB of a real genome's 2.31 MB, and a quarter second of an import's
 *   CPU per 25,000 features) is dropped, with its part of the three index triggers (the FTS5 part
 *   stays, and the insert trigger still skips rows while `features_index_state.deferred` is 1).
 * - `features_long_idx`, a partial b-tree on `features(sequence_id, start)` of the features that
 *   span the origin or at least 5,000 bases (`edge = 1 or stop - start >= 5000`: a few per
 *   genome), is added. A window `lo … hi` is then answered by a bounded scan of the b-tree
 *   `features(sequence_id, start, stop)` from `lo − 5000` to `hi` plus this small index
 *   (`src/db/region_bound.ts`, which must keep the same literal condition).
 *
 * PostgreSQL never had the R*Tree (its region index is the GiST range index of 0001).
 *
 * Both engines: `features_type_family_idx` (0006, `features(type, family, annotation_id,
 * pseudo)`: 0.077 MB a genome) is dropped. The family tables read the per-annotation family sets
 * (v10); their features path (before v10, or for comparison) reads the cohort's rows in one pass,
 * and `rm` finds a family's next representative through the family sets
 * (`src/store/_repick_families.ts`).
 *
 * All statements run in the migrator's transaction: killed halfway, schema v12 is left whole and
 * the migration runs again.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { isSqlite } from "./_dialect.ts";

/** The partial index of long and origin-spanning features, frozen with this migration. */
const LONG_INDEX = `create index features_long_idx on features (sequence_id, start)
  where (edge = 1 or stop - start >= 5000)`;

/** The FTS5 statements of the triggers, the same at v12 and v13. */
const FTS_INSERT = `insert into features_fts (rowid, locus_tag, gene, product)
      values (new.id, new.locus_tag, new.gene, new.product);`;
const FTS_DELETE = `insert into features_fts (features_fts, rowid, locus_tag, gene, product)
      values ('delete', old.id, old.locus_tag, old.gene, old.product);`;

/** The R*Tree statements of the v12 triggers. */
const RTREE_INSERT = `insert into features_rtree (id, seq_lo, seq_hi, lo, hi) values (new.id,
      new.sequence_id, new.sequence_id, new.start, case when new.edge = 1
        then new.stop + (select length from sequences where id = new.sequence_id)
        else new.stop end);`;
const RTREE_DELETE = `delete from features_rtree where id = old.id;`;

/** The three triggers, with the R*Tree's statements or without. */
function triggers(rtree: boolean): string[] {
  const [insert, remove] = rtree ? [RTREE_INSERT, RTREE_DELETE] : ["", ""];
  return [
    `create trigger features_ai after insert on features
      when (select deferred from features_index_state) = 0 begin
      ${FTS_INSERT} ${insert}
    end`,
    `create trigger features_ad after delete on features begin
      ${FTS_DELETE} ${remove}
    end`,
    `create trigger features_au after update on features begin
      ${FTS_DELETE} ${remove} ${FTS_INSERT} ${insert}
    end`,
  ];
}

/** Replaces the three index triggers. */
// deno-lint-ignore no-explicit-any
async function replaceTriggers(db: Kysely<any>, rtree: boolean): Promise<void> {
  for (const name of ["features_ai", "features_ad", "features_au"]) {
    await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
  }
  for (const text of triggers(rtree)) await sql.raw(text).execute(db);
}

/** The family index of 0006, dropped here. */
const FAMILY_INDEX = "features_type_family_idx";

/**
 * To schema v13: the family index dropped; on SQLite the triggers without the R*Tree, the R*Tree
 * dropped, the long features indexed.
 */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(FAMILY_INDEX).ifExists().execute();
  if (!isSqlite(db)) return;
  await replaceTriggers(db, false);
  await sql`drop table if exists features_rtree`.execute(db);
  await sql.raw(LONG_INDEX).execute(db);
}

/** Back to schema v12: the family index and (SQLite) the R*Tree rebuilt, its triggers back. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex(FAMILY_INDEX).on("features")
    .columns(["type", "family", "annotation_id", "pseudo"]).execute();
  if (!isSqlite(db)) return;
  await sql`drop index if exists features_long_idx`.execute(db);
  await sql`create virtual table features_rtree using rtree_i32(id, seq_lo, seq_hi, lo, hi)`
    .execute(db);
  await sql`insert into features_rtree (id, seq_lo, seq_hi, lo, hi)
    select f.id, f.sequence_id, f.sequence_id, f.start,
      case when f.edge = 1 then f.stop + s.length else f.stop end
    from features f join sequences s on s.id = f.sequence_id order by f.id`.execute(db);
  await replaceTriggers(db, true);
}
