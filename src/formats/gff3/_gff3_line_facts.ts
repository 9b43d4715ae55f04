/**
 * What {@linkcode Gff3FeatureAssembler} needs to know of a feature line (private to the GFF3
 * readers): its columns and the dozen attributes the model is made of, read either from a parsed
 * line ({@linkcode factsOfLine}) or straight from the line's text ({@linkcode scanFeatureLine}),
 * which builds no attribute map: the line is parsed in full only when a feature's `original`
 * record is read.
 *
 * @module
 */

import type { Gff3FeatureLine, Gff3Phase, Gff3Strand } from "./gff3_line.ts";
import { type Gff3Columns, parseGff3Line, readFeatureColumns } from "./parse_gff3_line.ts";
import type { Gff3Names } from "./_gff3_names.ts";
import { decodePercent } from "./percent_encoding.ts";
import { Gff3PairCursor, HAS_COMMA, HAS_PERCENT, nextIndex } from "./_attribute_pairs.ts";

/** The columns and the attributes of one feature line that the model is made of. */
export interface Gff3LineFacts extends Gff3Columns {
  /** The 1-based line number. */
  line: number;
  /** Column 1. */
  seqid: string;
  /** Column 2, undefined for `.`. */
  source: string | undefined;
  /** Column 3. */
  type: string;
  /** Column 4. */
  start: number;
  /** Column 5. */
  end: number;
  /** Column 6, undefined for `.`. */
  score: number | undefined;
  /** Column 7. */
  strand: Gff3Strand;
  /** Column 8, undefined for `.`. */
  phase: Gff3Phase | undefined;
  /** The first `ID` value. */
  id: string | undefined;
  /** Every `Parent` value. */
  parents: string[] | undefined;
  /** The first `locus_tag` value. */
  locusTag: string | undefined;
  /** The first `gene` value. */
  gene: string | undefined;
  /** The first `product` value. */
  product: string | undefined;
  /** The last `Note` value. */
  note: string | undefined;
  /** Whether a `pseudo` value is `true` (in any case). */
  pseudoTrue: boolean;
  /** Whether the line has a `pseudogene` tag. */
  pseudogene: boolean;
  /** The first `rpt_family` value. */
  rptFamily: string | undefined;
  /** The first `sequence` value. */
  sequence: string | undefined;
  /** The first `Is_circular` value. */
  isCircular: string | undefined;
  /** The `Dbxref` values, decoded, when they were read from a parsed line. */
  xrefValues: string[] | undefined;
  /** `Dbxref` values as written (no `%`), comma-separated, in `text[xrefFrom, xrefTo)`; -1: none. */
  xrefFrom: number;
  /** The end of the `Dbxref` values in `text`. */
  xrefTo: number;
  /** The line as written (without `\r`), "" when the facts were read from a parsed line. */
  text: string;
  /** The file, for errors. */
  file: string;
  /** The parsed line, when the facts were read from one. */
  parsed: Gff3FeatureLine | undefined;
}

/**
 * What a feature's `original` record is made from: a line as written, parsed when first asked for
 * ({@linkcode sourceRecord}), or the parsed line itself.
 */
export interface Gff3LineSource {
  /** The 1-based line number. */
  line: number;
  /** The line as written (without `\r`). */
  text: string;
  /** The file, for the parse. */
  file: string;
  /** The parsed line, once there is one. */
  parsed: Gff3FeatureLine | undefined;
}

/**
 * The facts of a parsed feature line (its record is the line itself).
 *
 * @param line The parsed line.
 * @returns Its facts.
 *
 * @example A CDS line
 * ```ts
 * import { factsOfLine } from "./_gff3_line_facts.ts";
 * import { parseGff3Line } from "./parse_gff3_line.ts";
 * const line = parseGff3Line("c1\tX\tCDS\t1\t9\t.\t+\t0\tID=a;Note=x,y;Dbxref=GO:1", 1);
 * if (line.kind !== "feature") throw new Error("kind");
 * const facts = factsOfLine(line);
 * if (facts.id !== "a" || facts.note !== "y" || facts.xrefValues?.[0] !== "GO:1") throw new Error("facts");
 * ```
 */
