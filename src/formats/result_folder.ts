/**
 * Reading all the files of one Bakta run (a result folder, or a list of files) into one
 * {@linkcode BaktaRun}.
 *
 * @module
 */

// win32: file names split at "/" and "\\" alike, on every OS (lists may come from Windows).
import { win32 } from "node:path";
import { readBaktaJson } from "./bakta_json/read_bakta_json.ts";
import { checkFeatureBounds } from "./check_feature_bounds.ts";
import { decodeInput } from "./decode_input.ts";
import { detectFormat } from "./detect_format.ts";
import { readEmbl } from "./embl/read_embl.ts";
import { classifyResultFile } from "./result_file_name.ts";
import { type FastaRecord, parseFasta } from "./fasta/parse_fasta.ts";
import { fastaRecordToSequence } from "./fasta/read_fasta.ts";
import { readGenbank } from "./genbank/read_genbank.ts";
import { readGff3 } from "./gff3/read_gff3.ts";
import type { BaktaRun, Feature, RunSource, Sequence, SourceFormat } from "./model.ts";
import { ParseError } from "./parse_error.ts";
import type { ReadOptions } from "./read_options.ts";
import { readBaktaSummary } from "./summary_txt/read_bakta_summary.ts";
import type { BaktaSummary } from "./summary_txt/bakta_summary.ts";
import { summaryToStats } from "./summary_txt/summary_to_stats.ts";
import { readBaktaTsv } from "./tsv/read_bakta_tsv.ts";

/** Options of {@linkcode readResultFolder}. */
export interface ResultFolderOptions extends Pick<ReadOptions, "maxDecompressedBytes"> {
  /**
   * In a folder holding several runs, read only the files of this prefix (`<prefix>.json`, …).
   *
   * @default {undefined} (the folder must hold one run)
   */
  prefix?: string;
}

type RunReader = (input: string | Uint8Array, options?: ReadOptions) => BaktaRun;

/** Readers of formats that yield a run, richest first: the first present is the main source. */
const RUN_READERS: [SourceFormat, RunReader][] = [
  ["json", readBaktaJson],
  ["gff3", readGff3],
  ["genbank", readGenbank],
  ["embl", readEmbl],
  ["tsv", readBaktaTsv],
];

/** The priority of main sources (JSON, GFF3, GenBank, EMBL, TSV). */
const MAIN_PRIORITY: SourceFormat[] = ["json", "gff3", "genbank", "embl", "tsv"];

interface LoadedFile {
  path: string;
  name: string;
  format: SourceFormat;
  text: string;
}

/**
 * Reads the files of ONE Bakta run into one {@linkcode BaktaRun}.
 *
 * Given a folder, every file named like a Bakta output (`<prefix>.json`, `.gff3`, `.gbff`,
 * `.embl`, `.tsv`, `.inference.tsv`, `.hypotheticals.tsv`, `.fna`, `.ffn`, `.faa`, `.txt`, the
 * aliases `.gff`, `.gbk`, `.gb`, `.gbf`, `.genbank`, `.emb`, `.fasta`, `.fa`, `.fsa`, each perhaps
 * `.gz`; in a BakRep dataset `<id>.bakta.<ending>`, its record and side files left out) is
 * considered (sub-folders and other files such as `.svg`, `.png`,
 * `.log` or the input `.fasta` are ignored); given a list, every listed file is read. Each file's
 * format is detected from its content. The richest source becomes the main one (JSON, then GFF3,
 * GenBank, EMBL, TSV); the others fill its gaps: sequences (or their nucleotides, topology, type,
 * completeness) from the `.fna`, GenBank/EMBL or another source; proteins (`aa`) and feature
 * nucleotides (`nt`) from `.faa`/`.ffn` by locus tag; statistics and versions from the `.txt`
 * summary or other sources when the main one lacks them. `sources` lists every file that
 * contributed and what it gave. The side tables (`.inference.tsv`, `.hypotheticals.tsv`) are not
 * merged into the model (read them with `readInferenceTsv`/`readHypotheticalsTsv`). When the
 * main source is a `bakta_proteins` JSON or TSV (`mode: "proteins"`), the other files are not
 * merged (they have no coordinates to join on).
 *
 * @param pathOrFiles A folder, a single file, or a list of files of one run.
 * @param options Which run of a multi-run folder to read.
 * @returns The merged run.
 * @throws {ParseError} `Unexpected` when the files belong to different runs (several prefixes,
 * or sequence ids / locus tags / summary totals that do not match the main source);
 * `UnknownFormat` when there is no annotation file (JSON, GFF3, GenBank, EMBL, TSV or sequence
 * FASTA) or a listed file's format is unknown; any reader's error for a bad file;
 * `BeyondSequence` or `LinearOriginSpan` (see {@linkcode checkFeatureBounds}) when a feature does
 * not fit the sequence another file gives (a TSV with its `.fna`).
 * @throws {Deno.errors.NotFound} When a path does not exist.
 *
 * @example Reading a folder
 * ```ts ignore
 * import { readResultFolder } from "./result_folder.ts";
 * const run = await readResultFolder("results/");
 * console.log(run.sources.map((s) => `${s.file}: ${s.used.join(", ")}`));
 * ```
 */
