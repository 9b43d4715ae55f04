/**
 * The first half of an import, outside any transaction: read the run's files, checksum and
 * compress them, parse the run, and turn sequences and features into ready-made rows. The second
 * half (`writeRun`) is then only SQL.
 *
 * @module
 */

// win32: file names split at "/" and "\\" alike, on every OS (lists may come from Windows).
import { win32 } from "node:path";
import type { BaktaRun, DbXref, Feature, Sequence } from "../formats/model.ts";
import { readResultFolder } from "../formats/result_folder.ts";
import type { ReadOptions } from "../formats/read_options.ts";
import {
  type ContentEncoding,
  encodeContent,
  type EncodedContent,
  md5Hex,
  sha256Hex,
} from "./_codec.ts";
import { packOriginals } from "./feature_originals.ts";
import { featureFamily } from "./_feature_family.ts";
import { cogSets } from "./_cog_sets.ts";
import { runFingerprint } from "./run_fingerprint.ts";
import {
  buildGcIndex,
  gcFraction,
  type GcIndex,
  gcOfBytes,
  indexedSpanGc,
  indexGc,
  spanLength,
  upperCaseBytes,
} from "./_residues.ts";
import {
  classifyContent,
  classifyResultFile,
  collectRunFiles,
  type ResultFileName,
} from "./run_files.ts";
import { ImportError } from "./import_error.ts";
import { FEATURE_RECORD_COLUMNS } from "../db/_feature_rows.ts";
import { xrefTermKey } from "../db/xref_terms.ts";

/** A file to store with a run given as a {@linkcode BaktaRun}. */
export interface RunFileInput {
  /** The file name (unique within the run). */
  name: string;
  /** The original bytes. */
  bytes: Uint8Array;
  /** The kind; default: from the name (`json`, `gff3`, …, else `other`). */
  kind?: string;
}

/** One original file, checksummed and encoded for storage. */
export interface PreparedFile {
  /** The file name. */
  name: string;
  /** The path it was read from, where it was. */
  path?: string;
  /** The kind (`json`, `gff3`, `genbank`, …). */
  kind: string;
  /** Whether the readers read it. */
  readable: boolean;
  /** The original size. */
  size: number;
  /** SHA-256 of the original bytes. */
  checksum: string;
  /** The bytes to store. */
  content: Uint8Array;
  /** How `content` is encoded. */
  encoding: ContentEncoding;
}

/** One sequence, with its checksum and encoded residues. */
export interface PreparedSequence {
  /** The sequence. */
  sequence: Sequence;
  /** SHA-256 of the upper-case residues, or null when unknown. */
  checksum: string | null;
  /** GC fraction, where the residues are known. */
  gc: number | null;
  /** The residues to store, or null. */
  residues: Uint8Array | null;
  /** Their encoding, or null. */
  encoding: ContentEncoding | null;
}

/** The default gzip level of stored files and residues. */
export const DEFAULT_COMPRESSION_LEVEL = 3;

/** The gzip level of packed original records (small JSON texts gain from a higher level). */
const ORIGINALS_COMPRESSION_LEVEL = 6;

/** The packed originals of a run without features. */
const NO_ORIGINALS: EncodedContent = Object.freeze({
  bytes: new Uint8Array(0),
  encoding: "plain",
});

/**
 * The columns of a feature row, in the order of {@linkcode PreparedRun.featureRows}: the record's
 * columns (`db/_feature_rows.ts`), then the packed original and the gene family.
 */
export const FEATURE_COLUMNS = [...FEATURE_RECORD_COLUMNS, "original_json", "family"] as const;

