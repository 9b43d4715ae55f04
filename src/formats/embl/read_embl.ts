/**
 * Reading a Bakta EMBL file into the normalized model.
 *
 * @module
 */

import { decodeInput } from "../decode_input.ts";
import { insdcRecordsToRun } from "../insdc/insdc_records_to_run.ts";
import type { BaktaRun } from "../model.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { parseEmbl } from "./parse_embl.ts";

/**
 * Reads Bakta's EMBL output (`.embl`; text, bytes or gzipped bytes) into a {@linkcode BaktaRun},
 * exactly as {@linkcode readGenbank} reads the GenBank file of the same run: one sequence per
 * record (length and topology from `ID`, nucleotides from `SQ`, upper-cased), `gene`+feature
 * pairs folded, origin-spanning joins turned into `edge: true, start > stop`.
 *
 * @param input The file content.
 * @param options The file name, for errors and `sources`.
 * @returns The run.
 * @throws {ParseError} For bad or truncated input, naming the file and line.
 *
 * @example A one-CDS record
 * ```ts
 * import { readEmbl } from "./read_embl.ts";
 * const text = [
 *   "ID   c1; ; linear; DNA; ; PRO; 12 BP.",
 *   "FT   CDS             <1..12",
 *   "FT                   /product=\"hypothetical protein\"",
 *   "SQ   Sequence 12 BP; 6 A; 0 C; 2 G; 4 T; 0 other;",
 *   "     atgaaataat ga                                                         12",
 *   "//",
 * ].join("\n");
 * const [cds] = readEmbl(text, { file: "x.embl" }).features;
 * if (cds.truncated !== "5-prime" || !cds.hypothetical) throw new Error(JSON.stringify(cds));
 * ```
 */
export function readEmbl(input: string | Uint8Array, options: ReadOptions = {}): BaktaRun {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const text = decodeInput(input, file, options.maxDecompressedBytes);
  return insdcRecordsToRun(parseEmbl(text, { file }), { file, format: "embl" });
}
