/**
 * The gene families one genome has and another lacks: gained and lost families.
 *
 * @module
 */

import type { ColumnTable } from "../deps/arquero.ts";
import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { annotationOf } from "../query/annotation_of.ts";
import { checkName, show } from "../query/_validate.ts";
import type { RowsQuery } from "../db/rows_query.ts";
import { checkTypes, storedFamilyKey } from "./gene_families.ts";
import { toTable } from "./to_table.ts";

/** Options of {@linkcode compareGenomes}. */
export interface CompareGenomesOptions {
  /** The genome compared from (the earlier sample, the reference). */
  from: string;
  /** The genome compared to. */
  to: string;
  /**
   * The annotation of `from` to read.
   * @default undefined (its latest)
   */
  fromAnnotationId?: number;
  /**
   * The annotation of `to` to read.
   * @default undefined (its latest)
   */
  toAnnotationId?: number;
  /**
   * Also list the families both have (status `shared`).
   * @default false
   */
  includeShared?: boolean;
  /**
   * The feature types whose proteins form families.
   * @default ["cds"]
   */
  types?: readonly ("cds" | "sorf")[];
}

/** One row of {@linkcode compareGenomes}. */
export interface GenomeDiffRow {
  /** The family (UniRef90, then UniRef50, then `MD5:` of the protein; see `familyKey`). */
  family: string;
  /** `gained`: only `to` has it; `lost`: only `from` has it; `shared`: both. */
  status: "gained" | "lost" | "shared";
  /** Its copies in `from`. */
  copies_from: number;
  /** Its copies in `to`. */
  copies_to: number;
  /** A gene symbol of its members (the smallest). */
  gene: string | null;
  /** A product of its members (the smallest). */
  product: string | null;
}

/**
 * The query behind {@linkcode compareGenomes}, for two annotation ids.
 *
 * The SQL emitted:
 *
 * ```sql
 * select * from (
 *   with "members" as materialized (select "features"."annotation_id",
 *       coalesce("features"."family", <familyKey>) as "family",
 *       "features"."gene", "features"."product" from "features"
 *     where "features"."annotation_id" in (?, ?) and "features"."type" in (?))
 *   select "family", case when sum(case when "annotation_id" = ? then 1 else 0 end) = 0
 *       then 'gained' when sum(case when "annotation_id" = ? then 1 else 0 end) = 0 then 'lost'
 *       else 'shared' end as "status",
 *     sum(case when "annotation_id" = ? then 1 else 0 end) as "copies_from",
 *     sum(case when "annotation_id" = ? then 1 else 0 end) as "copies_to",
 *     min("gene") as "gene", min("product") as "product"
 *   from "members" where "family" is not null group by "family") as "diff"
 * where "diff"."status" <> 'shared'
 * order by "diff"."status", "diff"."family"
 * ```
 *
 * @param db The database.
 * @param fromId The annotation compared from.
 * @param toId The annotation compared to.
 * @param options Shared families and feature types.
 * @returns The query builder.
 */
export function genomeDiffQuery(
  db: Kysely<Database>,
  fromId: number,
  toId: number,
  options: Pick<CompareGenomesOptions, "includeShared" | "types"> = {},
): RowsQuery<GenomeDiffRow> {
  const ref = sql.ref;
  const types = checkTypes(options.types);
  const members = db.selectFrom("features")
    .select([
      "features.annotation_id",
      storedFamilyKey(db).as("family"),
      "features.gene",
      "features.product",
    ])
    .where("features.annotation_id", "in", [fromId, toId])
    .where("features.type", "in", types);
  const copiesOf = (id: number) =>
    sql<number>`sum(case when ${ref("members.annotation_id")} = ${id} then 1 else 0 end)`;
  const diff = db.selectFrom(members.as("members"))
    .select([
      "members.family",
      sql<GenomeDiffRow["status"]>`case when ${copiesOf(fromId)} = 0 then 'gained' when ${
        copiesOf(toId)
      } = 0 then 'lost' else 'shared' end`.as("status"),
      copiesOf(fromId).as("copies_from"),
      copiesOf(toId).as("copies_to"),
      sql<string | null>`min(${ref("members.gene")})`.as("gene"),
      sql<string | null>`min(${ref("members.product")})`.as("product"),
    ])
    .where("members.family", "is not", null)
    .$narrowType<{ family: string }>()
    .groupBy("members.family");
  let query = db.selectFrom(diff.as("diff")).selectAll("diff");
  if (options.includeShared !== true) query = query.where("diff.status", "<>", "shared");
  return query.orderBy("diff.status").orderBy("diff.family");
}