/** A run ready to be written. */
export interface PreparedRun {
  /** The run prefix (the default genome name). */
  prefix: string;
  /** What was imported, for messages (a folder, the files, or `run`). */
  where: string;
  /** The parsed run. */
  run: BaktaRun;
  /** The files to store. */
  files: PreparedFile[];
  /**
   * The run's content fingerprint ({@linkcode runFingerprint}); for a proteins-mode run, SHA-256
   * over the sorted checksums of the files (or over the run, without files).
   */
  fingerprint: string;
  /**
   * The name of the stored file (a FASTA or GFF3) the residues are kept in by reference, when the
   * run was read from that file alone: its sequences then carry no `residues` of their own.
   */
  residuesFile?: string;
  /**
   * The name of the stored file (a GFF3) the features' original records are rebuilt from, when the
   * run was read from that file alone (`result_files.rebuilds_records`): `originals` is then empty
   * and nothing goes to `feature_originals`.
   */
  recordsFile?: string;
  /**
   * The features' original records, packed ({@linkcode packOriginals}: a gzipped JSON array in row
   * order), for `feature_originals` (empty with {@linkcode PreparedRun.recordsFile}).
   */
  originals: EncodedContent;
  /** The sequences (for a run without sequences but with features: made up from them). */
  sequences: PreparedSequence[];
  /**
   * One row per feature in {@linkcode FEATURE_COLUMNS} order; `id`, `annotation_id` and
   * `sequence_id` are filled in by the writer; `original_json` is `''` (the record is in
   * {@linkcode PreparedRun.originals}, stored packed).
   */
  featureRows: unknown[][];
  /** The sequence id of each feature row. */
  featureSequenceIds: string[];
  /**
   * The run's distinct cross-reference terms, each as its key (`xrefTermKey`: `db`, U+0000,
   * `accession`; `xrefTermOfKey` splits it), sorted by UTF-16 code units, which is the order of
   * database, then accession: the order new terms are numbered in. One string a term, which
   * crosses to the writer's thread cheaper than a `{ db, accession }` object and is the key of the
   * writer's cache as it is.
   */
  xrefTermKeys: string[];
  /**
   * The features' cross-references, each pair once per feature, in feature order: (feature row
   * index, index into {@linkcode PreparedRun.xrefTermKeys}) pairs, flattened.
   */
  xrefLinks: Uint32Array;
  /**
   * The CDSs' COG category sets (`annotation_cog_sets`): each combination of COG category
   * accessions, sorted and concatenated (null for none), with how many CDSs carry it.
   */
  cogSets: [string | null, number][];
  /** Things the user should know (made-up sequences, …). */
  warnings: string[];
}

/** Options of {@linkcode loadRunFiles} and {@linkcode prepareRun}. */
export interface PrepareRunOptions extends Pick<ReadOptions, "maxDecompressedBytes"> {
  /** In a folder holding several runs, import the one with this prefix. */
  prefix?: string;
  /** Files to store with a run given as a {@linkcode BaktaRun}. */
  files?: readonly RunFileInput[];
  /**
   * The gzip level for stored files and residues (1–9). Level 3 compresses DNA and Bakta's text
   * files within a few percent of level 6 (about 0.30 against 0.28 of the size) in a quarter of
   * the time.
   * @default 3
   */
  compressionLevel?: number;
  /**
   * Reads the files of one run into a {@linkcode BaktaRun}; given only the files the readers
   * understand.
   * @default readResultFolder
   */
  readRun?: (paths: string[]) => Promise<BaktaRun>;
}

/** The files of a run, loaded and checksummed, before parsing. */
export interface LoadedRunFiles {
  /** The run prefix. */
  prefix: string;
  /** What was given, for messages. */
  where: string;
  /** The files. */
  files: PreparedFile[];
  /** The files' fingerprint ({@linkcode fingerprintOf} their checksums). */
  fingerprint: string;
}

/** The kinds of stored file whose residues {@linkcode residuesInFile} reads back. */
const RESIDUE_FILE_KINDS: readonly string[] = ["fna", "gff3"];

/**
 * The fingerprint of a set of files: SHA-256 over their sorted checksums (one per line), so that
 * the same files give the same fingerprint in any order.
 *
 * @param checksums The files' SHA-256 checksums.
 * @returns The fingerprint.
 *
 * @example Order does not matter
 * ```ts
 * import { fingerprintOf } from "./prepare_run.ts";
 * if (fingerprintOf(["b", "a"]) !== fingerprintOf(["a", "b"])) throw new Error("order");
 * ```
 */
export function fingerprintOf(checksums: readonly string[]): string {
  return sha256Hex([...checksums].sort().join("\n"));
}

