/**
 * The HTML report: {@linkcode renderReport} writes one self-contained page (inline SVG figures,
 * CSS and one small script, nothing fetched at view time) with the Bakta summary numbers of each
 * genome, its feature types, circular map and protein lengths, the cohort's COG categories,
 * gene-family presence/absence and pangenome classes, and the software and database versions.
 * {@linkcode genomeMapData} reads what a circular map of a genome needs.
 *
 * @example A report of one factory genome
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { renderReport } from "./mod.ts";
 *
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 4, sequences: 1, genomeSize: 12_000 }), { genome: "demo" });
 * const page = await renderReport(db, { title: "Demo" });
 * assert.match(page, /<title>Demo<\/title>/);
 * // await Deno.writeTextFile("report.html", page);
 * await db.destroy();
 * ```
 *
 * @module
 */

export * from "./report_model.ts";
export * from "./collect_report.ts";
export * from "./render_report_html.ts";
export * from "./render_report.ts";
export * from "./genome_map_data.ts";
export * from "./report_versions.ts";
