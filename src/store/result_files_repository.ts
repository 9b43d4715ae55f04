/**
 * The result files repository: every original file of a run, kept byte for byte.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { transaction } from "../db/transaction.ts";
import { decodeContent, encodeContent, sha256Hex } from "./_codec.ts";
import { resolveGenome } from "./genomes_repository.ts";
import { type ResultFileRecord, toResultFileRecord } from "../db/_result_file_rows.ts";

export type { ResultFileRecord };

/** A stored file with the genome it belongs to. */
export interface GenomeResultFile extends ResultFileRecord {
  /** The genome's name. */
  genome: string;
}

/** A file and its original bytes. */
export interface ResultFileContent {
  /** The file. */
  file: ResultFileRecord;
  /** The original bytes, exactly as imported. */
  bytes: Uint8Array;
}

/** A file to store. */
export interface NewResultFileInput {
  /** The annotation. */
  annotationId: number;
  /** The format. */
  kind: string;
  /** The file name (unique within the annotation). */
  fileName: string;
  /** The original bytes. */
  bytes: Uint8Array;
  /** Their SHA-256, when already computed. */
  checksum?: string;
}

/** How to find a file: by id, or by genome name and file name. */
export type ResultFileKey = number | {
  /** The genome name (or id). */
  genome: string | number;
  /** The file name. */
  fileName: string;
  /** The annotation, where the genome has several with this file name; default the newest. */
  annotationId?: number;
};

const META = [
  "r.id",
  "r.annotation_id",
  "r.kind",
  "r.file_name",
  "r.size",
  "r.checksum",
  "r.encoding",
] as const;

/**
 * Stores one original file (gzip-compressed when that is smaller) with its size and SHA-256.
 *
 * @param db The database or a transaction.
 * @param input The file.
 * @returns The stored file.
 *
 * @example Storing a file beside an import
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { insertResultFile } from "./result_files_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const { annotationId } = await importRun(db, run, { genome: "demo" });
 * const bytes = new TextEncoder().encode("Bakta ran fine\n".repeat(100));
 * const file = await insertResultFile(db, {
 *   annotationId,
 *   kind: "log",
 *   fileName: "demo.log",
 *   bytes,
 * });
 * if (file.size !== bytes.length || file.encoding !== "gzip" || file.storedSize >= file.size) {
 *   throw new Error("expected the repetitive log to be stored gzipped");
 * }
 * await db.destroy();
 * ```
 */
export async function insertResultFile(
  db: Kysely<Database>,
  input: NewResultFileInput,
): Promise<ResultFileRecord> {
  const encoded = encodeContent(input.bytes);
  const row = await transaction(db, (trx) =>
    trx.insertInto("result_files").values({
      annotation_id: input.annotationId,
      kind: input.kind,
      file_name: input.fileName,
      size: input.bytes.length,
      checksum: input.checksum ?? sha256Hex(input.bytes),
      content: encoded.bytes,
      encoding: encoded.encoding,
    }).returning(["id", "annotation_id", "kind", "file_name", "size", "checksum", "encoding"])
      .executeTakeFirstOrThrow());
  return toResultFileRecord({ ...row, stored_size: encoded.bytes.length });
}

/**
 * Lists the stored files of an annotation, by name.
 *
 * SQL: `select …, length("content") from "result_files" where "annotation_id" = ?`
 *
 * @param db The database or a transaction.
 * @param annotationId The annotation.
 * @returns The files.
 *
 * @example The files stored with an import, by name
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { formatRunAsBaktaJson } from "../testing/factory/format_run_as_bakta_json.ts";
 * import { importRun } from "./import_run.ts";
 * import { listResultFiles } from "./result_files_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const files = [
 *   { name: "demo.json", bytes: new TextEncoder().encode(formatRunAsBaktaJson(run)) },
 *   { name: "demo.log", bytes: new TextEncoder().encode("done\n") },
 * ];
 * const { annotationId } = await importRun(db, run, { genome: "demo", files });
 * const stored = await listResultFiles(db, annotationId);
 * if (stored.map((f) => `${f.fileName}:${f.kind}`).join() !== "demo.json:json,demo.log:log") {
 *   throw new Error("unexpected files");
 * }
 * await db.destroy();
 * ```
 */
export async function listResultFiles(
  db: Kysely<Database>,
  annotationId: number,
): Promise<ResultFileRecord[]> {
  const rows = await db.selectFrom("result_files as r").select(META)
    .select((eb) => eb.fn<number>("length", ["r.content"]).as("stored_size"))
    .where("r.annotation_id", "=", annotationId).orderBy("r.file_name").execute();
  return rows.map(toResultFileRecord);
}

