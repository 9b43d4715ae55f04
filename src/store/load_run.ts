/**
 * `loadRun()`: a stored annotation rebuilt as the normalized {@linkcode BaktaRun}, so that every
 * writer of the project can export it again.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database, FeatureRow } from "../db/schema.ts";
import { featureHasTerm } from "../db/feature_term_ids.ts";
import { NotFoundError } from "../db/errors.ts";
import { normalizeBaktaJson } from "../formats/bakta_json/normalize_bakta_json.ts";
import { readBaktaJson } from "../formats/bakta_json/read_bakta_json.ts";
import type { Gff3OriginalRecord } from "../formats/gff3/gff3_feature_assembler.ts";
import type {
  BaktaRun,
  CrisprPart,
  DbXref,
  Feature,
  FeatureType,
  GenomeStats,
  OriginalRecord,
  RunTimes,
  Sequence,
  SoftwareVersions,
  Strand,
  Truncation,
} from "../formats/model.ts";
import { reviveOriginalRecord } from "../formats/revive_original_record.ts";
import { readBaktaTsv } from "../formats/tsv/read_bakta_tsv.ts";
import { decodeContent, fromUtf8 } from "./_codec.ts";
import { type AnnotationRecord, getAnnotation } from "./annotations_repository.ts";
import { getResultFile, listResultFiles } from "./result_files_repository.ts";
import { loadOriginals } from "./feature_originals.ts";
import { referencedResidues } from "./stored_residues.ts";
import { FEATURE_RECORD_COLUMNS } from "../db/_feature_rows.ts";
import { SEQUENCE_DESCRIPTION_COLUMNS, toRunSequence } from "../db/_sequence_rows.ts";

/**
 * A window of one sequence: the features that overlap it are loaded. Coordinates are 1-based and
 * inclusive; `from > to` is the window that crosses the origin of a circular sequence
 * (`from … length, 1 … to`).
 */
export interface LoadRunRegion {
  /** The sequence id (`contig_1`). */
  sequence: string;
  /**
   * The window's first base.
   * @default 1
   */
  from?: number;
  /**
   * The window's last base.
   * @default the sequence's length
   */
  to?: number;
}

/** Options of {@linkcode loadRun}. */
export interface LoadRunOptions {
  /**
   * Load only one sequence and the features that overlap this window of it (features that cross
   * the origin are found from either side).
   * @default undefined (every sequence and feature)
   */
  region?: LoadRunRegion;
}

/** The feature columns {@linkcode loadRun} reads: the record's, and the packed original. */
const LOADED_FEATURE_COLUMNS = [...FEATURE_RECORD_COLUMNS, "original_json"] as const;

/** A feature row as {@linkcode loadRun} reads it. */
type LoadedFeatureRow = Pick<FeatureRow, (typeof LOADED_FEATURE_COLUMNS)[number]>;

