/**
 * Features overlapping a window of a sequence, right on circular sequences: windows across the
 * origin and features that span it.
 *
 * @module
 */

import { type Expression, type Kysely, sql, type SqlBool } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { annotationOf } from "./annotation_of.ts";
import { type FeatureQuery, selectFeatures } from "./find_features.ts";
import { isPostgres, isSqlite } from "./_sqlite_indexes.ts";
import { longFeatureWhere, REGION_SPAN_BOUND } from "../db/region_bound.ts";
import { checkId, checkName, show } from "./_validate.ts";

/** Options of {@linkcode featuresInRegion}. */
export interface RegionOptions {
  /** The genome's name. */
  genome: string;
  /** The sequence id (`sequences.seq_id`, e.g. `contig_1`). */
  sequence: string;
  /** The window's first base, 1-based inclusive (1 … the sequence's length). */
  from: number;
  /**
   * The window's last base, 1-based inclusive. `from > to` is the window that crosses the origin
   * of a circular sequence (`from … length, 1 … to`); on a linear sequence it is an error.
   */
  to: number;
  /**
   * Read this annotation instead of the genome's latest.
   * @default undefined (the latest)
   */
  annotationId?: number;
  /**
   * Which form answers: `"auto"` uses SQLite's bounded b-tree scans (below) on SQLite and the
   * GiST range index on PostgreSQL; `"rtree"` forces SQLite's form (the name is from the R*Tree it
   * used until schema v13); `"btree"` forces the portable form (for comparison).
   * @default "auto"
   */
  index?: "auto" | "rtree" | "btree";
}

/** One box of the region look-up, on unrolled coordinates (see {@linkcode regionBoxes}). */
export interface RegionBox {
  /** The lowest unrolled position. */
  lo: number;
  /** The highest unrolled position. */
  hi: number;
}

/**
 * The boxes to look up for a window on a sequence whose features are stored with unrolled
 * intervals (`start … stop`, or `start … stop + length` for an origin-spanning feature), as
 * `docs/schema.md` describes:
 *
 * - linear: `[from, to]`;
 * - circular, `from <= to`: `[from, to]` and `[from + length, to + length]` (the part of an
 *   origin-spanning feature after the origin);
 * - circular, `from > to`: `[from, to + length]` and `[from - length, to]`.
 *
 * @param from The window's first base.
 * @param to The window's last base.
 * @param length The sequence's length.
 * @param circular Whether the sequence is circular.
 * @returns The boxes; a feature overlaps the window iff its interval meets one of them.
 *
 * @example A window across the origin
 * ```ts
 * import assert from "node:assert/strict";
 * import { regionBoxes } from "./features_in_region.ts";
 * assert.deepEqual(regionBoxes(90, 10, 100, true), [{ lo: 90, hi: 110 }, { lo: -10, hi: 10 }]);
 * ```
 */
export function regionBoxes(
  from: number,
  to: number,
  length: number,
  circular: boolean,
): RegionBox[] {
  if (!circular) return [{ lo: from, hi: to }];
  if (from <= to) return [{ lo: from, hi: to }, { lo: from + length, hi: to + length }];
  return [{ lo: from, hi: to + length }, { lo: from - length, hi: to }];
}

