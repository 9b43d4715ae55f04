/**
 * A run met again: finding the annotation that holds given files already (before parsing), and
 * adding to a recognised annotation the original files it lacks.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { bulkInsert } from "./_bulk_insert.ts";
import type { PreparedFile } from "./prepare_run.ts";

/**
 * The annotation that holds every one of these files already (by SHA-256), if any: then the files
 * bring nothing new and need no parsing.
 *
 * @param db The database.
 * @param fileChecksums The files' SHA-256 checksums.
 * @returns The annotation's id, or undefined.
 */
export async function annotationHoldingFiles(
  db: Kysely<Database>,
  fileChecksums: readonly string[],
): Promise<number | undefined> {
  const checksums = [...new Set(fileChecksums)];
  if (checksums.length === 0) return undefined;
  const row = await db.selectFrom("result_files").select("annotation_id")
    .where("checksum", "in", checksums).groupBy("annotation_id")
    .having((eb) => eb.fn.count("checksum").distinct(), "=", checksums.length)
    .orderBy("annotation_id").executeTakeFirst();
  return row?.annotation_id;
}

/**
 * The SHA-256 of every stored file, each once: a run with a file not among them is new (no
 * annotation can hold all its files), without asking the database run by run.
 *
 * @param db The database.
 * @returns The checksums.
 *
 * @example A fresh database holds no file
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { storedFileChecksums } from "./_known_run.ts";
 * const db = await openDatabase(":memory:");
 * assert.deepEqual(await storedFileChecksums(db), []);
 * await db.destroy();
 * ```
 */
export async function storedFileChecksums(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("result_files").select("checksum").distinct().execute();
  return rows.map((r) => r.checksum);
}

/**
 * Adds to an annotation the files it lacks (by name; a file of a stored name but other content is
 * left out and reported).
 *
 * @param trx The write transaction.
 * @param annotationId The annotation.
 * @param files The files that came with the run.
 * @returns The files added, and the names left out.
 */
export async function addMissingFiles(
  trx: Kysely<Database>,
  annotationId: number,
  files: readonly PreparedFile[],
): Promise<{ added: PreparedFile[]; conflicting: string[] }> {
  const stored = new Map(
    (await trx.selectFrom("result_files").select(["file_name", "checksum"])
      .where("annotation_id", "=", annotationId).execute()).map((r) => [r.file_name, r.checksum]),
  );
  const added = files.filter((f) => !stored.has(f.name));
  const conflicting = files.filter((f) => stored.has(f.name) && stored.get(f.name) !== f.checksum)
    .map((f) => f.name);
  await insertFiles(trx, annotationId, added);
  return { added, conflicting };
}

const FILE_COLUMNS = [
  "annotation_id",
  "kind",
  "file_name",
  "size",
  "checksum",
  "content",
  "encoding",
  "rebuilds_records",
] as const;

/**
 * Inserts original files of an annotation.
 *
 * @param trx The write transaction.
 * @param annotationId The annotation.
 * @param files The files.
 * @param recordsFile The file the features' original records are rebuilt from, if any: stored
 *   with `rebuilds_records = 1` in the same insert (a later `update` would write the whole row
 *   again, its compressed content included).
 * @returns Their ids by file name.
 */
export async function insertFiles(
  trx: Kysely<Database>,
  annotationId: number,
  files: readonly PreparedFile[],
  recordsFile?: string,
): Promise<Map<string, number>> {
  if (files.length === 0) return new Map();
  await bulkInsert(
    trx,
    "result_files",
    FILE_COLUMNS,
    files.map((f) => [
      annotationId,
      f.kind,
      f.name,
      f.size,
      f.checksum,
      f.content,
      f.encoding,
      f.name === recordsFile ? 1 : 0,
    ]),
  );
  const rows = await trx.selectFrom("result_files").select(["id", "file_name"])
    .where("annotation_id", "=", annotationId)
    .where("file_name", "in", files.map((f) => f.name)).execute();
  return new Map(rows.map((r) => [r.file_name, r.id]));
}
