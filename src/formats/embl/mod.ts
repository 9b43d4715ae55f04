/**
 * Bakta EMBL: the incremental record parser ({@linkcode EmblRecordParser}), its front-ends
 * ({@linkcode parseEmbl}, {@linkcode EmblParseStream}, {@linkcode readEmbl}) and the writers
 * ({@linkcode formatEmblRecord}, {@linkcode formatEmbl}).
 *
 * @example Reading a record
 * ```ts
 * import { readEmbl } from "./mod.ts";
 * const run = readEmbl([
 *   "ID   c1; ; linear; DNA; ; PRO; 12 BP.",
 *   "FT   CDS             complement(1..12)",
 *   "//",
 * ].join("\n"));
 * if (run.features[0].strand !== "-") throw new Error("strand");
 * ```
 *
 * @module
 */

export { type EmblParseOptions, EmblRecordParser } from "./embl_record_parser.ts";
export { parseEmbl } from "./parse_embl.ts";
export { EmblParseStream } from "./embl_parse_stream.ts";
export { readEmbl } from "./read_embl.ts";
export { formatEmblRecord } from "./format_embl_record.ts";
export { formatEmbl } from "./format_embl.ts";
