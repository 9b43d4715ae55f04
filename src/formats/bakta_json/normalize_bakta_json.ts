/**
 * Turning a parsed Bakta JSON document (any schema since Bakta 1.4) into the normalized
 * {@linkcode BaktaRun}.
 *
 * @module
 */

import {
  type BaktaRun,
  type CrisprPart,
  type DbXref,
  type Feature,
  FEATURE_TYPES,
  type FeatureType,
  type GenomeInfo,
  type GenomeStats,
  type RunTimes,
  type Sequence,
  type SequenceType,
  type SoftwareVersions,
  type Strand,
  type Topology,
  type Truncation,
} from "../model.ts";
import { isJsonObject as isObject } from "../_is_json_object.ts";
import { checkFeatureBounds } from "../check_feature_bounds.ts";
import { ParseError } from "../parse_error.ts";
import { proteinsRun } from "../proteins_run.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { BAKTA_JSON_CORE_FEATURE_KEYS } from "./bakta_json_feature_keys.ts";
import { splitDbXref } from "./split_db_xref.ts";

const FEATURE_TYPE_SET: ReadonlySet<string> = new Set(FEATURE_TYPES);
const STRANDS: ReadonlySet<string> = new Set(["+", "-", ".", "?"]);
const TRUNCATIONS: ReadonlySet<string> = new Set(["5-prime", "3-prime", "both", "?"]);

type JsonObject = Record<string, unknown>;

/**
 * Whether a parsed JSON value looks like a Bakta document: an object with a `features` array and
 * either a `sequences` array or a `version` object naming Bakta.
 *
 * @param doc A parsed JSON value.
 * @returns True for a Bakta genome or proteins document.
 *
 * @example Recognizing a Bakta document
 * ```ts
 * import { isBaktaJsonDocument } from "./normalize_bakta_json.ts";
 * if (!isBaktaJsonDocument({ features: [], version: { bakta: "1.12.0" } })) throw new Error("no");
 * if (isBaktaJsonDocument({})) throw new Error("{} is not a Bakta document");
 * ```
 */
export function isBaktaJsonDocument(doc: unknown): doc is Record<string, unknown> {
  if (!isObject(doc) || !Array.isArray(doc.features)) return false;
  if (Array.isArray(doc.sequences)) return true;
  return isObject(doc.version) && typeof doc.version.bakta === "string";
}

/**
 * Normalizes a parsed Bakta JSON document (e.g. the result of `JSON.parse`, or a document the
 * Bakta web API returned) into a {@linkcode BaktaRun}.
 *
 * Handles every schema since 1.4: `contig`/`sequence`, `sequence`/`nt`, `version.db` as a string
 * or an object, `no_sequences`, the `pseudo` flag and the `pseudogene` block, the sequence type
 * `sequence` written by 1.10.0–1.10.1 (read as `contig`), CRISPR `repeats`/`spacers` (into
 * `crisprParts`), and the `bakta_proteins` document (features without coordinates, returned as
 * `mode: "proteins"` with `proteins` filled and no features). A `null` where Bakta wrote a bare
 * `NaN` in `stats` becomes `NaN`.
 *
 * `hypothetical` comes from the feature's flag; a document where no feature carries the flag
 * (older versions) derives it from the product `hypothetical protein` on CDS and sORFs.
 *
 * @param doc The parsed JSON value.
 * @param options Where the document came from (for errors and `sources`).
 * @returns The normalized run.
 * @throws {ParseError} `UnknownFormat` when `doc` is not a Bakta document; `InvalidStart`,
 * `InvalidStop`, `InvalidStrand`, `InvalidAttribute`, `UnknownSequence` or `Unexpected` for a
 * malformed field (the message names the JSON path, e.g. `features[3].start`); `BeyondSequence`
 * or `LinearOriginSpan` for a feature that does not fit its sequence (see
 * {@linkcode checkFeatureBounds}).
 *
 * @example Normalizing a tiny document
 * ```ts
 * import { normalizeBaktaJson } from "./normalize_bakta_json.ts";
 * const run = normalizeBaktaJson({
 *   version: { bakta: "1.9.4", db: { version: "5.1", type: "full" } },
 *   sequences: [{ id: "c1", length: 10, nt: "ACGTACGTAC", type: "contig", topology: "linear" }],
 *   features: [{
 *     type: "cds", sequence: "c1", start: 1, stop: 9, strand: "+",
 *     product: "hypothetical protein", hypothetical: true, db_xrefs: ["SO:0001217"],
 *   }],
 * });
 * if (run.features[0].dbXrefs[0].accession !== "0001217") throw new Error("xref");
 * if (run.software.db !== "5.1" || !run.features[0].hypothetical) throw new Error("fields");
 * ```
 */
