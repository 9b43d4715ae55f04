/**
 * JSON parsing that survives the bare `NaN`, `Infinity` and `-Infinity` some Bakta versions
 * write, and that reports the offset of a syntax error.
 *
 * The fast path is a plain `JSON.parse`; only when it fails and the text holds one of those words
 * is the text rewritten (bare words outside strings become number literals no Bakta file holds)
 * and parsed again with a reviver that turns those literals back into `NaN`, `Infinity` and
 * `-Infinity`, so valid JSON pays nothing and an error can still say "NaN".
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";

/** The bare words outside JSON and what {@linkcode replaceNonFiniteNumbers} writes by default. */
export type NonFiniteWord = "NaN" | "Infinity" | "-Infinity";

/** The default spelling: every bare word becomes `null`. */
const AS_NULL: Readonly<Record<NonFiniteWord, string>> = {
  NaN: "null",
  Infinity: "null",
  "-Infinity": "null",
};

/**
 * Number literals that stand for the bare words while `JSON.parse` runs (found again by their
 * source text in the reviver); used only when the text does not already hold them.
 */
const MARKERS: Readonly<Record<NonFiniteWord, string>> = {
  NaN: "-0.0e-7357",
  Infinity: "1.0e7357",
  "-Infinity": "-1.0e7357",
};
const VALUE_OF_MARKER: ReadonlyMap<string, number> = new Map([
  [MARKERS.NaN, NaN],
  [MARKERS.Infinity, Infinity],
  [MARKERS["-Infinity"], -Infinity],
]);

/**
 * Replaces every bare `NaN`, `Infinity` and `-Infinity` outside JSON strings (by `null`, or as
 * `spelling` says).
 *
 * Finds the candidate words first (usually none or a few), then walks the unescaped quotes with
 * `indexOf` only as far as the last candidate to tell whether each lies inside a string.
 *
 * @param text JSON text, perhaps with bare non-finite numbers.
 * @param spelling What to write for each word.
 * @returns The text with those words replaced; strings are never touched.
 */
export function replaceNonFiniteNumbers(
  text: string,
  spelling: Readonly<Record<NonFiniteWord, string>> = AS_NULL,
): string {
  const candidates: [start: number, end: number, word: NonFiniteWord][] = [];
  for (let at = text.indexOf("NaN"); at !== -1; at = text.indexOf("NaN", at + 3)) {
    candidates.push([at, at + 3, "NaN"]);
  }
  for (let at = text.indexOf("Infinity"); at !== -1; at = text.indexOf("Infinity", at + 8)) {
    candidates.push(
      text.charCodeAt(at - 1) === 0x2d ? [at - 1, at + 8, "-Infinity"] : [at, at + 8, "Infinity"],
    );
  }
  if (candidates.length === 0) return text;
  candidates.sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let copied = 0;
  let inString = false;
  let quote = nextUnescapedQuote(text, 0);
  for (const [start, end, word] of candidates) {
    while (quote !== -1 && quote < start) {
      inString = !inString;
      quote = nextUnescapedQuote(text, quote + 1);
    }
    if (inString) continue;
    pieces.push(text.slice(copied, start), spelling[word]);
    copied = end;
  }
  if (pieces.length === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join("");
}

/** The index of the next `"` at or after `from` that is not escaped by a backslash, or -1. */
function nextUnescapedQuote(text: string, from: number): number {
  let at = text.indexOf('"', from);
  while (at !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

/**
 * Parses JSON text, tolerating bare non-finite numbers: read as `NaN`, `Infinity` and `-Infinity`
 * (as `null` in the unlikely text that already holds the stand-in literals).
 *
 * @param text The JSON text.
 * @param file The file name for error messages.
 * @returns The parsed value.
 * @throws {ParseError} `InvalidJson` with the offset (0-based UTF-16 index) and line/column of the
 * first syntax error.
 */
export function parseLenientJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (first) {
    if (text.includes("NaN") || text.includes("Infinity")) {
      const marked = !Object.values(MARKERS).some((marker) => text.includes(marker));
      const sanitized = replaceNonFiniteNumbers(text, marked ? MARKERS : AS_NULL);
      if (sanitized !== text) {
        try {
          return marked ? JSON.parse(sanitized, reviveMarkers) : JSON.parse(sanitized);
        } catch {
          // Fall through: report the error against the original text.
        }
      }
    }
    throw jsonSyntaxError(text, file, first);
  }
}

/** A `JSON.parse` reviver: the stand-in literals back to the non-finite numbers. */
function reviveMarkers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== "number" || context?.source === undefined) return value;
  return VALUE_OF_MARKER.get(context.source) ?? value;
}

