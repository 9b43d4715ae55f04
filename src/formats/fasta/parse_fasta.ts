/**
 * The FASTA parser (`.fna`, `.ffn`, `.faa`, `.hypotheticals.faa`, input FASTA).
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";

/** One FASTA record. */
export interface FastaRecord {
  /** The id: the header up to the first whitespace. */
  id: string;
  /** The rest of the header after the first whitespace, where there is any. */
  description?: string;
  /** The residues, line breaks removed. */
  sequence: string;
  /** The 1-based line number of the header. */
  line: number;
}

/** Residues accepted in a sequence line: IUPAC letters, `*` (stop), `-` and `.` (gaps). */
const INVALID_RESIDUE = /[^A-Za-z*.\-]/;

/**
 * Parses FASTA text into records. Lines may end in LF or CRLF; blank lines are skipped; trailing
 * spaces after residues are ignored.
 *
 * @param text The FASTA text.
 * @param options The file name for errors.
 * @returns The records, in file order (none for an empty text).
 * @throws {ParseError} `InvalidSequence` for residues before the first `>` line, a record without
 * residues or a character that is not a residue; `InvalidHeader` for a header without an id or a
 * duplicate id; each naming the line.
 *
 * @example Parsing two records
 * ```ts
 * import { parseFasta } from "./parse_fasta.ts";
 * const records = parseFasta(">c1 [topology=circular]\nACGT\nAC\n>c2\nGG\n");
 * if (records[0].sequence !== "ACGTAC" || records[0].description !== "[topology=circular]") {
 *   throw new Error("record 1");
 * }
 * if (records[1].id !== "c2" || records[1].line !== 4) throw new Error("record 2");
 * ```
 */
export function parseFasta(text: string, options: ReadOptions = {}): FastaRecord[] {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const records: FastaRecord[] = [];
  const firstLineOf = new Map<string, number>();
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNumber = 0;
  let open: OpenFastaRecord | undefined;
  while (pos < n) {
    const newline = text.indexOf("\n", pos);
    const lineStart = pos;
    pos = newline === -1 ? n : newline + 1;
    lineNumber++;
    const end = trimmedEnd(text, lineStart, newline === -1 ? n : newline);
    if (end === lineStart) continue;
    if (text.charCodeAt(lineStart) === 0x3e) { // '>'
      if (open !== undefined) records.push(closeRecord(open, file));
      const record = readHeader(text.slice(lineStart + 1, end), lineNumber, file);
      const seen = firstLineOf.get(record.id);
      if (seen !== undefined) {
        throw new ParseError(
          "InvalidHeader",
          `duplicate id "${record.id}" (first on line ${seen})`,
          { file, line: lineNumber },
        );
      }
      firstLineOf.set(record.id, lineNumber);
      open = { record, pieces: [], pieceLines: [] };
      continue;
    }
    if (open === undefined) {
      throw new ParseError(
        "InvalidSequence",
        "found sequence data before the first header line: expected a line starting with '>'",
        { file, line: lineNumber },
      );
    }
    open.pieces.push(text.slice(lineStart, end));
    open.pieceLines.push(lineNumber);
  }
  if (open !== undefined) records.push(closeRecord(open, file));
  return records;
}

/** A record whose sequence lines are still being read. */
interface OpenFastaRecord {
  /** The record, its sequence not yet set. */
  record: FastaRecord;
  /** Its sequence lines, trimmed. */
  pieces: string[];
  /** The 1-based line number of each piece, for errors. */
  pieceLines: number[];
}

/** The end of the line `text[start, end)` without trailing `\r`, spaces and tabs. */
function trimmedEnd(text: string, start: number, end: number): number {
  let last = text.charCodeAt(end - 1);
  while (end > start && (last === 13 || last === 32 || last === 9)) {
    end--;
    last = text.charCodeAt(end - 1);
  }
  return end;
}

/** A record from its header line (without `>`): the id, and the rest as description. */
function readHeader(header: string, lineNumber: number, file: string): FastaRecord {
  const space = header.search(/\s/);
  const id = space === -1 ? header : header.slice(0, space);
  if (id === "") {
    throw new ParseError("InvalidHeader", "the header has no id after '>'", {
      file,
      line: lineNumber,
    });
  }
  const record: FastaRecord = { id, sequence: "", line: lineNumber };
  if (space !== -1) {
    const description = header.slice(space + 1).trim();
    if (description !== "") record.description = description;
  }
  return record;
}

/** The record with its sequence joined and checked; throws for none or a bad residue. */
function closeRecord({ record, pieces, pieceLines }: OpenFastaRecord, file: string): FastaRecord {
  if (pieces.length === 0) {
    throw new ParseError(
      "InvalidSequence",
      `record "${record.id}" (header on line ${record.line}) has no sequence`,
      { file, line: record.line },
    );
  }
  const sequence = pieces.length === 1 ? pieces[0] : pieces.join("");
  if (INVALID_RESIDUE.test(sequence)) {
    for (let i = 0; i < pieces.length; i++) {
      const bad = INVALID_RESIDUE.exec(pieces[i]);
      if (bad) {
        throw new ParseError(
          "InvalidSequence",
          `${JSON.stringify(bad[0])} is not a residue in record "${record.id}"`,
          { file, line: pieceLines[i], column: bad.index + 1 },
        );
      }
    }
  }
  record.sequence = sequence;
  return record;
}