/**
 * Rebuilds a stored annotation as a {@linkcode BaktaRun}:
 *
 * - **sequences** of the annotated assembly version, in stored order, with their residues where
 *   they are stored (upper case), description, type, topology, completeness, name and submitted
 *   id/description;
 * - **features** in stored (file) order: the columns give type, sequence, coordinates (with the
 *   origin-spanning convention `edge` and `start > stop`), strand, locus tag, gene, product,
 *   frame, flags, truncation and `aa_hexdigest`; the stored original record adds what the columns
 *   lack, where it has it — from a Bakta JSON record the `id`, `genes`, `nt`, `aa`, CRISPR
 *   repeats/spacers and every evidence block; from GFF3 the `ID` of a feature without locus tag
 *   and the CRISPR parts; from GenBank/EMBL the `/translation`; from the TSV the CRISPR parts —
 *   and `original` is that stored record;
 * - **cross-references** from `features.xref_ids` (deduplicated on import), in the order of the
 *   original record where it lists them;
 * - **genome**, **stats**, **software** and **run** times from the annotation row (a statistic
 *   Bakta wrote as `NaN` is `NaN`);
 * - `sources` is empty (the model was read from the database, not from files).
 *
 * A `bakta_proteins` annotation (`mode: "proteins"`) has no sequences or features; its `proteins`
 * are read from its stored JSON (or TSV) file, where there is one.
 *
 * @param db The database or a transaction.
 * @param annotationId The annotation (`annotations.id`).
 * @param options A region to restrict the run to.
 * @returns The run.
 * @throws {NotFoundError} When the annotation, or the region's sequence, does not exist.
 * @throws {RangeError} For a region whose `from`/`to` are not positions of the sequence, or that
 * crosses the origin (`from > to`) of a sequence that is not circular.
 *
 * @example Import a factory run and load it back
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { loadRun } from "./load_run.ts";
 *
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 3, sequences: 1, featuresPerSequence: 6 });
 * const { annotationId } = await importRun(db, run, { genome: "demo" });
 * const back = await loadRun(db, annotationId!);
 * assert.deepEqual(back.features.map((f) => f.locusTag), run.features.map((f) => f.locusTag));
 * assert.equal(back.sequences[0].nt, run.sequences[0].nt!.toUpperCase());
 * const window = await loadRun(db, annotationId!, {
 *   region: { sequence: run.sequences[0].id, from: 1, to: 100 },
 * });
 * assert.ok(window.features.length < back.features.length);
 * await db.destroy();
 * ```
 */
export async function loadRun(
  db: Kysely<Database>,
  annotationId: number,
  options: LoadRunOptions = {},
): Promise<BaktaRun> {
  const annotation = await getAnnotation(db, annotationId);
  const run: BaktaRun = {
    mode: annotation.mode,
    genome: annotation.genome ?? {},
    software: softwareOf(annotation),
    sequences: [],
    features: [],
    sources: [],
  };
  const stats = statsOf(annotation);
  if (stats !== undefined) run.stats = stats;
  const times = runTimesOf(annotation);
  if (times !== undefined) run.run = times;
  if (annotation.mode === "proteins") {
    run.proteins = await storedProteins(db, annotationId);
    return run;
  }

  const sequences = await storedSequences(db, annotation, options.region);
  run.sequences = [...sequences.values()];
  run.features = await storedFeatures(db, annotation, sequences, options.region);
  return run;
}

/** The sequences of the annotated version (or the region's one), by row id, in stored order. */
async function storedSequences(
  db: Kysely<Database>,
  annotation: AnnotationRecord,
  region: LoadRunOptions["region"],
): Promise<Map<number, Sequence>> {
  let query = db.selectFrom("sequences").select([
    ...SEQUENCE_DESCRIPTION_COLUMNS,
    "residues",
    "residues_encoding",
    "residues_file_id",
  ]).where("genome_id", "=", annotation.genomeId)
    .where("version", "=", annotation.sequenceVersion);
  if (region !== undefined) query = query.where("seq_id", "=", region.sequence);
  const rows = await query.orderBy("id").execute();
  if (region !== undefined && rows.length === 0) {
    throw new NotFoundError("sequence", region.sequence);
  }
  const referenced = await referencedResidues(db, rows);
  const byRow = new Map<number, Sequence>();
  for (const row of rows) {
    const nt = row.residues !== null && row.residues_encoding !== null
      ? fromUtf8(decodeContent(row.residues, row.residues_encoding))
      : referenced.get(row.seq_id);
    byRow.set(row.id, toRunSequence(row, nt));
  }
  return byRow;
}