/**
 * Loads the files of ONE run (a folder, a file, or a list of files): reads, checksums and
 * encodes them, and computes the fingerprint. Only files named like Bakta outputs are taken from a
 * folder (sub-folders are not entered); a list is taken as one run whatever the names.
 *
 * @param input A folder, a file, or the files of one run.
 * @param options Which run of a multi-run folder, and the compression level.
 * @returns The files and the fingerprint.
 * @throws {ImportError} `NoRun` when there are no Bakta files; `SeveralRuns` for a folder holding
 * several runs (without `prefix`); `DuplicateFileName` for two files of one name.
 */
export async function loadRunFiles(
  input: string | readonly string[],
  options: PrepareRunOptions = {},
): Promise<LoadedRunFiles> {
  const where = typeof input === "string" ? input : input.join(", ");
  let paths: string[];
  let prefix: string;
  if (typeof input === "string") {
    const found = await collectRunFiles([input]);
    if (found.missing.length > 0) {
      throw new ImportError("NoRun", where, "no such file or folder");
    }
    if (found.rejected.length > 0) throw found.rejected[0].error;
    let groups = found.groups;
    if (options.prefix !== undefined) groups = groups.filter((g) => g.prefix === options.prefix);
    if (groups.length === 0) {
      throw new ImportError(
        "NoRun",
        where,
        options.prefix !== undefined
          ? `no Bakta output files with prefix "${options.prefix}"`
          : "no Bakta output files (named <prefix>.json, .gff3, .gbff, .embl, .tsv, …)",
      );
    }
    if (groups.length > 1) {
      throw new ImportError(
        "SeveralRuns",
        where,
        `the folder holds ${groups.length} runs (${
          groups.map((g) => `"${g.prefix}"`).join(", ")
        }): import them as a batch, or choose one with the prefix option`,
      );
    }
    paths = groups[0].paths;
    prefix = groups[0].prefix;
  } else {
    if (input.length === 0) throw new ImportError("NoRun", "(no files)", "the file list is empty");
    paths = [...input];
    prefix = mostCommonPrefix(paths);
  }
  const level = options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL;
  const files: PreparedFile[] = [];
  const names = new Set<string>();
  for (const path of paths) {
    const name = win32.basename(path);
    if (names.has(name)) {
      throw new ImportError("DuplicateFileName", where, `two files are named "${name}"`);
    }
    names.add(name);
    const bytes = await Deno.readFile(path);
    files.push(prepareFile(name, bytes, level, path));
  }
  return { prefix, where, files, fingerprint: fingerprintOf(files.map((f) => f.checksum)) };
}

function prepareFile(
  name: string,
  bytes: Uint8Array,
  level: number,
  path?: string,
  kind?: string,
): PreparedFile {
  const c = classifyResultFile(name) ?? classifyByContent(name, bytes);
  const encoded = encodeContent(bytes, level);
  return {
    name,
    path,
    kind: kind ?? c?.kind ?? "other",
    readable: c?.readable ?? false,
    size: bytes.length,
    checksum: sha256Hex(bytes),
    content: encoded.bytes,
    encoding: encoded.encoding,
  };
}

/** A file not named like a Bakta output, classified by its content; undefined when it is none. */
function classifyByContent(name: string, bytes: Uint8Array): ResultFileName | undefined {
  try {
    return classifyContent(name, bytes);
  } catch {
    return undefined;
  }
}

/**
 * Parses loaded files (those the readers understand) into a run and prepares it.
 *
 * @param loaded The loaded files.
 * @param options The reader.
 * @returns The prepared run.
 * @throws {ParseError} From the readers.
 * @throws {ImportError} `NoRun` when none of the files holds an annotation.
 */
export async function parseRunFiles(
  loaded: LoadedRunFiles,
  options: PrepareRunOptions = {},
): Promise<PreparedRun> {
  const readable = loaded.files.filter((f) => f.readable && f.path !== undefined);
  if (readable.length === 0) {
    throw new ImportError(
      "NoRun",
      loaded.where,
      `none of the files is a Bakta annotation (${loaded.files.map((f) => f.name).join(", ")})`,
    );
  }
  const { maxDecompressedBytes } = options;
  const readRun = options.readRun ??
    ((paths: string[]) => readResultFolder(paths, { maxDecompressedBytes }));
  const run = await readRun(readable.map((f) => f.path!));
  // A run read from one FASTA or GFF3 alone took its residues from that file: keep them there.
  const only = readable.length === 1 && options.readRun === undefined ? readable[0] : undefined;
  const kept = only !== undefined && RESIDUE_FILE_KINDS.includes(only.kind)
    ? { residuesFile: only.name, recordsFile: only.kind === "gff3" ? only.name : undefined }
    : {};
  return prepareParsedRun(run, loaded, options, kept);
}