/**
 * The features of one sequence that overlap the window `from … to` (1-based, inclusive), in the
 * latest annotation of the genome or the one chosen. On a circular sequence `from > to` is the
 * window across the origin, and features that span the origin (Bakta's `edge`, `start > stop`)
 * are found from either side.
 *
 * It first reads the annotation and the sequence (its row, length and topology: one small query),
 * checks the window, then returns the feature query. On SQLite, per box (see
 * {@linkcode regionBoxes}), one range scan of the b-tree `features(sequence_id, start, stop)` from
 * `lo − REGION_SPAN_BOUND` to `hi` (a shorter feature that meets the box starts there; its `stop`
 * is tested in the index), and the few features that span the origin or at least the bound
 * through the partial index `features_long_idx` (`src/db/region_bound.ts`); on PostgreSQL the boxes are range look-ups in the GiST
 * index of migration 0001 (`int8range(sequence_id · 2^32 + start, sequence_id · 2^32 + stop) &&
 * int8range(?, ?)`, for the features that do not span the origin) and the b-tree test below on
 * the sequence's few origin-spanning features; elsewhere the boxes are tested on the b-tree
 * `features(sequence_id, start, stop)`.
 *
 * The SQL emitted on SQLite (a linear sequence, one box; a circular one has a second scan and a
 * second box in the last `or`):
 *
 * ```sql
 * select "features"."id", … from "features"
 *   inner join "sequences" on "sequences"."id" = "features"."sequence_id"
 *   inner join "genomes" on "genomes"."id" = "sequences"."genome_id"
 * where +"features"."annotation_id" = ? and +"features"."sequence_id" = ?
 *   and "features"."id" in (
 *     select "g"."id" from "features" as "g" where "g"."sequence_id" = ?
 *       and "g"."start" >= ? and "g"."start" <= ? and "g"."stop" >= ?
 *     union
 *     select "features"."id" from "features" where "features"."sequence_id" = ?
 *       and ("features".edge = 1 or "features".stop - "features".start >= 5000)
 *       and ("features"."start" <= ? and case when "features"."edge" = 1
 *         then "features"."stop" + ? else "features"."stop" end >= ?))
 * order by "features"."start", "features"."id"
 * ```
 *
 * Rows come in genome order from the window's first base: on a circular sequence the `order by`
 * is a `case` that puts features beginning before the window (an origin-spanning one included)
 * first and, in a window across the origin, the features after the origin last.
 *
 * (The unary `+` makes SQLite drive the look-up from the window's ids.) The portable form drops
 * the `+` and replaces the `in (…)` by, per box,
 * `("features"."start" <= ? and case when "features"."edge" = 1 then "features"."stop" + ?
 * else "features"."stop" end >= ?)`, joined with `or`.
 *
 * @param db The database.
 * @param options The genome, sequence, window and annotation.
 * @returns A promise of the feature query builder (extend it, then execute).
 * @throws {TypeError} When `genome` or `sequence` is not a non-empty string.
 * @throws {RangeError} When `from`/`to` are not integers within 1 … length, when `from > to` on a
 *   sequence that is not circular, or when the genome, annotation or sequence does not exist.
 *
 * @example A window across the origin finds the feature that spans it
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { featuresInRegion } from "./features_in_region.ts";
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
 * const query = await featuresInRegion(db, { genome: "p1", sequence: "plasmid", from: 10, to: 20 });
 * assert.deepEqual((await query.execute()).map((f) => f.locusTag), ["P_1"]);
 * await db.destroy();
 * ```
 */
export async function featuresInRegion(
  db: Kysely<Database>,
  options: RegionOptions,
): Promise<FeatureQuery> {
  const { genome, sequence, from, to, annotationId, index = "auto" } = options ?? {};
  checkRegionOptions(options);
  if (index !== "auto" && index !== "rtree" && index !== "btree") {
    throw new RangeError(
      `Invalid option "index": expected "auto", "rtree" or "btree", got ${show(index)}`,
    );
  }
  // One look-up: the annotation and, through its assembly version, the sequence.
  const found = await annotationOf(db, genome, { annotationId }).clearSelect()
    .leftJoin("sequences", (join) =>
      join.onRef("sequences.genome_id", "=", "annotations.genome_id")
        .onRef("sequences.version", "=", "annotations.sequence_version")
        .on("sequences.seq_id", "=", sequence))
    .select([
      "annotations.id as annotationId",
      "sequences.id as sequenceId",
      "sequences.length",
      "sequences.topology",
    ])
    .executeTakeFirst();
  const target = checkRegionTarget(found, options);
  const row = { id: target.sequenceId, length: target.length };
  const annotation = { id: target.annotationId };
  const circular = target.circular;
  const boxes = regionBoxes(from, to, row.length, circular);
  if (index === "auto" && isPostgres(db)) {
    return rangeIndexed(db, annotation.id, row.id, boxes, row.length)
      .orderBy(genomeOrder(from, row.length, circular)).orderBy("features.id");
  }
  const bounded = index === "rtree" || (index === "auto" && isSqlite(db));
  const scoped = bounded
    // The unary `+` keeps SQLite from answering with the b-tree on (annotation_id, …) or
    // (sequence_id, …) and checking every feature of the sequence against the window's ids: the
    // ids drive, each row is read once.
    ? selectFeatures(db)
      .where(sql`+${sql.ref("features.annotation_id")}`, "=", annotation.id)
      .where(sql`+${sql.ref("features.sequence_id")}`, "=", row.id)
      .where("features.id", "in", boundedIds(db, row.id, boxes, row.length))
    : selectFeatures(db)
      .where("features.annotation_id", "=", annotation.id)
      .where("features.sequence_id", "=", row.id)
      .where((eb) => eb.or(boxes.map((box) => btreeOverlap(box, row.length))));
  return scoped.orderBy(genomeOrder(from, row.length, circular)).orderBy("features.id");
}

