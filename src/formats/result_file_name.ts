/**
 * What a file name says: whether it is a Bakta output (or a BakRep side file), of which run prefix
 * and kind — `<prefix>.json`, `.gff3`, `.gbff`, … each perhaps `.gz`, the usual aliases (`.gff`,
 * `.gbk`, `.fasta`, …), and BakRep's `<id>.bakta.<ending>` and `<id>.<tool>.json`.
 *
 * @module
 */

// win32: file names split at "/" and "\\" alike, on every OS (lists may come from Windows).
import { win32 } from "node:path";

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
  /**
   * Whether the name is BakRep's: a Bakta output named `<id>.bakta.<ending>` (the prefix is then
   * `<id>`) or a BakRep side file (`<id>.checkm2.json`, `.gtdbtk.json`, `.mlst.json`,
   * `.assemblyscan.json`).
   */
  bakrep?: boolean;
}

/**
 * Name endings of Bakta outputs and BakRep side files, in the order they are tried (an ending
 * before any ending it ends with): [suffix, kind, readable, annotation].
 */
const SUFFIXES: readonly [string, string, boolean, boolean][] = [
  [".checkm2.json", "bakrep-checkm2", false, false],
  [".gtdbtk.json", "bakrep-gtdbtk", false, false],
  [".mlst.json", "bakrep-mlst", false, false],
  [".assemblyscan.json", "bakrep-assemblyscan", false, false],
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
  [".gff", "gff3", true, true],
  [".gbk", "genbank", true, true],
  [".gbf", "genbank", true, true],
  [".gb", "genbank", true, true],
  [".genbank", "genbank", true, true],
  [".emb", "embl", true, true],
  [".fasta", "fna", true, false],
  [".fsa", "fna", true, false],
  [".fa", "fna", true, false],
];

/**
 * The kinds a run can be read from (an annotation, or the genome's sequences alone).
 *
 * @example
 * ```ts
 * import { RUN_KINDS } from "./result_file_name.ts";
 * if (!RUN_KINDS.has("gff3") || RUN_KINDS.has("txt")) throw new Error("unexpected");
 * ```
 */
export const RUN_KINDS: ReadonlySet<string> = new Set([
  "json",
  "gff3",
  "genbank",
  "embl",
  "tsv",
  "fna",
]);

/** The infix of Bakta outputs in a BakRep dataset (`<id>.bakta.json.gz`). */
const BAKREP_BAKTA_INFIX = ".bakta";

/**
 * Classifies a file name as a Bakta output (by its ending, `.gz` allowed).
 *
 * @param name The file name (a path is cut to its last part).
 * @returns Its prefix and kind, or undefined when it is not named like a Bakta output.
 *
 * @example
 * ```ts
 * import { classifyResultFile } from "./result_file_name.ts";
 * const c = classifyResultFile("results/C22.gff3.gz");
 * if (c?.prefix !== "C22" || c.kind !== "gff3" || !c.gzipped) throw new Error("unexpected");
 * if (classifyResultFile("LICENSE.source") !== undefined) throw new Error("not a Bakta file");
 * ```
 */
export function classifyResultFile(name: string): ResultFileName | undefined {
  const fileName = win32.basename(name);
  const gzipped = /\.gz$/i.test(fileName);
  const bare = gzipped ? fileName.slice(0, -3) : fileName;
  for (const [suffix, kind, readable, annotation] of SUFFIXES) {
    if (bare.length > suffix.length && bare.toLowerCase().endsWith(suffix)) {
      const prefix = bare.slice(0, -suffix.length);
      const c: ResultFileName = { prefix, kind, gzipped, readable, annotation };
      if (kind.startsWith("bakrep-")) c.bakrep = true;
      else if (prefix.length > BAKREP_BAKTA_INFIX.length && prefix.endsWith(BAKREP_BAKTA_INFIX)) {
        c.prefix = prefix.slice(0, -BAKREP_BAKTA_INFIX.length);
        c.bakrep = true;
      }
      return c;
    }
  }
  return undefined;
}
