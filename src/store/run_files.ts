/**
 * Finding the files of Bakta runs: what a file name says (its run prefix and kind), grouping loose
 * files into runs, and expanding the folders, files and globs given to an import.
 *
 * @module
 */

import { globSync } from "node:fs";

/** A file name classified as a Bakta output. */
export interface ResultFileName {
  /** The run prefix (`assembly` of `assembly.gff3.gz`). */
  prefix: string;
  /** The kind: `json`, `gff3`, `genbank`, `embl`, `tsv`, `inference-tsv`, `hypotheticals-tsv`,
   * `hypotheticals-faa`, `faa`, `ffn`, `fna`, `txt`, `svg`, `png`, `log` or `input-fasta`. */
  kind: string;
  /** Whether the name ends in `.gz`. */
  gzipped: boolean;
  /** Whether the readers read it (the others are only stored). */
  readable: boolean;
  /** Whether it holds an annotation (JSON, GFF3, GenBank, EMBL or the feature TSV). */
  annotation: boolean;
}

/** The files of one run. */
export interface RunFileGroup {
  /** The run prefix (the genome's default name). */
  prefix: string;
  /** The folder the files are in (`.` for bare names). */
  folder: string;
  /** The files' paths, sorted. */
  paths: string[];
}

/** What {@linkcode collectRunFiles} found. */
export interface CollectedRunFiles {
  /** The runs, in the order their first file was found. */
  groups: RunFileGroup[];
  /** Files that are not named like a Bakta output (skipped). */
  ignored: string[];
  /** Items that matched nothing (a missing path, or a glob without matches). */
  missing: string[];
}

/** Options of {@linkcode collectRunFiles}. */
export interface CollectRunFilesOptions {
  /**
   * Descend into sub-folders of given folders.
   * @default false
   */
  recursive?: boolean;
}

/** Name endings of Bakta outputs, longest first: [suffix, kind, readable, annotation]. */
const SUFFIXES: readonly [string, string, boolean, boolean][] = [
  [".hypotheticals.tsv", "hypotheticals-tsv", true, false],
  [".hypotheticals.faa", "hypotheticals-faa", true, false],
  [".inference.tsv", "inference-tsv", true, false],
  [".input.fasta", "input-fasta", false, false],
  [".json", "json", true, true],
  [".gff3", "gff3", true, true],
  [".gbff", "genbank", true, true],
  [".embl", "embl", true, true],
  [".tsv", "tsv", true, true],
  [".fna", "fna", true, false],
  [".ffn", "ffn", true, false],
  [".faa", "faa", true, false],
  [".txt", "txt", true, false],
  [".svg", "svg", false, false],
  [".png", "png", false, false],
  [".log", "log", false, false],
];

/**
 * Classifies a file name as a Bakta output (by its ending, `.gz` allowed).
 *
 * @param name The file name (a path is cut to its last part).
 * @returns Its prefix and kind, or undefined when it is not named like a Bakta output.
 *
 * @example
 * ```ts
 * import { classifyResultFile } from "./run_files.ts";
 * const c = classifyResultFile("results/C22.gff3.gz");
 * if (c?.prefix !== "C22" || c.kind !== "gff3" || !c.gzipped) throw new Error("unexpected");
 * if (classifyResultFile("LICENSE.source") !== undefined) throw new Error("not a Bakta file");
 * ```
 */
export function classifyResultFile(name: string): ResultFileName | undefined {
  const base = baseName(name);
  const gzipped = /\.gz$/i.test(base);
  const bare = gzipped ? base.slice(0, -3) : base;
  for (const [suffix, kind, readable, annotation] of SUFFIXES) {
    if (bare.length > suffix.length && bare.toLowerCase().endsWith(suffix)) {
      return { prefix: bare.slice(0, -suffix.length), kind, gzipped, readable, annotation };
    }
  }
  return undefined;
}

/**
 * Groups file paths into runs by folder and prefix (`C22.gff3.gz` alone is a run;
 * `assembly.json`, `assembly.gff3`, … of one folder are one run).
 *
 * @param paths File paths.
 * @returns The runs and the files that are not named like Bakta outputs.
 *
 * @example
 * ```ts
 * import { groupRunFiles } from "./run_files.ts";
 * const { groups, ignored } = groupRunFiles(["a/x.json", "a/x.gff3", "a/y.gff3.gz", "a/NOTES.md"]);
 * if (groups.length !== 2 || groups[0].paths.length !== 2 || ignored[0] !== "a/NOTES.md") {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function groupRunFiles(paths: readonly string[]): Omit<CollectedRunFiles, "missing"> {
  const groups = new Map<string, RunFileGroup>();
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) continue;
    seen.add(path);
    const c = classifyResultFile(path);
    if (c === undefined) {
      ignored.push(path);
      continue;
    }
    const folder = folderOf(path);
    const key = `${folder}\u0000${c.prefix}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { prefix: c.prefix, folder, paths: [] };
      groups.set(key, group);
    }
    group.paths.push(path);
  }
  for (const group of groups.values()) group.paths.sort();
  return { groups: [...groups.values()], ignored };
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
 * `recursive` those of its sub-folders), a glob its matches (expanded with `node:fs` `globSync`),
 * a file itself; then every file found is grouped by folder and prefix.
 *
 * @param items Folders, files and globs.
 * @param options Whether to descend into sub-folders.
 * @returns The runs, ignored files and items that matched nothing.
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
  const { recursive = false } = options;
  const files: string[] = [];
  const missing: string[] = [];
  const addPath = async (path: string, explicit: boolean): Promise<boolean> => {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return false;
      throw error;
    }
    if (info.isDirectory) {
      await addFolder(path, explicit || recursive);
    } else if (info.isFile) {
      files.push(path);
    }
    return true;
  };
  const addFolder = async (folder: string, descend: boolean) => {
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(folder)) entries.push(entry);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const base = folder.replace(/[\\/]+$/, "") || "/";
    for (const entry of entries) {
      const path = base === "/" ? `/${entry.name}` : `${base}/${entry.name}`;
      if (entry.isFile) files.push(path);
      else if (entry.isDirectory && descend && recursive) await addFolder(path, true);
      else if (entry.isSymlink) {
        const info = await Deno.stat(path).catch(() => undefined);
        if (info?.isFile) files.push(path);
      }
    }
  };
  for (const item of items) {
    if (isGlob(item)) {
      const matches = (globSync(item) as string[]).sort();
      if (matches.length === 0) missing.push(item);
      for (const match of matches) await addPath(match, false);
    } else if (!(await addPath(item, true))) {
      missing.push(item);
    }
  }
  return { ...groupRunFiles(files), missing };
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1];
}

function folderOf(path: string): string {
  const at = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return at < 0 ? "." : at === 0 ? "/" : path.slice(0, at);
}
