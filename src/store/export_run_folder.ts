/**
 * Writing a stored run back as a Bakta-style result folder: its original files, byte for byte.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import {
  getResultFile,
  listResultFiles,
  type ResultFileRecord,
} from "./result_files_repository.ts";

/** Options of {@linkcode exportRunFolder}. */
export interface ExportRunFolderOptions {
  /**
   * Replace files that exist in the folder.
   * @default false
   */
  overwrite?: boolean;
}

/**
 * Writes every original file of an annotation into a folder (created if needed), byte for byte
 * (each checked against its SHA-256).
 *
 * @param db The database or a transaction.
 * @param annotationId The annotation.
 * @param dir The folder.
 * @param options Whether to overwrite existing files.
 * @returns The files written, with their paths.
 * @throws {NotFoundError} When the annotation has no stored files (or does not exist).
 * @throws {Deno.errors.AlreadyExists} When a file exists and `overwrite` is false.
 *
 * @example Writing the stored files back out
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { formatRunAsBaktaJson } from "../testing/factory/format_run_as_bakta_json.ts";
 * import { importRun } from "./import_run.ts";
 * import { exportRunFolder } from "./export_run_folder.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const bytes = new TextEncoder().encode(formatRunAsBaktaJson(run));
 * const { annotationId } = await importRun(db, run, {
 *   genome: "demo",
 *   files: [{ name: "demo.json", bytes }],
 * });
 * const dir = await Deno.makeTempDir();
 * const [written] = await exportRunFolder(db, annotationId, dir);
 * const back = await Deno.readFile(written.path);
 * await Deno.remove(dir, { recursive: true });
 * await db.destroy();
 * if (written.path !== `${dir}/demo.json` || back.length !== bytes.length) throw new Error("file");
 * if (back.some((byte, i) => byte !== bytes[i])) throw new Error("not byte for byte");
 * ```
 */
export async function exportRunFolder(
  db: Kysely<Database>,
  annotationId: number,
  dir: string,
  options: ExportRunFolderOptions = {},
): Promise<(ResultFileRecord & { path: string })[]> {
  const files = await listResultFiles(db, annotationId);
  if (files.length === 0) throw new NotFoundError("stored files of annotation", annotationId);
  await Deno.mkdir(dir, { recursive: true });
  const written: (ResultFileRecord & { path: string })[] = [];
  for (const file of files) {
    const { bytes } = await getResultFile(db, file.id);
    const path = `${dir.replace(/[\\/]+$/, "")}/${file.fileName}`;
    await Deno.writeFile(path, bytes, { createNew: !options.overwrite });
    written.push({ ...file, path });
  }
  return written;
}
