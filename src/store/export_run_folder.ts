/**
 * Writing a stored run back as a Bakta-style result folder: its original files, byte for byte.
 *
 * @module
 */

import type { Kysely } from "kysely";
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
