/**
 * The PostgreSQL statement of `regionFeatures`: the look-up of the annotation and the sequence
 * and the window's features in one round trip, on the indexes of migration 0001.
 *
 * @module
 */

/** 2^32: sequence ids scale positions apart in the GiST index on `int8range` (migration 0001). */
const STRIDE = "4294967296";

/**
 * The statement, its text fixed so that it can be a named prepared statement (planned once per
 * connection): `$1` genome, `$2` annotation id or null (the latest), `$3` sequence, `$4` from,
 * `$5` to. The CTEs are materialized, so each runs once and fences what follows:
 *
 * - `target`: the annotation and its sequence (one row, with null sequence columns when the
 *   assembly has no such sequence; no row when the genome or annotation does not exist);
 * - `spans`: the window clipped to `1 … length` as ranges of the GiST index
 *   `features_region_idx` (`int8range(sequence_id · 2^32 + start, … + stop)` of the features
 *   that do not span the origin): one range, or two for a window across the origin (`from …
 *   length` and `1 … to`; a feature that meets both is taken from the first only: `below`, the
 *   bound its stop must stay under, is `from` in the second). Ranges whose bounds would be
 *   reversed (a window that does not fit: an error once the row is read) are not built;
 * - `boxes`: the window on unrolled coordinates (`regionBoxes`), tested against the sequence's
 *   few origin-spanning features, found through the partial b-tree `features_edge_idx`.
 *
 * The features' part has no parameter of its own (they reach it through the CTEs), so that the
 * server's generic plan costs what the custom ones do and is chosen after five executions:
 * planned once per connection. `annotation_id + 0` keeps the planner from reading the whole
 * annotation through its b-tree instead of the window through the GiST index.
 *
 * The `left join … on true` keeps one row (null feature columns) for an empty window, so that a
 * missing genome or sequence is told apart from an empty window (no `lateral`: `target` has one
 * row at most, and the features' part reads it as `u`); the order is SQLite's (genome order from
 * the window's first base, then id).
 *
 * @param featureSelect The feature columns of the result, from the derived table `f`.
 * @returns The statement's text.
 *
 * @example The statement reads both indexes and takes five parameters
 * ```ts
 * import assert from "node:assert/strict";
 * import { postgresRegionSql } from "./_postgres_region_sql.ts";
 * const text = postgresRegionSql('f.id as "id"');
 * assert.match(text, /&& w\.r/);
 * assert.match(text, /f\.edge = 1/);
 * assert.ok(text.includes("$5") && !text.includes("$6"));
 * ```
 */
export function postgresRegionSql(featureSelect: string): string {
  return `
with target as materialized (
  select a.id as annotation_id, s.id as sequence_id, s.length as length, s.topology as topology,
    coalesce(s.topology = 'circular', false) as circular, s.id::int8 * ${STRIDE} as base
  from (
    select annotations.id, annotations.genome_id, annotations.sequence_version from annotations
      inner join genomes on genomes.id = annotations.genome_id
    where genomes.name = $1::text
      and case when $2::int8 is null then annotations.mode = 'genome'
        else annotations.id = $2::int8 end
    order by annotations.sequence_version desc, annotations.id desc limit 1) as a
  left join sequences as s on s.genome_id = a.genome_id and s.version = a.sequence_version
    and s.seq_id = $3::text),
spans as materialized (
  select case when k.k = 1
      then int8range(base + $4::int8,
        base + case when $4::int8 > $5::int8 then length else $5::int8 end, '[]')
      else int8range(base + 1, base + $5::int8, '[]') end as r,
    case when k.k = 1 then length::int8 + 1 else $4::int8 end as below
  from target cross join (values (1), (2)) as k(k)
  where sequence_id is not null and case when k.k = 1
      then $4::int8 <= length and ($4::int8 <= $5::int8 or circular)
      else circular and $4::int8 > $5::int8 end),
boxes as materialized (
  select $4::int8 as lo,
    case when circular and $4::int8 > $5::int8 then $5::int8 + length else $5::int8 end as hi
  from target
  union all
  select case when $4::int8 <= $5::int8 then $4::int8 + length else $4::int8 - length end,
    case when $4::int8 <= $5::int8 then $5::int8 + length else $5::int8 end
  from target where circular)
select t.annotation_id as "targetAnnotationId", t.sequence_id as "targetSequenceId",
  t.length as "targetLength", t.topology as "targetTopology", ${featureSelect}
from target as t
  left join (
    select f.* from spans as w
      inner join features as f on int8range(f.sequence_id::int8 * ${STRIDE} + f.start,
        f.sequence_id::int8 * ${STRIDE} + f.stop, '[]') && w.r and f.edge = 0
      cross join target as u
    where f.annotation_id + 0 = u.annotation_id and f.stop < w.below
    union all
    select f.* from features as f cross join target as u
    where f.sequence_id = u.sequence_id and f.edge = 1 and f.annotation_id = u.annotation_id
      and exists (select from boxes as b where f.start <= b.hi and f.stop + u.length >= b.lo)
  ) as f on true
order by case
    when t.circular and f.edge = 1 and f.stop >= $4::int8 and f.start > $4::int8
      then f.start - t.length
    when t.circular and f.start < $4::int8 and f.stop < $4::int8 and f.edge = 0
      then f.start + t.length
    else f.start end,
  f.id`;
}
