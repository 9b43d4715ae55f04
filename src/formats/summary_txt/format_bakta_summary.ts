/**
 * The writer of Bakta's `.txt` summary.
 *
 * @module
 */

import type { BaktaSummary } from "./bakta_summary.ts";

/**
 * Writes a {@linkcode BaktaSummary} in the layout of Bakta 1.8+ (`Count`, no thousands
 * separators, percentages with one decimal). Optional lines (`N90`, `pseudogenes`,
 * `signal peptides`, the `Bakta:` block lines) are written only when present, so a summary read
 * from a 1.8–1.12 file is written back byte for byte; `extra` lines are not written.
 *
 * @param summary The summary.
 * @returns The text, ending with a newline.
 *
 * @example Round trip
 * ```ts
 * import { formatBaktaSummary } from "./format_bakta_summary.ts";
 * import { readBaktaSummary } from "./read_bakta_summary.ts";
 * const text = "Sequence(s):\nLength: 4\nCount: 1\nGC: 50.0\nN50: 4\nN ratio: 0.0\n" +
 *   "coding density: 75.0\n\nAnnotation:\ntRNAs: 0\ntmRNAs: 0\nrRNAs: 0\nncRNAs: 0\n" +
 *   "ncRNA regions: 0\nCRISPR arrays: 0\nCDSs: 1\npseudogenes: 0\nhypotheticals: 1\nsORFs: 0\n" +
 *   "gaps: 0\noriCs: 0\noriVs: 0\noriTs: 0\n\nBakta:\nSoftware: v1.9.4\nDatabase: v5.1, full\n";
 * if (formatBaktaSummary(readBaktaSummary(text)) !== text) throw new Error("round trip");
 * ```
 */
export function formatBaktaSummary(summary: BaktaSummary): string {
  const { sequences: s, counts: c } = summary;
  const lines = [
    "Sequence(s):",
    `Length: ${s.length}`,
    `Count: ${s.count}`,
    `GC: ${s.gcPercent.toFixed(1)}`,
    `N50: ${s.n50}`,
  ];
  if (s.n90 !== undefined) lines.push(`N90: ${s.n90}`);
  lines.push(
    `N ratio: ${s.nRatioPercent.toFixed(1)}`,
    `coding density: ${s.codingDensityPercent.toFixed(1)}`,
    "",
    "Annotation:",
    `tRNAs: ${c.trnas}`,
    `tmRNAs: ${c.tmrnas}`,
    `rRNAs: ${c.rrnas}`,
    `ncRNAs: ${c.ncrnas}`,
    `ncRNA regions: ${c.ncrnaRegions}`,
    `CRISPR arrays: ${c.crisprArrays}`,
    `CDSs: ${c.cdss}`,
  );
  if (c.pseudogenes !== undefined) lines.push(`pseudogenes: ${c.pseudogenes}`);
  lines.push(`hypotheticals: ${c.hypotheticals}`);
  if (c.signalPeptides !== undefined) lines.push(`signal peptides: ${c.signalPeptides}`);
  lines.push(
    `sORFs: ${c.sorfs}`,
    `gaps: ${c.gaps}`,
    `oriCs: ${c.oriCs}`,
    `oriVs: ${c.oriVs}`,
    `oriTs: ${c.oriTs}`,
  );
  if (
    summary.software !== undefined || summary.db !== undefined || summary.doi !== undefined ||
    summary.url !== undefined
  ) {
    lines.push("", "Bakta:");
    if (summary.software !== undefined) lines.push(`Software: v${summary.software}`);
    if (summary.db !== undefined) {
      lines.push(`Database: v${summary.db}${summary.dbType ? `, ${summary.dbType}` : ""}`);
    }
    if (summary.doi !== undefined) lines.push(`DOI: ${summary.doi}`);
    if (summary.url !== undefined) lines.push(`URL: ${summary.url}`);
  }
  return lines.join("\n") + "\n";
}