/**
 * The gene families gained and lost between two genomes (e.g. one strain sampled twice): a table
 * `family, status, copies_from, copies_to, gene, product` where `gained` families are present in
 * `to` and absent from `from`, and `lost` ones the reverse (`shared` ones too with
 * `includeShared`). Families are keyed as `familyKey` says; proteins without a family are left
 * out. Computed in SQL (one `group by`).
 *
 * @param db The database.
 * @param options The two genomes (and annotations), shared families, feature types.
 * @returns A promise of the table, ordered by status and family.
 * @throws {TypeError} When `from` or `to` is not a genome name.
 * @throws {RangeError} When a genome or annotation does not exist.
 *
 * @example A family gained
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { insertFeatureXrefs } from "../db/xref_terms.ts";
 * import { compareGenomes } from "./genome_diff.ts";
 *
 * const db = await openDatabase(":memory:");
 * for (const [name, clusters] of [["early", ["UniRef90_A"]], ["late", ["UniRef90_A", "UniRef90_B"]]] as const) {
 *   const g = await db.insertInto("genomes").values({ name }).returning("id")
 *     .executeTakeFirstOrThrow();
 *   const s = await db.insertInto("sequences").values({
 *     genome_id: g.id, version: 1, seq_id: "c1", length: 1000,
 *   }).returning("id").executeTakeFirstOrThrow();
 *   const a = await db.insertInto("annotations").values({
 *     genome_id: g.id, sequence_version: 1, source: "files", fingerprint: name,
 *   }).returning("id").executeTakeFirstOrThrow();
 *   for (const cluster of clusters) {
 *     const f = await db.insertInto("features").values({
 *       annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 1,
 *       stop: 90, strand: "+", product: `protein ${cluster}`,
 *     }).returning("id").executeTakeFirstOrThrow();
 *     await insertFeatureXrefs(db, [[f.id, "UniRef", cluster]]);
 *   }
 * }
 * const diff = await compareGenomes(db, { from: "early", to: "late" });
 * assert.deepEqual(diff.objects(), [{
 *   family: "UniRef90_B", status: "gained", copies_from: 0, copies_to: 1, gene: null,
 *   product: "protein UniRef90_B",
 * }]);
 * await db.destroy();
 * ```
 */
export async function compareGenomes(
  db: Kysely<Database>,
  options: CompareGenomesOptions,
): Promise<ColumnTable> {
  const { from, to, fromAnnotationId, toAnnotationId } = options ?? {};
  checkName(from, "from");
  checkName(to, "to");
  const fromId = await annotationIdOf(db, from, fromAnnotationId, "from");
  const toId = await annotationIdOf(db, to, toAnnotationId, "to");
  return toTable(genomeDiffQuery(db, fromId, toId, options));
}

async function annotationIdOf(
  db: Kysely<Database>,
  genome: string,
  annotationId: number | undefined,
  option: string,
): Promise<number> {
  const row = await annotationOf(db, genome, { annotationId }).clearSelect()
    .select("annotations.id").executeTakeFirst();
  if (row === undefined) {
    throw new RangeError(
      `Invalid option "${option}": genome ${show(genome)} has no ${
        annotationId === undefined ? "genome annotation" : `annotation ${annotationId}`
      }`,
    );
  }
  return row.id;
}
