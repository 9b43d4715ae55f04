/**
 * A fast reader of a GFF3 `##FASTA` section held in one string, used by the whole-text front-ends
 * instead of feeding its lines one by one; same rules as {@linkcode Gff3LineParser}.
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import type { Gff3PendingSequence, Gff3SequenceRecord } from "./gff3_line.ts";

const NOT_SEQUENCE = /[^A-Za-z*\-.\n\r]/;
const LINE_FEEDS = /\n/g;

/**
 * Reads the FASTA records of `text` from offset `start` (the line after `##FASTA`) to the end.
 *
 * @param text The whole text.
 * @param start The offset of the first line of the section.
 * @param lineNumber The 1-based line number of that line.
 * @param file The file, for errors.
 * @param out Where to append the records.
 * @throws {ParseError} `InvalidSequence` for text before the first header or characters that
 * are not letters; `InvalidHeader` for a header without id.
 */
export function readFastaSection(
  text: string,
  start: number,
  lineNumber: number,
  file: string,
  out: Gff3SequenceRecord[],
): void {
  let line = -1;
  eachFastaSpan(text, start, lineNumber, file, (id, description, header, body, end) => {
    if (line < 0) line = lineAt(text, start, lineNumber, header);
    const lines = body < end ? text.slice(body, end) : "";
    const headerLine = line;
    checkLetters(lines, id, () => headerLine, file);
    // A global expression replaces faster than replaceAll("\n", "") (measured on 2.7 MB).
    const joined = lines.replace(LINE_FEEDS, "");
    const record: Gff3SequenceRecord = {
      kind: "sequence",
      line,
      id,
      sequence: withoutCarriageReturns(joined),
    };
    if (description !== undefined) record.description = description;
    out.push(record);
    // The header line and the body's lines.
    line += 1 + (end >= body ? lines.length - joined.length + 1 : 0);
  });
}

/**
 * Finds the FASTA records of `text` from offset `start` (the line after `##FASTA`) to the end,
 * checking their headers only: each record's letters are checked and joined when its
 * {@linkcode Gff3PendingSequence.letters} is called, and its line counted when its `line` is.
 *
 * @param text The whole text.
 * @param start The offset of the first line of the section.
 * @param lineNumber The 1-based line number of that line.
 * @param file The file, for errors.
 * @param take Called with each record, in file order.
 * @throws {ParseError} `InvalidSequence` for text before the first header; `InvalidHeader` for a
 * header without id. Bad letters throw when `letters` is called.
 *
 * @example Found now, read when asked
 * ```ts
 * import { findFastaSection } from "./_fasta_section.ts";
 * import type { Gff3PendingSequence } from "./gff3_line.ts";
 * const found: Gff3PendingSequence[] = [];
 * findFastaSection(">c1 chromosome\nACGT\nAC\n>c2\nA7\n", 0, 10, "x.gff3", (p) => found.push(p));
 * const [c1, c2] = found;
 * if (c1.letters() !== "ACGTAC" || c1.description !== "chromosome") throw new Error("c1");
 * let line = 0;
 * try {
 *   c2.letters();
 * } catch (error) {
 *   line = (error as { line: number }).line;
 * }
 * if (c2.line() !== 13 || line !== 14) throw new Error(`c2 at ${c2.line()}, error at ${line}`);
 * ```
 */
export function findFastaSection(
  text: string,
  start: number,
  lineNumber: number,
  file: string,
  take: (pending: Gff3PendingSequence) => void,
): void {
  eachFastaSpan(text, start, lineNumber, file, (id, description, header, body, end) => {
    const line = () => lineAt(text, start, lineNumber, header);
    const letters = () => {
      const lines = body < end ? text.slice(body, end) : "";
      checkLetters(lines, id, line, file);
      return withoutCarriageReturns(lines.replace(LINE_FEEDS, ""));
    };
    take(description === undefined ? { id, line, letters } : { id, description, line, letters });
  });
}

