/**
 * The reader of Bakta's feature table (`<prefix>.tsv`).
 *
 * @module
 */

import { decodeInput } from "../decode_input.ts";
import type {
  BaktaRun,
  CrisprPart,
  DbXref,
  Feature,
  FeatureType,
  SoftwareVersions,
  Strand,
  Truncation,
} from "../model.ts";
import { ParseError } from "../parse_error.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { parseDigits, readVersionComment, splitLines } from "./_tsv_support.ts";

/**
 * The `original.record` of a feature read from a TSV: its line number and the line as written
 * (`text.split("\t")` gives the columns, the product with its prefix, DbXrefs joined by `, `).
 */
export interface TsvOriginalRecord {
  /** The 1-based line number. */
  line: number;
  /** The line, without its line end. */
  text: string;
  /** For a CRISPR array: the `crispr-repeat`/`crispr-spacer` rows that followed it. */
  parts?: { line: number; text: string }[];
}

/** The column names of the genome feature table, in order. */
export const BAKTA_TSV_COLUMNS: readonly string[] = [
  "#Sequence Id",
  "Type",
  "Start",
  "Stop",
  "Strand",
  "Locus Tag",
  "Gene",
  "Product",
  "DbXrefs",
];

/** The column names of the `bakta_proteins` TSV, in order. */
export const BAKTA_PROTEINS_TSV_COLUMNS: readonly string[] = [
  "ID",
  "Length",
  "Gene",
  "Product",
  "EC",
  "GO",
  "COG",
  "RefSeq",
  "UniParc",
  "UniRef",
];

/** TSV type names mapped to the model's; `assembly_gap` is a gap of 100 bp or more. */
const TSV_TYPES: Record<string, FeatureType> = {
  cds: "cds",
  sorf: "sorf",
  tRNA: "tRNA",
  tmRNA: "tmRNA",
  rRNA: "rRNA",
  ncRNA: "ncRNA",
  "ncRNA-region": "ncRNA-region",
  crispr: "crispr",
  gap: "gap",
  assembly_gap: "gap",
  oriC: "oriC",
  oriV: "oriV",
  oriT: "oriT",
};

/** Product prefixes Bakta's TSV writer adds (one at most, pseudo first). */
const PRODUCT_PREFIXES: [prefix: string, pseudo: boolean, truncated?: Truncation][] = [
  ["(pseudo) ", true],
  ["(5' truncated) ", false, "5-prime"],
  ["(3' truncated) ", false, "3-prime"],
  ["(partial) ", false, "both"],
];

const SPACER_PREFIX = "CRISPR spacer, sequence ";

/**
 * Reads Bakta's feature table (`<prefix>.tsv`, plain or gzipped) into a partial
 * {@linkcode BaktaRun}: features and software versions, no sequences.
 *
 * Both header styles are read (`#Annotated with Bakta (v1.4.0): …` up to 1.7, `# Software: …`
 * since 1.8). The product prefixes `(pseudo) `, `(5' truncated) `, `(3' truncated) ` and
 * `(partial) ` become `pseudo` and `truncated` (`5-prime`, `3-prime`, `both`) and are removed
 * from `product` (Bakta writes one prefix at most, `(pseudo)` taking precedence, so the truncation
 * of a pseudogene is not in the TSV). `crispr-repeat`/`crispr-spacer` rows become the
 * `crisprParts` of the CRISPR array before them; `assembly_gap` is read as `gap`; a row with
 * start > stop is origin-spanning (`edge: true`). `hypothetical` is derived from the product
 * `hypothetical protein` on CDS/sORFs (the TSV has no flag). DbXrefs are split at the first colon.
 *
 * A `bakta_proteins` TSV (`ID  Length  Gene  Product  EC  GO  COG  RefSeq  UniParc  UniRef`) is
 * read as `mode: "proteins"`: each row becomes a protein record shaped like the proteins JSON
 * (`id`, `locus`, `length`, `gene`, `product`, `db_xrefs` rebuilt from the columns).
 *
 * @param input The TSV text, or its bytes (gzipped or not).
 * @param options The file name for errors and `sources`.
 * @returns The partial run.
 * @throws {ParseError} `InvalidHeader` without the column header line; `MissingColumn` (or
 * `Unexpected` for extra columns) when a row does not have 9 columns; `InvalidStart`,
 * `InvalidStop`, `InvalidStrand`, `InvalidAttribute` for bad values; `Unexpected` for an unknown
 * type or a CRISPR part without its array; each naming the line.
 *
 * @example Reading a pseudogene and an origin-spanning CDS
 * ```ts
 * import { readBaktaTsv } from "./read_bakta_tsv.ts";
 * const run = readBaktaTsv(
 *   "# Software: v1.9.4\n# Database: v5.1, full\n" +
 *     "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n" +
 *     "c1\tcds\t10\t99\t+\tX_00005\tabc\t(pseudo) ABC transporter\tCOG:COG0001, SO:0001217\n" +
 *     "c1\tcds\t971\t141\t-\tX_00010\t\thypothetical protein\t\n",
 * );
 * const [pseudo, edge] = run.features;
 * if (!pseudo.pseudo || pseudo.product !== "ABC transporter") throw new Error("prefix");
 * if (!edge.edge || !edge.hypothetical || run.software.dbType !== "full") throw new Error("flags");
 * ```
 */