/** Builds the ParseError for text that `JSON.parse` rejected. */
function jsonSyntaxError(text: string, file: string, cause: unknown): ParseError {
  const found = findJsonSyntaxError(text);
  if (found === undefined) {
    return new ParseError("InvalidJson", `invalid JSON: ${(cause as Error).message}`, {
      file,
      cause,
    });
  }
  const { line, column } = lineAndColumn(text, found.offset);
  const at = found.offset >= text.length
    ? "unexpected end of input"
    : `unexpected ${describeChar(text, found.offset)}`;
  return new ParseError("InvalidJson", `${at}: expected ${found.expected}`, {
    file,
    line,
    column,
    offset: found.offset,
    cause,
  });
}

function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset)!;
  if (code < 0x20) return `control character U+${code.toString(16).padStart(4, "0")}`;
  return `character ${JSON.stringify(String.fromCodePoint(code))}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let newline = text.indexOf("\n");
  while (newline !== -1 && newline < offset) {
    line++;
    lineStart = newline + 1;
    newline = text.indexOf("\n", lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first syntax error of a JSON text: where, and what was expected there. */
export interface JsonSyntaxErrorLocation {
  /** The 0-based UTF-16 offset of the offending character (the text length at end of input). */
  offset: number;
  /** What the grammar expected at that point. */
  expected: string;
}

const OBJECT = 1;
const ARRAY = 2;

/**
 * Finds the first syntax error of a JSON text (bare `NaN`, `Infinity`, `-Infinity` allowed), with
 * a linear scan and an explicit stack (no recursion, so deep nesting cannot overflow).
 *
 * @param text The JSON text.
 * @returns Where the first error is, or `undefined` when the text is valid.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxErrorLocation | undefined {
  const scan: JsonScan = { text, at: 0, stack: [], expectValue: true };
  for (;;) {
    scan.at = skipWhitespace(text, scan.at);
    const found = scan.expectValue ? readValueStart(scan) : readAfterValue(scan);
    if (found !== undefined) return found === END_OF_JSON ? undefined : found;
  }
}

/** Where the scan of {@linkcode findJsonSyntaxError} stands. */
interface JsonScan {
  /** The JSON text. */
  text: string;
  /** The offset of the next character to read. */
  at: number;
  /** The open containers, innermost last ({@linkcode OBJECT} or {@linkcode ARRAY}). */
  stack: number[];
  /** Whether a value comes next (else a `,`, a closing bracket or the end). */
  expectValue: boolean;
}

/** What {@linkcode readAfterValue} returns at the end of a valid text. */
const END_OF_JSON: JsonSyntaxErrorLocation = { offset: -1, expected: "" };

/** Reads where a value must start: opens a container, or reads a string, literal or number. */
function readValueStart(scan: JsonScan): JsonSyntaxErrorLocation | undefined {
  const { text, at } = scan;
  if (at >= text.length) return { offset: at, expected: "a value" };
  const c = text.charCodeAt(at);
  if (c === 0x7b || c === 0x5b) { // { or [
    const inside = skipWhitespace(text, at + 1);
    if (text.charCodeAt(inside) === (c === 0x7b ? 0x7d : 0x5d)) { // {} or []
      scan.at = inside + 1;
      scan.expectValue = false;
      return undefined;
    }
    scan.stack.push(c === 0x7b ? OBJECT : ARRAY);
    if (c === 0x5b) {
      scan.at = inside;
      return undefined;
    }
    return readKeyAndColon(scan, inside);
  }
  let end: number;
  if (c === 0x22) {
    end = scanString(text, at);
    if (end < 0) return { offset: -end - 1, expected: "a valid string" };
  } else {
    const literal = matchLiteral(text, at);
    end = literal > 0 ? at + literal : literal < 0 ? literal : scanNumber(text, at);
    if (end < 0) return { offset: -end - 1, expected: "a value" };
  }
  scan.at = end;
  scan.expectValue = false;
  return undefined;
}

/** Reads after a value: the end of the text, a `,` or the bracket closing the open container. */
function readAfterValue(scan: JsonScan): JsonSyntaxErrorLocation | undefined {
  const { text, at, stack } = scan;
  if (stack.length === 0) {
    return at < text.length ? { offset: at, expected: "the end of input" } : END_OF_JSON;
  }
  const top = stack[stack.length - 1];
  const expected = top === OBJECT ? "',' or '}'" : "',' or ']'";
  if (at >= text.length) return { offset: at, expected };
  const c = text.charCodeAt(at);
  if (c === 0x2c) { // ,
    scan.expectValue = true;
    if (top === OBJECT) return readKeyAndColon(scan, at + 1);
    scan.at = at + 1;
    return undefined;
  }
  if (c === (top === OBJECT ? 0x7d : 0x5d)) {
    stack.pop();
    scan.at = at + 1;
    return undefined;
  }
  return { offset: at, expected };
}

/** Reads a property name and its colon from `from`; the value comes next. */
function readKeyAndColon(scan: JsonScan, from: number): JsonSyntaxErrorLocation | undefined {
  const { text } = scan;
  const quote = skipWhitespace(text, from);
  if (text.charCodeAt(quote) !== 0x22) {
    return { offset: quote, expected: "a double-quoted property name" };
  }
  const end = scanString(text, quote);
  if (end < 0) return { offset: -end - 1, expected: "a valid string" };
  const colon = skipWhitespace(text, end);
  if (text.charCodeAt(colon) !== 0x3a) {
    return { offset: colon, expected: "':' after the property name" };
  }
  scan.at = colon + 1;
  scan.expectValue = true;
  return undefined;
}

/** The offset of the first character from `from` on that is not JSON white space. */
function skipWhitespace(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    j++;
  }
  return j;
}

/** The offset after the string starting at `from` (a quote), or -(offset + 1) of an error. */
function scanString(text: string, from: number): number {
  const n = text.length;
  let j = from + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -(j + 1);
    if (c === 0x5c) {
      const e = text.charCodeAt(j + 1);
      if (e === 0x75) {
        for (let k = j + 2; k < j + 6; k++) {
          if (k >= n || !/[0-9a-fA-F]/.test(text[k])) return -(k + 1);
        }
        j += 6;
        continue;
      }
      if (j + 1 >= n || '"\\/bfnrt'.indexOf(text[j + 1]) === -1) return -(j + 2);
      j += 2;
      continue;
    }
    j++;
  }
  return -(n + 1);
}

const LITERALS = ["true", "false", "null", "NaN", "Infinity", "-Infinity"];

/**
 * Matches a literal at `at`: its length when it matches, -(offset + 1) of the first mismatching
 * character when the text starts like one, 0 when no literal starts with that character.
 */
function matchLiteral(text: string, at: number): number {
  const first = text[at];
  const literal = first === "-"
    ? (text[at + 1] === "I" ? "-Infinity" : undefined)
    : LITERALS.find((l) => l[0] === first);
  if (literal === undefined) return 0;
  for (let k = 1; k < literal.length; k++) {
    if (text[at + k] !== literal[k]) return -(at + k + 1);
  }
  return literal.length;
}

/** Returns the index after a JSON number at `at`, or -(offset + 1) of the first bad character. */
function scanNumber(text: string, at: number): number {
  const n = text.length;
  let j = at;
  const isDigit = (k: number) => {
    const c = text.charCodeAt(k);
    return c >= 0x30 && c <= 0x39;
  };
  if (text.charCodeAt(j) === 0x2d) j++;
  if (j >= n || !isDigit(j)) return -(j + 1);
  if (text.charCodeAt(j) === 0x30) {
    j++;
  } else {
    while (j < n && isDigit(j)) j++;
  }
  if (text.charCodeAt(j) === 0x2e) {
    j++;
    if (j >= n || !isDigit(j)) return -(j + 1);
    while (j < n && isDigit(j)) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    j++;
    const sign = text.charCodeAt(j);
    if (sign === 0x2b || sign === 0x2d) j++;
    if (j >= n || !isDigit(j)) return -(j + 1);
    while (j < n && isDigit(j)) j++;
  }
  return j;
}
