/**
 * Which annotation a query reads: the latest annotation of a genome by default, a chosen one on
 * request.
 *
 * @module
 */

import { type Kysely, type SelectQueryBuilder, sql } from "../deps/kysely.ts";
import type { Annotation, Database } from "../db/schema.ts";
import { checkId, checkName, checkNames } from "./_validate.ts";

/** An annotation row with the name of its genome. */
export type AnnotationWithGenome = Annotation & {
  /** The genome's name (`genomes.name`). */
  genome: string;
};

/** Options of {@linkcode annotationOf}. */
export interface AnnotationOfOptions {
  /**
   * Read this annotation (`annotations.id`) instead of the latest one; it must belong to the
   * genome, else the query returns no row.
   * @default undefined (the latest)
   */
  annotationId?: number;
}

/**
 * The annotation of a genome that queries read: the one chosen by `annotationId`, or else the
 * **latest**: the genome-mode annotation (`mode = 'genome'`) of the highest assembly version
 * (`sequence_version`), and among those the last imported (highest `id`). A `bakta_proteins` run
 * has no features and is never "the latest"; choose it by id.
 *
 * The SQL emitted (latest):
 *
 * ```sql
 * select "annotations".*, "genomes"."name" as "genome"
 * from "annotations" inner join "genomes" on "genomes"."id" = "annotations"."genome_id"
 * where "genomes"."name" = ? and "annotations"."mode" = ?
 * order by "annotations"."sequence_version" desc, "annotations"."id" desc
 * limit ?
 * ```
 *
 * With `annotationId` the `mode` condition becomes `"annotations"."id" = ?`.
 *
 * @param db The database.
 * @param genome The genome's name.
 * @param options Which annotation.
 * @returns A query builder of at most one row; extend it or `executeTakeFirst()`.
 * @throws {TypeError} When `genome` is not a non-empty string.
 * @throws {RangeError} When `annotationId` is not a positive integer.
 *
 * @example The latest annotation wins
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { annotationOf } from "./annotation_of.ts";
 *
 * const db = await openDatabase(":memory:");
 * const { id } = await db.insertInto("genomes").values({ name: "g1" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * for (const fingerprint of ["a", "b"]) {
 *   await db.insertInto("annotations")
 *     .values({ genome_id: id, sequence_version: 1, source: "files", fingerprint }).execute();
 * }
 * const latest = await annotationOf(db, "g1").executeTakeFirstOrThrow();
 * assert.equal(latest.fingerprint, "b");
 * const first = await annotationOf(db, "g1", { annotationId: 1 }).executeTakeFirstOrThrow();
 * assert.equal(first.fingerprint, "a");
 * await db.destroy();
 * ```
 */
export function annotationOf(
  db: Kysely<Database>,
  genome: string,
  options: AnnotationOfOptions = {},
): SelectQueryBuilder<Database, "annotations" | "genomes", AnnotationWithGenome> {
  checkName(genome, "genome");
  const { annotationId } = options;
  if (annotationId !== undefined) checkId(annotationId, "annotationId");
  let query = db.selectFrom("annotations")
    .innerJoin("genomes", "genomes.id", "annotations.genome_id")
    .selectAll("annotations")
    .select("genomes.name as genome")
    .where("genomes.name", "=", genome);
  query = annotationId === undefined
    ? query.where("annotations.mode", "=", "genome")
    : query.where("annotations.id", "=", annotationId);
  return query
    .orderBy("annotations.sequence_version", "desc")
    .orderBy("annotations.id", "desc")
    .limit(1);
}

/** Options of {@linkcode latestAnnotations}. */
export interface LatestAnnotationsOptions {
  /**
   * Only these genomes (by name).
   * @default undefined (every genome)
   */
  genomes?: readonly string[];
}