export async function readResultFolder(
  pathOrFiles: string | string[],
  options: ResultFolderOptions = {},
): Promise<BaktaRun> {
  const given = typeof pathOrFiles === "string" ? pathOrFiles : pathOrFiles.join(", ");
  const candidates = await findRunFiles(pathOrFiles, options.prefix, given);
  const loaded = await loadFiles(candidates, options);
  const runs = new Map<LoadedFile, BaktaRun>();
  for (const file of loaded) {
    const reader = RUN_READERS.find(([format]) => format === file.format)?.[1];
    if (reader) runs.set(file, reader(file.text, { file: file.path }));
  }
  const fastas = loaded.filter((f) => f.format === "fasta")
    .map((file) => ({ file, records: parseFasta(file.text, { file: file.path }) }));
  const summaries = loaded.filter((f) => f.format === "txt")
    .map((file) => ({ file, summary: readBaktaSummary(file.text, { file: file.path }) }));
  const merge = startMerge(loaded, runs, fastas, given);
  const { run } = merge;
  if (run.mode !== "proteins") {
    for (const [file, other] of runs) mergeOtherRun(merge, file, other);
    for (const { file, records } of fastas) mergeFasta(merge, file, records);
    for (const { file, summary } of summaries) mergeSummary(merge, file, summary);
  }
  run.sources = merge.sources;
  if (run.mode === "genome") checkFeatureBounds(run, merge.mainPath);
  return run;
}

/** A Bakta file found for the run: its path, its base name and what its name says it holds. */
interface RunFileCandidate {
  /** The path, as listed or given. */
  path: string;
  /** The file name without its folder. */
  name: string;
  /** What the name says (kind, prefix, BakRep), or undefined for a name Bakta does not write. */
  naming: ReturnType<typeof classifyResultFile>;
}

/**
 * The files of one run among those listed or in the folder: Bakta names only in a folder, the
 * BakRep record left out, those of `prefix` when given; throws when several runs remain.
 */
async function findRunFiles(
  pathOrFiles: string | string[],
  prefix: string | undefined,
  given: string,
): Promise<RunFileCandidate[]> {
  const { paths, folder } = await listFiles(pathOrFiles);
  let candidates = paths
    .map((path) => ({ path, name: win32.basename(path), naming: classifyResultFile(path) }))
    .filter(({ naming }) => !folder || naming?.readable);
  if (candidates.some(({ naming }) => naming?.bakrep)) {
    // In a BakRep dataset, `<id>.json` is the dataset record, not a Bakta JSON.
    candidates = candidates.filter(({ naming }) => !(naming?.kind === "json" && !naming.bakrep));
  }
  if (prefix !== undefined) {
    candidates = candidates.filter(({ naming }) => naming?.prefix === prefix);
  }
  const prefixes = new Set(
    candidates.map(({ naming }) => naming?.prefix).filter((p) => p !== undefined),
  );
  if (prefixes.size > 1) {
    throw new ParseError(
      "Unexpected",
      `the files belong to more than one run (prefixes ${
        [...prefixes].map((p) => `"${p}"`).join(", ")
      }): pass the files of one run, or choose one with the "prefix" option`,
      { file: given },
    );
  }
  return candidates;
}