export function normalizeBaktaJson(doc: unknown, options: ReadOptions = {}): BaktaRun {
  const file = options.file ?? DEFAULT_FILE_NAME;
  if (!isBaktaJsonDocument(doc)) {
    const found = Array.isArray(doc) ? "an array" : isObject(doc) ? "an object" : typeof doc;
    throw new ParseError(
      "UnknownFormat",
      `not a Bakta JSON document: found ${found}, expected an object with "features" and ` +
        `"sequences" or "version"`,
      { file },
    );
  }
  const ctx: Context = new Context(file);
  const software = readSoftware(doc.version, ctx);
  const rawFeatures = doc.features as unknown[];
  if (!Array.isArray(doc.sequences) && rawFeatures.every((f) => !isObject(f) || !("start" in f))) {
    const proteins = rawFeatures.map((raw, index): JsonObject => {
      if (!isObject(raw)) ctx.fail("Unexpected", `features[${index}]`, "expected an object", raw);
      return raw;
    });
    const used = isObject(doc.version) ? ["proteins", "software"] : ["proteins"];
    return proteinsRun(proteins, software, { file, format: "json", used });
  }
  const sequences = readSequences(doc.sequences, ctx);
  const features = readFeatures(rawFeatures, sequences, ctx);
  const used = ["features"];
  if (sequences.length > 0) used.push("sequences");
  const stats = readStats(doc.stats, sequences.length, ctx);
  if (stats) used.push("stats");
  const genome = readGenome(doc.genome, ctx);
  if (isObject(doc.genome)) used.push("genome");
  if (isObject(doc.version)) used.push("software");
  const run = readRun(doc.run, ctx);
  if (run) used.push("run");
  const result: BaktaRun = {
    mode: "genome",
    genome,
    software,
    sequences,
    features,
    sources: [{ file, format: "json", used }],
  };
  if (stats) result.stats = stats;
  if (run) result.run = run;
  checkFeatureBounds(result, file);
  return result;
}

/** The `sequences` array (none when absent), each id once. */
function readSequences(raw: unknown, ctx: Context): Sequence[] {
  if (!Array.isArray(raw)) return [];
  const sequences = raw.map((item, index) => readSequence(item, index, ctx));
  const ids = new Set<string>();
  for (const [index, sequence] of sequences.entries()) {
    if (ids.has(sequence.id)) {
      ctx.fail("Unexpected", `sequences[${index}].id`, "duplicate sequence id", sequence.id);
    }
    ids.add(sequence.id);
  }
  return sequences;
}

/** The `features` array, each on one of `sequences` (when the document has any). */
function readFeatures(rawFeatures: unknown[], sequences: Sequence[], ctx: Context): Feature[] {
  const sequenceIds = new Set(sequences.map((sequence) => sequence.id));
  const hasHypotheticalFlags = rawFeatures.some((f) => isObject(f) && "hypothetical" in f);
  const features: Feature[] = new Array(rawFeatures.length);
  for (let index = 0; index < rawFeatures.length; index++) {
    const feature = readFeature(rawFeatures[index], index, ctx, hasHypotheticalFlags);
    if (sequences.length > 0 && !sequenceIds.has(feature.sequenceId)) {
      ctx.fail(
        "UnknownSequence",
        `features[${index}].sequence`,
        "not the id of any sequence in the document",
        feature.sequenceId,
      );
    }
    features[index] = feature;
  }
  return features;
}

/** Error reporting with the file name. */
class Context {
  readonly file: string;
  constructor(file: string) {
    this.file = file;
  }
  fail(
    kind: ConstructorParameters<typeof ParseError>[0],
    path: string,
    expected: string,
    found?: unknown,
  ): never {
    throw new ParseError(kind, `${path} is ${show(found)}: ${expected}`, { file: this.file });
  }
}

/** A found value for a message: JSON, except `NaN` and `±Infinity` (JSON would say `null`). */
function show(found: unknown): string {
  if (found === undefined) return "nothing";
  if (typeof found === "number" && !Number.isFinite(found)) return String(found);
  return JSON.stringify(found)?.slice(0, 80);
}

function optionalString(value: unknown, path: string, ctx: Context): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") ctx.fail("Unexpected", path, "expected a string", value);
  return value;
}

