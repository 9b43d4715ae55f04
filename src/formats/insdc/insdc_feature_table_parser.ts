/**
 * The incremental parser of an INSDC feature table, shared by GenBank (`     CDS  …`) and EMBL
 * (`FT   CDS  …`): both put the feature key in column 6 and the location and qualifiers in
 * column 22.
 *
 * @module
 */

import { StringPool } from "../_string_pool.ts";
import { countChar, isSpace, skipSpaces, trimEndOf } from "../_text_scan.ts";
import { ParseError } from "../parse_error.ts";
import type { InsdcFeature, InsdcQualifier } from "./insdc_record.ts";

/** Qualifiers whose wrapped lines are joined without a space (Biopython does the same). */
const JOIN_WITHOUT_SPACE = new Set(["translation"]);

/** The characters of a qualifier name: `A-Z`, `a-z`, `0-9`, `_`, `-` and `'`. */
const NAME_CHAR = new Uint8Array(128);
/**
 * The qualifier names met so far, shared by every parser: a bounded cache of immutable strings,
 * so that the hundred thousand `/locus_tag`s of a genome are one string, not a slice each.
 */
const NAMES = new StringPool();
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'") {
  NAME_CHAR[char.charCodeAt(0)] = 1;
}

/** A line terminator inside a location, which the location pattern cannot cross. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** The qualifier whose value is still being read (one object, reused). */
interface OpenQualifier {
  /** Whether a qualifier is open at all. */
  open: boolean;
  name: string;
  /** The text holding the value's first line. */
  text: string;
  /** Where the value's first line starts in `text` (at the opening quote, if any). */
  start: number;
  /** Where it ends in `text` (after the closing quote, if any). */
  end: number;
  /** All the value's lines (the first one sliced from `text`), once it wraps. */
  lines: string[] | undefined;
  quoted: boolean;
  quotes: number;
  line: number;
}

/**
 * Parses the lines of a feature table, one at a time, into {@linkcode InsdcFeature}s. Give it
 * each line from column 6 on (the 5-character prefix `     ` or `FT   ` removed).
 *
 * Rules: a blank line is skipped; a line whose first character is not a space starts a feature
 * (key, then the location); other lines continue the location until the first `/qualifier`; a line starting with `/` starts
 * a qualifier unless a quoted value is still open; a quoted value ends at an even number of `"`
 * (`""` is an escaped quote). Wrapped quoted values are joined with a space (`/translation`
 * without), wrapped unquoted values without. Lines may come as strings ({@linkcode push}) or as
 * index ranges of a larger text ({@linkcode pushRange}); each line is scanned by index and only
 * the key, the location and the qualifiers' names and values become strings.
 *
 * @example Two features
 * ```ts
 * import { InsdcFeatureTableParser } from "./insdc_feature_table_parser.ts";
 * const parser = new InsdcFeatureTableParser("x.gbff");
 * const lines = [
 *   "gene            1..9",
 *   "                /locus_tag=\"A_1\"",
 *   "CDS             1..9",
 *   "                /product=\"a long",
 *   "                product\"",
 *   "                /pseudo",
 * ];
 * lines.forEach((line, i) => parser.push(line, i + 1));
 * const [gene, cds] = parser.finish();
 * if (gene.key !== "gene" || cds.qualifiers[0].value !== "a long product") throw new Error("join");
 * if (cds.qualifiers[1].name !== "pseudo" || cds.qualifiers[1].value !== undefined) {
 *   throw new Error("flag");
 * }
 * ```
 */
