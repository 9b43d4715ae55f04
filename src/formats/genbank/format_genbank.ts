/**
 * Writing a run as Bakta-style GenBank.
 *
 * @module
 */

import { runToInsdcRecords, type RunToInsdcRecordsOptions } from "../insdc/run_to_insdc_records.ts";
import type { BaktaRun } from "../model.ts";
import { formatGenbankRecord } from "./format_genbank_record.ts";

/** Options of {@linkcode formatGenbank}. */
export interface FormatGenbankOptions {
  /**
   * The date written on each `LOCUS` line, `DD-MON-YYYY`.
   *
   * @default {today}
   */
  date?: string;
}

/**
 * Writes a run as Bakta writes GenBank (`.gbff`): one record per sequence, each feature with a
 * locus tag preceded by its `gene` feature, origin-spanning features as
 * `join(start..length,1..stop)` (inside `complement(…)` on the reverse strand), proteins as
 * `/translation`. See {@linkcode runToInsdcRecords} for the details.
 *
 * @param run The run.
 * @param options The `LOCUS` date.
 * @returns The GenBank text.
 * @throws {RangeError} For a bad date.
 *
 * @example
 * ```ts
 * import { formatGenbank } from "./format_genbank.ts";
 * import { readGenbank } from "./read_genbank.ts";
 * const run = {
 *   mode: "genome" as const, genome: {}, software: { bakta: "1.11.4" }, sources: [],
 *   sequences: [{ id: "c1", length: 12, topology: "circular" as const, nt: "ATGAAATAATGA" }],
 *   features: [{ type: "cds" as const, sequenceId: "c1", start: 10, stop: 3, strand: "-" as const,
 *     edge: true, locusTag: "X_1", product: "hypothetical protein", hypothetical: true,
 *     pseudo: false, dbXrefs: [], aa: "MK", original: { format: "json" as const, record: {} } }],
 * };
 * const text = formatGenbank(run, { date: "01-JAN-2025" });
 * if (!text.includes("CDS             complement(join(10..12,1..3))")) throw new Error(text);
 * const [cds] = readGenbank(text).features;
 * if (!cds.edge || cds.start !== 10 || cds.stop !== 3 || cds.aa !== "MK") throw new Error("back");
 * ```
 */
export function formatGenbank(run: BaktaRun, options: FormatGenbankOptions = {}): string {
  const recordOptions: RunToInsdcRecordsOptions = { format: "genbank" };
  if (options.date !== undefined) recordOptions.date = options.date;
  return runToInsdcRecords(run, recordOptions).map(formatGenbankRecord).join("");
}