function optionalBoolean(value: unknown, path: string, ctx: Context): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") ctx.fail("Unexpected", path, "expected true or false", value);
  return value;
}

/** An optional number; Bakta's bare `NaN`/`Infinity` read as absent, like `null`. */
function optionalNumber(value: unknown, path: string, ctx: Context): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number") ctx.fail("InvalidNumber", path, "expected a number", value);
  return Number.isFinite(value) ? value : undefined;
}

/** A stats number: `null`, a bare `NaN` or `Infinity`, and absence read as NaN. */
function statNumber(value: unknown, path: string, ctx: Context): number {
  return optionalNumber(value, path, ctx) ?? NaN;
}

function readSoftware(version: unknown, ctx: Context): SoftwareVersions {
  const software: SoftwareVersions = {};
  if (!isObject(version)) return software;
  const bakta = optionalString(version.bakta, "version.bakta", ctx);
  if (bakta !== undefined) software.bakta = bakta;
  const db = version.db;
  if (typeof db === "string") {
    software.db = db;
  } else if (isObject(db)) {
    const dbVersion = optionalString(db.version, "version.db.version", ctx);
    if (dbVersion !== undefined) software.db = dbVersion;
    const dbType = optionalString(db.type, "version.db.type", ctx);
    if (dbType !== undefined) software.dbType = dbType;
  } else if (db !== undefined && db !== null) {
    ctx.fail("Unexpected", "version.db", "expected a string or an object", db);
  }
  return software;
}

function readGenome(genome: unknown, ctx: Context): GenomeInfo {
  const info: GenomeInfo = {};
  if (!isObject(genome)) return info;
  const text = (key: string) => optionalString(genome[key], `genome.${key}`, ctx);
  const genus = text("genus");
  if (genus !== undefined) info.genus = genus;
  const species = text("species");
  if (species !== undefined) info.species = species;
  const strain = text("strain");
  if (strain !== undefined) info.strain = strain;
  const plasmid = text("plasmid");
  if (plasmid !== undefined) info.plasmid = plasmid;
  const taxon = genome.taxon;
  if (typeof taxon === "number") info.taxon = String(taxon);
  else if (taxon !== undefined && taxon !== null) info.taxon = text("taxon");
  const complete = optionalBoolean(genome.complete, "genome.complete", ctx);
  if (complete !== undefined) info.complete = complete;
  const gram = text("gram");
  if (gram !== undefined) info.gram = gram;
  const table = optionalNumber(genome.translation_table, "genome.translation_table", ctx);
  if (table !== undefined) info.translationTable = table;
  return info;
}

function readStats(stats: unknown, sequenceCount: number, ctx: Context): GenomeStats | undefined {
  if (!isObject(stats)) return undefined;
  const result: GenomeStats = {
    size: statNumber(stats.size, "stats.size", ctx),
    sequenceCount: optionalNumber(stats.no_sequences, "stats.no_sequences", ctx) ?? sequenceCount,
    gc: statNumber(stats.gc, "stats.gc", ctx),
    nRatio: statNumber(stats.n_ratio, "stats.n_ratio", ctx),
    n50: statNumber(stats.n50, "stats.n50", ctx),
    codingRatio: statNumber(stats.coding_ratio, "stats.coding_ratio", ctx),
  };
  if ("n90" in stats) result.n90 = statNumber(stats.n90, "stats.n90", ctx);
  return result;
}

function readRun(run: unknown, ctx: Context): RunTimes | undefined {
  if (!isObject(run)) return undefined;
  const times: RunTimes = {};
  const start = optionalString(run.start, "run.start", ctx);
  if (start !== undefined) times.start = start;
  const end = optionalString(run.end, "run.end", ctx);
  if (end !== undefined) times.end = end;
  const duration = optionalString(run.duration, "run.duration", ctx);
  if (duration !== undefined) times.duration = duration;
  return times;
}

