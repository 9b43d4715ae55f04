/**
 * Writing a factory run as Bakta-style GFF3, so that tests can write real GFF3 files: a thin
 * wrapper over the project's GFF3 writer (`src/formats/gff3/format_gff3.ts`).
 *
 * @module
 */

import type { BaktaRun } from "../../formats/model.ts";
import { formatGff3 } from "../../formats/gff3/format_gff3.ts";

/**
 * Writes a run as Bakta-style GFF3 (header comments, `##sequence-region` and `region` lines, one
 * line per feature, origin-spanning features with end = stop + length, CRISPR arrays with their
 * parts, and a `##FASTA` section), with the project's `formatGff3`.
 *
 * @param run The run (`mode: "genome"`).
 * @returns The GFF3 text.
 * @throws {TypeError} For a `proteins` run (it has no coordinates).
 *
 * @example
 * ```ts
 * import { makeRun } from "./make_run.ts";
 * import { formatRunAsGff3 } from "./format_run_as_gff3.ts";
 * const text = formatRunAsGff3(makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 }));
 * if (!text.startsWith("##gff-version 3") || !text.includes("##FASTA")) throw new Error("bad");
 * ```
 */
export function formatRunAsGff3(run: BaktaRun): string {
  if (run.mode === "proteins") {
    throw new TypeError("Cannot write a proteins run as GFF3: its features have no coordinates");
  }
  return formatGff3(run);
}