/** The annotation's features (those in the region, if one is given), with xrefs and originals. */
async function storedFeatures(
  db: Kysely<Database>,
  annotation: AnnotationRecord,
  sequences: Map<number, Sequence>,
  region: LoadRunOptions["region"],
): Promise<Feature[]> {
  let query = db.selectFrom("features").select(LOADED_FEATURE_COLUMNS)
    .where("annotation_id", "=", annotation.id);
  let keep: (row: LoadedFeatureRow) => boolean = () => true;
  if (region !== undefined) {
    const [[rowId, sequence]] = sequences;
    keep = windowFilter(region, sequence);
    query = query.where("sequence_id", "=", rowId);
  }
  const rows = (await query.orderBy("id").execute()).filter(keep);
  const xrefs = await xrefsOf(db, annotation.id, region ? rows : undefined);
  const packed = rows.some((row) => row.original_json === "")
    ? await loadOriginals(db, annotation.id)
    : new Map<number, OriginalRecord>();
  return rows.map((row) => {
    const sequence = sequences.get(row.sequence_id);
    if (sequence === undefined) {
      throw new Error(
        `Cannot load annotation ${annotation.id}: feature ${row.id} lies on sequence row ${row.sequence_id}, which is not of assembly version ${annotation.sequenceVersion}`,
      );
    }
    const original = row.original_json === ""
      ? packed.get(row.id)!
      : reviveOriginalRecord(JSON.parse(row.original_json));
    return toFeature(row, sequence, original, xrefs.get(row.id) ?? []);
  });
}

function softwareOf(annotation: AnnotationRecord): SoftwareVersions {
  const software: SoftwareVersions = {};
  if (annotation.baktaVersion !== null) software.bakta = annotation.baktaVersion;
  if (annotation.dbVersion !== null) software.db = annotation.dbVersion;
  if (annotation.dbType !== null) software.dbType = annotation.dbType;
  return software;
}

function statsOf(annotation: AnnotationRecord): GenomeStats | undefined {
  const s = annotation.stats;
  if (s.size === null && s.sequenceCount === null && s.gc === null && s.n50 === null) {
    return undefined;
  }
  const stats: GenomeStats = {
    size: s.size ?? NaN,
    sequenceCount: s.sequenceCount ?? NaN,
    gc: s.gc ?? NaN,
    nRatio: s.nRatio ?? NaN,
    n50: s.n50 ?? NaN,
    codingRatio: s.codingRatio ?? NaN,
  };
  if (s.n90 !== null) stats.n90 = s.n90;
  return stats;
}

function runTimesOf(annotation: AnnotationRecord): RunTimes | undefined {
  if (
    annotation.runStart === null && annotation.runEnd === null && annotation.runDuration === null
  ) {
    return undefined;
  }
  const times: RunTimes = {};
  if (annotation.runStart !== null) times.start = annotation.runStart;
  if (annotation.runEnd !== null) times.end = annotation.runEnd;
  if (annotation.runDuration !== null) times.duration = annotation.runDuration;
  return times;
}

/** The proteins of a `bakta_proteins` annotation, from its stored JSON or TSV file. */
async function storedProteins(
  db: Kysely<Database>,
  annotationId: number,
): Promise<Record<string, unknown>[]> {
  const files = await listResultFiles(db, annotationId);
  for (const kind of ["json", "tsv"]) {
    const file = files.find((f) => f.kind === kind);
    if (file === undefined) continue;
    const { bytes } = await getResultFile(db, file.id);
    const read = kind === "json" ? readBaktaJson : readBaktaTsv;
    const run = read(bytes, { file: file.fileName });
    if (run.proteins !== undefined) return run.proteins;
  }
  return [];
}

/** A test of whether a feature row overlaps the region (on the sequence's unrolled axis). */
function windowFilter(
  region: LoadRunRegion,
  sequence: Sequence,
): (row: LoadedFeatureRow) => boolean {
  const length = sequence.length;
  const from = region.from ?? 1;
  const to = region.to ?? length;
  for (const [name, value] of [["from", from], ["to", to]] as const) {
    if (!Number.isSafeInteger(value) || value < 1 || value > length) {
      throw new RangeError(
        `Invalid region "${name}": ${value} is not a position of sequence "${sequence.id}" (1..${length})`,
      );
    }
  }
  const circular = sequence.topology === "circular";
  if (from > to && !circular) {
    throw new RangeError(
      `Invalid region ${from}..${to}: from > to crosses the origin, but sequence "${sequence.id}" is ${
        sequence.topology ?? "not known to be circular"
      }`,
    );
  }
  // Intervals on the unrolled axis: a window across the origin is [from, to + length]; a feature
  // across the origin is [start, stop + length]. Shifting one of them by ±length catches the
  // part after the origin.
  const windows = from <= to
    ? [[from, to], [from + length, to + length]]
    : [[from, to + length], [from - length, to]];
  return (row) => {
    const lo = row.start;
    const hi = row.edge === 1 ? row.stop + length : row.stop;
    return windows.some(([a, b]) => lo <= b && hi >= a);
  };
}

