/**
 * Bakta GFF3: the pure line functions ({@linkcode parseGff3Line}, {@linkcode parseAttributes},
 * percent-encoding), the incremental cores ({@linkcode Gff3LineParser} for typed lines,
 * {@linkcode Gff3FeatureAssembler} for model features), the front-ends ({@linkcode parseGff3},
 * {@linkcode Gff3ParseStream}, {@linkcode readGff3}) and the writers ({@linkcode formatGff3Line},
 * {@linkcode formatGff3}).
 *
 * @example Reading and writing back
 * ```ts
 * import { formatGff3, readGff3 } from "./mod.ts";
 * const text = "##gff-version 3\n##sequence-region c1 1 9\n" +
 *   "c1\tPyrodigal\tCDS\t1\t9\t.\t+\t0\tID=X_1;locus_tag=X_1;product=hypothetical protein\n";
 * const run = readGff3(text, { file: "x.gff3" });
 * if (!run.features[0].hypothetical) throw new Error("read");
 * if (!formatGff3(run).includes("\tCDS\t1\t9\t")) throw new Error("write");
 * ```
 *
 * @module
 */

export type {
  Gff3CommentLine,
  Gff3DirectiveLine,
  Gff3FeatureLine,
  Gff3Line,
  Gff3PendingSequence,
  Gff3Phase,
  Gff3SequenceRecord,
  Gff3Strand,
} from "./gff3_line.ts";
export { parseGff3Line, type ParseGff3LineOptions } from "./parse_gff3_line.ts";
export {
  parseAttributeColumn,
  parseAttributes,
  type ParseAttributesOptions,
} from "./parse_attributes.ts";
export { formatAttributes } from "./format_attributes.ts";
export { Gff3Attributes } from "./gff3_attributes.ts";
export { decodePercent, encodeColumn, encodePercent } from "./percent_encoding.ts";
export { Gff3LineParser, type Gff3ParseOptions } from "./gff3_line_parser.ts";
export { parseGff3 } from "./parse_gff3.ts";
export { Gff3ParseStream } from "./gff3_parse_stream.ts";
export {
  DEFAULT_MAX_BUFFERED_FEATURES,
  type Gff3AssembleOptions,
  Gff3FeatureAssembler,
  type Gff3OriginalRecord,
} from "./gff3_feature_assembler.ts";
export { readGff3 } from "./read_gff3.ts";
export { formatGff3Line, type FormatGff3LineOptions } from "./format_gff3_line.ts";
export { formatGff3, type FormatGff3Options } from "./format_gff3.ts";