/**
 * Lists the stored files of every annotation of a genome, oldest annotation first.
 *
 * @param db The database or a transaction.
 * @param genome The genome's name or id.
 * @returns The files.
 * @throws {NotFoundError} When there is no such genome.
 *
 * @example Every file of a genome, over its annotations
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { listGenomeResultFiles } from "./result_files_repository.ts";
 * const db = await openDatabase(":memory:");
 * const log = (text: string) => [{ name: "demo.log", bytes: new TextEncoder().encode(text) }];
 * const first = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const second = makeRun({ seed: 2, sequences: 1, featuresPerSequence: 5 });
 * const a = await importRun(db, first, { genome: "demo", files: log("first\n") });
 * const b = await importRun(db, second, { genome: "demo", files: log("second\n") });
 * const files = await listGenomeResultFiles(db, "demo");
 * if (files.map((f) => f.annotationId).join() !== [a.annotationId, b.annotationId].join()) {
 *   throw new Error("expected one file per annotation, oldest first");
 * }
 * if (files.some((f) => f.genome !== "demo")) throw new Error("genome");
 * await db.destroy();
 * ```
 */
export async function listGenomeResultFiles(
  db: Kysely<Database>,
  genome: string | number,
): Promise<GenomeResultFile[]> {
  const g = await resolveGenome(db, genome);
  const rows = await db.selectFrom("result_files as r")
    .innerJoin("annotations as a", "a.id", "r.annotation_id")
    .select(META)
    .select((eb) => eb.fn<number>("length", ["r.content"]).as("stored_size"))
    .where("a.genome_id", "=", g.id).orderBy("a.id").orderBy("r.file_name").execute();
  return rows.map((row) => ({ ...toResultFileRecord(row), genome: g.name }));
}

/**
 * Gives back a stored file's original bytes, byte for byte, checked against the stored SHA-256.
 * By `{ genome, fileName }`, the newest annotation of the genome that has such a file is used
 * unless `annotationId` says which.
 *
 * @param db The database or a transaction.
 * @param key The file's id, or the genome and file name.
 * @returns The file and its bytes.
 * @throws {NotFoundError} When there is no such file (or genome).
 * @throws {Error} When the stored bytes no longer match their checksum.
 *
 * @example
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome } from "./genomes_repository.ts";
 * import { getResultFile, insertResultFile } from "./result_files_repository.ts";
 * const db = await openDatabase(":memory:");
 * const g = await createGenome(db, { name: "demo" });
 * const a = await db.insertInto("annotations").values({ genome_id: g.id, sequence_version: 1,
 *   source: "files", fingerprint: "x" }).returning("id").executeTakeFirstOrThrow();
 * const bytes = new TextEncoder().encode("##gff-version 3\n".repeat(10));
 * await insertResultFile(db, { annotationId: a.id, kind: "gff3", fileName: "demo.gff3", bytes });
 * const back = await getResultFile(db, { genome: "demo", fileName: "demo.gff3" });
 * if (back.bytes.length !== bytes.length || back.file.encoding !== "gzip") throw new Error("bad");
 * await db.destroy();
 * ```
 */
export async function getResultFile(
  db: Kysely<Database>,
  key: ResultFileKey,
): Promise<ResultFileContent> {
  const base = db.selectFrom("result_files as r")
    .innerJoin("annotations as a", "a.id", "r.annotation_id")
    .select(META).select([
      "r.content",
      (eb) => eb.fn<number>("length", ["r.content"]).as("stored_size"),
    ]);
  let query = base;
  let described: string;
  if (typeof key === "number") {
    query = base.where("r.id", "=", key);
    described = String(key);
  } else {
    const genome = await resolveGenome(db, key.genome);
    query = base.where("a.genome_id", "=", genome.id).where("r.file_name", "=", key.fileName)
      .orderBy("a.id", "desc").limit(1);
    if (key.annotationId !== undefined) query = query.where("a.id", "=", key.annotationId);
    described = `${genome.name}/${key.fileName}`;
  }
  const row = await query.executeTakeFirst();
  if (row === undefined) throw new NotFoundError("result file", described);
  const bytes = decodeContent(row.content, row.encoding);
  if (sha256Hex(bytes) !== row.checksum) {
    throw new Error(
      `Cannot read stored file ${row.id} "${row.file_name}": its content no longer matches its SHA-256`,
    );
  }
  return { file: toResultFileRecord(row), bytes };
}