/** Every cross-reference of an annotation's features (or of the given ones), by feature id. */
async function xrefsOf(
  db: Kysely<Database>,
  annotationId: number,
  only: LoadedFeatureRow[] | undefined,
): Promise<Map<number, DbXref[]>> {
  const byFeature = new Map<number, DbXref[]>();
  let query = db.selectFrom(["features as f", "xref_terms as t"])
    .where(featureHasTerm(db, "f.xref_ids", "t.id"))
    .select(["f.id as feature_id", "t.db", "t.accession"])
    .where("f.annotation_id", "=", annotationId);
  if (only !== undefined) {
    if (only.length === 0) return byFeature;
    const lo = Math.min(...only.map((r) => r.id));
    const hi = Math.max(...only.map((r) => r.id));
    query = query.where("f.id", ">=", lo).where("f.id", "<=", hi);
  }
  const rows = await query.orderBy("f.id").orderBy("t.db").orderBy("t.accession").execute();
  for (const row of rows) {
    const list = byFeature.get(row.feature_id);
    const xref = { db: row.db, accession: row.accession };
    if (list === undefined) byFeature.set(row.feature_id, [xref]);
    else list.push(xref);
  }
  return byFeature;
}

function toFeature(
  row: LoadedFeatureRow,
  sequence: Sequence,
  original: OriginalRecord,
  xrefs: DbXref[],
): Feature {
  const feature: Feature = {
    type: row.type as FeatureType,
    sequenceId: sequence.id,
    start: row.start,
    stop: row.stop,
    strand: row.strand as Strand,
    edge: row.edge === 1,
    hypothetical: row.hypothetical === 1,
    pseudo: row.pseudo === 1,
    dbXrefs: xrefs,
    original,
  };
  const extra = extrasOf(original, sequence.length);
  if (extra.id !== undefined) feature.id = extra.id;
  if (row.locus_tag !== null) feature.locusTag = row.locus_tag;
  if (row.gene !== null) feature.gene = row.gene;
  if (extra.genes !== undefined) feature.genes = extra.genes;
  if (row.product !== null) feature.product = row.product;
  if (row.frame !== null) feature.frame = row.frame;
  if (row.truncated !== null) feature.truncated = row.truncated as Truncation;
  if (extra.nt !== undefined) feature.nt = extra.nt;
  if (extra.aa !== undefined) feature.aa = extra.aa;
  if (row.aa_hexdigest !== null) feature.aaHexdigest = row.aa_hexdigest;
  if (extra.crisprParts !== undefined) feature.crisprParts = extra.crisprParts;
  if (extra.evidence !== undefined) feature.evidence = extra.evidence;
  if (extra.xrefOrder !== undefined && xrefs.length > 1) {
    const rank = new Map(extra.xrefOrder.map((key, i) => [key, i] as const));
    const at = (x: DbXref) => rank.get(`${x.db}:${x.accession}`) ?? Infinity;
    xrefs.sort((a, b) => at(a) - at(b));
  }
  return feature;
}

/** A GenBank/EMBL feature as stored (see the reader's `InsdcOriginalRecord`). */
interface StoredInsdcFeature {
  qualifiers?: Record<string, string[]>;
}

/** A TSV row as stored (see the reader's `TsvOriginalRecord`). */
interface StoredTsvRow {
  text?: string;
  parts?: { text: string }[];
}

/** What the original record holds beyond the columns. */
interface OriginalExtras {
  id?: string;
  genes?: string[];
  nt?: string;
  aa?: string;
  crisprParts?: CrisprPart[];
  evidence?: Record<string, unknown>;
  /** The cross-references as `DB:accession`, in the record's order. */
  xrefOrder?: string[];
}