/**
 * The sort key that lists a window's features in genome order from the window's first base
 * `from`: on a circular sequence a feature that covers `from` without starting there (an
 * origin-spanning one included) comes first, and in a window across the origin the features
 * after the origin come after those before it.
 */
function genomeOrder(from: number, length: number, circular: boolean) {
  const start = sql.ref("features.start");
  if (!circular) return sql<number>`${start}`;
  const stop = sql.ref("features.stop");
  const edge = sql.ref("features.edge");
  return sql<
    number
  >`case when ${edge} = 1 and ${stop} >= ${from} and ${start} > ${from} then ${start} - ${length} when ${start} < ${from} and ${stop} < ${from} and ${edge} = 0 then ${start} + ${length} else ${start} end`;
}

/**
 * The ids of the features of sequence `sequenceId` whose unrolled interval meets a box, on SQLite's
 * b-trees (`src/db/region_bound.ts`): per box, the range `box.lo − REGION_SPAN_BOUND … box.hi` of
 * `features(sequence_id, start, stop)` (its `stop` tested in the index), and the few long or
 * origin-spanning features through the partial index `features_long_idx`.
 */
function boundedIds(db: Kysely<Database>, sequenceId: number, boxes: RegionBox[], length: number) {
  const one = (box: RegionBox) =>
    db.selectFrom("features as g").select("g.id")
      .where("g.sequence_id", "=", sequenceId)
      .where("g.start", ">=", box.lo - REGION_SPAN_BOUND)
      .where("g.start", "<=", box.hi)
      .where("g.stop", ">=", box.lo);
  let union = one(boxes[0]);
  for (const box of boxes.slice(1)) union = union.union(one(box));
  const long = db.selectFrom("features").select("features.id")
    .where("features.sequence_id", "=", sequenceId)
    .where(sql<SqlBool>`${sql.raw(longFeatureWhere('"features".'))}`)
    .where((eb) => eb.or(boxes.map((box) => btreeOverlap(box, length))));
  return union.union(long);
}

/** 2^32: sequence ids scale positions apart in the PostgreSQL range index (migration 0001). */
const SEQUENCE_STRIDE = 4294967296;

/**
 * The PostgreSQL form: the features that do not span the origin through the GiST index on
 * `int8range(sequence_id · 2^32 + start, sequence_id · 2^32 + stop)` (one range per box, clipped
 * to the sequence), and the few that do through the partial b-tree of `edge = 1` features.
 */
function rangeIndexed(
  db: Kysely<Database>,
  annotationId: number,
  sequenceId: number,
  boxes: RegionBox[],
  length: number,
): FeatureQuery {
  const offset = sequenceId * SEQUENCE_STRIDE;
  const featureRange = sql`int8range(${sql.ref("features.sequence_id")}::int8 * ${
    sql.lit(SEQUENCE_STRIDE)
  } + ${sql.ref("features.start")}, ${sql.ref("features.sequence_id")}::int8 * ${
    sql.lit(SEQUENCE_STRIDE)
  } + ${sql.ref("features.stop")}, '[]')`;
  const inside = boxes.filter((box) => box.hi >= 1 && box.lo <= length).map((box) =>
    sql<SqlBool>`${featureRange} && int8range(${offset + Math.max(1, box.lo)}::int8, ${
      offset + Math.min(length, box.hi)
    }::int8, '[]')`
  );
  return selectFeatures(db)
    .where("features.annotation_id", "=", annotationId)
    .where("features.sequence_id", "=", sequenceId)
    .where((eb) =>
      eb.or([
        eb.and([eb("features.edge", "=", 0), eb.or(inside)]),
        eb.and([
          eb("features.edge", "=", 1),
          eb.or(boxes.map((box) => btreeOverlap(box, length))),
        ]),
      ])
    );
}