/**
 * Prepares a run: from files (a folder, a file or a list: loaded, then parsed with
 * `readResultFolder`), or from a {@linkcode BaktaRun} already in memory (stored with
 * `options.files`, if any; its fingerprint is then over those files, or over the run itself).
 *
 * @param input A folder, file(s), or a run.
 * @param options Prefix, files, compression level and reader.
 * @returns The prepared run.
 * @throws {ImportError} See {@linkcode loadRunFiles}; `UnknownSequence` when a feature lies on a
 * sequence the run does not list; `Empty` for a run with nothing to store.
 * @throws {ParseError} From the readers.
 */
export async function prepareRun(
  input: string | readonly string[] | BaktaRun,
  options: PrepareRunOptions = {},
): Promise<PreparedRun> {
  if (typeof input === "string" || Array.isArray(input)) {
    const loaded = await loadRunFiles(input as string | readonly string[], options);
    return await parseRunFiles(loaded, options);
  }
  const run = input as BaktaRun;
  const level = options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL;
  const files = (options.files ?? []).map((f) =>
    prepareFile(f.name, f.bytes, level, undefined, f.kind)
  );
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) {
      throw new ImportError("DuplicateFileName", "run", `two files are named "${f.name}"`);
    }
    names.add(f.name);
  }
  // A genome-mode run is fingerprinted by its content (in prepareParsedRun); a proteins-mode run by
  // its files, or without files by the whole run.
  const fingerprint = files.length > 0
    ? fingerprintOf(files.map((f) => f.checksum))
    : run.mode === "proteins"
    ? sha256Hex(`run\n${JSON.stringify({ ...run, sources: undefined })}`)
    : "";
  const prefix = options.prefix ??
    (files.length > 0 ? mostCommonPrefix(files.map((f) => f.name)) : "");
  return prepareParsedRun(run, { prefix, where: prefix || "run", files, fingerprint }, options);
}

function prepareParsedRun(
  run: BaktaRun,
  loaded: LoadedRunFiles,
  options: PrepareRunOptions,
  kept: { residuesFile?: string; recordsFile?: string } = {},
): PreparedRun {
  const prepared: PreparedRun = {
    prefix: loaded.prefix,
    where: loaded.where,
    run,
    files: loaded.files,
    fingerprint: loaded.fingerprint,
    sequences: [],
    featureRows: [],
    featureSequenceIds: [],
    xrefTermKeys: [],
    xrefLinks: new Uint32Array(0),
    cogSets: [],
    originals: NO_ORIGINALS,
    warnings: [],
  };
  if (run.mode === "proteins") return prepared;
  if (kept.residuesFile !== undefined) prepared.residuesFile = kept.residuesFile;
  if (kept.recordsFile !== undefined) prepared.recordsFile = kept.recordsFile;
  const sequences = runSequences(run, loaded.where, prepared.warnings);
  const level = options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL;
  const gcIndexes = prepareSequences(prepared, sequences, level);
  prepared.fingerprint = runFingerprint(
    { ...run, sequences },
    prepared.sequences.map((p) => p.checksum),
  );
  prepareFeatures(prepared, sequences, gcIndexes);
  return prepared;
}

/** The run's sequences, or (with a warning) sequences made up from its features. */
function runSequences(run: BaktaRun, where: string, warnings: string[]): Sequence[] {
  let sequences = run.sequences;
  if (sequences.length === 0 && run.features.length > 0) {
    sequences = sequencesFromFeatures(run.features);
    warnings.push(
      `the run lists no sequences: ${sequences.length} made up from the features (lengths are the ` +
        `largest coordinate, residues unknown)`,
    );
  }
  if (sequences.length === 0) {
    throw new ImportError("Empty", where, "the run has neither sequences nor features");
  }
  return sequences;
}

/**
 * Checksums, GC and (unless kept by reference in `prepared.residuesFile`) encoded residues of each
 * sequence; returns the GC index of the sequences whose features need one (no `nt` of their own).
 */
