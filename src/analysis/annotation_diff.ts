/**
 * What changed between two annotations of the same sequences (what a newer Bakta changed).
 *
 * @module
 */

import type { ColumnTable } from "../deps/arquero.ts";
import { type Kysely, type RawBuilder, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { checkId } from "../query/_validate.ts";
import type { RowsQuery } from "../db/rows_query.ts";
import { toTable } from "./to_table.ts";

/** Options of {@linkcode compareAnnotations}. */
export interface CompareAnnotationsOptions {
  /** The older annotation (`annotations.id`). */
  before: number;
  /** The newer annotation (`annotations.id`). */
  after: number;
  /**
   * Also list the features that did not change (status `unchanged`).
   * @default false
   */
  includeUnchanged?: boolean;
}

/** The status of a feature between two annotations. */
export type AnnotationChange = "added" | "removed" | "changed" | "unchanged";

/** One row of {@linkcode compareAnnotations}. */
export interface AnnotationDiffRow {
  /** `added` (only after), `removed` (only before), `changed` (type, gene or product differ). */
  status: AnnotationChange;
  /** The sequence id (`contig_1`). */
  sequence: string;
  /** First base, 1-based inclusive (greater than `stop` for an origin-spanning feature). */
  start: number;
  /** Last base, 1-based inclusive. */
  stop: number;
  /** The strand. */
  strand: string;
  /** The feature before (`features.id`), or null when added. */
  before_id: number | null;
  /** The feature after, or null when removed. */
  after_id: number | null;
  /** Type before. */
  type_before: string | null;
  /** Type after. */
  type_after: string | null;
  /** Locus tag before. */
  locus_tag_before: string | null;
  /** Locus tag after. */
  locus_tag_after: string | null;
  /** Gene before. */
  gene_before: string | null;
  /** Gene after. */
  gene_after: string | null;
  /** Product before. */
  product_before: string | null;
  /** Product after. */
  product_after: string | null;
  /** 1 when the product differs (null-safe), else 0. */
  product_changed: number;
  /** 1 when the gene differs, else 0. */
  gene_changed: number;
  /** 1 when the type differs, else 0. */
  type_changed: number;
}

/**
 * The query behind {@linkcode compareAnnotations}. Features are matched by their coordinates:
 * sequence id, start, stop and strand; when one annotation has several features with the same
 * coordinates (rare), they are paired in the order of their type, then id
 * (`row_number() over (partition by … order by type, id)`). A matched pair whose type, gene or
 * product differs (`is distinct from`: null-safe) is `changed`; locus tags are shown but not
 * compared (they may be renumbered). Unmatched features are `removed` (before) or `added` (after).
 *
 * The SQL emitted (shortened):
 *
 * ```sql
 * with "b" as (select "features"."id", "sequences"."seq_id", "features"."start", "features"."stop",
 *     "features"."strand", "features"."type", "features"."locus_tag", "features"."gene",
 *     "features"."product", row_number() over (partition by "sequences"."seq_id",
 *       "features"."start", "features"."stop", "features"."strand"
 *       order by "features"."type", "features"."id") as "k"
 *   from "features" inner join "sequences" on "sequences"."id" = "features"."sequence_id"
 *   where "features"."annotation_id" = ?),
 * "a" as (… the same for the annotation after …)
 * select case when "a"."id" is null then 'removed' when … then 'changed' else 'unchanged' end
 *   as "status", "b"."seq_id" as "sequence", …
 * from "b" left join "a" on "a"."seq_id" = "b"."seq_id" and "a"."start" = "b"."start"
 *   and "a"."stop" = "b"."stop" and "a"."strand" = "b"."strand" and "a"."k" = "b"."k"
 * union all
 * select 'added' as "status", "a"."seq_id" as "sequence", …
 * from "a" left join "b" on … where "b"."id" is null
 * ```
 *
 * wrapped in `select * from (…) where "status" <> 'unchanged' order by "sequence", "start",
 * "stop", "strand"`.
 *
 * @param db The database.
 * @param options The two annotation ids.
 * @returns The query builder.
 * @throws {RangeError} When an id is not a positive integer.
 */
export function annotationDiffQuery(
  db: Kysely<Database>,
  options: CompareAnnotationsOptions,
): RowsQuery<AnnotationDiffRow> {
  const { before, after, includeUnchanged = false } = options ?? {};
  checkId(before, "before");
  checkId(after, "after");
  const diff = matchedFeatures(db, before, after).unionAll(addedFeatures);
  let query = db.selectFrom(diff.as("diff")).selectAll("diff");
  if (!includeUnchanged) query = query.where("diff.status", "<>", "unchanged");
  return query
    .orderBy("diff.sequence")
    .orderBy("diff.start")
    .orderBy("diff.stop")
    .orderBy("diff.strand");
}

/**
 * One side of the comparison: the features of an annotation with their coordinates and `k`, their
 * rank among the features with the same coordinates (by type, then id).
 */
function diffSide(db: Kysely<Database>, annotationId: number) {
  const ref = sql.ref;
  return db.selectFrom("features")
    .innerJoin("sequences", "sequences.id", "features.sequence_id")
    .select([
      "features.id",
      "sequences.seq_id",
      "features.start",
      "features.stop",
      "features.strand",
      "features.type",
      "features.locus_tag",
      "features.gene",
      "features.product",
      sql<number>`row_number() over (partition by ${ref("sequences.seq_id")}, ${
        ref("features.start")
      }, ${ref("features.stop")}, ${ref("features.strand")} order by ${ref("features.type")}, ${
        ref("features.id")
      })`.as("k"),
    ])
    .where("features.annotation_id", "=", annotationId);
}

/** The join of two sides: the same sequence, start, stop and strand, and the same rank `k`. */
function sameCoordinates(left: "a" | "b", right: "a" | "b"): RawBuilder<boolean> {
  const equal = ["seq_id", "start", "stop", "strand", "k"].map((column) =>
    sql`${sql.ref(`${left}.${column}`)} = ${sql.ref(`${right}.${column}`)}`
  );
  return sql<boolean>`${sql.join(equal, sql` and `)}`;
}

/** 1 when a column differs between the sides `b` and `a` (null-safe), else 0. */
function differs(column: "type" | "gene" | "product"): RawBuilder<number> {
  return sql<number>`case when ${sql.ref(`b.${column}`)} is distinct from ${
    sql.ref(`a.${column}`)
  } then 1 else 0 end`;
}

/** 0 for a feature with no match after (`a.id` null), else whether the column differs. */
function changedFlag(column: "type" | "gene" | "product"): RawBuilder<number> {
  return sql<number>`case when ${sql.ref("a.id")} is null then 0 else ${differs(column)} end`;
}

/** Every feature before (`b`), with its match after (`a`) if any: removed, changed or unchanged. */
function matchedFeatures(db: Kysely<Database>, before: number, after: number) {
  const status = sql<AnnotationChange>`case when ${sql.ref("a.id")} is null then 'removed' when ${
    differs("type")
  } = 1 or ${differs("gene")} = 1 or ${differs("product")} = 1 then 'changed' else 'unchanged' end`;
  return db
    .with("b", () => diffSide(db, before))
    .with("a", () => diffSide(db, after))
    .selectFrom("b")
    .leftJoin("a", (join) => join.on(sameCoordinates("a", "b")))
    .select([
      status.as("status"),
      "b.seq_id as sequence",
      "b.start",
      "b.stop",
      "b.strand",
      "b.id as before_id",
      "a.id as after_id",
      "b.type as type_before",
      "a.type as type_after",
      "b.locus_tag as locus_tag_before",
      "a.locus_tag as locus_tag_after",
      "b.gene as gene_before",
      "a.gene as gene_after",
      "b.product as product_before",
      "a.product as product_after",
      changedFlag("product").as("product_changed"),
      changedFlag("gene").as("gene_changed"),
      changedFlag("type").as("type_changed"),
    ]);
}

/**
 * The features after (`a`) with no match before: added. Reads "a" as the left table, not as the
 * nullable right side of {@linkcode matchedFeatures}' join.
 */
// deno-lint-ignore no-explicit-any
function addedFeatures(eb: any): any {
  return eb.selectFrom("a")
    .leftJoin(
      "b",
      (join: { on(condition: RawBuilder<boolean>): unknown }) => join.on(sameCoordinates("b", "a")),
    )
    .select([
      sql<AnnotationChange>`'added'`.as("status"),
      "a.seq_id as sequence",
      "a.start",
      "a.stop",
      "a.strand",
      sql<number | null>`null`.as("before_id"),
      "a.id as after_id",
      sql<string | null>`null`.as("type_before"),
      "a.type as type_after",
      sql<string | null>`null`.as("locus_tag_before"),
      "a.locus_tag as locus_tag_after",
      sql<string | null>`null`.as("gene_before"),
      "a.gene as gene_after",
      sql<string | null>`null`.as("product_before"),
      "a.product as product_after",
      sql<number>`0`.as("product_changed"),
      sql<number>`0`.as("gene_changed"),
      sql<number>`0`.as("type_changed"),
    ])
    .where("b.id", "is", null);
}

/**
 * What changed between two annotations of the same sequences — typically the same genome
 * annotated by two Bakta versions: a table of the features `added`, `removed` and `changed`
 * (type, gene or product), matched by coordinates and strand (see {@linkcode annotationDiffQuery}),
 * with their before/after values and which fields changed. Computed in SQL.
 *
 * @param db The database.
 * @param options The two annotations, and whether to list unchanged features.
 * @returns A promise of the table, ordered by sequence and position.
 * @throws {RangeError} When an annotation id is not a positive integer, or does not exist.
 *
 * @example A product renamed
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { compareAnnotations } from "./annotation_diff.ts";
 *
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "g1" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values({
 *   genome_id: g.id, version: 1, seq_id: "c1", length: 1000,
 * }).returning("id").executeTakeFirstOrThrow();
 * const ids: number[] = [];
 * for (const [version, product] of [["1.8.2", "hypothetical protein"], ["1.9.4", "DNA ligase"]]) {
 *   const a = await db.insertInto("annotations").values({
 *     genome_id: g.id, sequence_version: 1, source: "files", fingerprint: version,
 *     bakta_version: version,
 *   }).returning("id").executeTakeFirstOrThrow();
 *   await db.insertInto("features").values({
 *     annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 10,
 *     stop: 300, strand: "+", product,
 *   }).execute();
 *   ids.push(a.id);
 * }
 * const diff = await compareAnnotations(db, { before: ids[0], after: ids[1] });
 * assert.deepEqual(diff.select("status", "product_before", "product_after").objects(), [
 *   { status: "changed", product_before: "hypothetical protein", product_after: "DNA ligase" },
 * ]);
 * await db.destroy();
 * ```
 */
export async function compareAnnotations(
  db: Kysely<Database>,
  options: CompareAnnotationsOptions,
): Promise<ColumnTable> {
  const query = annotationDiffQuery(db, options);
  const found = await db.selectFrom("annotations").select("id")
    .where("id", "in", [options.before, options.after]).execute();
  for (const id of [options.before, options.after]) {
    if (!found.some((row) => row.id === id)) {
      throw new RangeError(`Cannot compare annotations: annotation ${id} does not exist`);
    }
  }
  return toTable(query);
}
