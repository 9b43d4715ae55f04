/**
 * Finding the files of Bakta runs: what a file name says (its run prefix and kind), grouping loose
 * files into runs, and expanding the folders, files and globs given to an import.
 *
 * @module
 */

// win32: file names split at "/" and "\\" alike, on every OS (lists may come from Windows).
import { win32 } from "node:path";
import { globSync } from "node:fs";
import { detectFormat } from "../formats/detect_format.ts";
import type { SourceFormat } from "../formats/model.ts";
import { classifyResultFile, type ResultFileName, RUN_KINDS } from "../formats/result_file_name.ts";

export { classifyResultFile, type ResultFileName };

/** What marks a run as a BakRep dataset. */
export interface BakrepRunFiles {
  /** The dataset id (the run prefix). */
  id: string;
  /** The dataset record `<id>.json` (sizes and MD5s of the files), where present. */
  record?: string;
}

/** The files of one run. */
export interface RunFileGroup {
  /** The run prefix (the genome's default name). */
  prefix: string;
  /** The folder the files are in (`.` for bare names). */
  folder: string;
  /** The files' paths, sorted. */
  paths: string[];
  /**
   * For files not named like Bakta outputs but given by name: the kind read from their content
   * (path → kind, e.g. `gff3`).
   */
  kinds?: Record<string, string>;
  /** Present when the run is a BakRep dataset: its id and record (not among `paths`). */
  bakrep?: BakrepRunFiles;
}

/** A file given by name whose content is not a Bakta output. */
export interface RejectedFile {
  /** The file. */
  path: string;
  /** Why it is not read. */
  error: Error;
}

/** What {@linkcode collectRunFiles} found. */
export interface CollectedRunFiles {
  /** The runs, in the order their first file was found. */
  groups: RunFileGroup[];
  /** Files found in folders or by globs that are not Bakta outputs nor BakRep side files. */
  ignored: string[];
  /** Items that matched nothing (a missing path, or a glob without matches). */
  missing: string[];
  /** Files given by name whose content is not a Bakta output. */
  rejected: RejectedFile[];
}

/** Options of {@linkcode collectRunFiles}. */
export interface CollectRunFilesOptions {
  /**
   * Descend into sub-folders of given folders.
   * @default false
   */
  recursive?: boolean;
}

/** The kind of file each detected content format is stored as. */
const FORMAT_KINDS: Record<SourceFormat, string> = {
  json: "json",
  gff3: "gff3",
  genbank: "genbank",
  embl: "embl",
  tsv: "tsv",
  "inference-tsv": "inference-tsv",
  "hypotheticals-tsv": "hypotheticals-tsv",
  fasta: "fna",
  txt: "txt",
};

/**
 * Classifies a file by its content, for a file given by name whatever its name: the kind
 * {@linkcode detectFormat} reads from its start (gzip allowed), and a run prefix from its name
 * (the name without `.gz` and its last extension).
 *
 * @param path The file.
 * @returns Its prefix and kind.
 * @throws {ParseError} `UnknownFormat` when the content is not a Bakta output.
 *
 * @example A GFF3 file named `.txt`
 * ```ts
 * import { classifyFileContent } from "./run_files.ts";
 * const path = await Deno.makeTempFile({ suffix: ".notes.txt" });
 * await Deno.writeTextFile(path, "##gff-version 3\n");
 * const c = await classifyFileContent(path);
 * await Deno.remove(path);
 * if (c.kind !== "gff3" || !c.readable) throw new Error("expected GFF3 by content");
 * ```
 */
export async function classifyFileContent(path: string): Promise<ResultFileName> {
  const file = await Deno.open(path);
  try {
    const head = new Uint8Array(64 * 1024);
    const n = (await file.read(head)) ?? 0;
    return classifyContent(path, head.subarray(0, n));
  } finally {
    file.close();
  }
}

/**
 * Classifies bytes by their content (see {@linkcode classifyFileContent}).
 *
 * @param name The file name (for the prefix and messages).
 * @param bytes The file's bytes, or its start.
 * @returns Its prefix and kind.
 * @throws {ParseError} `UnknownFormat` when the content is not a Bakta output.
 *
 * @example
 * ```ts
 * import { classifyContent } from "./run_files.ts";
 * const c = classifyContent("C100", new TextEncoder().encode("LOCUS       c1  10 bp\n"));
 * if (c.prefix !== "C100" || c.kind !== "genbank" || !c.annotation) throw new Error("GenBank");
 * ```
 */
