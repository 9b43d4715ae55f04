/**
 * The features repository: look-ups of stored features and their cross-references.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { featureHasTerm } from "../db/feature_term_ids.ts";
import {
  FEATURE_RECORD_COLUMNS,
  type FeatureRecord,
  toFeatureRecord,
} from "../db/_feature_rows.ts";
import { loadOriginals } from "./feature_originals.ts";
import { NotFoundError } from "../db/errors.ts";
import type { DbXref, OriginalRecord } from "../formats/model.ts";
import { reviveOriginalRecord } from "../formats/revive_original_record.ts";

export { type FeatureRecord, toFeatureRecord };

/** A feature found by locus tag, with where it lives. */
export interface LocatedFeature extends FeatureRecord {
  /** The genome's name. */
  genome: string;
  /** The sequence's record id. */
  seqId: string;
}

/** Options of {@linkcode listFeatures}. */
export interface ListFeaturesOptions {
  /** Only this type. */
  type?: string;
  /** Only on this sequence (`sequences.id`). */
  sequenceId?: number;
  /** At most this many. */
  limit?: number;
}

const FEATURE_COLUMNS = FEATURE_RECORD_COLUMNS.map((column) => `f.${column}` as const);

/**
 * Finds features by locus tag, over every genome (or one), newest annotation first.
 *
 * SQL: `select … from "features" f join "annotations" a … join "genomes" g … join "sequences" s …
 * where f."locus_tag" = ?`
 *
 * @param db The database or a transaction.
 * @param locusTag The locus tag.
 * @param options Restrict to one genome (by id).
 * @returns The features found.
 *
 * @example Where is this locus tag?
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { findFeaturesByLocusTag } from "./features_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 20 });
 * await importRun(db, run, { genome: "demo" });
 * const cds = run.features.find((f) => f.type === "cds" && f.locusTag !== undefined)!;
 * const [found] = await findFeaturesByLocusTag(db, cds.locusTag!);
 * if (found.genome !== "demo" || found.seqId !== cds.sequenceId || found.start !== cds.start) {
 *   throw new Error("wrong feature");
 * }
 * await db.destroy();
 * ```
 */
export async function findFeaturesByLocusTag(
  db: Kysely<Database>,
  locusTag: string,
  options: { genomeId?: number } = {},
): Promise<LocatedFeature[]> {
  let query = db.selectFrom("features as f")
    .innerJoin("annotations as a", "a.id", "f.annotation_id")
    .innerJoin("genomes as g", "g.id", "a.genome_id")
    .innerJoin("sequences as s", "s.id", "f.sequence_id")
    .select(FEATURE_COLUMNS).select(["g.name as genome", "s.seq_id as seqId"])
    .where("f.locus_tag", "=", locusTag);
  if (options.genomeId !== undefined) query = query.where("a.genome_id", "=", options.genomeId);
  const rows = await query.orderBy("a.id", "desc").execute();
  return rows.map((row) => ({ ...toFeatureRecord(row), genome: row.genome, seqId: row.seqId }));
}

/**
 * Lists an annotation's features in sequence and position order.
 *
 * SQL: `select … from "features" where "annotation_id" = ? order by "sequence_id", "start"`
 *
 * @param db The database or a transaction.
 * @param annotationId The annotation.
 * @param options Type, sequence and limit.
 * @returns The features.
 *
 * @example The tRNAs of an annotation, in position order
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { listFeatures } from "./features_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 40 });
 * const { annotationId } = await importRun(db, run, { genome: "demo" });
 * const trnas = await listFeatures(db, annotationId, { type: "tRNA" });
 * const expected = run.features.filter((f) => f.type === "tRNA").length;
 * if (trnas.length !== expected) throw new Error(`expected ${expected} tRNAs`);
 * if (trnas.some((f, i) => i > 0 && f.start < trnas[i - 1].start)) throw new Error("order");
 * if ((await listFeatures(db, annotationId, { limit: 3 })).length !== 3) throw new Error("limit");
 * await db.destroy();
 * ```
 */
export async function listFeatures(
  db: Kysely<Database>,
  annotationId: number,
  options: ListFeaturesOptions = {},
): Promise<FeatureRecord[]> {
  let query = db.selectFrom("features as f").select(FEATURE_COLUMNS)
    .where("f.annotation_id", "=", annotationId);
  if (options.type !== undefined) query = query.where("f.type", "=", options.type);
  if (options.sequenceId !== undefined) {
    query = query.where("f.sequence_id", "=", options.sequenceId);
  }
  query = query.orderBy("f.sequence_id").orderBy("f.start").orderBy("f.id");
  if (options.limit !== undefined) query = query.limit(options.limit);
  return (await query.execute()).map(toFeatureRecord);
}

/**
 * The cross-references of a feature (deduplicated on import), by database and accession.
 *
 * @param db The database or a transaction.
 * @param featureId The feature.
 * @returns The cross-references.
 *
 * @example A CDS's cross-references
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { findFeaturesByLocusTag, getFeatureXrefs } from "./features_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 20 });
 * await importRun(db, run, { genome: "demo" });
 * const cds = run.features.find((f) => f.type === "cds" && f.dbXrefs.length > 0)!;
 * const [stored] = await findFeaturesByLocusTag(db, cds.locusTag!);
 * const xrefs = await getFeatureXrefs(db, stored.id);
 * const expected = new Set(cds.dbXrefs.map((x) => `${x.db}:${x.accession}`));
 * const found = new Set(xrefs.map((x) => `${x.db}:${x.accession}`));
 * if (found.size !== expected.size || [...found].some((x) => !expected.has(x))) {
 *   throw new Error("cross-references differ");
 * }
 * await db.destroy();
 * ```
 */
export async function getFeatureXrefs(
  db: Kysely<Database>,
  featureId: number,
): Promise<DbXref[]> {
  return await db.selectFrom(["features as f", "xref_terms as t"])
    .where(featureHasTerm(db, "f.xref_ids", "t.id"))
    .select(["t.db", "t.accession"])
    .where("f.id", "=", featureId).orderBy("t.db").orderBy("t.accession").execute();
}

/**
 * The complete original record a feature was read from.
 *
 * @param db The database or a transaction.
 * @param featureId The feature.
 * @returns The record (`{format, record}`).
 * @throws {NotFoundError} When there is no such feature.
 *
 * @example The Bakta JSON record a feature came from
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { findFeaturesByLocusTag, getFeatureOriginal } from "./features_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 20 });
 * await importRun(db, run, { genome: "demo" });
 * const cds = run.features.find((f) => f.type === "cds" && f.locusTag !== undefined)!;
 * const [stored] = await findFeaturesByLocusTag(db, cds.locusTag!);
 * const original = await getFeatureOriginal(db, stored.id);
 * const record = original.record as { locus?: string };
 * if (original.format !== "json" || record.locus !== cds.locusTag) throw new Error("original");
 * await db.destroy();
 * ```
 */
export async function getFeatureOriginal(
  db: Kysely<Database>,
  featureId: number,
): Promise<OriginalRecord> {
  const row = await db.selectFrom("features").select(["annotation_id", "original_json"])
    .where("id", "=", featureId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError("feature", featureId);
  if (row.original_json !== "") return reviveOriginalRecord(JSON.parse(row.original_json));
  const record = (await loadOriginals(db, row.annotation_id)).get(featureId);
  if (record === undefined) throw new NotFoundError("original record of feature", featureId);
  return record;
}
