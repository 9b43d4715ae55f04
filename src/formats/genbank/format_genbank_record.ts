/**
 * Writing one GenBank record.
 *
 * @module
 */

import { formatFeatureTable } from "../insdc/format_feature_table.ts";
import type { InsdcRecord } from "../insdc/insdc_record.ts";

/**
 * Writes one record as a GenBank flat-file entry (the layout Biopython, and so Bakta, writes):
 * `LOCUS`, `DEFINITION` (with a final period), `ACCESSION`, `VERSION`, `KEYWORDS`, `SOURCE`,
 * `ORGANISM`, `COMMENT`, `FEATURES`, `ORIGIN` (lower case, 60 bases a line in blocks of 10)
 * and `//`. The inverse of {@linkcode GenbankRecordParser} for the fields it reads.
 *
 * @param record The record.
 * @returns The entry, ending with `//` and a line break.
 *
 * @example
 * ```ts
 * import { formatGenbankRecord } from "./format_genbank_record.ts";
 * import { parseGenbank } from "./parse_genbank.ts";
 * const text = formatGenbankRecord({ name: "c1", length: 4, topology: "linear", line: 0,
 *   features: [], sequence: "acgt", date: "01-JAN-2025", definition: "c1, whole genome shotgun sequence" });
 * const [back] = parseGenbank(text);
 * if (back.sequence !== "acgt" || back.definition !== "c1, whole genome shotgun sequence.") {
 *   throw new Error(text);
 * }
 * ```
 */
export function formatGenbankRecord(record: InsdcRecord): string {
  const lines: string[] = [];
  lines.push(
    `LOCUS       ${record.name.padEnd(16)} ${String(record.length).padStart(11)} bp    ${
      (record.moleculeType ?? "DNA").padEnd(7)
    } ${(record.topology ?? "linear").padEnd(8)} ${record.division ?? "BCT"} ${
      record.date ?? "01-JAN-1980"
    }`,
  );
  const field = (keyword: string, value: string | undefined) => {
    if (value === undefined) return;
    const wrapped = wrapWords(value, 68);
    lines.push(keyword.padEnd(12) + wrapped[0]);
    for (let i = 1; i < wrapped.length; i++) lines.push(" ".repeat(12) + wrapped[i]);
  };
  if (record.definition !== undefined) {
    field(
      "DEFINITION",
      record.definition.endsWith(".") ? record.definition : `${record.definition}.`,
    );
  }
  field("ACCESSION", record.accession);
  field("VERSION", record.version);
  field("KEYWORDS", record.keywords);
  field("SOURCE", record.source);
  field("  ORGANISM", record.organism);
  if (record.organism !== undefined && record.taxonomy !== undefined) {
    for (const line of wrapWords(record.taxonomy, 68)) lines.push(" ".repeat(12) + line);
  }
  if (record.comment !== undefined) {
    record.comment.split("\n").forEach((line, i) => {
      lines.push((i === 0 ? "COMMENT" : "").padEnd(12) + line);
    });
  }
  lines.push("FEATURES             Location/Qualifiers");
  lines.push(...formatFeatureTable(record.features, "     "));
  if (record.sequence !== undefined) {
    lines.push("ORIGIN");
    const sequence = record.sequence;
    for (let i = 0; i < sequence.length; i += 60) {
      const blocks: string[] = [];
      for (let j = i; j < Math.min(i + 60, sequence.length); j += 10) {
        blocks.push(sequence.slice(j, Math.min(j + 10, i + 60)));
      }
      lines.push(`${String(i + 1).padStart(9)} ${blocks.join(" ")}`);
    }
  }
  lines.push("//");
  return lines.join("\n") + "\n";
}

/**
 * Wraps text at spaces to lines of at most `width` characters; a word longer than `width` stays
 * whole on its own line (GenBank and EMBL header fields are joined back with spaces).
 *
 * @param text The text.
 * @param width The maximum line length.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { wrapWords } from "./format_genbank_record.ts";
 * const lines = wrapWords("plasmid pMini, complete sequence", 16);
 * if (lines.join("|") !== "plasmid pMini,|complete|sequence") throw new Error(lines.join("|"));
 * ```
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(" ", width);
    if (cut <= 0) cut = rest.indexOf(" ", width);
    if (cut < 0) break;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1);
  }
  lines.push(rest);
  return lines;
}
