/**
 * Reading a BakRep GTDB-Tk classification (`<id>.gtdbtk.json.gz`).
 *
 * @module
 */

import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { member, objectAt, optionalMember, parseJsonDocument, textAt } from "./_json_fields.ts";

/**
 * The ranks of a GTDB classification, broadest first.
 *
 * @example
 * ```ts
 * import { GTDB_RANKS } from "./read_gtdbtk_json.ts";
 * if (GTDB_RANKS.at(-1) !== "species") throw new Error("species last");
 * ```
 */
export const GTDB_RANKS = [
  "domain",
  "phylum",
  "class",
  "order",
  "family",
  "genus",
  "species",
] as const;

/** A GTDB rank. */
export type GtdbRank = typeof GTDB_RANKS[number];

/** A genome's GTDB-Tk classification. */
export interface GtdbtkClassification {
  /** The taxon of each rank the classification names, without GTDB's `d__`… prefix. */
  taxonomy: Partial<Record<GtdbRank, string>>;
  /** How it was classified, e.g. `ani_screen`, where given. */
  method?: string;
  /** The reference genome (FastANI), e.g. `GCF_001272835.1`, where given. */
  reference?: string;
}

/** Values GTDB-Tk writes for "nothing". */
const EMPTY_VALUES = new Set(["", "NaN", "N/A", "nan"]);

/**
 * Reads a GTDB-Tk classification as BakRep stores it: `{"classification": {"domain", …,
 * "species"}, "classification_method", "fastani_reference"}`. Empty ranks (`""`, `NaN`, `s__`) are
 * left out; GTDB prefixes (`g__Escherichia`) are removed.
 *
 * @param input The JSON text or bytes (gzip allowed).
 * @param options The file name for messages.
 * @returns The taxonomy, method and reference.
 * @throws {ParseError} `InvalidJson`, `MissingField` or `Unexpected`, naming the file and the JSON
 * path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readGtdbtkJson } from "./read_gtdbtk_json.ts";
 * const c = readGtdbtkJson(JSON.stringify({
 *   classification: { domain: "d__Bacteria", genus: "Streptococcus", species: "s__" },
 *   classification_method: "ani_screen",
 * }));
 * assert.deepEqual(c, { taxonomy: { domain: "Bacteria", genus: "Streptococcus" }, method: "ani_screen" });
 * ```
 */
export function readGtdbtkJson(
  input: string | Uint8Array,
  options: ReadOptions = {},
): GtdbtkClassification {
  const doc = parseJsonDocument(
    input,
    options.file ?? DEFAULT_FILE_NAME,
    options.maxDecompressedBytes,
  );
  const classification = member(doc, "classification");
  objectAt(classification);
  const taxonomy: Partial<Record<GtdbRank, string>> = {};
  for (const rank of GTDB_RANKS) {
    const at = optionalMember(classification, rank);
    const taxon = at === undefined ? undefined : cleanValue(textAt(at).replace(/^[dpcofgs]__/, ""));
    if (taxon !== undefined) taxonomy[rank] = taxon;
  }
  const result: GtdbtkClassification = { taxonomy };
  const method = optionalText(doc, "classification_method");
  const reference = optionalText(doc, "fastani_reference");
  if (method !== undefined) result.method = method;
  if (reference !== undefined) result.reference = reference;
  return result;
}

function optionalText(doc: Parameters<typeof optionalMember>[0], key: string): string | undefined {
  const at = optionalMember(doc, key);
  return at === undefined ? undefined : cleanValue(textAt(at));
}

function cleanValue(value: string): string | undefined {
  const trimmed = value.trim();
  return EMPTY_VALUES.has(trimmed) ? undefined : trimmed;
}