export function readBaktaTsv(input: string | Uint8Array, options: ReadOptions = {}): BaktaRun {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const text = decodeInput(input, file, options.maxDecompressedBytes);
  const software: SoftwareVersions = {};
  const n = text.length;
  let pos = 0;
  let lineNumber = 0;
  let proteinsMode = false;
  let headerFound = false;
  while (pos < n) {
    const newline = text.indexOf("\n", pos);
    const next = newline === -1 ? n : newline + 1;
    let end = newline === -1 ? n : newline;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(pos, end);
    pos = next;
    lineNumber++;
    if (line === "") continue;
    if (line.charCodeAt(0) === 0x23) { // '#'
      if (isGenomeHeader(line)) {
        headerFound = true;
        break;
      }
      readVersionComment(line, software);
      continue;
    }
    if (line === BAKTA_PROTEINS_TSV_COLUMNS.join("\t")) {
      proteinsMode = true;
      break;
    }
    throw new ParseError(
      "InvalidHeader",
      `expected the column header "${BAKTA_TSV_COLUMNS.join("\\t")}" before the first row`,
      { file, line: lineNumber },
    );
  }
  if (proteinsMode) {
    return readProteinRows(splitLines(text.slice(pos)), lineNumber, software, file);
  }
  if (!headerFound) {
    throw new ParseError(
      "InvalidHeader",
      `no column header "${BAKTA_TSV_COLUMNS.join("\\t")}" found`,
      { file, line: lineNumber },
    );
  }
  const features = readFeatureRows(text, pos, lineNumber, file);
  const used = ["features"];
  if (software.bakta !== undefined || software.db !== undefined) used.push("software");
  return {
    mode: "genome",
    genome: {},
    software,
    sequences: [],
    features,
    sources: [{ file, format: "tsv", used }],
  };
}

/**
 * Reads the feature rows from `pos` on. A hand-written scanner (tabs found with `indexOf`, numbers
 * read from char codes, repeated sequence ids and database names reused) keeps the number of
 * string allocations close to the number of values the model needs.
 */