function prepareSequences(
  prepared: PreparedRun,
  sequences: readonly Sequence[],
  level: number,
): Map<string, GcIndex> {
  const gcIndexes = new Map<string, GcIndex>();
  const needsIndex = new Set(
    prepared.run.features.filter((f) => f.nt === undefined && f.type !== "gap")
      .map((f) => f.sequenceId),
  );
  for (const sequence of sequences) {
    const p: PreparedSequence = {
      sequence,
      checksum: null,
      gc: null,
      residues: null,
      encoding: null,
    };
    if (sequence.nt !== undefined && sequence.nt.length > 0) {
      const bytes = upperCaseBytes(sequence.nt);
      const index = needsIndex.has(sequence.id) ? buildGcIndex(bytes) : undefined;
      if (index !== undefined) gcIndexes.set(sequence.id, index);
      p.checksum = sha256Hex(bytes);
      p.gc = index === undefined ? gcOfBytes(bytes) : indexGc(index);
      if (prepared.residuesFile === undefined) {
        const encoded = encodeContent(bytes, level);
        p.residues = encoded.bytes;
        p.encoding = encoded.encoding;
      }
    }
    prepared.sequences.push(p);
  }
  return gcIndexes;
}

/**
 * The feature rows, their sequence ids, their cross-references (the run's distinct terms, and
 * each feature's links to them, once per pair) and their original records (packed).
 */
function prepareFeatures(
  prepared: PreparedRun,
  sequences: readonly Sequence[],
  gcIndexes: Map<string, GcIndex>,
): void {
  const lengths = new Map(sequences.map((s) => [s.id, s.length]));
  const features = prepared.run.features;
  const originals: string[] = [];
  const terms = new XrefTermNumbering();
  const links: number[] = [];
  for (let i = 0; i < features.length; i++) {
    const feature = features[i];
    const length = lengths.get(feature.sequenceId);
    if (length === undefined) {
      throw new ImportError(
        "UnknownSequence",
        prepared.where,
        `feature ${describeFeature(feature, i)} lies on sequence "${feature.sequenceId}", which ` +
          `the run does not list`,
      );
    }
    prepared.featureRows.push(featureRow(feature, length, gcIndexes.get(feature.sequenceId)));
    if (prepared.recordsFile === undefined) originals.push(JSON.stringify(feature.original));
    prepared.featureSequenceIds.push(feature.sequenceId);
    const from = links.length;
    for (const xref of feature.dbXrefs) {
      const term = terms.indexOf(xref);
      if (!linksTerm(links, from, term)) links.push(i, term);
    }
  }
  prepared.xrefLinks = Uint32Array.from(links);
  prepared.xrefTermKeys = terms.sortInto(prepared.xrefLinks);
  prepared.cogSets = cogSets(features);
  if (prepared.recordsFile === undefined) {
    prepared.originals = packOriginals(originals, ORIGINALS_COMPRESSION_LEVEL);
  }
}

/**
 * Numbers distinct cross-reference terms in the order first met, then in key order
 * ({@linkcode XrefTermNumbering.sortInto}). Terms are found by database, then accession (no joined
 * key per cross-reference: about 3× less CPU on real runs), and a feature's cross-references mostly
 * repeat the database of the one before; the key is built once per distinct term.
 */
class XrefTermNumbering {
  #keys: string[] = [];
  #byDb = new Map<string, Map<string, number>>();
  #lastDb: string | undefined;
  #lastAccessions: Map<string, number> | undefined;

  indexOf(xref: DbXref): number {
    const accessions = this.#accessionsOf(xref.db);
    let index = accessions.get(xref.accession);
    if (index === undefined) {
      index = this.#keys.push(xrefTermKey(xref.db, xref.accession)) - 1;
      accessions.set(xref.accession, index);
    }
    return index;
  }

  /**
   * The keys sorted by UTF-16 code units (the order of database, then accession), the term
   * indexes of `links` (every second value, from the second) renumbered to match.
   */
  sortInto(links: Uint32Array): string[] {
    const keys = this.#keys;
    const order = Array.from(keys.keys()).sort((a, b) =>
      keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0
    );
    const rank = new Uint32Array(keys.length);
    for (let r = 0; r < order.length; r++) rank[order[r]] = r;
    for (let j = 1; j < links.length; j += 2) links[j] = rank[links[j]];
    return order.map((k) => keys[k]);
  }

