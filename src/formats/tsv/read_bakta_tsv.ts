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
import { HYPOTHETICAL_PRODUCT } from "../insdc/_bakta_conventions.ts";
import { ParseError } from "../parse_error.ts";
import { proteinsRun } from "../proteins_run.ts";
import { digitsOnlyValue } from "../_text_scan.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { columnCountError, parseDigits, readVersionComment, splitLines } from "./_tsv_support.ts";

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

/** Every name the Type column may hold, the most frequent first. */
const TYPE_NAMES: readonly string[] = [
  "cds",
  ...Object.keys(TSV_TYPES).filter((name) => name !== "cds"),
  "crispr-repeat",
  "crispr-spacer",
];

/** The type name of {@linkcode TYPE_NAMES} that `text[from, to)` holds, found without a slice. */
function typeNameAt(text: string, from: number, to: number): string | undefined {
  const length = to - from;
  for (let i = 0; i < TYPE_NAMES.length; i++) {
    const name = TYPE_NAMES[i];
    if (name.length === length && text.startsWith(name, from)) return name;
  }
  return undefined;
}

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

/** Where one feature row is read: the text, the row's line and the positions of its 8 tabs. */
interface TsvRow {
  /** The whole file. */
  text: string;
  /** The row's 1-based line number. */
  line: number;
  /** The offset of the row's first character in `text`. */
  start: number;
  /** The offset after its last character (a `\r` before the line break excluded). */
  end: number;
  /** The offsets of its 8 tabs in `text`, in order. */
  tabs: Int32Array;
}

/** What the rows read so far leave for the next: names to reuse and the array parts attach to. */
interface TsvRowState {
  /** The file, for errors. */
  file: string;
  /** The database names of the cross-references seen so far, handed out again. */
  dbNames: string[];
  /** The sequence id of the previous row, reused while it repeats. */
  sequenceId: string;
  /** The CRISPR array the `crispr-repeat`/`crispr-spacer` rows that follow belong to. */
  lastCrispr: Feature | undefined;
}

/**
 * Reads the feature rows from `from` on. A hand-written scanner (tabs found with `indexOf` or, in
 * the short columns, a character at a time; the type compared in place; numbers read from char
 * codes; repeated sequence ids and database names reused) keeps the number of allocations close to
 * that of the split lines.
 */
function readFeatureRows(text: string, from: number, linesBefore: number, file: string): Feature[] {
  const features: Feature[] = [];
  const row: TsvRow = { text, line: linesBefore, start: 0, end: 0, tabs: new Int32Array(8) };
  const state: TsvRowState = { file, dbNames: [], sequenceId: "", lastCrispr: undefined };
  const length = text.length;
  let pos = from;
  while (pos < length) {
    row.line++;
    row.start = pos;
    const first = text.charCodeAt(pos);
    if (first === 0x23 || first === 10 || (first === 13 && isLineEnd(text, pos + 1))) {
      const newline = text.indexOf("\n", pos);
      pos = newline === -1 ? length : newline + 1;
      continue;
    }
    pos = findTabs(row, file);
    const feature = readFeatureRow(row, state);
    if (feature !== undefined) features.push(feature);
  }
  return features;
}

/** Whether `text[at]` ends a line (a line break, or the end of the text). */
function isLineEnd(text: string, at: number): boolean {
  return at >= text.length || text.charCodeAt(at) === 10;
}

/**
 * Finds the 8 tabs of the row at `row.start` and its end (`row.tabs`, `row.end`); returns where
 * the next line starts.
 *
 * @throws {ParseError} Unless the row has exactly 9 columns.
 */