function readFeatureRows(text: string, from: number, linesBefore: number, file: string): Feature[] {
  const n = text.length;
  const features: Feature[] = [];
  const tabs = new Int32Array(8);
  const dbNames: string[] = [];
  let lastCrispr: Feature | undefined;
  let sequenceId = "";
  let pos = from;
  let lineNumber = linesBefore;
  while (pos < n) {
    const lineStart = pos;
    const newline = text.indexOf("\n", pos);
    let lineEnd = newline === -1 ? n : newline;
    pos = newline === -1 ? n : newline + 1;
    lineNumber++;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (lineEnd === lineStart || text.charCodeAt(lineStart) === 0x23) continue;

    let at = lineStart;
    for (let k = 0; k < 8; k++) {
      const tab = text.indexOf("\t", at);
      if (tab === -1 || tab >= lineEnd) {
        throw new ParseError(
          "MissingColumn",
          `found ${k + 1} tab-separated columns, expected 9 (${BAKTA_TSV_COLUMNS.join(", ")})`,
          { file, line: lineNumber },
        );
      }
      tabs[k] = tab;
      at = tab + 1;
    }
    const extra = text.indexOf("\t", at);
    if (extra !== -1 && extra < lineEnd) {
      const count = text.slice(lineStart, lineEnd).split("\t").length;
      throw new ParseError(
        "Unexpected",
        `found ${count} tab-separated columns, expected 9 (${BAKTA_TSV_COLUMNS.join(", ")})`,
        { file, line: lineNumber },
      );
    }

    const idLength = tabs[0] - lineStart;
    if (idLength === 0) {
      throw new ParseError("MissingColumn", "the sequence id is empty", {
        file,
        line: lineNumber,
        column: 1,
      });
    }
    if (idLength !== sequenceId.length || !text.startsWith(sequenceId, lineStart)) {
      sequenceId = text.slice(lineStart, tabs[0]);
    }
    const typeText = text.slice(tabs[0] + 1, tabs[1]);
    const start = digitsAt(text, tabs[1] + 1, tabs[2]);
    if (start < 1) {
      throw new ParseError(
        "InvalidStart",
        `start "${text.slice(tabs[1] + 1, tabs[2])}" is not a positive integer`,
        { file, line: lineNumber, column: 3 },
      );
    }
    const stop = digitsAt(text, tabs[2] + 1, tabs[3]);
    if (stop < 1) {
      throw new ParseError(
        "InvalidStop",
        `stop "${text.slice(tabs[2] + 1, tabs[3])}" is not a positive integer`,
        { file, line: lineNumber, column: 4 },
      );
    }
    const strand = tabs[4] - tabs[3] === 2
      ? STRAND_BY_CODE[text.charCodeAt(tabs[3] + 1)]
      : undefined;
    if (strand === undefined) {
      throw new ParseError(
        "InvalidStrand",
        `strand "${text.slice(tabs[3] + 1, tabs[4])}" is not one of + - . ?`,
        { file, line: lineNumber, column: 5 },
      );
    }

    if (typeText === "crispr-repeat" || typeText === "crispr-spacer") {
      if (lastCrispr === undefined || lastCrispr.sequenceId !== sequenceId) {
        throw new ParseError(
          "Unexpected",
          `a ${typeText} row must follow its crispr row on the same sequence`,
          { file, line: lineNumber, column: 2 },
        );
      }
      const kind = typeText === "crispr-repeat" ? "repeat" : "spacer";
      const part: CrisprPart = { kind, start, stop, strand };
      if (kind === "spacer" && text.startsWith(SPACER_PREFIX, tabs[6] + 1)) {
        part.nt = text.slice(tabs[6] + 1 + SPACER_PREFIX.length, tabs[7]);
      }
      (lastCrispr.crisprParts ??= []).push(part);
      ((lastCrispr.original.record as TsvOriginalRecord).parts ??= []).push({
        line: lineNumber,
        text: text.slice(lineStart, lineEnd),
      });
      continue;
    }

    const type = Object.hasOwn(TSV_TYPES, typeText) ? TSV_TYPES[typeText] : undefined;
    if (type === undefined) {
      throw new ParseError(
        "Unexpected",
        `unknown feature type "${typeText}", expected one of ${
          Object.keys(TSV_TYPES).join(", ")
        }, crispr-repeat, crispr-spacer`,
        { file, line: lineNumber, column: 2 },
      );
    }

    let productStart = tabs[6] + 1;
    let pseudo = false;
    let truncated: Truncation | undefined;
    if (text.charCodeAt(productStart) === 0x28) { // '('
      for (const [prefix, isPseudo, truncation] of PRODUCT_PREFIXES) {
        if (text.startsWith(prefix, productStart)) {
          productStart += prefix.length;
          pseudo = isPseudo;
          truncated = truncation;
          break;
        }
      }
    }
    const product = productStart < tabs[7] ? text.slice(productStart, tabs[7]) : undefined;
    const feature: Feature = {
      type,
      sequenceId,
      start,
      stop,
      strand,
      edge: start > stop,
      hypothetical: (type === "cds" || type === "sorf") && product === "hypothetical protein",
      pseudo,
      dbXrefs: tabs[7] + 1 < lineEnd
        ? readXrefs(text, tabs[7] + 1, lineEnd, dbNames, file, lineNumber)
        : [],
      original: {
        format: "tsv",
        record: { line: lineNumber, text: text.slice(lineStart, lineEnd) },
      },
    };
    if (tabs[5] > tabs[4] + 1) feature.locusTag = text.slice(tabs[4] + 1, tabs[5]);
    if (tabs[6] > tabs[5] + 1) feature.gene = text.slice(tabs[5] + 1, tabs[6]);
    if (product !== undefined) feature.product = product;
    if (truncated !== undefined) feature.truncated = truncated;
    features.push(feature);
    lastCrispr = type === "crispr" ? feature : undefined;
  }
  return features;
}

