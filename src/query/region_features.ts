/**
 * The features of a window in one statement: the fast form of `featuresInRegion` for code that
 * only reads the rows (a genome browser, a notebook loop over windows).
 *
 * @module
 */

import { CompiledQuery, type Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { type FeatureRecord, withBooleanFlags } from "../db/_feature_rows.ts";
import { FEATURE_RECORD_SQL } from "./_feature_list_sql.ts";
import type { FeatureListRow } from "./find_features.ts";
import {
  checkRegionOptions,
  checkRegionTarget,
  featuresInRegion,
  type RegionOptions,
} from "./features_in_region.ts";
import { isPostgres, isSqlite } from "./_sqlite_indexes.ts";
import { namedStatement } from "../db/postgres/named_statement.ts";
import { postgresRegionSql } from "./_postgres_region_sql.ts";
import { longFeatureWhere, REGION_SPAN_BOUND } from "../db/region_bound.ts";

/**
 * The one SQLite statement (text fixed, so each connection prepares it once): `?1` genome, `?2`
 * annotation id or null (the latest), `?3` sequence, `?4` from, `?5` to. `target` is the
 * annotation and sequence (the look-up of `featuresInRegion`), `boxes` the boxes of `regionBoxes`
 * computed from its length and topology. The features are found on b-trees
 * (`src/db/region_bound.ts`): per box, a scan of `features(sequence_id, start, stop)` from
 * `lo − REGION_SPAN_BOUND` to `hi`, and the few long or origin-spanning features through the
 * partial index `features_long_idx`. The `left join` keeps one row (with null feature columns)
 * when the window is empty, so that a missing genome or sequence (no row at all, or a null
 * sequence) is told apart from an empty window.
 */
const REGION_SQL = `
with target as materialized (
  select a.id as annotation_id, s.id as sequence_id, s.length as length, s.topology as topology,
    coalesce(s.topology = 'circular', 0) as circular
  from (
    select annotations.id, annotations.genome_id, annotations.sequence_version from annotations
      inner join genomes on genomes.id = annotations.genome_id
    where genomes.name = ?1
      and case when ?2 is null then annotations.mode = 'genome' else annotations.id = ?2 end
    order by annotations.sequence_version desc, annotations.id desc limit 1) as a
  left join sequences as s on s.genome_id = a.genome_id and s.version = a.sequence_version
    and s.seq_id = ?3),
boxes as materialized (
  select ?4 as lo, case when circular and ?4 > ?5 then ?5 + length else ?5 end as hi from target
  union all
  select case when ?4 <= ?5 then ?4 + length else ?4 - length end,
    case when ?4 <= ?5 then ?5 + length else ?5 end
  from target where circular)
select t.annotation_id as "targetAnnotationId", t.sequence_id as "targetSequenceId",
  t.length as "targetLength", t.topology as "targetTopology", ${FEATURE_RECORD_SQL}
from target as t
  left join features as f on f.id in (
    select g.id from boxes as b, features as g
    where g.sequence_id = t.sequence_id and g.start >= b.lo - ${REGION_SPAN_BOUND}
      and g.start <= b.hi and g.stop >= b.lo
    union
    select g.id from features as g
    where g.sequence_id = t.sequence_id and ${longFeatureWhere("g.")}
      and exists (select 1 from boxes as b where g.start <= b.hi
        and case when g.edge = 1 then g.stop + t.length else g.stop end >= b.lo))
  and +f.annotation_id = t.annotation_id and +f.sequence_id = t.sequence_id
order by case
    when t.circular and f.edge = 1 and f.stop >= ?4 and f.start > ?4 then f.start - t.length
    when t.circular and f.start < ?4 and f.stop < ?4 and f.edge = 0 then f.start + t.length
    else f.start end,
  f.id`;

/** The PostgreSQL statement (see `postgresRegionSql`), run as a named prepared statement. */
const POSTGRES_REGION_SQL = postgresRegionSql(FEATURE_RECORD_SQL);

/** The name of {@linkcode POSTGRES_REGION_SQL} on each connection. */
const POSTGRES_REGION_STATEMENT = "baktadb_region_features_v4";

/** A row of {@linkcode REGION_SQL} once its flags are booleans (`id` null: no feature). */
type RegionRow = Omit<FeatureRecord, "id"> & {
  id: number | null;
  targetAnnotationId: number;
  targetSequenceId: number | null;
  targetLength: number | null;
  targetTopology: string | null;
};

/**
 * The features of one sequence that overlap the window `from … to` (1-based, inclusive), as
 * {@linkcode featuresInRegion} finds them (the same rows in the same order, the same errors), but
 * read at once instead of returned as a query to extend.
 *
 * On SQLite it is one statement whose text never changes: the look-up of the annotation and the
 * sequence, the boxes and the features (two b-trees) in one round trip, prepared once per connection
 * (the connection's statement cache) and not compiled by Kysely per call. On PostgreSQL it is
 * likewise one statement (`postgresRegionSql`: the look-up, the GiST range index for features
 * that do not span the origin and the partial b-tree for those that do), sent as a named prepared
 * statement, so that each connection parses and plans it once. Elsewhere it runs
 * `featuresInRegion`'s query.
 *
 * @param db The database.
 * @param options The genome, sequence, window and annotation (`index` is not used).
 * @returns The features, in genome order from the window's first base.
 * @throws {TypeError} When `genome` or `sequence` is not a non-empty string.
 * @throws {RangeError} When `from`/`to` are not within 1 … length, when `from > to` on a sequence
 *   that is not circular, or when the genome, annotation or sequence does not exist.
 *
 * @example A window across the origin finds the feature that spans it
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { regionFeatures } from "./region_features.ts";
 *
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "p1" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values({
 *   genome_id: g.id, version: 1, seq_id: "plasmid", length: 1000, topology: "circular",
 * }).returning("id").executeTakeFirstOrThrow();
 * const a = await db.insertInto("annotations").values({
 *   genome_id: g.id, sequence_version: 1, source: "files", fingerprint: "x",
 * }).returning("id").executeTakeFirstOrThrow();
 * const base = { annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds" };
 * await db.insertInto("features").values([
 *   { ...base, start: 950, stop: 30, strand: "+", edge: 1, locus_tag: "P_1" },
 *   { ...base, start: 400, stop: 600, strand: "-", edge: 0, locus_tag: "P_2" },
 * ]).execute();
 * const rows = await regionFeatures(db, { genome: "p1", sequence: "plasmid", from: 990, to: 20 });
 * assert.deepEqual(rows.map((f) => [f.locusTag, f.edge, f.sequence]), [["P_1", true, "plasmid"]]);
 * assert.deepEqual(await regionFeatures(db, { genome: "p1", sequence: "plasmid", from: 40, to: 50 }), []);
 * await assert.rejects(
 *   regionFeatures(db, { genome: "p1", sequence: "nope", from: 1, to: 2 }),
 *   RangeError,
 * );
 * await db.destroy();
 * ```
 */
export async function regionFeatures(
  db: Kysely<Database>,
  options: RegionOptions,
): Promise<FeatureListRow[]> {
  checkRegionOptions(options);
  const { genome, sequence, from, to, annotationId } = options;
  const values = [genome, annotationId ?? null, sequence, from, to];
  let query: CompiledQuery;
  if (isSqlite(db)) query = CompiledQuery.raw(REGION_SQL, values);
  else if (isPostgres(db)) {
    query = namedStatement(POSTGRES_REGION_STATEMENT, POSTGRES_REGION_SQL, values);
  } else return await (await featuresInRegion(db, options)).execute();
  const { rows } = await db.executeQuery<RegionRow>(query);
  const [first] = rows;
  checkRegionTarget(
    first === undefined ? undefined : {
      annotationId: first.targetAnnotationId,
      sequenceId: first.targetSequenceId,
      length: first.targetLength,
      topology: first.targetTopology,
    },
    options,
  );
  const features: FeatureListRow[] = [];
  for (const row of rows) {
    if (row.id === null) continue;
    const {
      targetAnnotationId: _a,
      targetSequenceId: _s,
      targetLength: _l,
      targetTopology: _t,
      ...feature
    } = withBooleanFlags(row);
    features.push({ ...feature, id: row.id, genome, sequence });
  }
  return features;
}
