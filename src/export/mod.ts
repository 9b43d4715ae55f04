/**
 * Exports of stored annotations in the formats other tools read: GFF3 (gffutils, Panaroo,
 * Roary), GenBank (Biopython) and EMBL, FASTA of the sequences (`.fna`), of the features'
 * nucleotides (`.ffn`) and proteins (`.faa`), Bakta's TSV, a clean CSV, and Bakta JSON that the
 * project's own reader reads back to the same model. {@linkcode exportAnnotation} loads a stored
 * annotation (whole, or the features overlapping a region, across the origin of circular
 * sequences too) and writes it; {@linkcode formatRun} writes any `BaktaRun`.
 *
 * @example Export a factory run as GFF3 and as proteins
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { exportAnnotation, parseRegion } from "./mod.ts";
 *
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 7, sequences: 1, featuresPerSequence: 8 });
 * const { annotationId } = await importRun(db, run, { genome: "demo" });
 * const gff3 = await exportAnnotation(db, annotationId!, "gff3");
 * assert.ok(gff3.includes("##FASTA"));
 * const region = parseRegion(`${run.sequences[0].id}:1-200`);
 * const tsv = await exportAnnotation(db, annotationId!, "tsv", { region });
 * assert.ok(tsv.split("\n").length < gff3.split("\n").length);
 * await db.destroy();
 * ```
 *
 * @module
 */

export * from "./reverse_complement.ts";
export * from "./translate_cds.ts";
export * from "./feature_nucleotides.ts";
export * from "./format_fna.ts";
export * from "./format_ffn.ts";
export * from "./format_faa.ts";
export * from "./format_feature_csv.ts";
export * from "./format_bakta_json.ts";
export * from "./parse_region.ts";
export * from "./format_run.ts";
export * from "./export_annotation.ts";
export * from "../fs/write_text_file_atomic.ts";