  #accessionsOf(db: string): Map<string, number> {
    if (db === this.#lastDb) return this.#lastAccessions!;
    let accessions = this.#byDb.get(db);
    if (accessions === undefined) this.#byDb.set(db, accessions = new Map());
    this.#lastDb = db;
    this.#lastAccessions = accessions;
    return accessions;
  }
}

/** Whether the (feature, term) pairs of `links` from `from` on link `term` already. */
function linksTerm(links: readonly number[], from: number, term: number): boolean {
  for (let j = from + 1; j < links.length; j += 2) if (links[j] === term) return true;
  return false;
}

/**
 * A prepared run without what the writer does not read: the feature models (their rows, records
 * and cross-references are prepared already) and the residue texts (encoded or kept by reference
 * already). Cheaper to send to another thread.
 *
 * @param prepared The prepared run (changed in place).
 * @returns The same run.
 *
 * @example
 * ```ts
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { prepareRun, slimForWriting } from "./prepare_run.ts";
 * const prepared = slimForWriting(await prepareRun(makeRun({ seed: 1, featuresPerSequence: 3 })));
 * if (prepared.run.features.length !== 0 || prepared.featureRows.length !== 6) throw new Error("slim");
 * ```
 */
export function slimForWriting(prepared: PreparedRun): PreparedRun {
  prepared.run = {
    ...prepared.run,
    features: [],
    sequences: prepared.run.sequences.map(({ nt: _nt, ...rest }) => rest),
  };
  for (const p of prepared.sequences) {
    const { nt: _nt, ...rest } = p.sequence;
    p.sequence = rest;
  }
  return prepared;
}

/**
 * The protein length of a CDS/sORF: the protein's when known; else, for a complete, non-pseudo
 * CDS/sORF whose span is a whole number of codons, the codons less the stop.
 */
function proteinLength(feature: Feature, span: number): number | null {
  if (feature.aa !== undefined) return feature.aa.replace(/\*$/, "").length;
  if (feature.type !== "cds" && feature.type !== "sorf") return null;
  if (feature.pseudo || feature.truncated !== undefined || span % 3 !== 0) return null;
  return span / 3 - 1;
}

function featureRow(feature: Feature, length: number, gcIndex: GcIndex | undefined): unknown[] {
  const span = spanLength(feature.start, feature.stop, feature.edge, length);
  const aa = feature.aa?.replace(/\*$/, "");
  let ntGc: number | null = null;
  if (feature.type !== "gap") {
    if (feature.nt !== undefined) ntGc = gcFraction(feature.nt);
    else if (gcIndex !== undefined) {
      ntGc = indexedSpanGc(gcIndex, feature.start, feature.stop, feature.edge);
    }
  }
  const aaHexdigest = feature.aaHexdigest ?? (aa ? md5Hex(aa) : null);
  return [
    null,
    null,
    null,
    feature.type,
    feature.start,
    feature.stop,
    feature.strand,
    feature.edge ? 1 : 0,
    feature.locusTag ?? null,
    feature.gene ?? null,
    feature.product ?? null,
    feature.frame ?? null,
    feature.hypothetical ? 1 : 0,
    feature.pseudo ? 1 : 0,
    feature.truncated ?? null,
    aaHexdigest,
    proteinLength(feature, span),
    ntGc,
    "",
    featureFamily(aaHexdigest, feature.dbXrefs),
  ];
}

function describeFeature(feature: Feature, index: number): string {
  return feature.locusTag ?? feature.id ??
    `#${index + 1} (${feature.type} ${feature.start}..${feature.stop})`;
}

function sequencesFromFeatures(features: readonly Feature[]): Sequence[] {
  const lengths = new Map<string, number>();
  for (const f of features) {
    lengths.set(f.sequenceId, Math.max(lengths.get(f.sequenceId) ?? 0, f.start, f.stop));
  }
  return [...lengths].map(([id, length]) => ({ id, length }));
}

function mostCommonPrefix(paths: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const prefix = classifyResultFile(path)?.prefix ?? win32.basename(path).replace(/\..*$/, "");
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  let best = "";
  let bestCount = 0;
  for (const [prefix, count] of counts) {
    if (count > bestCount) [best, bestCount] = [prefix, count];
  }
  return best;
}
