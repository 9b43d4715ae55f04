/**
 * The feature keys of Bakta's JSON that the normalized model maps to its own fields, shared by the
 * reader (`normalizeBaktaJson`) and the writers of Bakta JSON.
 *
 * @module
 */

/**
 * The feature keys the model maps to its own fields (`type`, `sequence`/`contig`, coordinates,
 * `locus`, `product`, `db_xrefs`, `nt`/`aa`, CRISPR `repeats`/`spacers`, …). Every other key of a
 * feature is evidence, kept as it is in `Feature.evidence`; a writer never lets evidence override
 * these.
 *
 * @example Core key or evidence
 * ```ts
 * import { BAKTA_JSON_CORE_FEATURE_KEYS } from "./bakta_json_feature_keys.ts";
 * if (!BAKTA_JSON_CORE_FEATURE_KEYS.has("locus") || BAKTA_JSON_CORE_FEATURE_KEYS.has("ups")) {
 *   throw new Error("wrong");
 * }
 * ```
 */
export const BAKTA_JSON_CORE_FEATURE_KEYS: ReadonlySet<string> = new Set([
  "type",
  "sequence",
  "contig",
  "start",
  "stop",
  "strand",
  "edge",
  "id",
  "locus",
  "gene",
  "genes",
  "product",
  "frame",
  "hypothetical",
  "pseudo",
  "truncated",
  "db_xrefs",
  "nt",
  "aa",
  "aa_hexdigest",
  "repeats",
  "spacers",
]);

/**
 * The feature types whose Bakta JSON record carries `db_xrefs` even when the list is empty.
 *
 * @example Which types always carry the list
 * ```ts
 * import { BAKTA_JSON_TYPES_WITH_XREFS } from "./bakta_json_feature_keys.ts";
 * if (!BAKTA_JSON_TYPES_WITH_XREFS.has("cds") || BAKTA_JSON_TYPES_WITH_XREFS.has("gap")) {
 *   throw new Error("wrong");
 * }
 * ```
 */
export const BAKTA_JSON_TYPES_WITH_XREFS: ReadonlySet<string> = new Set([
  "cds",
  "sorf",
  "tRNA",
  "tmRNA",
  "rRNA",
  "ncRNA",
  "ncRNA-region",
]);
