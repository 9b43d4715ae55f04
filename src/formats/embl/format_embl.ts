/**
 * Writing a run as Bakta-style EMBL.
 *
 * @module
 */

import { runToInsdcRecords } from "../insdc/run_to_insdc_records.ts";
import type { BaktaRun } from "../model.ts";
import { formatEmblRecord } from "./format_embl_record.ts";

/**
 * Writes a run as Bakta writes EMBL: the same records as {@linkcode formatGenbank} (one per
 * sequence, `gene` + feature pairs, origin-spanning joins, `/translation`), in EMBL layout. See
 * {@linkcode runToInsdcRecords} for the details.
 *
 * @param run The run.
 * @returns The EMBL text.
 *
 * @example
 * ```ts
 * import { formatEmbl } from "./format_embl.ts";
 * import { readEmbl } from "./read_embl.ts";
 * const run = {
 *   mode: "genome" as const, genome: {}, software: {}, sources: [],
 *   sequences: [{ id: "c1", length: 12, topology: "linear" as const, nt: "ATGAAATAATGA" }],
 *   features: [{ type: "cds" as const, sequenceId: "c1", start: 1, stop: 12, strand: "+" as const,
 *     edge: false, locusTag: "X_1", product: "a, \"quoted\" product", hypothetical: false,
 *     pseudo: false, dbXrefs: [{ db: "GO", accession: "0005737" }],
 *     original: { format: "json" as const, record: {} } }],
 * };
 * const [cds] = readEmbl(formatEmbl(run)).features;
 * if (cds.product !== "a, \"quoted\" product" || cds.dbXrefs[0].db !== "GO") throw new Error("back");
 * ```
 */
export function formatEmbl(run: BaktaRun): string {
  return runToInsdcRecords(run, { format: "embl", date: "01-JAN-1980" }).map(formatEmblRecord)
    .join("");
}