/** Reads and decodes each file and detects its format from its content. */
async function loadFiles(
  candidates: RunFileCandidate[],
  options: ResultFolderOptions,
): Promise<LoadedFile[]> {
  const loaded: LoadedFile[] = [];
  for (const { path, name } of candidates) {
    const bytes = await Deno.readFile(path);
    const text = decodeInput(bytes, path, options.maxDecompressedBytes);
    const format = detectFormat(text, name.replace(/\.gz$/i, ""));
    loaded.push({ path, name, format, text });
  }
  return loaded;
}

/** The merge under way: the main run, where it came from, and what the others are joined on. */
interface RunMerge {
  /** The run the other files fill. */
  run: BaktaRun;
  /** The main source's path, named in errors. */
  mainPath: string;
  /** The main source, when it is a run file (not a sequence FASTA). */
  mainFile: LoadedFile | undefined;
  /** Every file that contributed so far and what it gave. */
  sources: RunSource[];
  /** The sequence ids of the main source (its sequences and its features'). */
  mainIds: Set<string>;
  /** The main source's features by locus tag. */
  locusTags: Map<string, Feature>;
}

/**
 * Chooses the main source (the richest run file, else a sequence FASTA) and starts the merge
 * from it; throws `UnknownFormat` when there is neither.
 */
function startMerge(
  loaded: LoadedFile[],
  runs: Map<LoadedFile, BaktaRun>,
  fastas: { file: LoadedFile; records: FastaRecord[] }[],
  given: string,
): RunMerge {
  const mainFile = MAIN_PRIORITY
    .map((format) => loaded.find((f) => f.format === format && runs.has(f)))
    .find((f) => f !== undefined);
  let run: BaktaRun;
  let mainPath: string;
  const sources: RunSource[] = [];
  if (mainFile !== undefined) {
    run = runs.get(mainFile)!;
    mainPath = mainFile.path;
    sources.push(...run.sources);
  } else {
    const sequenceFasta = fastas.find(({ records }) =>
      records.length > 0 && !looksLikeFeatureFasta(records)
    );
    if (sequenceFasta === undefined) {
      throw new ParseError(
        "UnknownFormat",
        `no Bakta annotation file (JSON, GFF3, GenBank, EMBL, TSV or sequence FASTA) among ${
          loaded.length === 0 ? "no files" : loaded.map((f) => `${f.name} (${f.format})`).join(", ")
        }`,
        { file: given },
      );
    }
    run = { ...emptyRun(), sequences: sequenceFasta.records.map(fastaRecordToSequence) };
    mainPath = sequenceFasta.file.path;
    sources.push({ file: mainPath, format: "fasta", used: ["sequences"] });
  }
  const mainIds = new Set<string>([
    ...run.sequences.map((s) => s.id),
    ...run.features.map((f) => f.sequenceId),
  ]);
  const locusTags = new Map(run.features.filter((f) => f.locusTag).map((f) => [f.locusTag!, f]));
  return { run, mainPath, mainFile, sources, mainIds, locusTags };
}