function extrasOf(original: OriginalRecord, length: number): OriginalExtras {
  const record = original.record;
  if (record === null || typeof record !== "object") return {};
  switch (original.format) {
    case "json":
      return jsonExtras(record as Record<string, unknown>);
    case "gff3":
      return gff3Extras(record as Gff3OriginalRecord, length);
    case "genbank":
    case "embl":
      return insdcExtras(record as StoredInsdcFeature);
    case "tsv":
      return tsvExtras(record as StoredTsvRow);
    default:
      return {};
  }
}

/** Reads a JSON feature record with the JSON reader itself, so that both agree. */
function jsonExtras(record: Record<string, unknown>): OriginalExtras {
  let feature: Feature;
  try {
    feature = normalizeBaktaJson({ features: [record], sequences: [] }).features[0];
  } catch {
    return {};
  }
  const extras: OriginalExtras = {};
  if (feature.id !== undefined) extras.id = feature.id;
  if (feature.genes !== undefined) extras.genes = feature.genes;
  if (feature.nt !== undefined) extras.nt = feature.nt;
  if (feature.aa !== undefined) extras.aa = feature.aa;
  if (feature.crisprParts !== undefined) extras.crisprParts = feature.crisprParts;
  if (feature.evidence !== undefined) extras.evidence = feature.evidence;
  extras.xrefOrder = feature.dbXrefs.map((x) => `${x.db}:${x.accession}`);
  return extras;
}

function gff3Extras(record: Gff3OriginalRecord, length: number): OriginalExtras {
  const extras: OriginalExtras = {};
  const attributes = record.attributes;
  const id = attributes.get("ID")?.[0];
  const locus = attributes.get("locus_tag")?.[0] ?? record.gene?.attributes.get("locus_tag")?.[0];
  if (id !== undefined && (locus === undefined || locus === "")) extras.id = id;
  const parts: CrisprPart[] = [];
  for (const child of record.children ?? []) {
    if (child.type !== "crispr-repeat" && child.type !== "crispr-spacer") continue;
    const part: CrisprPart = {
      kind: child.type === "crispr-repeat" ? "repeat" : "spacer",
      start: child.start,
      stop: child.end > length ? child.end - length : child.end,
      strand: child.strand,
    };
    const nt = child.attributes.get("sequence")?.[0];
    if (nt !== undefined) part.nt = nt;
    parts.push(part);
  }
  if (parts.length > 0) extras.crisprParts = parts;
  const xrefs = attributes.get("Dbxref") ?? record.gene?.attributes.get("Dbxref");
  if (xrefs !== undefined) extras.xrefOrder = xrefs;
  return extras;
}

function insdcExtras(record: StoredInsdcFeature): OriginalExtras {
  const extras: OriginalExtras = {};
  const translation = record.qualifiers?.translation?.[0];
  if (translation) extras.aa = translation;
  const xrefs = record.qualifiers?.db_xref;
  if (xrefs !== undefined) extras.xrefOrder = xrefs;
  return extras;
}

function tsvExtras(record: StoredTsvRow): OriginalExtras {
  const extras: OriginalExtras = {};
  const columns = typeof record.text === "string" ? record.text.split("\t") : [];
  if (columns[8]) extras.xrefOrder = columns[8].split(/,\s*/);
  const parts: CrisprPart[] = [];
  for (const part of record.parts ?? []) {
    const c = part.text.split("\t");
    const kind = c[1] === "crispr-repeat" ? "repeat" : "spacer";
    const crisprPart: CrisprPart = {
      kind,
      start: Number(c[2]),
      stop: Number(c[3]),
      strand: c[4] as Strand,
    };
    const prefix = "CRISPR spacer, sequence ";
    if (kind === "spacer" && c[7]?.startsWith(prefix)) crisprPart.nt = c[7].slice(prefix.length);
    parts.push(crisprPart);
  }
  if (parts.length > 0) extras.crisprParts = parts;
  return extras;
}
