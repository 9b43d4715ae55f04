/**
 * `renderReport()`: one self-contained HTML page about the genomes of a database, in two passes —
 * `collectReport` reads the model (queries only), `renderReportHtml` draws it (no database).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import {
  collectReport,
  type CollectReportOptions,
  DEFAULT_COLLECT_REPORT_OPTIONS,
} from "./collect_report.ts";
import { renderReportHtml } from "./render_report_html.ts";

/** Options of {@linkcode renderReport}: those of `collectReport`. */
export type RenderReportOptions = CollectReportOptions;

/** The defaults of {@linkcode renderReport}. */
export const DEFAULT_RENDER_REPORT_OPTIONS: typeof DEFAULT_COLLECT_REPORT_OPTIONS =
  DEFAULT_COLLECT_REPORT_OPTIONS;

/**
 * Renders one self-contained HTML report of genomes of a database: `renderReportHtml(await
 * collectReport(db, options))`. No network is needed to view it: figures are inline SVG, the CSS
 * and one small script are inline, there are no fonts or images to fetch. See `renderReportHtml`
 * for what the page holds and `collectReport` for the options.
 *
 * @param db The database.
 * @param options Which genomes, title, time stamp, figure settings, progress and cancellation.
 * @returns A promise of the HTML document.
 * @throws {NotFoundError} When a genome asked for does not exist or has no genome annotation.
 * @throws {RangeError} When an option is out of range.
 * @throws {DOMException} When `signal` aborts (`AbortError`).
 *
 * @example A report of one factory genome
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { renderReport } from "./render_report.ts";
 *
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 2, sequences: 1, genomeSize: 15_000 }), { genome: "demo" });
 * const page = await renderReport(db, { generatedAt: new Date("2025-01-01T00:00:00Z") });
 * assert.match(page, /^<!doctype html>/);
 * assert.match(page, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
 * assert.doesNotMatch(page, /<script[^>]*\bsrc=/i);
 * await db.destroy();
 * ```
 */
export async function renderReport(
  db: Kysely<Database>,
  options: RenderReportOptions = {},
): Promise<string> {
  const model = await collectReport(db, options);
  options.signal?.throwIfAborted();
  options.onProgress?.("Drawing the page");
  return renderReportHtml(model);
}