export function classifyContent(name: string, bytes: Uint8Array): ResultFileName {
  const kind = FORMAT_KINDS[detectFormat(bytes, name)];
  const base = win32.basename(name);
  const gzipped = /\.gz$/i.test(base);
  const bare = gzipped ? base.slice(0, -3) : base;
  const prefix = bare.replace(/(.)\.[^.]*$/, "$1");
  const annotation = RUN_KINDS.has(kind) && kind !== "fna";
  return { prefix, kind, gzipped, readable: true, annotation };
}

/** Options of {@linkcode groupRunFiles}. */
export interface GroupRunFilesOptions {
  /**
   * Files classified by content (given by name, not named like Bakta outputs): path → class.
   * @default {}
   */
  classified?: ReadonlyMap<string, ResultFileName>;
}

/**
 * Groups file paths into runs by folder and prefix (`C22.gff3.gz` alone is a run;
 * `assembly.json`, `assembly.gff3`, … of one folder are one run). A BakRep dataset
 * (`<id>.bakta.json.gz`, `<id>.checkm2.json.gz`, …, `<id>.json`) is one run `<id>` whose
 * `bakrep` names the dataset record. Files that are not Bakta outputs, and runs with nothing to read
 * a run from (only a `.txt`, `.svg`, `.log`, `.faa`…), are ignored.
 *
 * @param paths File paths.
 * @param options Files already classified by content.
 * @returns The runs and the ignored files.
 *
 * @example
 * ```ts
 * import { groupRunFiles } from "./run_files.ts";
 * const { groups, ignored } = groupRunFiles(["a/x.json", "a/x.gff3", "a/y.gff3.gz", "a/NOTES.md"]);
 * if (groups.length !== 2 || groups[0].paths.length !== 2 || ignored[0] !== "a/NOTES.md") {
 *   throw new Error("unexpected");
 * }
 * ```
 *
 * @example A BakRep dataset
 * ```ts
 * import { groupRunFiles } from "./run_files.ts";
 * const { groups } = groupRunFiles(["d/S1.bakta.json.gz", "d/S1.checkm2.json.gz", "d/S1.json"]);
 * if (groups.length !== 1 || groups[0].prefix !== "S1" || groups[0].bakrep?.record !== "d/S1.json") {
 *   throw new Error("one BakRep run S1");
 * }
 * ```
 */
export function groupRunFiles(
  paths: readonly string[],
  options: GroupRunFilesOptions = {},
): Omit<CollectedRunFiles, "missing" | "rejected"> {
  const groups = new Map<string, { group: RunFileGroup; classes: ResultFileName[] }>();
  const ignored: string[] = [];
  for (const path of new Set(paths)) {
    const c = classifyResultFile(path) ?? options.classified?.get(path);
    if (c === undefined) {
      ignored.push(path);
      continue;
    }
    const folder = win32.dirname(path);
    const key = `${folder}\u0000${c.prefix}`;
    let entry = groups.get(key);
    if (entry === undefined) {
      entry = { group: { prefix: c.prefix, folder, paths: [] }, classes: [] };
      groups.set(key, entry);
    }
    entry.group.paths.push(path);
    entry.classes.push(c);
    if (options.classified?.has(path)) (entry.group.kinds ??= {})[path] = c.kind;
  }
  const runs: RunFileGroup[] = [];
  for (const { group, classes } of groups.values()) {
    if (classes.some((c) => c.bakrep)) markBakrep(group, classes);
    const readable = classes.some((c) => RUN_KINDS.has(c.kind) && !isRecord(group, c));
    if (readable || group.bakrep?.record !== undefined) {
      group.paths.sort();
      runs.push(group);
    } else {
      ignored.push(...group.paths);
    }
  }
  return { groups: runs, ignored };
}

/** Marks a group as a BakRep dataset, taking its `<id>.json` out of the paths as the record. */
function markBakrep(group: RunFileGroup, classes: ResultFileName[]): void {
  group.bakrep = { id: group.prefix };
  const at = classes.findIndex((c) => c.kind === "json" && !c.bakrep);
  if (at >= 0) {
    group.bakrep.record = group.paths[at];
    group.paths.splice(at, 1);
    classes.splice(at, 1);
  }
}

function isRecord(group: RunFileGroup, c: ResultFileName): boolean {
  return group.bakrep !== undefined && c.kind === "json" && !c.bakrep;
}

/**
 * Whether a string is a glob pattern (has `*`, `?`, `[` or `{`).
 *
 * @param item A folder, file or glob given to an import.
 * @returns True for a glob.
 *
 * @example Telling globs from paths
 * ```ts
 * import { isGlob } from "./run_files.ts";
 * if (!isGlob("runs/*.gff3.gz") || !isGlob("runs/C{22,23}.json")) throw new Error("a glob");
 * if (isGlob("runs/C22.gff3.gz")) throw new Error("a plain path");
 * ```
 */
