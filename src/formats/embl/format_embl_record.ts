/**
 * Writing one EMBL record.
 *
 * @module
 */

import { formatFeatureTable } from "../insdc/format_feature_table.ts";
import type { InsdcRecord } from "../insdc/insdc_record.ts";
import { wrapWords } from "../genbank/format_genbank_record.ts";

/**
 * Writes one record as an EMBL flat-file entry (the layout Biopython, and so Bakta, writes): `ID`,
 * `AC`, `DE`, `OS`, `OC`, `CC`, `FH`, `FT`, `SQ` with base counts, sequence lines of 60 bases with
 * the running count at column 80, and `//`. The inverse of {@linkcode EmblRecordParser} for the
 * fields it reads.
 *
 * @param record The record.
 * @returns The entry, ending with `//` and a line break.
 *
 * @example
 * ```ts
 * import { formatEmblRecord } from "./format_embl_record.ts";
 * import { parseEmbl } from "./parse_embl.ts";
 * const text = formatEmblRecord({ name: "c1", length: 4, topology: "circular", line: 0,
 *   features: [], sequence: "acgt" });
 * if (!text.startsWith("ID   c1; ; circular; DNA; ; PRO; 4 BP.")) throw new Error(text);
 * if (parseEmbl(text)[0].sequence !== "acgt") throw new Error("back");
 * ```
 */
export function formatEmblRecord(record: InsdcRecord): string {
  const lines: string[] = [];
  lines.push(
    `ID   ${record.name}; ; ${record.topology ?? "linear"}; ${record.moleculeType ?? "DNA"}; ; ${
      record.division ?? "PRO"
    }; ${record.length} BP.`,
  );
  lines.push("XX");
  const field = (code: string, value: string | undefined) => {
    if (value === undefined) return;
    for (const line of wrapWords(value, 75)) lines.push(`${code}   ${line}`);
  };
  if (record.accession !== undefined) {
    lines.push(`AC   ${record.accession};`);
    lines.push("XX");
  }
  if (record.definition !== undefined) {
    field("DE", record.definition.replace(/\.$/, ""));
    lines.push("XX");
  }
  if (record.keywords !== undefined && record.keywords !== ".") {
    field("KW", record.keywords);
    lines.push("XX");
  }
  if (record.organism !== undefined) {
    field("OS", record.organism);
    field("OC", record.taxonomy ?? ".");
    lines.push("XX");
  }
  if (record.comment !== undefined) {
    for (const line of record.comment.split("\n")) lines.push(`CC   ${line}`);
    lines.push("XX");
  }
  lines.push("FH   Key             Location/Qualifiers");
  lines.push("FH");
  lines.push(...formatFeatureTable(record.features, "FT   "));
  if (record.sequence !== undefined) {
    const sequence = record.sequence;
    const counts = { a: 0, c: 0, g: 0, t: 0 };
    for (let i = 0; i < sequence.length; i++) {
      const letter = sequence[i].toLowerCase();
      if (letter === "a" || letter === "c" || letter === "g" || letter === "t") counts[letter]++;
    }
    const other = sequence.length - counts.a - counts.c - counts.g - counts.t;
    lines.push("XX");
    lines.push(
      `SQ   Sequence ${sequence.length} BP; ${counts.a} A; ${counts.c} C; ${counts.g} G; ${counts.t} T; ${other} other;`,
    );
    for (let i = 0; i < sequence.length; i += 60) {
      const blocks: string[] = [];
      for (let j = i; j < Math.min(i + 60, sequence.length); j += 10) {
        blocks.push(sequence.slice(j, Math.min(j + 10, i + 60)));
      }
      const end = Math.min(i + 60, sequence.length);
      lines.push(`     ${blocks.join(" ").padEnd(65)}${String(end).padStart(10)}`);
    }
  }
  lines.push("//");
  return lines.join("\n") + "\n";
}
