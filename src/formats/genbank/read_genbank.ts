/**
 * Reading a Bakta GenBank file into the normalized model.
 *
 * @module
 */

import { decodeInput } from "../decode_input.ts";
import { insdcRecordsToRun } from "../insdc/insdc_records_to_run.ts";
import type { BaktaRun } from "../model.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { parseGenbank } from "./parse_genbank.ts";

/**
 * Reads Bakta's GenBank output (`.gbff`; text, bytes or gzipped bytes) into a
 * {@linkcode BaktaRun}: one sequence per record (length and topology from `LOCUS`, nucleotides
 * from `ORIGIN`, upper-cased), features with the `gene`+feature pairs Bakta writes folded into
 * one, origin-spanning `join(start..length,1..stop)` turned into `edge: true, start > stop`, and
 * Bakta's version from the `COMMENT`. See {@linkcode insdcRecordsToRun} for the mapping of keys to
 * types, strands, pseudogenes and truncation.
 *
 * @param input The file content.
 * @param options The file name, for errors and `sources`.
 * @returns The run.
 * @throws {ParseError} For bad or truncated input, naming the file and line.
 *
 * @example A one-CDS record
 * ```ts
 * import { readGenbank } from "./read_genbank.ts";
 * const text = [
 *   "LOCUS       c1                        12 bp    DNA     circular BCT 01-JAN-2025",
 *   "COMMENT     Annotated with Bakta",
 *   "            Software: v1.11.4",
 *   "FEATURES             Location/Qualifiers",
 *   "     CDS             complement(join(10..12,1..3))",
 *   "                     /product=\"hypothetical protein\"",
 *   "ORIGIN",
 *   "        1 atgaaataat ga",
 *   "//",
 * ].join("\n");
 * const run = readGenbank(text, { file: "x.gbff" });
 * const [cds] = run.features;
 * if (!cds.edge || cds.start !== 10 || cds.stop !== 3 || cds.strand !== "-") throw new Error("edge");
 * if (run.software.bakta !== "1.11.4") throw new Error("version");
 * ```
 */
export function readGenbank(input: string | Uint8Array, options: ReadOptions = {}): BaktaRun {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const text = decodeInput(input, file, options.maxDecompressedBytes);
  return insdcRecordsToRun(parseGenbank(text, { file }), { file, format: "genbank" });
}