export function isGlob(item: string): boolean {
  return /[*?[{]/.test(item);
}

/**
 * Expands import items (folders, files and globs) into runs: a folder gives its files (and with
 * `recursive` those of its sub-folders; a sub-folder `<id>/` holding a BakRep dataset `<id>.*` is
 * always entered), a glob its matches (expanded with `node:fs` `globSync`), a file itself. A file
 * given by name is read whatever its name: when the name is not a Bakta output's, its content
 * decides (a file whose content is not a Bakta output is `rejected`). Every file found is then
 * grouped by folder and prefix ({@linkcode groupRunFiles}).
 *
 * @param items Folders, files and globs.
 * @param options Whether to descend into sub-folders.
 * @returns The runs, ignored and rejected files, and items that matched nothing.
 *
 * @example A folder with two runs, a stray file and a glob
 * ```ts
 * import { collectRunFiles } from "./run_files.ts";
 * const dir = await Deno.makeTempDir();
 * for (const name of ["x.json", "x.gff3", "y.gff3.gz", "NOTES.md"]) {
 *   await Deno.writeTextFile(`${dir}/${name}`, "");
 * }
 * const { groups, ignored, missing } = await collectRunFiles([dir, `${dir}/nothing*.tsv`]);
 * await Deno.remove(dir, { recursive: true });
 * if (groups.map((g) => `${g.prefix}:${g.paths.length}`).join() !== "x:2,y:1") {
 *   throw new Error("expected runs x (2 files) and y (1 file)");
 * }
 * if (ignored[0] !== `${dir}/NOTES.md` || missing[0] !== `${dir}/nothing*.tsv`) {
 *   throw new Error("unexpected ignored or missing items");
 * }
 * ```
 */
export async function collectRunFiles(
  items: readonly string[],
  options: CollectRunFilesOptions = {},
): Promise<CollectedRunFiles> {
  const collector = new FileCollector(options.recursive ?? false);
  for (const item of items) {
    if (isGlob(item)) {
      const matches = (globSync(item) as string[]).sort();
      if (matches.length === 0) collector.missing.push(item);
      for (const match of matches) await collector.addPath(match, false);
    } else if (!(await collector.addPath(item, true))) {
      collector.missing.push(item);
    }
  }
  const { files, classified, missing, rejected } = collector;
  return { ...groupRunFiles(files, { classified }), missing, rejected };
}

/** The files of import items, as they are found. */
class FileCollector {
  readonly files: string[] = [];
  readonly classified = new Map<string, ResultFileName>();
  readonly missing: string[] = [];
  readonly rejected: RejectedFile[] = [];
  readonly #recursive: boolean;

  constructor(recursive: boolean) {
    this.#recursive = recursive;
  }

  /** Adds a path; false when it does not exist. */
  async addPath(path: string, explicit: boolean): Promise<boolean> {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return false;
      throw error;
    }
    if (info.isDirectory) await this.#addFolder(path, explicit || this.#recursive);
    else if (info.isFile && explicit) await this.#addNamedFile(path);
    else if (info.isFile) this.files.push(path);
    return true;
  }

  /** A file given by name: read by content when its name is not a Bakta output's. */
  async #addNamedFile(path: string): Promise<void> {
    if (classifyResultFile(path) !== undefined) {
      this.files.push(path);
      return;
    }
    try {
      this.classified.set(path, await classifyFileContent(path));
      this.files.push(path);
    } catch (error) {
      this.rejected.push({
        path,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }

  async #addFolder(folder: string, descend: boolean): Promise<void> {
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(folder)) entries.push(entry);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const base = folder.replace(/[\\/]+$/, "") || "/";
    for (const entry of entries) {
      const path = base === "/" ? `/${entry.name}` : `${base}/${entry.name}`;
      if (entry.isFile) this.files.push(path);
      else if (entry.isDirectory && descend && this.#recursive) await this.#addFolder(path, true);
      else if (entry.isDirectory && await isBakrepDatasetFolder(path, entry.name)) {
        await this.#addFolder(path, false);
      } else if (entry.isSymlink) {
        const info = await Deno.stat(path).catch(() => undefined);
        if (info?.isFile) this.files.push(path);
      }
    }
  }
}

/** Whether a folder named `<id>` holds BakRep files of that id (`<id>.bakta.…`, `<id>.json`). */
async function isBakrepDatasetFolder(path: string, id: string): Promise<boolean> {
  for await (const entry of Deno.readDir(path)) {
    if (entry.name.startsWith(`${id}.`) && classifyResultFile(entry.name)?.bakrep) return true;
  }
  return false;
}