function readSequence(raw: unknown, index: number, ctx: Context): Sequence {
  const path = `sequences[${index}]`;
  if (!isObject(raw)) ctx.fail("Unexpected", path, "expected an object", raw);
  const id = raw.id;
  if (typeof id !== "string" || id === "") {
    ctx.fail("Unexpected", `${path}.id`, "expected a non-empty string", id);
  }
  const nt = optionalString(raw.nt ?? raw.sequence, `${path}.nt`, ctx);
  const length = optionalNumber(raw.length, `${path}.length`, ctx) ?? nt?.length;
  if (length === undefined || !Number.isInteger(length) || length < 0) {
    ctx.fail("InvalidNumber", `${path}.length`, "expected a non-negative integer", raw.length);
  }
  const sequence: Sequence = { id, length };
  const description = optionalString(raw.description, `${path}.description`, ctx);
  if (description !== undefined) sequence.description = description;
  const type = optionalString(raw.type, `${path}.type`, ctx);
  if (type !== undefined) sequence.type = readSequenceType(type, `${path}.type`, ctx);
  const topology = optionalString(raw.topology, `${path}.topology`, ctx);
  if (topology !== undefined) {
    if (topology !== "circular" && topology !== "linear") {
      ctx.fail("Unexpected", `${path}.topology`, 'expected "circular" or "linear"', topology);
    }
    sequence.topology = topology as Topology;
  }
  const complete = optionalBoolean(raw.complete, `${path}.complete`, ctx);
  if (complete !== undefined) sequence.complete = complete;
  if (nt !== undefined) sequence.nt = nt;
  const name = optionalString(raw.name, `${path}.name`, ctx);
  if (name !== undefined) sequence.name = name;
  const origId = optionalString(raw.orig_id, `${path}.orig_id`, ctx);
  if (origId !== undefined) sequence.origId = origId;
  const origDescription = optionalString(raw.orig_description, `${path}.orig_description`, ctx);
  if (origDescription !== undefined) sequence.origDescription = origDescription;
  return sequence;
}

function readSequenceType(type: string, path: string, ctx: Context): SequenceType {
  if (type === "chromosome" || type === "plasmid" || type === "contig") return type;
  if (type === "sequence") return "contig"; // Bakta 1.10.0–1.10.1 wrote "sequence".
  return ctx.fail("Unexpected", path, 'expected "chromosome", "plasmid" or "contig"', type);
}

function readStrand(value: unknown, path: string, ctx: Context): Strand {
  if (typeof value !== "string" || !STRANDS.has(value)) {
    ctx.fail("InvalidStrand", path, 'expected "+", "-", "." or "?"', value);
  }
  return value as Strand;
}

function readPosition(
  value: unknown,
  path: string,
  kind: "InvalidStart" | "InvalidStop",
  ctx: Context,
): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    ctx.fail(kind, path, "expected a positive integer", value);
  }
  return value;
}

function readDbXrefs(value: unknown, path: string, ctx: Context): DbXref[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) ctx.fail("InvalidAttribute", path, "expected an array", value);
  const xrefs: DbXref[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item !== "string") {
      ctx.fail("InvalidAttribute", `${path}[${i}]`, 'expected a "DB:accession" string', item);
    }
    xrefs[i] = splitDbXref(item, `${path}[${i}]`, ctx.file);
  }
  return xrefs;
}

function readCrisprParts(raw: JsonObject, path: string, ctx: Context): CrisprPart[] | undefined {
  const repeats = raw.repeats;
  const spacers = raw.spacers;
  if (repeats === undefined && spacers === undefined) return undefined;
  const read = (list: unknown, kind: "repeat" | "spacer"): CrisprPart[] => {
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) ctx.fail("Unexpected", `${path}.${kind}s`, "expected an array", list);
    return list.map((item, i) => {
      const at = `${path}.${kind}s[${i}]`;
      if (!isObject(item)) ctx.fail("Unexpected", at, "expected an object", item);
      const part: CrisprPart = {
        kind,
        start: readPosition(item.start, `${at}.start`, "InvalidStart", ctx),
        stop: readPosition(item.stop, `${at}.stop`, "InvalidStop", ctx),
        strand: readStrand(item.strand ?? raw.strand, `${at}.strand`, ctx),
      };
      const nt = optionalString(item.sequence ?? item.nt, `${at}.sequence`, ctx);
      if (nt !== undefined) part.nt = nt;
      return part;
    });
  };
  const repeatParts = read(repeats, "repeat");
  const spacerParts = read(spacers, "spacer");
  // Bakta's own order (as in its TSV): repeat, spacer, repeat, spacer, …, repeat.
  const parts: CrisprPart[] = [];
  const count = Math.max(repeatParts.length, spacerParts.length);
  for (let i = 0; i < count; i++) {
    if (i < repeatParts.length) parts.push(repeatParts[i]);
    if (i < spacerParts.length) parts.push(spacerParts[i]);
  }
  return parts;
}

