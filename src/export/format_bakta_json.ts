/**
 * Writing a run as a Bakta JSON document.
 *
 * @module
 */

import type { BaktaRun, CrisprPart, Feature, GenomeStats, Sequence } from "../formats/model.ts";
import {
  BAKTA_JSON_CORE_FEATURE_KEYS,
  BAKTA_JSON_TYPES_WITH_XREFS,
} from "../formats/bakta_json/bakta_json_feature_keys.ts";

type JsonObject = Record<string, unknown>;

/** Options of {@linkcode formatBaktaJson}. */
export interface FormatBaktaJsonOptions {
  /**
   * Indentation, as for `JSON.stringify` (Bakta indents with 4 spaces); `0` writes one line.
   * @default 4
   */
  space?: number;
}

/** Feature keys written from the model's fields, in Bakta's order; `…` is where evidence goes. */
const FEATURE_ORDER = [
  "type",
  "sequence",
  "start",
  "stop",
  "strand",
  "edge",
  "frame",
  "gene",
  "product",
  "db_xrefs",
  "nt",
  "aa",
  "aa_hexdigest",
  "truncated",
  "pseudo",
  "hypothetical",
  "genes",
  "repeats",
  "spacers",
  "…",
  "id",
  "locus",
] as const;

const SEQUENCE_ORDER = [
  "id",
  "description",
  "nt",
  "length",
  "complete",
  "type",
  "topology",
  "simple_id",
  "orig_id",
  "orig_description",
  "name",
] as const;

/**
 * Writes a run as a Bakta JSON document of the current schema (Bakta ≥ 1.10: features on
 * `sequence`, sequences with `nt`, `version.db` an object `{version, type}` when the database type
 * is known) that `readBaktaJson` reads back to the same model.
 *
 * - A feature read from Bakta JSON is written with the keys of its original record in their
 *   original order, its model fields (coordinates, locus, product, cross-references, …) in place
 *   of the original's and its evidence blocks (`ups`, `ips`, `psc`, `pscc`, `expert`, `pfams`,
 *   `seq_stats`, `pseudogene`, …) as they were; other features in Bakta's key order.
 * - `edge: true` marks a feature across the origin (`start > stop`); `hypothetical: true` a
 *   hypothetical protein (and `hypothetical: false` on a CDS/sORF whose product is
 *   `hypothetical protein` but is not flagged, so that the flags, not the product, decide);
 *   a pseudogene without Bakta's `pseudogene` block gets `pseudo: true`.
 * - CRISPR parts become `repeats`/`spacers` (`sequence` for their nucleotides).
 * - Statistics Bakta computed as `NaN` are written as `null` (JSON has no `NaN`; the reader reads
 *   `null` back as `NaN`); `stats.no_sequences` is written only when it differs from the number of
 *   sequences in the document (a region export).
 * - A `proteins` run is written as a `bakta_proteins` document: its `proteins` as `features`.
 *
 * Not a byte-exact copy of Bakta's file (number formatting and white space may differ), and keys
 * the model does not keep (a sequence's `simple_id`) are not written.
 *
 * @param run The run.
 * @param options Indentation.
 * @returns The JSON text, ending with a line break.
 * @throws {RangeError} When `space` is not a non-negative integer.
 *
 * @example A round trip through readBaktaJson
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatBaktaJson } from "./format_bakta_json.ts";
 * import { readBaktaJson } from "../formats/bakta_json/read_bakta_json.ts";
 * const run = {
 *   mode: "genome" as const, genome: { translationTable: 11 }, software: { bakta: "1.11.4" },
 *   sources: [], sequences: [{ id: "c1", length: 12, topology: "circular" as const }],
 *   features: [{ type: "cds" as const, sequenceId: "c1", start: 10, stop: 3, strand: "-" as const,
 *     edge: true, locusTag: "X_1", product: "hypothetical protein", hypothetical: true,
 *     pseudo: false, dbXrefs: [], original: { format: "tsv" as const, record: {} } }],
 * };
 * const [back] = readBaktaJson(formatBaktaJson(run)).features;
 * assert.deepEqual([back.start, back.stop, back.edge, back.hypothetical], [10, 3, true, true]);
 * ```
 */
export function formatBaktaJson(run: BaktaRun, options: FormatBaktaJsonOptions = {}): string {
  const { space = 4 } = options;
  if (!Number.isInteger(space) || space < 0) {
    throw new RangeError(`Invalid option "space": expected an integer >= 0, got ${space}`);
  }
  const version: JsonObject = {};
  if (run.software.bakta !== undefined) version.bakta = run.software.bakta;
  if (run.software.db !== undefined) {
    version.db = run.software.dbType !== undefined
      ? { version: run.software.db, type: run.software.dbType }
      : run.software.db;
  }
  if (run.mode === "proteins") {
    return JSON.stringify({ features: run.proteins ?? [], version }, null, space) + "\n";
  }
  const doc: JsonObject = { genome: genomeToJson(run) };
  if (run.stats !== undefined) doc.stats = statsToJson(run.stats, run.sequences.length);
  const explicitFalse = !run.features.some((f) => f.hypothetical);
  doc.features = run.features.map((f) => featureToJson(f, explicitFalse));
  doc.sequences = run.sequences.map(sequenceToJson);
  if (run.run !== undefined) doc.run = { ...run.run };
  doc.version = version;
  return JSON.stringify(doc, null, space) + "\n";
}

