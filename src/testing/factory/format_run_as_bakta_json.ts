/**
 * Writing a {@linkcode BaktaRun} as a Bakta JSON document (the schema of Bakta 1.10 and later), so
 * that tests and benchmarks can put real files on disk.
 *
 * @module
 */

import type { BaktaRun, Feature, Sequence } from "../../formats/model.ts";
import {
  BAKTA_JSON_CORE_FEATURE_KEYS,
  BAKTA_JSON_TYPES_WITH_XREFS,
} from "../../formats/bakta_json/bakta_json_feature_keys.ts";

type JsonObject = Record<string, unknown>;

/** Options of {@linkcode formatRunAsBaktaJson}. */
export interface FormatBaktaJsonOptions {
  /**
   * Indentation, as for `JSON.stringify` (Bakta indents with 4 spaces).
   * @default 4
   */
  space?: number;
}

/**
 * Turns one feature into the object Bakta's JSON writes for it (`sequence`, `locus`, `db_xrefs` as
 * `"DB:accession"` strings, CRISPR `repeats`/`spacers`, the evidence blocks merged in).
 *
 * @param feature The feature.
 * @returns The JSON object.
 *
 * @example A CDS
 * ```ts
 * import { featureToBaktaJson } from "./format_run_as_bakta_json.ts";
 * const json = featureToBaktaJson({
 *   type: "cds", sequenceId: "contig_1", start: 1, stop: 9, strand: "+", edge: false,
 *   hypothetical: false, pseudo: false, locusTag: "ABC_00005",
 *   dbXrefs: [{ db: "COG", accession: "COG0001" }], original: { format: "json", record: {} },
 * });
 * if (json.locus !== "ABC_00005" || (json.db_xrefs as string[])[0] !== "COG:COG0001") {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function featureToBaktaJson(feature: Feature): JsonObject {
  const json: JsonObject = {
    type: feature.type,
    sequence: feature.sequenceId,
    start: feature.start,
    stop: feature.stop,
    strand: feature.strand,
  };
  if (feature.edge) json.edge = true;
  if (feature.frame !== undefined) json.frame = feature.frame;
  if (feature.gene !== undefined) json.gene = feature.gene;
  if (feature.product !== undefined) json.product = feature.product;
  if (feature.hypothetical) json.hypothetical = true;
  if (feature.dbXrefs.length > 0 || BAKTA_JSON_TYPES_WITH_XREFS.has(feature.type)) {
    json.db_xrefs = feature.dbXrefs.map((x) => `${x.db}:${x.accession}`);
  }
  if (feature.nt !== undefined) json.nt = feature.nt;
  if (feature.aa !== undefined) json.aa = feature.aa;
  if (feature.aaHexdigest !== undefined) json.aa_hexdigest = feature.aaHexdigest;
  if (feature.truncated !== undefined) json.truncated = feature.truncated;
  for (const [key, value] of Object.entries(feature.evidence ?? {})) {
    if (!BAKTA_JSON_CORE_FEATURE_KEYS.has(key)) json[key] = value;
  }
  if (feature.pseudo && !("pseudogene" in json)) {
    json.pseudogene = feature.type === "cds" ? {} : true;
  }
  if (feature.genes !== undefined) json.genes = feature.genes;
  if (feature.crisprParts !== undefined) {
    const part = (p: (typeof feature.crisprParts)[number]) => {
      const out: JsonObject = { strand: p.strand, start: p.start, stop: p.stop };
      if (p.nt !== undefined) out.sequence = p.nt;
      return out;
    };
    json.repeats = feature.crisprParts.filter((p) => p.kind === "repeat").map(part);
    json.spacers = feature.crisprParts.filter((p) => p.kind === "spacer").map(part);
  }
  if (feature.id !== undefined) json.id = feature.id;
  if (feature.locusTag !== undefined) json.locus = feature.locusTag;
  return json;
}

/**
 * Turns one sequence into the object Bakta's JSON writes for it (`nt` for the residues).
 *
 * @param sequence The sequence.
 * @returns The JSON object.
 *
 * @example One contig as Bakta's JSON writes it
 * ```ts
 * import { sequenceToBaktaJson } from "./format_run_as_bakta_json.ts";
 * const json = sequenceToBaktaJson({
 *   id: "contig_1",
 *   length: 8,
 *   nt: "ACGTACGT",
 *   type: "contig",
 *   topology: "linear",
 *   origId: "NODE_1_length_8",
 * });
 * if (json.nt !== "ACGTACGT" || json.simple_id !== "contig_1") throw new Error("residues, id");
 * if (json.orig_id !== "NODE_1_length_8") throw new Error("the submitted id is kept");
 * ```
 */
