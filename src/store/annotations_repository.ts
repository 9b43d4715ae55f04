/**
 * The annotations repository: the Bakta runs stored for each genome, with their versions and
 * statistics.
 *
 * @module
 */

import { removeWithSummaries } from "./_write_annotation_summaries.ts";
import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { featureTermIdsFrom } from "../db/feature_term_ids.ts";
import { NotFoundError } from "../db/errors.ts";
import { transaction } from "../db/transaction.ts";
import { encodeContent, utf8 } from "./_codec.ts";
import { referencedResidues } from "./stored_residues.ts";
import { dropUnusedXrefTerms, termsOfAnnotations } from "../db/xref_terms.ts";
import { type AnnotationRecord, toAnnotationRecord } from "../db/_annotation_rows.ts";

export { type AnnotationRecord, toAnnotationRecord };

/**
 * Gets an annotation by id.
 *
 * @param db The database or a transaction.
 * @param id The id.
 * @returns The annotation.
 * @throws {NotFoundError} When there is none.
 *
 * @example Getting the annotation an import made
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { getAnnotation } from "./annotations_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const imported = await importRun(db, run, { genome: "demo" });
 * const annotation = await getAnnotation(db, imported.annotationId);
 * if (annotation.genomeId !== imported.genomeId || annotation.mode !== "genome") {
 *   throw new Error("annotation");
 * }
 * await db.destroy();
 * ```
 */
export async function getAnnotation(db: Kysely<Database>, id: number): Promise<AnnotationRecord> {
  const row = await db.selectFrom("annotations").selectAll().where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError("annotation", id);
  return toAnnotationRecord(row);
}

/**
 * Finds the annotation of the run with this content fingerprint (see `runFingerprint()`).
 *
 * SQL: `select * from "annotations" where "fingerprint" = ?`
 *
 * @param db The database or a transaction.
 * @param fingerprint The fingerprint.
 * @returns The annotation, or undefined.
 *
 * @example Looking an import up by its fingerprint
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { findAnnotationByFingerprint } from "./annotations_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const { annotationId, fingerprint } = await importRun(db, run, { genome: "demo" });
 * if ((await findAnnotationByFingerprint(db, fingerprint))?.id !== annotationId) {
 *   throw new Error("not found");
 * }
 * const unknown = await findAnnotationByFingerprint(db, "0".repeat(64));
 * if (unknown !== undefined) throw new Error("found an annotation never imported");
 * await db.destroy();
 * ```
 */
export async function findAnnotationByFingerprint(
  db: Kysely<Database>,
  fingerprint: string,
): Promise<AnnotationRecord | undefined> {
  const row = await db.selectFrom("annotations").selectAll().where("fingerprint", "=", fingerprint)
    .executeTakeFirst();
  return row === undefined ? undefined : toAnnotationRecord(row);
}

/**
 * Lists the annotations of a genome in the order they were imported.
 *
 * SQL: `select * from "annotations" where "genome_id" = ? order by "imported_at", "id"`
 *
 * @param db The database or a transaction.
 * @param genomeId The genome.
 * @returns The annotations.
 *
 * @example Two runs of one genome, in import order
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { listAnnotations } from "./annotations_repository.ts";
 * const db = await openDatabase(":memory:");
 * const small = (seed: number) => makeRun({ seed, sequences: 1, featuresPerSequence: 5 });
 * const first = await importRun(db, small(1), { genome: "demo" });
 * const second = await importRun(db, small(2), { genome: "demo" });
 * const ids = (await listAnnotations(db, first.genomeId)).map((a) => a.id);
 * if (ids.join() !== [first.annotationId, second.annotationId].join()) throw new Error("order");
 * await db.destroy();
 * ```
 */
export async function listAnnotations(
  db: Kysely<Database>,
  genomeId: number,
): Promise<AnnotationRecord[]> {
  const rows = await db.selectFrom("annotations").selectAll().where("genome_id", "=", genomeId)
    .orderBy("imported_at").orderBy("id").execute();
  return rows.map(toAnnotationRecord);
}

/**
 * Counts an annotation's features by type.
 *
 * SQL: `select "type", count(*) from "features" where "annotation_id" = ? group by "type"`
 *
 * @param db The database or a transaction.
 * @param annotationId The annotation.
 * @returns The count per feature type (types without features are absent).
 *
 * @example Counting the features of a factory run
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { countFeaturesByType } from "./annotations_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 40 });
 * const { annotationId } = await importRun(db, run, { genome: "demo" });
 * const counts = await countFeaturesByType(db, annotationId);
 * const cds = run.features.filter((f) => f.type === "cds").length;
 * if (counts.cds !== cds) throw new Error(`expected ${cds} CDSs, got ${counts.cds}`);
 * await db.destroy();
 * ```
 */
