/**
 * Bakta GenBank (`.gbff`): the incremental record parser ({@linkcode GenbankRecordParser}), its
 * front-ends ({@linkcode parseGenbank}, {@linkcode GenbankParseStream}, {@linkcode readGenbank})
 * and the writers ({@linkcode formatGenbankRecord}, {@linkcode formatGenbank}).
 *
 * @example Reading an origin-spanning CDS
 * ```ts
 * import { readGenbank } from "./mod.ts";
 * const run = readGenbank([
 *   "LOCUS       c1                        12 bp    DNA     circular BCT 01-JAN-2025",
 *   "FEATURES             Location/Qualifiers",
 *   "     CDS             join(10..12,1..3)",
 *   "//",
 * ].join("\n"));
 * if (!run.features[0].edge) throw new Error("edge");
 * ```
 *
 * @module
 */

export { type GenbankParseOptions, GenbankRecordParser } from "./genbank_record_parser.ts";
export { parseGenbank } from "./parse_genbank.ts";
export { GenbankParseStream } from "./genbank_parse_stream.ts";
export { readGenbank } from "./read_genbank.ts";
export { formatGenbankRecord } from "./format_genbank_record.ts";
export { formatGenbank, type FormatGenbankOptions } from "./format_genbank.ts";