/** Fills the main run's gaps from another run file of the same run (same sequence ids). */
function mergeOtherRun(merge: RunMerge, file: LoadedFile, other: BaktaRun): void {
  if (file === merge.mainFile || other.mode === "proteins") return;
  const { mainIds } = merge;
  const ids = [...other.sequences.map((s) => s.id), ...other.features.map((f) => f.sequenceId)];
  if (mainIds.size > 0 && ids.length > 0 && !ids.some((id) => mainIds.has(id))) {
    throw differentRun(file.path, merge.mainPath, "none of its sequence ids is in the main source");
  }
  const used = mergeRun(merge.run, other);
  if (used.length > 0) merge.sources.push({ file: file.path, format: file.format, used });
}

/**
 * Fills the main run from a FASTA file: sequences (by sequence id, or all of them when the main
 * source has none), or feature nucleotides/proteins by locus tag.
 */
function mergeFasta(merge: RunMerge, file: LoadedFile, records: FastaRecord[]): void {
  const { run, mainIds, locusTags } = merge;
  if (file.path === merge.mainPath || records.length === 0) return;
  let used: string[] = [];
  // A main source without sequences or features (a TSV with no rows) takes the FASTA's.
  const fills = mainIds.size === 0 && !looksLikeFeatureFasta(records);
  if (fills || records.some((r) => mainIds.has(r.id))) {
    used = mergeRun(run, { ...emptyRun(), sequences: records.map(fastaRecordToSequence) });
  } else if (records.some((r) => locusTags.has(r.id))) {
    const field = looksLikeProtein(records) ? "aa" : "nt";
    let filled = 0;
    for (const record of records) {
      const feature = locusTags.get(record.id);
      if (feature && feature[field] === undefined) {
        feature[field] = record.sequence;
        filled++;
      }
    }
    if (filled > 0) used.push(`features.${field}`);
  } else {
    throw differentRun(
      file.path,
      merge.mainPath,
      "none of its record ids is a sequence id or locus tag of the main source",
    );
  }
  if (used.length > 0) merge.sources.push({ file: file.path, format: "fasta", used });
}

/** Checks the main run against a `.txt` summary and takes its statistics and versions if missing. */
function mergeSummary(merge: RunMerge, file: LoadedFile, summary: BaktaSummary): void {
  const { run } = merge;
  checkSummary(run, summary, file.path, merge.mainPath);
  const used: string[] = [];
  if (run.stats === undefined) {
    run.stats = summaryToStats(summary);
    used.push("stats");
  }
  if (fillSoftware(run, summary)) used.push("software");
  if (used.length > 0) merge.sources.push({ file: file.path, format: "txt", used });
}

function emptyRun(): BaktaRun {
  return { mode: "genome", genome: {}, software: {}, sequences: [], features: [], sources: [] };
}

function differentRun(path: string, mainPath: string, why: string): ParseError {
  return new ParseError(
    "Unexpected",
    `the file looks like a different run than ${mainPath}: ${why}`,
    { file: path },
  );
}

/** Fills the main run's gaps from another run of the same annotation; returns what was used. */
function mergeRun(run: BaktaRun, other: BaktaRun): string[] {
  const used = new Set<string>();
  if (run.sequences.length === 0 && other.sequences.length > 0) {
    run.sequences = other.sequences.map((s) => ({ ...s }));
    used.add("sequences");
  } else {
    const byId = new Map(other.sequences.map((s) => [s.id, s]));
    for (const sequence of run.sequences) {
      const source = byId.get(sequence.id);
      if (!source) continue;
      for (const key of SEQUENCE_FILL_KEYS) {
        if (sequence[key] === undefined && source[key] !== undefined) {
          fillField(sequence, source, key);
          used.add(`sequences.${key}`);
        }
      }
    }
  }
  for (const [key, value] of Object.entries(other.genome)) {
    const genome = run.genome as Record<string, unknown>;
    if (genome[key] === undefined && value !== undefined) {
      genome[key] = value;
      used.add("genome");
    }
  }
  const { bakta, db, dbType } = other.software;
  if (fillSoftware(run, { software: bakta, db, dbType })) {
    used.add("software");
  }
  if (run.stats === undefined && other.stats !== undefined) {
    run.stats = other.stats;
    used.add("stats");
  }
  if (run.run === undefined && other.run !== undefined) {
    run.run = other.run;
    used.add("run");
  }
  if (run.features.length > 0 && other.features.length > 0) {
    const byLocus = new Map(other.features.filter((f) => f.locusTag).map((f) => [f.locusTag, f]));
    for (const feature of run.features) {
      if (!feature.locusTag) continue;
      const source = byLocus.get(feature.locusTag);
      if (!source) continue;
      for (const key of ["aa", "nt"] as const) {
        if (feature[key] === undefined && source[key] !== undefined) {
          feature[key] = source[key];
          used.add(`features.${key}`);
        }
      }
    }
  }
  return [...used];
}