function findTabs(row: TsvRow, file: string): number {
  const { text, tabs } = row;
  const length = text.length;
  let at = row.start;
  // A call of indexOf costs more than a scan of the short columns (sequence id to gene).
  for (let k = 0; k < 7; k++) {
    let code = text.charCodeAt(at);
    while (code !== 9) {
      if (code === 10 || at >= length) {
        throw columnCountError(k + 1, BAKTA_TSV_COLUMNS, { file, line: row.line });
      }
      code = text.charCodeAt(++at);
    }
    tabs[k] = at++;
  }
  const newline = text.indexOf("\n", at);
  let end = newline === -1 ? length : newline;
  if (text.charCodeAt(end - 1) === 13) end--;
  const tab = text.indexOf("\t", at);
  if (tab === -1 || tab >= end) {
    throw columnCountError(8, BAKTA_TSV_COLUMNS, { file, line: row.line });
  }
  tabs[7] = tab;
  const extra = text.indexOf("\t", tab + 1);
  if (extra !== -1 && extra < end) {
    throw columnCountError(text.slice(row.start, end).split("\t").length, BAKTA_TSV_COLUMNS, {
      file,
      line: row.line,
    });
  }
  row.end = end;
  return newline === -1 ? length : newline + 1;
}

/** One row: a feature, or undefined for a CRISPR part added to the array before it. */
function readFeatureRow(row: TsvRow, state: TsvRowState): Feature | undefined {
  const { text, tabs } = row;
  const sequenceId = readSequenceId(row, state);
  const typeText = typeNameAt(text, tabs[0] + 1, tabs[1]);
  const start = readPosition(row, state.file, 1, "InvalidStart");
  const stop = readPosition(row, state.file, 2, "InvalidStop");
  const strand = readStrand(row, state.file);
  if (typeText === "crispr-repeat" || typeText === "crispr-spacer") {
    addCrisprPart(row, state, typeText, { kind: "repeat", start, stop, strand });
    return undefined;
  }
  const type = typeText === undefined ? undefined : TSV_TYPES[typeText];
  if (type === undefined) {
    throw new ParseError(
      "Unexpected",
      `unknown feature type "${text.slice(tabs[0] + 1, tabs[1])}", expected one of ${
        Object.keys(TSV_TYPES).join(", ")
      }, crispr-repeat, crispr-spacer`,
      { file: state.file, line: row.line, column: 2 },
    );
  }
  const prefix = productPrefixAt(text, tabs[6] + 1);
  const productStart = tabs[6] + 1 + (prefix === undefined ? 0 : prefix[0].length);
  const product = productStart < tabs[7] ? text.slice(productStart, tabs[7]) : undefined;
  const feature: Feature = {
    type,
    sequenceId,
    start,
    stop,
    strand,
    edge: start > stop,
    hypothetical: (type === "cds" || type === "sorf") && product === HYPOTHETICAL_PRODUCT,
    pseudo: prefix?.[1] ?? false,
    dbXrefs: tabs[7] + 1 < row.end ? readXrefs(text, tabs[7] + 1, row.end, state, row.line) : [],
    original: { format: "tsv", record: { line: row.line, text: text.slice(row.start, row.end) } },
  };
  if (tabs[5] > tabs[4] + 1) feature.locusTag = text.slice(tabs[4] + 1, tabs[5]);
  if (tabs[6] > tabs[5] + 1) feature.gene = text.slice(tabs[5] + 1, tabs[6]);
  if (product !== undefined) feature.product = product;
  if (prefix?.[2] !== undefined) feature.truncated = prefix[2];
  state.lastCrispr = type === "crispr" ? feature : undefined;
  return feature;
}

/** Column 1, the same string as the previous row's while it repeats. */
function readSequenceId(row: TsvRow, state: TsvRowState): string {
  const { text, start, tabs } = row;
  const length = tabs[0] - start;
  if (length === 0) {
    throw new ParseError("MissingColumn", "the sequence id is empty", {
      file: state.file,
      line: row.line,
      column: 1,
    });
  }
  if (length !== state.sequenceId.length || !text.startsWith(state.sequenceId, start)) {
    state.sequenceId = text.slice(start, tabs[0]);
  }
  return state.sequenceId;
}

/** Column 3 (`after` 1) or 4 (`after` 2), a positive integer. */
function readPosition(
  row: TsvRow,
  file: string,
  after: 1 | 2,
  kind: "InvalidStart" | "InvalidStop",
): number {
  const from = row.tabs[after] + 1;
  const to = row.tabs[after + 1];
  const value = digitsOnlyValue(row.text, from, to);
  if (value < 1) {
    throw new ParseError(
      kind,
      `${after === 1 ? "start" : "stop"} "${row.text.slice(from, to)}" is not a positive integer`,
      { file, line: row.line, column: after + 2 },
    );
  }
  return value;
}