function readFeature(
  raw: unknown,
  index: number,
  ctx: Context,
  hasHypotheticalFlags: boolean,
): Feature {
  const path = `features[${index}]`;
  if (!isObject(raw)) ctx.fail("Unexpected", path, "expected an object", raw);
  const type = raw.type;
  if (typeof type !== "string" || !FEATURE_TYPE_SET.has(type)) {
    ctx.fail("Unexpected", `${path}.type`, `expected one of ${FEATURE_TYPES.join(", ")}`, type);
  }
  const sequenceId = raw.sequence ?? raw.contig;
  if (typeof sequenceId !== "string" || sequenceId === "") {
    ctx.fail("UnknownSequence", `${path}.sequence`, "expected a sequence id", sequenceId);
  }
  const start = readPosition(raw.start, `${path}.start`, "InvalidStart", ctx);
  const stop = readPosition(raw.stop, `${path}.stop`, "InvalidStop", ctx);
  const strand = readStrand(raw.strand, `${path}.strand`, ctx);
  const product = optionalString(raw.product, `${path}.product`, ctx);

  let hypothetical: boolean;
  if (hasHypotheticalFlags) {
    hypothetical = raw.hypothetical === true;
  } else {
    hypothetical = (type === "cds" || type === "sorf") && product === "hypothetical protein";
  }
  const pseudogene = raw.pseudogene;
  const pseudo = raw.pseudo === true ||
    (pseudogene !== undefined && pseudogene !== null && pseudogene !== false);

  const feature: Feature = {
    type: type as FeatureType,
    sequenceId,
    start,
    stop,
    strand,
    edge: raw.edge === true || start > stop,
    hypothetical,
    pseudo,
    dbXrefs: readDbXrefs(raw.db_xrefs, `${path}.db_xrefs`, ctx),
    original: { format: "json", record: raw },
  };
  addOptionalFields(feature, raw, { path, product }, ctx);
  const evidence = readEvidence(raw);
  if (evidence !== undefined) feature.evidence = evidence;
  return feature;
}

/**
 * Sets the optional fields of a feature (ids, names, product, frame, truncation, sequences,
 * CRISPR parts) from `raw`, at `path` in the document; `product` was read (and checked) already.
 */
function addOptionalFields(
  feature: Feature,
  raw: JsonObject,
  { path, product }: { path: string; product: string | undefined },
  ctx: Context,
): void {
  const id = optionalString(raw.id, `${path}.id`, ctx);
  if (id !== undefined) feature.id = id;
  const locusTag = optionalString(raw.locus, `${path}.locus`, ctx);
  if (locusTag !== undefined) feature.locusTag = locusTag;
  const gene = optionalString(raw.gene, `${path}.gene`, ctx);
  if (gene !== undefined) feature.gene = gene;
  if (raw.genes !== undefined && raw.genes !== null) {
    if (!Array.isArray(raw.genes) || raw.genes.some((g) => typeof g !== "string")) {
      ctx.fail("Unexpected", `${path}.genes`, "expected an array of strings", raw.genes);
    }
    feature.genes = raw.genes as string[];
  }
  if (product !== undefined) feature.product = product;
  const frame = optionalNumber(raw.frame, `${path}.frame`, ctx);
  if (frame !== undefined) feature.frame = frame;
  const truncated = raw.truncated;
  if (truncated !== undefined && truncated !== null) {
    if (typeof truncated !== "string" || !TRUNCATIONS.has(truncated)) {
      ctx.fail(
        "Unexpected",
        `${path}.truncated`,
        'expected "5-prime", "3-prime", "both" or "?"',
        truncated,
      );
    }
    feature.truncated = truncated as Truncation;
  }
  const nt = optionalString(raw.nt, `${path}.nt`, ctx);
  if (nt !== undefined) feature.nt = nt;
  const aa = optionalString(raw.aa, `${path}.aa`, ctx);
  if (aa !== undefined) feature.aa = aa;
  const aaHexdigest = optionalString(raw.aa_hexdigest, `${path}.aa_hexdigest`, ctx);
  if (aaHexdigest !== undefined) feature.aaHexdigest = aaHexdigest;
  const crisprParts = readCrisprParts(raw, path, ctx);
  if (crisprParts !== undefined) feature.crisprParts = crisprParts;
}

/** The keys of a feature that are not core fields (database hits and such), as written. */
function readEvidence(raw: JsonObject): Record<string, unknown> | undefined {
  let evidence: Record<string, unknown> | undefined;
  for (const key in raw) {
    if (BAKTA_JSON_CORE_FEATURE_KEYS.has(key)) continue;
    evidence ??= {};
    evidence[key] = raw[key];
  }
  return evidence;
}