/** Copies `source[key]` to `target[key]` (one key of one type on both sides). */
function fillField<K extends keyof Sequence>(target: Sequence, source: Sequence, key: K): void {
  target[key] = source[key];
}

const SEQUENCE_FILL_KEYS: (keyof Sequence)[] = [
  "nt",
  "description",
  "type",
  "topology",
  "complete",
  "name",
  "origId",
  "origDescription",
];

/** Fills missing software fields; returns whether anything was filled. */
function fillSoftware(
  run: BaktaRun,
  from: { software?: string; db?: string; dbType?: string },
): boolean {
  let filled = false;
  if (run.software.bakta === undefined && from.software !== undefined) {
    run.software.bakta = from.software;
    filled = true;
  }
  if (run.software.db === undefined && from.db !== undefined) {
    run.software.db = from.db;
    filled = true;
  }
  if (run.software.dbType === undefined && from.dbType !== undefined) {
    run.software.dbType = from.dbType;
    filled = true;
  }
  return filled;
}

/** Throws when a `.txt` summary's totals contradict the main source's sequences. */
function checkSummary(run: BaktaRun, summary: BaktaSummary, path: string, mainPath: string) {
  if (run.sequences.length === 0) return;
  const count = run.sequences.length;
  const length = run.sequences.reduce((sum, s) => sum + s.length, 0);
  if (summary.sequences.count !== count || summary.sequences.length !== length) {
    throw differentRun(
      path,
      mainPath,
      `it counts ${summary.sequences.count} sequences of ${summary.sequences.length} bp, the main ` +
        `source ${count} of ${length} bp`,
    );
  }
  if (summary.software !== undefined && run.software.bakta !== undefined) {
    if (summary.software !== run.software.bakta) {
      throw differentRun(
        path,
        mainPath,
        `it names Bakta ${summary.software}, the main source ${run.software.bakta}`,
      );
    }
  }
}

/** Protein FASTA holds letters beyond the nucleotide alphabet in its first records. */
function looksLikeProtein(records: FastaRecord[]): boolean {
  return records.slice(0, 20).some((r) => /[EFIJLOPQXZ*]/i.test(r.sequence));
}

/** Feature FASTA (`.ffn`, `.faa`): many short records, as opposed to a few long sequences. */
function looksLikeFeatureFasta(records: FastaRecord[]): boolean {
  return looksLikeProtein(records) ||
    (records.length > 20 && records.every((r) => r.sequence.length < 20_000));
}

async function listFiles(
  pathOrFiles: string | string[],
): Promise<{ paths: string[]; folder: boolean }> {
  if (Array.isArray(pathOrFiles)) {
    if (pathOrFiles.length === 0) throw new TypeError("Cannot read a run: the file list is empty");
    return { paths: pathOrFiles, folder: false };
  }
  const info = await Deno.stat(pathOrFiles);
  if (!info.isDirectory) return { paths: [pathOrFiles], folder: false };
  const paths: string[] = [];
  for await (const entry of Deno.readDir(pathOrFiles)) {
    if (entry.isFile) paths.push(`${pathOrFiles.replace(/[\\/]+$/, "")}/${entry.name}`);
  }
  paths.sort();
  return { paths, folder: true };
}