export function factsOfLine(line: Gff3FeatureLine): Gff3LineFacts {
  const a = line.attributes;
  const notes = a.get("Note");
  return {
    line: line.line,
    seqid: line.seqid,
    source: line.source,
    type: line.type,
    start: line.start,
    end: line.end,
    score: line.score,
    strand: line.strand,
    phase: line.phase,
    id: a.get("ID")?.[0],
    parents: a.get("Parent"),
    locusTag: a.get("locus_tag")?.[0],
    gene: a.get("gene")?.[0],
    product: a.get("product")?.[0],
    note: notes?.[notes.length - 1],
    pseudoTrue: a.get("pseudo")?.some(isTrue) ?? false,
    pseudogene: a.has("pseudogene"),
    rptFamily: a.get("rpt_family")?.[0],
    sequence: a.get("sequence")?.[0],
    isCircular: a.get("Is_circular")?.[0],
    xrefValues: a.get("Dbxref"),
    xrefFrom: -1,
    xrefTo: -1,
    text: "",
    file: "",
    parsed: line,
  };
}

/**
 * The source of the line `facts` were read from (a small object: the facts themselves are not kept).
 *
 * @param facts The facts.
 * @returns The source.
 *
 * @example
 * ```ts
 * import { lineSource, scanFeatureLine } from "./_gff3_line_facts.ts";
 * import { Gff3Names } from "./_gff3_names.ts";
 * const facts = scanFeatureLine("c1\tX\tCDS\t1\t9\t.\t+\t0\tID=a", 3, "x.gff3", new Gff3Names());
 * if (lineSource(facts).line !== 3) throw new Error("source");
 * ```
 */
export function lineSource(facts: Gff3LineFacts): Gff3LineSource {
  return { line: facts.line, text: facts.text, file: facts.file, parsed: facts.parsed };
}

/**
 * The parsed line of `source`, parsed now the first time.
 *
 * @param source The source.
 * @returns The line (the same object on every call).
 *
 * @example The line behind scanned facts
 * ```ts
 * import { lineSource, scanFeatureLine, sourceRecord } from "./_gff3_line_facts.ts";
 * import { Gff3Names } from "./_gff3_names.ts";
 * const facts = scanFeatureLine("c1\tX\tCDS\t1\t9\t.\t+\t0\tID=a;Name=b", 3, "x.gff3", new Gff3Names());
 * if (sourceRecord(lineSource(facts)).attributes.get("Name")?.[0] !== "b") throw new Error("record");
 * ```
 */
export function sourceRecord(source: Gff3LineSource): Gff3FeatureLine {
  return source.parsed ??= parseGff3Line(source.text, source.line, {
    file: source.file,
  }) as Gff3FeatureLine;
}

/**
 * The facts of a feature line read from its text: columns 1–8 checked as
 * {@linkcode parseGff3Line} checks them, column 9 scanned once for the attributes the model needs
 * (the tags at the same position as on the last line checked in place first, `%` decoded only
 * where there is one), every `%` escape checked, and no attribute map built. A column 9 that is
 * not plain (a tag with blanks or `%`, a pair without `=`, a broken escape, a second `Parent` or
 * `Dbxref`) is parsed in full instead, so errors are the parser's.
 *
 * @param text The line (a feature line: not empty, not a comment or directive).
 * @param lineNumber The 1-based line number.
 * @param file The file, for errors.
 * @param pool Where repeated names come from.
 * @returns The facts.
 * @throws {ParseError} As {@linkcode parseGff3Line}.
 *
 * @example Attributes without a map
 * ```ts
 * import { scanFeatureLine } from "./_gff3_line_facts.ts";
 * import { Gff3Names } from "./_gff3_names.ts";
 * const facts = scanFeatureLine(
 *   "c1\tX\tCDS\t1\t9\t.\t+\t0\tID=a;product=b%2C c;Dbxref=GO:1,EC:2",
 *   1,
 *   "x.gff3",
 *   new Gff3Names(),
 * );
 * if (facts.product !== "b, c" || facts.parsed !== undefined) throw new Error("scan");
 * if (facts.text.slice(facts.xrefFrom, facts.xrefTo) !== "GO:1,EC:2") throw new Error("xrefs");
 * ```
 */
export function scanFeatureLine(
  text: string,
  lineNumber: number,
  file: string,
  pool: Gff3Names,
): Gff3LineFacts {
  if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
  const facts: Gff3LineFacts = {
    line: lineNumber,
    seqid: "",
    source: undefined,
    type: "",
    start: 0,
    end: 0,
    score: undefined,
    strand: ".",
    phase: undefined,
    id: undefined,
    parents: undefined,
    locusTag: undefined,
    gene: undefined,
    product: undefined,
    note: undefined,
    pseudoTrue: false,
    pseudogene: false,
    rptFamily: undefined,
    sequence: undefined,
    isCircular: undefined,
    xrefValues: undefined,
    xrefFrom: -1,
    xrefTo: -1,
    text,
    file,
    parsed: undefined,
  };
  const at = readFeatureColumns(text, lineNumber, file, pool, facts);
  if (scanAttributes(text, at, facts, pool)) return facts;
  const parsed = parseGff3Line(text, lineNumber, { file }) as Gff3FeatureLine;
  return factsOfLine(parsed);
}

