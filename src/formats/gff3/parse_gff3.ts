/**
 * Parsing a whole GFF3 text into typed lines.
 *
 * @module
 */

import type { Gff3Line } from "./gff3_line.ts";
import type { Gff3ParseOptions } from "./gff3_line_parser.ts";
import { eachGff3Line } from "./_each_gff3_line.ts";

/**
 * Parses a GFF3 text into its typed lines (features, directives, comments, and the `##FASTA`
 * sequences): a thin front-end over `Gff3LineParser`. Empty lines are skipped.
 *
 * @param text The whole file.
 * @param options The file name for errors.
 * @returns The typed lines, in file order.
 * @throws {ParseError} For a bad line, naming the file and line.
 *
 * @example Lines of every kind
 * ```ts
 * import { parseGff3 } from "./parse_gff3.ts";
 * const lines = parseGff3(
 *   "##gff-version 3\n# Software: v1.11.4\nc1\tBakta\tregion\t1\t4\t.\t+\t.\tID=c1\n##FASTA\n>c1\nACGT\n",
 * );
 * const kinds = lines.map((line) => line.kind).join(",");
 * if (kinds !== "directive,comment,feature,directive,sequence") throw new Error(kinds);
 * ```
 */
export function parseGff3(text: string, options: Gff3ParseOptions = {}): Gff3Line[] {
  const lines: Gff3Line[] = [];
  eachGff3Line(text, options.file ?? "input", (line) => lines.push(line));
  return lines;
}