const STRAND_BY_CODE: Record<number, Strand> = { 0x2b: "+", 0x2d: "-", 0x2e: ".", 0x3f: "?" };

/** Reads the digits in `text[from, to)` as a positive integer; -1 when not all digits. */
function digitsAt(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Reads `DB:accession, DB:accession, …` in `text[from, to)`, reusing known database names. */
function readXrefs(
  text: string,
  from: number,
  to: number,
  dbNames: string[],
  file: string,
  line: number,
): DbXref[] {
  const xrefs: DbXref[] = [];
  let at = from;
  while (at <= to) {
    let itemEnd = text.indexOf(", ", at);
    if (itemEnd === -1 || itemEnd > to) itemEnd = to;
    const colon = text.indexOf(":", at);
    if (colon <= at || colon >= itemEnd - 1) {
      throw new ParseError(
        "InvalidAttribute",
        `DbXrefs item ${xrefs.length + 1} is ${
          JSON.stringify(text.slice(at, itemEnd))
        }: expected "DB:accession"`,
        { file, line, column: 9 },
      );
    }
    xrefs.push({
      db: knownDb(text, at, colon, dbNames),
      accession: text.slice(colon + 1, itemEnd),
    });
    at = itemEnd + 2;
  }
  return xrefs;
}

/** The database name in `text[from, to)`, reused from `dbNames` when seen before. */
function knownDb(text: string, from: number, to: number, dbNames: string[]): string {
  const length = to - from;
  const first = text.charCodeAt(from);
  outer: for (let i = 0; i < dbNames.length; i++) {
    const known = dbNames[i];
    if (known.length !== length || known.charCodeAt(0) !== first) continue;
    for (let k = 1; k < length; k++) {
      if (known.charCodeAt(k) !== text.charCodeAt(from + k)) continue outer;
    }
    return known;
  }
  const db = text.slice(from, to);
  dbNames.push(db);
  return db;
}

/** Whether a `#` line is the genome feature table's column header. */
function isGenomeHeader(line: string): boolean {
  if (!line.startsWith("#Sequence Id\t") && !line.startsWith("#Contig\t")) return false;
  const columns = line.split("\t");
  return columns.length === 9 && columns[1] === "Type" && columns[2] === "Start";
}

/** Reads the rows of a `bakta_proteins` TSV into protein records shaped like the proteins JSON. */
function readProteinRows(
  lines: string[],
  linesBefore: number,
  software: SoftwareVersions,
  file: string,
): BaktaRun {
  const proteins: Record<string, unknown>[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line === "" || line.charCodeAt(0) === 0x23) continue;
    const columns = line.split("\t");
    if (columns.length !== BAKTA_PROTEINS_TSV_COLUMNS.length) {
      throw new ParseError(
        columns.length < BAKTA_PROTEINS_TSV_COLUMNS.length ? "MissingColumn" : "Unexpected",
        `found ${columns.length} tab-separated columns, expected ${BAKTA_PROTEINS_TSV_COLUMNS.length} (${
          BAKTA_PROTEINS_TSV_COLUMNS.join(", ")
        })`,
        { file, line: linesBefore + index + 1 },
      );
    }
    const [id, lengthText, gene, product, ec, go, cog, refseq, uniparc, uniref] = columns;
    const length = parseDigits(lengthText);
    if (id === "" || length < 0) {
      throw new ParseError(
        id === "" ? "MissingColumn" : "InvalidNumber",
        id === "" ? "the ID is empty" : `length "${lengthText}" is not an integer`,
        { file, line: linesBefore + index + 1, column: id === "" ? 1 : 2 },
      );
    }
    const dbXrefs: string[] = [];
    const add = (list: string, prefix: string) => {
      if (list === "") return;
      for (const item of list.split(",")) dbXrefs.push(prefix + item);
    };
    add(ec, "EC:");
    add(go, "");
    add(cog, "COG:");
    add(refseq, "RefSeq:");
    add(uniparc, "UniParc:");
    add(uniref, "UniRef:");
    proteins.push({
      id,
      locus: id,
      length,
      gene: gene === "" ? null : gene,
      product,
      db_xrefs: dbXrefs,
    });
  }
  return {
    mode: "proteins",
    genome: {},
    software,
    sequences: [],
    features: [],
    proteins,
    sources: [{ file, format: "tsv", used: ["proteins"] }],
  };
}
