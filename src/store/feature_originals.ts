/**
 * The packed original records of an annotation's features (schema v4, table `feature_originals`):
 * one gzipped JSON array per annotation instead of one JSON text per feature row; or (schema v5,
 * a run read from one GFF3 alone) none at all: the records are rebuilt from that stored file,
 * marked `result_files.rebuilds_records`.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import type { OriginalRecord } from "../formats/model.ts";
import { reviveOriginalRecord } from "../formats/revive_original_record.ts";
import { readGff3 } from "../formats/gff3/read_gff3.ts";
import { getResultFile } from "./result_files_repository.ts";
import { decodeContent, encodeContent, type EncodedContent, fromUtf8, utf8 } from "./_codec.ts";

/**
 * Packs original records (each already JSON text) into the stored form: a JSON array, gzipped.
 *
 * @param records The records' JSON texts, in feature id order.
 * @param level The gzip level (1–9).
 * @returns The bytes and their encoding.
 *
 * @example Packing two records
 * ```ts
 * import { packOriginals } from "./feature_originals.ts";
 * const packed = packOriginals(['{"format":"json","record":{}}', '{"format":"json","record":{}}'], 6);
 * if (packed.bytes.length === 0) throw new Error("empty");
 * ```
 */
export function packOriginals(records: readonly string[], level: number): EncodedContent {
  return encodeContent(utf8(`[${records.join(",")}]`), level);
}

/**
 * The packed original records of an annotation, by feature id (revived as
 * `reviveOriginalRecord()` does): the i-th feature (by id) whose `original_json` is `''` has the
 * i-th record of the annotation's `feature_originals` array — or, without one, the i-th feature
 * record that `readGff3` reads from the annotation's file marked `rebuilds_records` (the reading
 * the import made; each record passes through JSON as a packed one does).
 *
 * SQL: `select "content", "encoding" from "feature_originals" where "annotation_id" = ?` (else
 * `select "id" from "result_files" where "annotation_id" = ? and "rebuilds_records" = 1`), then
 * `select "id" from "features" where "annotation_id" = ? and "original_json" = '' order by "id"`.
 *
 * @param db The database.
 * @param annotationId The annotation.
 * @returns The records by feature id (empty when nothing is packed).
 * @throws {Error} When the packed (or rebuilt) records and the features disagree in number.
 *
 * @example Reading back the records of an import
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { loadOriginals } from "./feature_originals.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 2, sequences: 1, featuresPerSequence: 6 });
 * const { annotationId } = await importRun(db, run, { genome: "demo" });
 * const originals = await loadOriginals(db, annotationId);
 * if (originals.size !== 6) throw new Error("six records");
 * await db.destroy();
 * ```
 */
export async function loadOriginals(
  db: Kysely<Database>,
  annotationId: number,
): Promise<Map<number, OriginalRecord>> {
  const byId = new Map<number, OriginalRecord>();
  const records = await packedRecords(db, annotationId) ?? await rebuiltRecords(db, annotationId);
  if (records === undefined) return byId;
  const ids = await db.selectFrom("features").select("id").where("annotation_id", "=", annotationId)
    .where("original_json", "=", "").orderBy("id").execute();
  if (ids.length !== records.length) {
    throw new Error(
      `Cannot read the original records of annotation ${annotationId}: ${records.length} packed for ${ids.length} features`,
    );
  }
  ids.forEach((row, i) => byId.set(row.id, records[i]));
  return byId;
}

/** The records of the annotation's `feature_originals` row, if it has one. */
async function packedRecords(
  db: Kysely<Database>,
  annotationId: number,
): Promise<OriginalRecord[] | undefined> {
  const pack = await db.selectFrom("feature_originals").select(["content", "encoding"])
    .where("annotation_id", "=", annotationId).executeTakeFirst();
  if (pack === undefined) return undefined;
  return (JSON.parse(fromUtf8(decodeContent(pack.content, pack.encoding))) as unknown[])
    .map(reviveOriginalRecord);
}

/** The records read again from the annotation's file marked `rebuilds_records`, if it has one. */
async function rebuiltRecords(
  db: Kysely<Database>,
  annotationId: number,
): Promise<OriginalRecord[] | undefined> {
  const marked = await db.selectFrom("result_files").select("id")
    .where("annotation_id", "=", annotationId).where("rebuilds_records", "=", 1)
    .executeTakeFirst();
  if (marked === undefined) return undefined;
  const { file, bytes } = await getResultFile(db, marked.id);
  // The file passed the import's bound on its decompressed size already.
  return readGff3(bytes, { file: file.fileName, maxDecompressedBytes: Number.MAX_SAFE_INTEGER })
    .features
    .map((f) => reviveOriginalRecord(JSON.parse(JSON.stringify(f.original))));
}