export function sequenceToBaktaJson(sequence: Sequence): JsonObject {
  const json: JsonObject = { id: sequence.id };
  if (sequence.description !== undefined) json.description = sequence.description;
  if (sequence.nt !== undefined) json.nt = sequence.nt;
  json.length = sequence.length;
  if (sequence.complete !== undefined) json.complete = sequence.complete;
  if (sequence.type !== undefined) json.type = sequence.type;
  if (sequence.topology !== undefined) json.topology = sequence.topology;
  json.simple_id = sequence.id;
  if (sequence.origId !== undefined) json.orig_id = sequence.origId;
  if (sequence.origDescription !== undefined) json.orig_description = sequence.origDescription;
  if (sequence.name !== undefined) json.name = sequence.name;
  return json;
}

/**
 * Writes a run as a Bakta JSON document (Bakta ≥ 1.10 schema: `sequence`/`nt`, `version.db` an
 * object, `run.duration`). A `proteins` run is written as a `bakta_proteins` document (its
 * `proteins` as `features`, and `version`). Not a byte-exact copy of a Bakta file (key order and
 * number formatting may differ), but every reader of the project reads it back to the same model.
 *
 * @param run The run.
 * @param options Indentation.
 * @returns The JSON text.
 *
 * @example Writing a factory run and reading it back
 * ```ts
 * import { makeRun } from "./make_run.ts";
 * import { formatRunAsBaktaJson } from "./format_run_as_bakta_json.ts";
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const doc = JSON.parse(formatRunAsBaktaJson(run));
 * if (doc.features.length !== 5 || doc.version.bakta !== run.software.bakta) throw new Error("bad");
 * ```
 */
export function formatRunAsBaktaJson(run: BaktaRun, options: FormatBaktaJsonOptions = {}): string {
  const { space = 4 } = options;
  const version: JsonObject = { bakta: run.software.bakta ?? null };
  if (run.software.db !== undefined) {
    version.db = { version: run.software.db, type: run.software.dbType ?? "full" };
  }
  if (run.mode === "proteins") {
    return JSON.stringify({ features: run.proteins ?? [], version }, null, space);
  }
  const g = run.genome;
  const doc: JsonObject = {
    genome: {
      genus: g.genus ?? null,
      species: g.species ?? null,
      strain: g.strain ?? null,
      ...(g.plasmid !== undefined ? { plasmid: g.plasmid } : {}),
      taxon: g.taxon ?? null,
      complete: g.complete ?? false,
      gram: g.gram ?? "?",
      translation_table: g.translationTable ?? 11,
    },
  };
  if (run.stats !== undefined) {
    const s = run.stats;
    doc.stats = {
      size: s.size,
      gc: s.gc,
      n_ratio: s.nRatio,
      n50: s.n50,
      ...(s.n90 !== undefined ? { n90: s.n90 } : {}),
      coding_ratio: s.codingRatio,
    };
  }
  doc.features = run.features.map(featureToBaktaJson);
  doc.sequences = run.sequences.map(sequenceToBaktaJson);
  if (run.run !== undefined) doc.run = { ...run.run };
  doc.version = version;
  return JSON.stringify(doc, null, space);
}