/** Column 5, one of `+ - . ?`. */
function readStrand(row: TsvRow, file: string): Strand {
  const { text, tabs } = row;
  const strand = tabs[4] - tabs[3] === 2 ? STRAND_BY_CODE[text.charCodeAt(tabs[3] + 1)] : undefined;
  if (strand === undefined) {
    throw new ParseError(
      "InvalidStrand",
      `strand "${text.slice(tabs[3] + 1, tabs[4])}" is not one of + - . ?`,
      { file, line: row.line, column: 5 },
    );
  }
  return strand;
}

/** Adds a `crispr-repeat`/`crispr-spacer` row to the CRISPR array of the rows before it. */
function addCrisprPart(row: TsvRow, state: TsvRowState, typeText: string, part: CrisprPart): void {
  const { text, tabs } = row;
  const array = state.lastCrispr;
  if (array === undefined || array.sequenceId !== state.sequenceId) {
    throw new ParseError(
      "Unexpected",
      `a ${typeText} row must follow its crispr row on the same sequence`,
      { file: state.file, line: row.line, column: 2 },
    );
  }
  if (typeText === "crispr-spacer") {
    part.kind = "spacer";
    if (text.startsWith(SPACER_PREFIX, tabs[6] + 1)) {
      part.nt = text.slice(tabs[6] + 1 + SPACER_PREFIX.length, tabs[7]);
    }
  }
  (array.crisprParts ??= []).push(part);
  ((array.original.record as TsvOriginalRecord).parts ??= []).push({
    line: row.line,
    text: text.slice(row.start, row.end),
  });
}

/** The product prefix Bakta wrote at `at` (see {@linkcode PRODUCT_PREFIXES}), if any. */
function productPrefixAt(text: string, at: number): (typeof PRODUCT_PREFIXES)[number] | undefined {
  if (text.charCodeAt(at) !== 0x28) return undefined; // '('
  for (const entry of PRODUCT_PREFIXES) if (text.startsWith(entry[0], at)) return entry;
  return undefined;
}

const STRAND_BY_CODE: Record<number, Strand> = { 0x2b: "+", 0x2d: "-", 0x2e: ".", 0x3f: "?" };

/** Reads `DB:accession, DB:accession, …` in `text[from, to)`, reusing known database names. */
function readXrefs(
  text: string,
  from: number,
  to: number,
  state: TsvRowState,
  line: number,
): DbXref[] {
  const xrefs: DbXref[] = [];
  let at = from;
  while (at <= to) {
    const itemEnd = nextSeparator(text, at, to);
    const colon = text.indexOf(":", at);
    if (colon <= at || colon >= itemEnd - 1) {
      throw new ParseError(
        "InvalidAttribute",
        `DbXrefs item ${xrefs.length + 1} is ${
          JSON.stringify(text.slice(at, itemEnd))
        }: expected "DB:accession"`,
        { file: state.file, line, column: 9 },
      );
    }
    xrefs.push({
      db: knownDb(text, at, colon, state.dbNames),
      accession: text.slice(colon + 1, itemEnd),
    });
    at = itemEnd + 2;
  }
  return xrefs;
}

/** The index of the next ", " in `text[at, to)`, or `to` (a one-character search is faster). */
function nextSeparator(text: string, at: number, to: number): number {
  let comma = text.indexOf(",", at);
  while (comma !== -1 && comma < to && text.charCodeAt(comma + 1) !== 32) {
    comma = text.indexOf(",", comma + 1);
  }
  return comma === -1 || comma > to ? to : comma;
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
      throw columnCountError(columns.length, BAKTA_PROTEINS_TSV_COLUMNS, {
        file,
        line: linesBefore + index + 1,
      });
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
  return proteinsRun(proteins, software, { file, format: "tsv", used: ["proteins"] });
}