/**
 * The latest annotation (as {@linkcode annotationOf} defines it) of every genome, one row per
 * genome that has a genome-mode annotation: the cohort that cohort tables compare.
 *
 * The SQL emitted:
 *
 * ```sql
 * select "annotations".*, "genomes"."name" as "genome"
 * from "annotations" inner join "genomes" on "genomes"."id" = "annotations"."genome_id"
 * where "annotations"."mode" = ? [and "genomes"."name" in (?, …)]
 *   and not exists (
 *     select 1 from "annotations" as "later"
 *     where "later"."genome_id" = "annotations"."genome_id" and "later"."mode" = ?
 *       and ("later"."sequence_version" > "annotations"."sequence_version"
 *         or ("later"."sequence_version" = "annotations"."sequence_version"
 *           and "later"."id" > "annotations"."id")))
 * order by "genomes"."name"
 * ```
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns A query builder; `.clearSelect().select("annotations.id")` gives a subquery of ids.
 * @throws {TypeError} When `genomes` is not an array of names.
 *
 * @example One row per genome
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { latestAnnotations } from "./annotation_of.ts";
 *
 * const db = await openDatabase(":memory:");
 * for (const name of ["g1", "g2"]) {
 *   const { id } = await db.insertInto("genomes").values({ name }).returning("id")
 *     .executeTakeFirstOrThrow();
 *   for (const version of [1, 2]) {
 *     await db.insertInto("annotations").values({
 *       genome_id: id, sequence_version: version, source: "files", fingerprint: name + version,
 *     }).execute();
 *   }
 * }
 * const rows = await latestAnnotations(db).execute();
 * assert.deepEqual(rows.map((r) => r.fingerprint), ["g12", "g22"]);
 * await db.destroy();
 * ```
 */
export function latestAnnotations(
  db: Kysely<Database>,
  options: LatestAnnotationsOptions = {},
): SelectQueryBuilder<Database, "annotations" | "genomes", AnnotationWithGenome> {
  return latestAnnotationQuery(db, options)
    .selectAll("annotations")
    .select("genomes.name as genome")
    .orderBy("genomes.name");
}

/**
 * The unselected core of {@linkcode latestAnnotations}, for subqueries: select
 * `"annotations.id"` from it.
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns A query builder over `annotations` joined to `genomes`, with nothing selected yet.
 * @throws {TypeError} When `genomes` is not an array of names.
 *
 * @example The ids of the latest annotations, as a subquery
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { latestAnnotationQuery } from "./annotation_of.ts";
 * const db = await openDatabase(":memory:");
 * const small = (seed: number) => makeRun({ seed, sequences: 1, featuresPerSequence: 5 });
 * await importRun(db, small(1), { genome: "a" });
 * const latestOfA = await importRun(db, small(2), { genome: "a" });
 * const onlyOfB = await importRun(db, small(3), { genome: "b" });
 * const latest = latestAnnotationQuery(db).select("annotations.id");
 * const features = await db.selectFrom("features").select("annotation_id")
 *   .where("annotation_id", "in", latest).groupBy("annotation_id").orderBy("annotation_id")
 *   .execute();
 * const ids = features.map((f) => f.annotation_id).join();
 * if (ids !== [latestOfA.annotationId, onlyOfB.annotationId].join()) throw new Error(ids);
 * await db.destroy();
 * ```
 */
export function latestAnnotationQuery(
  db: Kysely<Database>,
  options: LatestAnnotationsOptions = {},
  // deno-lint-ignore ban-types
): SelectQueryBuilder<Database, "annotations" | "genomes", {}> {
  const { genomes } = options;
  checkNames(genomes, "genomes");
  let query = db.selectFrom("annotations")
    .innerJoin("genomes", "genomes.id", "annotations.genome_id")
    .where("annotations.mode", "=", "genome")
    .where(({ not, exists, selectFrom }) =>
      not(exists(
        selectFrom("annotations as later")
          .select("later.id")
          .whereRef("later.genome_id", "=", "annotations.genome_id")
          .where("later.mode", "=", "genome")
          .where((eb) =>
            eb.or([
              eb("later.sequence_version", ">", eb.ref("annotations.sequence_version")),
              eb.and([
                eb("later.sequence_version", "=", eb.ref("annotations.sequence_version")),
                eb("later.id", ">", eb.ref("annotations.id")),
              ]),
            ])
          ),
      ))
    );
  if (genomes !== undefined) {
    query = genomes.length === 0
      ? query.where(sql<boolean>`1 = 0`)
      : query.where("genomes.name", "in", genomes);
  }
  return query;
}