/**
 * Hands `take` each record of the section from `start`: its id and description, the offsets of
 * its `>`, of its first line of letters and of the end of its letters (the line break before the
 * next header, or the end of the text).
 */
function eachFastaSpan(
  text: string,
  start: number,
  lineNumber: number,
  file: string,
  take: (
    id: string,
    description: string | undefined,
    header: number,
    body: number,
    end: number,
  ) => void,
): void {
  const length = text.length;
  let position = start;
  while (position < length) {
    const code = text.charCodeAt(position);
    if (code === 10) position++;
    else if (code === 13 && text.charCodeAt(position + 1) === 10) position += 2;
    else break;
  }
  if (position < length && text.charCodeAt(position) !== 62) {
    throw noHeaderError(text, position, lineAt(text, start, lineNumber, position), file);
  }
  while (position < length) {
    let eol = text.indexOf("\n", position);
    if (eol < 0) eol = length;
    const header = text.slice(position + 1, eol).trim();
    const space = header.search(/\s/);
    const id = space < 0 ? header : header.slice(0, space);
    if (id === "") {
      throw new ParseError("InvalidHeader", "the FASTA header has no sequence id", {
        file,
        line: lineAt(text, start, lineNumber, position),
      });
    }
    let next = -1;
    if (eol < length) {
      // The next header: a ">" right after a line break (a one-character search is the fastest).
      let gt = text.indexOf(">", eol);
      while (gt >= 0 && text.charCodeAt(gt - 1) !== 10) gt = text.indexOf(">", gt + 1);
      next = gt < 0 ? -1 : gt - 1;
    }
    const description = space < 0 ? undefined : header.slice(space).trim();
    take(id, description, position, eol + 1, next < 0 ? length : next);
    position = next < 0 ? length : next + 1;
  }
}

/** The 1-based line number of offset `position`, counting from offset `from` on line `line`. */
function lineAt(text: string, from: number, line: number, position: number): number {
  for (let i = text.indexOf("\n", from); i >= 0 && i < position; i = text.indexOf("\n", i + 1)) {
    line++;
  }
  return line;
}

/** Throws for the first character of `lines` that is not a letter, naming its line. */
function checkLetters(lines: string, id: string, headerLine: () => number, file: string): void {
  const bad = NOT_SEQUENCE.exec(lines);
  if (bad !== null) throw letterError(lines, bad.index, id, headerLine(), file);
}

/** `joined` without its carriage returns (a file with CRLF line breaks). */
function withoutCarriageReturns(joined: string): string {
  return joined.indexOf("\r") >= 0 ? joined.replaceAll("\r", "") : joined;
}

/** The error for text that is not a `>` header at `position`, the start of the section. */
function noHeaderError(text: string, position: number, line: number, file: string): ParseError {
  const end = text.indexOf("\n", position);
  return new ParseError(
    "InvalidSequence",
    `${
      JSON.stringify(text.slice(position, end < 0 ? text.length : end).slice(0, 30))
    }: expected a ">" header line in the ##FASTA section`,
    { file, line },
  );
}

/**
 * The error for the character at `index` of the sequence `id`'s lines `body` (its header on line
 * `headerLine`), naming the line it is on.
 */
function letterError(
  body: string,
  index: number,
  id: string,
  headerLine: number,
  file: string,
): ParseError {
  let line = headerLine + 1;
  for (let i = body.indexOf("\n"); i >= 0 && i < index; i = body.indexOf("\n", i + 1)) line++;
  const lineStart = body.lastIndexOf("\n", index) + 1;
  const lineEnd = body.indexOf("\n", index);
  return new ParseError(
    "InvalidSequence",
    `sequence "${id}" has a character that is not a letter in ${
      JSON.stringify(body.slice(lineStart, lineEnd < 0 ? body.length : lineEnd).slice(0, 30))
    }`,
    { file, line },
  );
}
