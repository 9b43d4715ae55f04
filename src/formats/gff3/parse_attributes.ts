/**
 * Parsing GFF3 column 9.
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import type { StringPool } from "../_string_pool.ts";
import { Gff3Names } from "./_gff3_names.ts";
import { Gff3Attributes } from "./gff3_attributes.ts";
import { decodePercent } from "./percent_encoding.ts";
import { Gff3PairCursor, HAS_COMMA, HAS_PERCENT } from "./_attribute_pairs.ts";

/** Where column 9 was read, for errors. */
export interface ParseAttributesOptions {
  /**
   * The file, for errors.
   *
   * @default {"input"}
   */
  file?: string;
  /** The 1-based line, for errors. */
  line?: number;
}

/**
 * Parses GFF3 column 9 (`ID=X;Dbxref=GO:1,EC:2;product=a%2C b`) into an ordered map of tag → values:
 * pairs split at `;` (empty pairs, e.g. a trailing `;`, are skipped), values at `,`, then
 * percent-decoded. `.` is the empty map. A repeated tag appends its values. The map is a
 * {@linkcode Gff3Attributes}, which `JSON.stringify` writes as a plain object.
 *
 * @param text The column text.
 * @param options Where it was read.
 * @returns The attributes, in file order.
 * @throws {ParseError} `InvalidAttribute` for a pair without `=` or tag, or a broken `%` escape.
 *
 * @example Multi-valued attributes
 * ```ts
 * import { parseAttributes } from "./parse_attributes.ts";
 * const attributes = parseAttributes("ID=A_1;product=peptidase%2C class C;Dbxref=GO:1,EC:2.1");
 * if (attributes.get("product")?.[0] !== "peptidase, class C") throw new Error("decode");
 * if (attributes.get("Dbxref")?.length !== 2) throw new Error("split");
 * ```
 */
export function parseAttributes(
  text: string,
  options: ParseAttributesOptions = {},
): Gff3Attributes {
  return parseAttributeColumn(text, options.file ?? "input", options.line);
}

/**
 * {@linkcode parseAttributes} with positional file and line (no options object per call).
 *
 * @param text The column text.
 * @param file The file, for errors.
 * @param line The line, for errors.
 * @returns The attributes.
 */
export function parseAttributeColumn(
  text: string,
  file: string,
  line: number | undefined,
): Gff3Attributes {
  return readAttributeRange(text, 0, text.length, file, line);
}

/**
 * {@linkcode parseAttributes} of `text[from, to)` (column 9 read in place, without slicing it out
 * of its line), tags taken from `pool` when one is given (and, from a {@linkcode Gff3Names},
 * first checked against the last line's tags at the same position).
 *
 * @param text The text holding the column.
 * @param from The column's first index.
 * @param to The index after its last character.
 * @param file The file, for errors.
 * @param line The line, for errors.
 * @param pool Where repeated tags come from.
 * @returns The attributes.
 * @throws {ParseError} As {@linkcode parseAttributes}.
 *
 * @example Column 9 of a whole line
 * ```ts
 * import { readAttributeRange } from "./parse_attributes.ts";
 * const line = "c1\tBakta\tCDS\t1\t9\t.\t+\t0\tID=a;Dbxref=GO:1,EC:2";
 * const attributes = readAttributeRange(line, line.lastIndexOf("\t") + 1, line.length, "x", 1);
 * if (attributes.get("Dbxref")?.[1] !== "EC:2") throw new Error("range");
 * ```
 */
export function readAttributeRange(
  text: string,
  from: number,
  to: number,
  file: string,
  line: number | undefined,
  pool?: StringPool,
): Gff3Attributes {
  const attributes = new Gff3Attributes();
  const tagAt = pool instanceof Gff3Names ? pool.tagAt : undefined;
  const pairs = PAIRS;
  pairs.reset(text, from, to);
  while (pairs.next()) {
    const guess = tagAt?.[pairs.position];
    const equals = pairs.equalsAfter(guess);
    if (equals >= 0) {
      addValues(text, equals, pairs.end, guess!, pairs.marks, attributes, file, line);
    } else {
      const tag = readPair(text, pairs.start, pairs.end, pairs.marks, attributes, file, line, pool);
      if (tagAt !== undefined && tag !== undefined) tagAt[pairs.position] = tag;
    }
  }
  return attributes;
}

/** The pairs of the column being read (the reader is synchronous: one cursor suffices). */
const PAIRS = new Gff3PairCursor();

/**
 * Adds the pair `text[start, end)` (not empty) to `attributes`; returns its tag when it is written
 * as it is (no blanks around it, no `%`), for {@linkcode Gff3Names.tagAt}.
 */
function readPair(
  text: string,
  start: number,
  end: number,
  marks: number,
  attributes: Gff3Attributes,
  file: string,
  line: number | undefined,
  pool: StringPool | undefined,
): string | undefined {
  const equals = text.indexOf("=", start);
  if (equals < 0 || equals >= end) {
    if (text.slice(start, end).trim() !== "") fail(text.slice(start, end), 'no "="', file, line);
    return undefined;
  }
  const written = pool === undefined ? text.slice(start, equals) : pool.get(text, start, equals);
  let tag = written;
  if (tag.charCodeAt(0) <= 32 || tag.charCodeAt(tag.length - 1) <= 32) tag = tag.trim();
  if (tag.indexOf("%") >= 0) {
    const decoded = decodePercent(tag);
    if (decoded === undefined) fail(text.slice(start, end), "a broken % escape", file, line);
    tag = decoded!;
  }
  if (tag === "") fail(text.slice(start, end), "no tag", file, line);
  addValues(text, equals, end, tag, marks, attributes, file, line);
  return tag === written ? tag : undefined;
}

/**
 * Adds the values `text(equals, end)` of `tag` to `attributes`; `marks` says whether the pair may
 * hold a "," or "%" (splitting or decoding a value that has none gives it back unchanged).
 */
function addValues(
  text: string,
  equals: number,
  end: number,
  tag: string,
  marks: number,
  attributes: Gff3Attributes,
  file: string,
  line: number | undefined,
): void {
  const raw = text.slice(equals + 1, end);
  let values: string[];
  if ((marks & HAS_COMMA) === 0) {
    values = [(marks & HAS_PERCENT) === 0 ? raw : decodeValue(raw, raw, file, line)];
  } else {
    values = raw.split(",");
    if ((marks & HAS_PERCENT) !== 0) {
      for (let i = 0; i < values.length; i++) values[i] = decodeValue(values[i], raw, file, line);
    }
  }
  const previous = attributes.get(tag);
  if (previous === undefined) attributes.set(tag, values);
  else previous.push(...values);
}

function decodeValue(value: string, raw: string, file: string, line: number | undefined): string {
  const decoded = decodePercent(value);
  if (decoded === undefined) fail(raw, "a broken % escape (expected %XX)", file, line);
  return decoded!;
}

function fail(tagValue: string, problem: string, file: string, line: number | undefined): never {
  throw new ParseError(
    "InvalidAttribute",
    `attribute ${
      JSON.stringify(tagValue.length > 60 ? `${tagValue.slice(0, 60)}…` : tagValue)
    } has ${problem}: expected tag=value`,
    { file, line },
  );
}
