/**
 * One entry point for every export format.
 *
 * @module
 */

import { formatEmbl } from "../formats/embl/format_embl.ts";
import { formatGenbank } from "../formats/genbank/format_genbank.ts";
import { formatGff3 } from "../formats/gff3/format_gff3.ts";
import type { BaktaRun } from "../formats/model.ts";
import { formatBaktaTsv } from "../formats/tsv/format_bakta_tsv.ts";
import type { LoadRunRegion } from "../store/load_run.ts";
import { formatBaktaJson } from "./format_bakta_json.ts";
import { formatFaa } from "./format_faa.ts";
import { formatFeatureCsv } from "./format_feature_csv.ts";
import { formatFfn } from "./format_ffn.ts";
import { formatFna } from "./format_fna.ts";

/** The formats a run can be exported as. */
export type ExportFormat =
  | "gff3"
  | "gbff"
  | "embl"
  | "fna"
  | "ffn"
  | "faa"
  | "tsv"
  | "csv"
  | "json";

/** Every {@linkcode ExportFormat}, with what it writes (for help texts). */
export const EXPORT_FORMATS: Readonly<Record<ExportFormat, string>> = Object.freeze({
  gff3: "GFF3 as Bakta writes it, with ##FASTA (gffutils, Panaroo, Roary)",
  gbff: "GenBank flat file (Biopython, Artemis)",
  embl: "EMBL flat file",
  fna: "FASTA of the sequences (of the region's sub-sequence with --region)",
  ffn: "FASTA of the features' nucleotides (>locus product)",
  faa: "FASTA of the CDS/sORF proteins (>locus product)",
  tsv: "Bakta's feature table (TSV)",
  csv: "one CSV row per feature, cross-references joined",
  json: "Bakta JSON (readable by Bakta-JSON tools)",
});

/** Other names accepted for the formats. */
const ALIASES: Readonly<Record<string, ExportFormat>> = {
  gff: "gff3",
  genbank: "gbff",
  gbk: "gbff",
  gb: "gbff",
  fasta: "fna",
  fa: "fna",
};

/**
 * The export format a name stands for (case-insensitive; `genbank`/`gbk` for `gbff`, `gff` for
 * `gff3`, `fasta` for `fna`).
 *
 * @param name The name.
 * @returns The format.
 * @throws {RangeError} For an unknown name (the message lists the formats).
 *
 * @example Format names and aliases
 * ```ts
 * import assert from "node:assert/strict";
 * import { toExportFormat } from "./format_run.ts";
 * assert.equal(toExportFormat("GenBank"), "gbff");
 * assert.throws(() => toExportFormat("xls"), RangeError);
 * ```
 */
export function toExportFormat(name: string): ExportFormat {
  const key = String(name).toLowerCase();
  if (Object.hasOwn(EXPORT_FORMATS, key)) return key as ExportFormat;
  const alias = ALIASES[key];
  if (alias !== undefined) return alias;
  throw new RangeError(
    `Unknown export format ${JSON.stringify(name)}: expected one of ${
      Object.keys(EXPORT_FORMATS).join(", ")
    }`,
  );
}

/** Options of {@linkcode formatRun}. */
export interface FormatRunOptions {
  /**
   * The region the run was loaded for; `fna` then writes the window's sub-sequence (the other
   * formats write the run as given).
   * @default undefined
   */
  region?: LoadRunRegion;
  /**
   * The `LOCUS` date of GenBank output (`DD-MON-YYYY`).
   * @default today
   */
  date?: string;
}

/** Formats that need coordinates (a `bakta_proteins` run has none). */
const GENOME_ONLY: ReadonlySet<ExportFormat> = new Set([
  "gff3",
  "gbff",
  "embl",
  "fna",
  "ffn",
  "tsv",
  "csv",
]);

/**
 * Writes a run in one of the {@linkcode EXPORT_FORMATS}: GFF3 (`formatGff3`, with `##FASTA`),
 * GenBank (`formatGenbank`), EMBL (`formatEmbl`), FASTA of the sequences
 * ({@linkcode formatFna}), of the features' nucleotides ({@linkcode formatFfn}) and proteins
 * ({@linkcode formatFaa}), Bakta's TSV (`formatBaktaTsv`), CSV ({@linkcode formatFeatureCsv}) and
 * Bakta JSON ({@linkcode formatBaktaJson}). A `proteins` run (`bakta_proteins`) can be written as
 * `json` and `faa` only.
 *
 * @param run The run.
 * @param format The format.
 * @param options The region (for `fna`) and the GenBank date.
 * @returns The text.
 * @throws {RangeError} For a format that needs coordinates on a `proteins` run, an `fna` of
 * sequences whose residues are unknown, or an unknown format.
 *
 * @example FASTA and GFF3 of a tiny run
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRun } from "./format_run.ts";
 * const run = {
 *   mode: "genome" as const, genome: {}, software: { bakta: "1.11.4" }, sources: [],
 *   sequences: [{ id: "c1", length: 8, nt: "ACGTACGT" }], features: [],
 * };
 * assert.equal(formatRun(run, "fna"), ">c1\nACGTACGT\n");
 * assert.ok(formatRun(run, "gff3").startsWith("##gff-version 3\n"));
 * ```
 */
export function formatRun(
  run: BaktaRun,
  format: ExportFormat,
  options: FormatRunOptions = {},
): string {
  if (run.mode === "proteins" && GENOME_ONLY.has(format)) {
    throw new RangeError(
      `Cannot export a proteins-mode run (bakta_proteins) as ${format}: it has no sequences or coordinates (use json or faa)`,
    );
  }
  switch (format) {
    case "gff3":
      return formatGff3(run);
    case "gbff":
      return formatGenbank(run, options.date === undefined ? {} : { date: options.date });
    case "embl":
      return formatEmbl(run);
    case "fna":
      return formatFna(run, { region: options.region });
    case "ffn":
      return formatFfn(run);
    case "faa":
      return run.mode === "proteins" ? formatProteinsFaa(run) : formatFaa(run);
    case "tsv":
      return formatBaktaTsv(run);
    case "csv":
      return formatFeatureCsv(run);
    case "json":
      return formatBaktaJson(run);
    default:
      return toExportFormat(format) && "";
  }
}

function proteinField(protein: Record<string, unknown>, key: string): string {
  const value = protein[key];
  return typeof value === "string" ? value : "";
}

function formatProteinsFaa(run: BaktaRun): string {
  return (run.proteins ?? []).filter((p) => proteinField(p, "aa") !== "").map((p) => {
    const product = proteinField(p, "product");
    return `>${proteinField(p, "id")}${product ? ` ${product}` : ""}\n${proteinField(p, "aa")}\n`;
  }).join("");
}