export async function countFeaturesByType(
  db: Kysely<Database>,
  annotationId: number,
): Promise<Record<string, number>> {
  const rows = await db.selectFrom("features").select(["type", sql<number>`count(*)`.as("n")])
    .where("annotation_id", "=", annotationId).groupBy("type").orderBy("type").execute();
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
}

/** The statistics of an annotation's features that Bakta's summary also gives. */
export interface AnnotationFeatureStats {
  /** Features by type. */
  byType: Record<string, number>;
  /** Every feature. */
  total: number;
  /** Hypothetical CDSs. */
  hypotheticals: number;
  /** Pseudo CDSs. */
  pseudogenes: number;
  /** Distinct cross-references. */
  xrefs: number;
}

/**
 * Counts an annotation's features: per type, hypotheticals, pseudogenes, cross-references.
 *
 * @param db The database or a transaction.
 * @param annotationId The annotation.
 * @returns The statistics.
 *
 * @example Bakta's summary numbers
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { annotationFeatureStats } from "./annotations_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 40 });
 * const { annotationId } = await importRun(db, run, { genome: "demo" });
 * const stats = await annotationFeatureStats(db, annotationId);
 * const hypotheticals = run.features.filter((f) => f.type === "cds" && f.hypothetical).length;
 * if (stats.total !== 40 || stats.hypotheticals !== hypotheticals) throw new Error("stats");
 * await db.destroy();
 * ```
 */
export async function annotationFeatureStats(
  db: Kysely<Database>,
  annotationId: number,
): Promise<AnnotationFeatureStats> {
  const byType = await countFeaturesByType(db, annotationId);
  const flags = await db.selectFrom("features").where("annotation_id", "=", annotationId)
    .where("type", "=", "cds").select([
      sql<number>`coalesce(sum(hypothetical), 0)`.as("h"),
      sql<number>`coalesce(sum(pseudo), 0)`.as("p"),
    ]).executeTakeFirstOrThrow();
  const xrefs = await sql<{ n: number }>`select count(*) as ${sql.id("n")} from ${
    sql.table("features")
  } as ${sql.id("f")}, ${featureTermIdsFrom(db, "f.xref_ids", "x")} where ${
    sql.ref("f.annotation_id")
  } = ${annotationId}`.execute(db).then((r) => r.rows[0]);
  return {
    byType,
    total: Object.values(byType).reduce((a, b) => a + b, 0),
    hypotheticals: Number(flags.h),
    pseudogenes: Number(flags.p),
    xrefs: Number(xrefs.n),
  };
}

/**
 * Deletes an annotation with its features and files (by cascade), in one transaction. Sequences
 * stay (they belong to the genome's assembly version); residues kept by reference in one of its
 * files are first copied into their sequence rows.
 *
 * @param db The database.
 * @param id The annotation.
 * @returns The deleted annotation.
 * @throws {NotFoundError} When there is none.
 *
 * @example Deleting an annotation keeps the genome's sequences
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { deleteAnnotation, listAnnotations } from "./annotations_repository.ts";
 * import { listSequences } from "./sequences_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const { annotationId, genomeId } = await importRun(db, run, { genome: "demo" });
 * const deleted = await deleteAnnotation(db, annotationId);
 * if (deleted.id !== annotationId || (await listAnnotations(db, genomeId)).length !== 0) {
 *   throw new Error("not deleted");
 * }
 * if ((await listSequences(db, genomeId)).length !== 1) throw new Error("sequences went too");
 * await db.destroy();
 * ```
 */
export async function deleteAnnotation(
  db: Kysely<Database>,
  id: number,
): Promise<AnnotationRecord> {
  const work = async (trx: Kysely<Database>) => {
    const annotation = await getAnnotation(trx, id);
    await trx.updateTable("jobs").set({ annotation_id: null }).where("annotation_id", "=", id)
      .execute();
    await keepReferencedResidues(trx, id);
    const terms = await termsOfAnnotations(trx, [id]);
    await removeWithSummaries(trx, [id], async () => {
      await trx.deleteFrom("annotations").where("id", "=", id).execute();
    });
    await dropUnusedXrefTerms(trx, terms);
    return annotation;
  };
  return await transaction(db, work);
}

/** Copies into their rows the residues of sequences kept by reference in the annotation's files. */
async function keepReferencedResidues(trx: Kysely<Database>, annotationId: number): Promise<void> {
  const rows = await trx.selectFrom("sequences")
    .select(["id", "seq_id", "checksum", "residues_file_id"])
    .where(
      "residues_file_id",
      "in",
      trx.selectFrom("result_files").select("id").where("annotation_id", "=", annotationId),
    ).execute();
  const residues = await referencedResidues(trx, rows);
  for (const row of rows) {
    const encoded = encodeContent(utf8(residues.get(row.seq_id)!));
    await trx.updateTable("sequences")
      .set({ residues: encoded.bytes, residues_encoding: encoded.encoding, residues_file_id: null })
      .where("id", "=", row.id).execute();
  }
}
