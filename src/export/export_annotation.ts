/**
 * Exporting a stored annotation in any format.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { loadRun, type LoadRunRegion } from "../store/load_run.ts";
import { type ExportFormat, formatRun } from "./format_run.ts";

/** Options of {@linkcode exportAnnotation}. */
export interface ExportAnnotationOptions {
  /**
   * Export only the features that overlap this window of one sequence (for `fna`: the window's
   * sub-sequence); `from > to` is the window across the origin of a circular sequence.
   * @default undefined (the whole run)
   */
  region?: LoadRunRegion;
  /**
   * The `LOCUS` date of GenBank output (`DD-MON-YYYY`).
   * @default today
   */
  date?: string;
}

/**
 * Exports a stored annotation: {@linkcode loadRun} rebuilds it (restricted to the region, if one
 * is given), then {@linkcode formatRun} writes it.
 *
 * @param db The database.
 * @param annotationId The annotation (`annotations.id`).
 * @param format The format.
 * @param options A region and the GenBank date.
 * @returns The text.
 * @throws {NotFoundError} When the annotation or the region's sequence does not exist.
 * @throws {RangeError} For a region outside the sequence, or a format the run cannot be written in
 * (see {@linkcode formatRun}).
 *
 * @example The proteins of a factory run
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { exportAnnotation } from "./export_annotation.ts";
 *
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 2, sequences: 1, featuresPerSequence: 5 });
 * const { annotationId } = await importRun(db, run, { genome: "demo" });
 * const faa = await exportAnnotation(db, annotationId!, "faa");
 * assert.ok(faa.startsWith(">"));
 * await db.destroy();
 * ```
 */
export async function exportAnnotation(
  db: Kysely<Database>,
  annotationId: number,
  format: ExportFormat,
  options: ExportAnnotationOptions = {},
): Promise<string> {
  const run = await loadRun(db, annotationId, { region: options.region });
  return formatRun(run, format, { region: options.region, date: options.date });
}