export class InsdcFeatureTableParser {
  readonly #file: string;
  #features: InsdcFeature[] = [];
  #feature: InsdcFeature | undefined;
  /** The location's further lines, when it wraps (its first line is in the feature). */
  #locationMore: string[] | undefined;
  #qualifier: OpenQualifier = {
    open: false,
    name: "",
    text: "",
    start: 0,
    end: 0,
    lines: undefined,
    quoted: false,
    quotes: 0,
    line: 0,
  };
  #inLocation = false;

  /**
   * Creates a parser for one feature table.
   *
   * @param file The file, for error messages.
   */
  constructor(file: string = "input") {
    this.#file = file;
  }

  /**
   * Takes one feature-table line.
   *
   * @param body The line from column 6 on.
   * @param line The 1-based line number.
   * @throws {ParseError} `Unexpected` for a continuation before any feature; `InvalidAttribute` for
   * a malformed qualifier; `InvalidLocation` for a key without a location.
   */
  push(body: string, line: number): void {
    this.pushRange(body, 0, body.length, line);
  }

  /**
   * Takes one feature-table line as the range `text[start, end)` of a larger text: the line from
   * column 6 on, without its line break.
   *
   * @param text The text holding the line.
   * @param start The index of column 6.
   * @param end The index after the line's last character.
   * @param line The 1-based line number.
   * @throws {ParseError} As {@linkcode push}.
   */
  pushRange(text: string, start: number, end: number, line: number): void {
    if (start === end) return;
    const first = text.charCodeAt(start);
    if (first !== 32) {
      if (isSpace(first) && skipSpaces(text, start, end) === end) return;
      this.#startFeature(text, start, end, line);
      return;
    }
    const from = skipSpaces(text, start, end);
    if (from === end) return;
    const to = trimEndOf(text, from, end);
    if (this.#feature === undefined) {
      throw new ParseError(
        "Unexpected",
        `${JSON.stringify(text.slice(from, to))}: expected a feature key before qualifiers`,
        { file: this.#file, line },
      );
    }
    const qualifier = this.#qualifier;
    if (qualifier.open && qualifier.quoted && qualifier.quotes % 2 === 1) {
      const chunk = text.slice(from, to);
      addLine(qualifier, chunk);
      if (chunk.includes('"')) qualifier.quotes += countChar(chunk, '"', 0, chunk.length);
      return;
    }
    if (text.charCodeAt(from) === 47) { // "/"
      this.#startQualifier(text, from, to, line);
      return;
    }
    if (this.#inLocation) {
      (this.#locationMore ??= []).push(text.slice(from, to));
      return;
    }
    if (!qualifier.open) {
      throw new ParseError(
        "InvalidAttribute",
        `${JSON.stringify(text.slice(from, Math.min(to, from + 40)))}: expected a /qualifier`,
        { file: this.#file, line },
      );
    }
    addLine(qualifier, text.slice(from, to));
  }

  /**
   * Ends the table and returns its features.
   *
   * @returns The features, in file order.
   * @throws {ParseError} `InvalidAttribute` when a quoted value is not closed.
   */
  finish(): InsdcFeature[] {
    this.#endFeature();
    const features = this.#features;
    this.#features = [];
    return features;
  }

  /** A key line, `^(\S+)\s*(.*?)\s*$`: the key, white space, the location (trimmed). */
  #startFeature(text: string, start: number, end: number, line: number): void {
    this.#endFeature();
    let keyEnd = start;
    while (keyEnd < end && !isSpace(text.charCodeAt(keyEnd))) keyEnd++;
    const locationStart = skipSpaces(text, keyEnd, end);
    const locationEnd = trimEndOf(text, locationStart, end);
    const location = text.slice(locationStart, locationEnd);
    if (keyEnd === start || location === "" || LINE_TERMINATOR.test(location)) {
      const trimmed = text.slice(skipSpaces(text, start, end), trimEndOf(text, start, end));
      throw new ParseError(
        "InvalidLocation",
        `feature line ${JSON.stringify(trimmed)}: expected a feature key and a location`,
        { file: this.#file, line },
      );
    }
    this.#feature = { key: text.slice(start, keyEnd), location, qualifiers: [], line };
    this.#locationMore = undefined;
    this.#inLocation = true;
  }

  /** A line `/name` or `/name=value` (`text[from, to)`, trimmed). */
  #startQualifier(text: string, from: number, to: number, line: number): void {
    this.#endQualifier();
    this.#inLocation = false;
    let equals = from + 1;
    while (equals < to && text.charCodeAt(equals) !== 61) equals++; // "="
    if (!isQualifierName(text, from + 1, equals)) {
      throw new ParseError(
        "InvalidAttribute",
        `qualifier ${
          JSON.stringify(text.slice(from, Math.min(to, from + 40)))
        }: expected /name or /name=value`,
        { file: this.#file, line },
      );
    }
    const name = NAMES.get(text, from + 1, equals);
    if (equals === to) {
      this.#feature!.qualifiers.push({ name });
      return;
    }
    const quoted = equals + 1 < to && text.charCodeAt(equals + 1) === 34;
    const qualifier = this.#qualifier;
    qualifier.open = true;
    qualifier.name = name;
    qualifier.text = text;
    qualifier.start = equals + 1;
    qualifier.end = to;
    qualifier.lines = undefined;
    qualifier.quoted = quoted;
    qualifier.quotes = quoted ? countQuotes(text, equals + 1, to) : 0;
    qualifier.line = line;
  }

  #endFeature(): void {
    if (this.#feature === undefined) return;
    this.#endQualifier();
    const more = this.#locationMore;
    if (more !== undefined) this.#feature.location = [this.#feature.location, ...more].join("");
    this.#features.push(this.#feature);
    this.#feature = undefined;
    this.#inLocation = false;
  }

  #endQualifier(): void {
    const open = this.#qualifier;
    if (!open.open || this.#feature === undefined) return;
    open.open = false;
    const result: InsdcQualifier = open.quoted
      ? { name: open.name, value: this.#quotedValue(open), quoted: true }
      : { name: open.name, value: joinChunks(open, ""), quoted: false };
    this.#feature.qualifiers.push(result);
  }

  /**
   * The value of a quoted qualifier: lines joined, quotes removed, `""` unescaped. A value on one
   * line is sliced from the text once.
   */
  #quotedValue(open: OpenQualifier): string {
    if (open.quotes % 2 === 1) this.#fail(open, "the quoted value is not closed");
    let value: string;
    if (open.lines === undefined) {
      const { text, start, end } = open;
      if (end - start < 2 || text.charCodeAt(end - 1) !== 34) {
        this.#fail(open, "expected the value to end with a quote");
      }
      value = text.slice(start + 1, end - 1);
      if (open.quotes === 2) return value;
    } else {
      const joined = joinChunks(open, JOIN_WITHOUT_SPACE.has(open.name) ? "" : " ");
      if (joined.charCodeAt(joined.length - 1) !== 34 || joined.length < 2) {
        this.#fail(open, "expected the value to end with a quote");
      }
      value = joined.slice(1, -1);
    }
    if (/(^|[^"])"("")*([^"]|$)/.test(value)) {
      this.#fail(open, 'a quote inside the value must be doubled ("")');
    }
    return value.replaceAll('""', '"');
  }

  #fail(open: OpenQualifier, expected: string): never {
    throw new ParseError("InvalidAttribute", `qualifier /${open.name}: ${expected}`, {
      file: this.#file,
      line: open.line,
    });
  }
}

/** The value's lines joined with `separator` (the first line only when it does not wrap). */
function joinChunks(open: OpenQualifier, separator: string): string {
  return open.lines === undefined
    ? open.text.slice(open.start, open.end)
    : open.lines.join(separator);
}

/** Adds a wrapped line to a value. */
function addLine(open: OpenQualifier, line: string): void {
  if (open.lines === undefined) open.lines = [open.text.slice(open.start, open.end), line];
  else open.lines.push(line);
}

/**
 * The number of quotes in `text[from, to)`, the value of a qualifier's first line starting with
 * its opening quote: 2 found at once for the usual one-line value `"…"` without inner quotes.
 */
function countQuotes(text: string, from: number, to: number): number {
  const last = to - 1;
  if (last > from && text.charCodeAt(last) === 34 && text.indexOf('"', from + 1) === last) return 2;
  return countChar(text, '"', from, to);
}

/** Whether `text[from, to)` is a qualifier name, `^[A-Za-z0-9_\-']+$`. */
function isQualifierName(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || NAME_CHAR[code] !== 1) return false;
  }
  return true;
}