function genomeToJson(run: BaktaRun): JsonObject {
  const g = run.genome;
  const json: JsonObject = {
    genus: g.genus ?? null,
    species: g.species ?? null,
    strain: g.strain ?? null,
  };
  if (g.plasmid !== undefined) json.plasmid = g.plasmid;
  json.taxon = g.taxon ?? null;
  if (g.complete !== undefined) json.complete = g.complete;
  if (g.gram !== undefined) json.gram = g.gram;
  if (g.translationTable !== undefined) json.translation_table = g.translationTable;
  return json;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function statsToJson(stats: GenomeStats, sequences: number): JsonObject {
  const json: JsonObject = {};
  if (stats.sequenceCount !== sequences) json.no_sequences = finiteOrNull(stats.sequenceCount);
  json.size = finiteOrNull(stats.size);
  json.gc = finiteOrNull(stats.gc);
  json.n_ratio = finiteOrNull(stats.nRatio);
  json.n50 = finiteOrNull(stats.n50);
  if (stats.n90 !== undefined) json.n90 = finiteOrNull(stats.n90);
  json.coding_ratio = finiteOrNull(stats.codingRatio);
  return json;
}

function sequenceToJson(sequence: Sequence): JsonObject {
  const values: Record<(typeof SEQUENCE_ORDER)[number], unknown> = {
    id: sequence.id,
    description: sequence.description,
    nt: sequence.nt,
    length: sequence.length,
    complete: sequence.complete,
    type: sequence.type,
    topology: sequence.topology,
    simple_id: undefined,
    orig_id: sequence.origId,
    orig_description: sequence.origDescription,
    name: sequence.name,
  };
  const json: JsonObject = {};
  for (const key of SEQUENCE_ORDER) if (values[key] !== undefined) json[key] = values[key];
  return json;
}

function partToJson(part: CrisprPart): JsonObject {
  const json: JsonObject = { strand: part.strand, start: part.start, stop: part.stop };
  if (part.nt !== undefined) json.sequence = part.nt;
  return json;
}

/** The model's value of each core key (undefined: not written). */
function coreValues(f: Feature, explicitFalse: boolean): Map<string, unknown> {
  const values = new Map<string, unknown>();
  values.set("type", f.type);
  values.set("sequence", f.sequenceId);
  values.set("start", f.start);
  values.set("stop", f.stop);
  values.set("strand", f.strand);
  values.set("edge", f.edge ? true : undefined);
  values.set("frame", f.frame);
  values.set("gene", f.gene);
  values.set("product", f.product);
  values.set(
    "db_xrefs",
    f.dbXrefs.length > 0 || BAKTA_JSON_TYPES_WITH_XREFS.has(f.type)
      ? f.dbXrefs.map((x) => `${x.db}:${x.accession}`)
      : undefined,
  );
  values.set("nt", f.nt);
  values.set("aa", f.aa);
  values.set("aa_hexdigest", f.aaHexdigest);
  values.set("truncated", f.truncated);
  const block = f.evidence?.pseudogene;
  values.set("pseudo", f.pseudo && (block === undefined || block === null) ? true : undefined);
  const looksHypothetical = (f.type === "cds" || f.type === "sorf") &&
    f.product === "hypothetical protein";
  values.set(
    "hypothetical",
    f.hypothetical ? true : explicitFalse && looksHypothetical ? false : undefined,
  );
  values.set("genes", f.genes);
  if (f.crisprParts !== undefined) {
    values.set("repeats", f.crisprParts.filter((p) => p.kind === "repeat").map(partToJson));
    values.set("spacers", f.crisprParts.filter((p) => p.kind === "spacer").map(partToJson));
  }
  values.set("id", f.id);
  values.set("locus", f.locusTag);
  return values;
}

function featureToJson(f: Feature, explicitFalse: boolean): JsonObject {
  const values = coreValues(f, explicitFalse);
  const evidence = { ...(f.evidence ?? {}) };
  if (!f.pseudo) delete evidence.pseudogene;
  const original = f.original.format === "json" && isObject(f.original.record)
    ? f.original.record
    : undefined;
  const json: JsonObject = {};
  const put = (key: string) => {
    if (key in json) return;
    if (key === "…") {
      for (const [k, v] of Object.entries(evidence)) if (!(k in json)) json[k] = v;
      return;
    }
    if (BAKTA_JSON_CORE_FEATURE_KEYS.has(key)) {
      const value = values.get(key);
      if (value !== undefined) json[key] = value;
      else if (original?.[key] === null && (key === "gene" || key === "product")) json[key] = null;
    } else if (key in evidence) {
      json[key] = evidence[key];
    }
  };
  if (original !== undefined) {
    for (const key of Object.keys(original)) put(key === "contig" ? "sequence" : key);
  }
  for (const key of FEATURE_ORDER) put(key);
  return json;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