/** The portable test of one box against a feature's unrolled interval. */
function btreeOverlap(box: RegionBox, length: number): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref("features.start")} <= ${box.hi} and case when ${
    sql.ref("features.edge")
  } = 1 then ${sql.ref("features.stop")} + ${length} else ${
    sql.ref("features.stop")
  } end >= ${box.lo})`;
}

/**
 * Checks the genome, sequence, window and annotation of {@linkcode RegionOptions} (types and
 * ranges that need no database).
 *
 * @param options The options.
 * @throws {TypeError} When `genome` or `sequence` is not a non-empty string.
 * @throws {RangeError} When `from`/`to` are not positions or `annotationId` is not an id.
 */
export function checkRegionOptions(options: RegionOptions): void {
  const { genome, sequence, from, to, annotationId } = options ?? {};
  checkName(genome, "genome");
  checkName(sequence, "sequence");
  if (annotationId !== undefined) checkId(annotationId, "annotationId");
  checkPosition(from, "from");
  checkPosition(to, "to");
}

/** The annotation and sequence a window was looked up in, as the look-up found them. */
export interface RegionTargetRow {
  /** The annotation read. */
  annotationId: number;
  /** The sequence row, or null when the annotated assembly has no such sequence. */
  sequenceId: number | null;
  /** The sequence's length, or null. */
  length: number | null;
  /** The sequence's topology, or null. */
  topology: string | null;
}

/** A checked {@linkcode RegionTargetRow}. */
export interface RegionTarget {
  /** The annotation read. */
  annotationId: number;
  /** The sequence row. */
  sequenceId: number;
  /** The sequence's length in bases. */
  length: number;
  /** Whether the sequence is circular. */
  circular: boolean;
}

/**
 * Checks what the look-up of a window found: the annotation (undefined: the genome or the
 * annotation asked for does not exist), the sequence, and the window against its length and
 * topology.
 *
 * @param found The look-up's row.
 * @param options The options it was made with.
 * @returns The annotation and sequence.
 * @throws {RangeError} When something is missing or the window does not fit the sequence.
 */
export function checkRegionTarget(
  found: RegionTargetRow | undefined,
  options: RegionOptions,
): RegionTarget {
  const { genome, sequence, from, to, annotationId } = options;
  if (found === undefined) {
    throw new RangeError(
      annotationId === undefined
        ? `Cannot query region: genome "${genome}" has no annotation`
        : `Cannot query region: genome "${genome}" has no annotation ${annotationId}`,
    );
  }
  if (found.sequenceId === null || found.length === null) {
    throw new RangeError(
      `Cannot query region: genome "${genome}" has no sequence "${sequence}" in annotation ${found.annotationId}`,
    );
  }
  for (const [name, value] of [["from", from], ["to", to]] as const) {
    if (value > found.length) {
      throw new RangeError(
        `Invalid option "${name}": ${value} is beyond the end of sequence "${sequence}" (length ${found.length})`,
      );
    }
  }
  const circular = found.topology === "circular";
  if (from > to && !circular) {
    throw new RangeError(
      `Invalid window ${from}..${to}: from > to crosses the origin, but sequence "${sequence}" is ${
        found.topology ?? "not known to be circular"
      }`,
    );
  }
  return {
    annotationId: found.annotationId,
    sequenceId: found.sequenceId,
    length: found.length,
    circular,
  };
}

function checkPosition(value: unknown, option: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `Invalid option "${option}": expected a 1-based position (an integer >= 1), got ${
        show(value)
      }`,
    );
  }
}
