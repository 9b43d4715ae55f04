/**
 * Writing a run's features as a clean CSV table.
 *
 * @module
 */

import type { BaktaRun } from "../formats/model.ts";
import { stringify } from "../deps/csv_stringify_sync.ts";

/**
 * How `csv-stringify` writes our CSV: `\n` line ends, and a cell quoted (inner quotes doubled) when
 * it holds a comma, a quote or a line break (the package's rule) or starts or ends with white
 * space (ours: spreadsheets trim it otherwise).
 */
const CSV_OPTIONS = { record_delimiter: "unix", quoted_match: /^\s|\s$/ } as const;

/** The columns of {@linkcode formatFeatureCsv}, in order. */
export const FEATURE_CSV_COLUMNS = [
  "sequence",
  "type",
  "start",
  "stop",
  "strand",
  "edge",
  "length",
  "locus_tag",
  "gene",
  "product",
  "hypothetical",
  "pseudo",
  "truncated",
  "db_xrefs",
] as const;

/** Options of {@linkcode formatFeatureCsv}. */
export interface FormatFeatureCsvOptions {
  /**
   * What joins a feature's cross-references (`DB:accession`) in the `db_xrefs` cell.
   * @default ";"
   */
  xrefSeparator?: string;
}

/**
 * Quotes a CSV cell as RFC 4180 asks: in double quotes (inner quotes doubled) when it holds a
 * comma, a quote or a line break, or starts or ends with a space.
 *
 * @param value The cell's text.
 * @returns The cell as written.
 *
 * @example Quoting a cell
 * ```ts
 * import assert from "node:assert/strict";
 * import { csvCell } from "./format_feature_csv.ts";
 * assert.equal(csvCell('say "hi", twice'), '"say ""hi"", twice"');
 * assert.equal(csvCell("plain"), "plain");
 * ```
 */
export function csvCell(value: string): string {
  return stringify([[value]], { ...CSV_OPTIONS, eof: false });
}

/**
 * Writes one row per feature as CSV (RFC 4180, `\n` line ends, a header row of
 * {@linkcode FEATURE_CSV_COLUMNS}): the sequence id, Bakta's type, `start`/`stop` (1-based,
 * inclusive; `start > stop` for a feature across the origin, with `edge` true), strand, `length`
 * in bases (across the origin included), locus tag, gene, product (without Bakta's TSV prefixes:
 * the flags have their own columns), `hypothetical`/`pseudo` as `true`/`false`, the truncation,
 * and every cross-reference as `DB:accession` joined by `;`. Empty cells for absent values.
 *
 * @param run The run.
 * @param options The cross-reference separator.
 * @returns The CSV text.
 *
 * @example A feature across the origin
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatFeatureCsv } from "./format_feature_csv.ts";
 * const csv = formatFeatureCsv({
 *   mode: "genome", genome: {}, software: {}, sources: [],
 *   sequences: [{ id: "c1", length: 1000, topology: "circular" }],
 *   features: [{ type: "cds", sequenceId: "c1", start: 901, stop: 99, strand: "+", edge: true,
 *     locusTag: "X_1", product: "protein, putative", hypothetical: false, pseudo: false,
 *     dbXrefs: [{ db: "EC", accession: "1.1.1.1" }, { db: "GO", accession: "GO:0005737" }],
 *     original: { format: "json", record: {} } }],
 * });
 * assert.equal(csv.split("\n")[1],
 *   'c1,cds,901,99,+,true,199,X_1,,"protein, putative",false,false,,EC:1.1.1.1;GO:GO:0005737');
 * ```
 */
export function formatFeatureCsv(run: BaktaRun, options: FormatFeatureCsvOptions = {}): string {
  const { xrefSeparator = ";" } = options;
  const lengths = new Map(run.sequences.map((s) => [s.id, s.length]));
  const rows = run.features.map((f) => {
    const sequenceLength = lengths.get(f.sequenceId);
    const length = f.edge
      ? sequenceLength === undefined ? undefined : sequenceLength - f.start + 1 + f.stop
      : f.stop - f.start + 1;
    return [
      f.sequenceId,
      f.type,
      String(f.start),
      String(f.stop),
      f.strand,
      String(f.edge),
      length === undefined ? "" : String(length),
      f.locusTag ?? "",
      f.gene ?? "",
      f.product ?? "",
      String(f.hypothetical),
      String(f.pseudo),
      f.truncated ?? "",
      f.dbXrefs.map((x) => `${x.db}:${x.accession}`).join(xrefSeparator),
    ];
  });
  return stringify([[...FEATURE_CSV_COLUMNS], ...rows], CSV_OPTIONS);
}
