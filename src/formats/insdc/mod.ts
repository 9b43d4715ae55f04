/**
 * What GenBank and EMBL share: INSDC locations ({@linkcode parseLocation},
 * {@linkcode formatLocation}, and the model's span with the origin-spanning join,
 * {@linkcode locationToSpan}, {@linkcode spanToLocation}), the record types, the feature-table
 * parser and writer, the front-ends over a record parser ({@linkcode parseInsdcRecords},
 * {@linkcode InsdcParseStream}), and the mapping between records and the model
 * ({@linkcode insdcRecordsToRun}, {@linkcode runToInsdcRecords}).
 *
 * @example An origin-spanning location
 * ```ts
 * import { locationToSpan, parseLocation } from "./mod.ts";
 * const span = locationToSpan(parseLocation("join(971..1330,1..141)"), { sequenceLength: 1330 });
 * if (!span.edge || span.start !== 971 || span.stop !== 141) throw new Error("edge");
 * ```
 *
 * @module
 */

export type {
  InsdcBetween,
  InsdcComplement,
  InsdcJoin,
  InsdcLocation,
  InsdcRange,
} from "./insdc_location.ts";
export { parseLocation, type ParseLocationOptions } from "./parse_location.ts";
export { formatLocation } from "./format_location.ts";
export {
  type FeatureExtent,
  type InsdcSpan,
  type LocationSpanOptions,
  locationToSpan,
  spanToLocation,
  spanTruncation,
} from "./location_span.ts";
export type { InsdcFeature, InsdcQualifier, InsdcRecord } from "./insdc_record.ts";
export { InsdcFeatureTableParser } from "./insdc_feature_table_parser.ts";
export type { InsdcLineParser, InsdcParseOptions } from "./insdc_line_parser.ts";
export { parseInsdcRecords } from "./parse_insdc_records.ts";
export { InsdcParseStream } from "./insdc_parse_stream.ts";
export { formatFeatureTable } from "./format_feature_table.ts";
export {
  type InsdcOriginalFeature,
  type InsdcOriginalRecord,
  insdcRecordsToRun,
  type InsdcRecordsToRunOptions,
} from "./insdc_records_to_run.ts";
export { runToInsdcRecords, type RunToInsdcRecordsOptions } from "./run_to_insdc_records.ts";