/**
 * Reads the attributes the model needs from column 9 (`text[from…]`) into `facts`; false when the
 * column is not plain (then nothing it read is to be used).
 */
function scanAttributes(
  text: string,
  from: number,
  facts: Gff3LineFacts,
  pool: Gff3Names,
): boolean {
  const pairs = PAIRS;
  pairs.reset(text, from, text.length);
  if (pairs.firstPercent < text.length && !escapesAreWhole(text, pairs.firstPercent)) return false;
  const tagAt = pool.tagAt;
  while (pairs.next()) {
    const { start, end } = pairs;
    const guess = tagAt[pairs.position];
    let equals = pairs.equalsAfter(guess);
    let tag: string;
    if (equals >= 0) tag = guess!;
    else {
      equals = text.indexOf("=", start);
      if (equals <= start || equals >= end) return false;
      if (text.charCodeAt(start) <= 32 || text.charCodeAt(equals - 1) <= 32) return false;
      tag = pool.get(text, start, equals);
      if (tag.indexOf("%") >= 0) return false;
      tagAt[pairs.position] = tag;
    }
    if (!readAttribute(tag, text, equals + 1, end, pairs.marks, facts)) return false;
  }
  return true;
}

/** The pairs of the column being scanned (the scanner is synchronous: one cursor suffices). */
const PAIRS = new Gff3PairCursor();

/**
 * Takes the values `text[from, to)` of `tag` into `facts` where the model needs them; false for a
 * second `Parent` or `Dbxref`. `marks`: whether the pair may hold a `,` or `%`.
 */
function readAttribute(
  tag: string,
  text: string,
  from: number,
  to: number,
  marks: number,
  facts: Gff3LineFacts,
): boolean {
  switch (tag) {
    case "ID":
      facts.id ??= firstValue(text, from, to, marks);
      return true;
    case "locus_tag": {
      // Bakta writes the locus tag as the ID too: the same string then.
      const id = facts.id;
      if (id !== undefined && marks === 0 && id.length === to - from && text.startsWith(id, from)) {
        facts.locusTag ??= id;
      } else facts.locusTag ??= firstValue(text, from, to, marks);
      return true;
    }
    case "product":
      facts.product ??= firstValue(text, from, to, marks);
      return true;
    case "gene":
      facts.gene ??= firstValue(text, from, to, marks);
      return true;
    case "Dbxref":
      if (facts.xrefFrom >= 0 || facts.xrefValues !== undefined) return false;
      if ((marks & HAS_PERCENT) === 0) {
        facts.xrefFrom = from;
        facts.xrefTo = to;
      } else facts.xrefValues = values(text, from, to);
      return true;
    case "Parent":
      if (facts.parents !== undefined) return false;
      facts.parents = marks === 0 ? [text.slice(from, to)] : values(text, from, to);
      return true;
    case "Note": {
      const notes = values(text, from, to);
      facts.note = notes[notes.length - 1];
      return true;
    }
    case "pseudo":
      if (values(text, from, to).some(isTrue)) facts.pseudoTrue = true;
      return true;
    case "pseudogene":
      facts.pseudogene = true;
      return true;
    case "rpt_family":
      facts.rptFamily ??= firstValue(text, from, to, marks);
      return true;
    case "sequence":
      facts.sequence ??= firstValue(text, from, to, marks);
      return true;
    case "Is_circular":
      facts.isCircular ??= firstValue(text, from, to, marks);
      return true;
  }
  return true;
}

/** The first of the values `text[from, to)`, decoded (the escapes are known to be whole). */
function firstValue(text: string, from: number, to: number, marks: number): string {
  if (marks === 0) return text.slice(from, to);
  const value = (marks & HAS_COMMA) === 0
    ? text.slice(from, to)
    : text.slice(from, nextIndex(text, ",", from, to));
  return (marks & HAS_PERCENT) === 0 ? value : decodePercent(value)!;
}

/** The values `text[from, to)`, split at `,` and decoded. */
function values(text: string, from: number, to: number): string[] {
  const list = text.slice(from, to).split(",");
  for (let i = 0; i < list.length; i++) list[i] = decodePercent(list[i])!;
  return list;
}

/** Whether every `%` from `percent` on is followed by two hex digits. */
function escapesAreWhole(text: string, percent: number): boolean {
  for (let at = percent; at >= 0; at = text.indexOf("%", at + 1)) {
    if (!isHex(text.charCodeAt(at + 1)) || !isHex(text.charCodeAt(at + 2))) return false;
  }
  return true;
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === "true";
}
