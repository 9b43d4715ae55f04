/**
 * The incremental core of the GFF3 parser: lines in, typed lines out, with the `##FASTA` section
 * gathered into sequence records.
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import type { Gff3Line, Gff3SequenceRecord } from "./gff3_line.ts";
import { parseGff3LinePooled } from "./parse_gff3_line.ts";
import { Gff3Names } from "./_gff3_names.ts";

/** Options of the GFF3 parsers. */
export interface Gff3ParseOptions {
  /**
   * The file, for errors.
   *
   * @default {"input"}
   */
  file?: string;
}

const SEQUENCE_LETTERS = /^[A-Za-z*\-.]*$/;

/**
 * Parses GFF3 lines one at a time. Before `##FASTA` every non-empty line gives one typed line
 * ({@linkcode parseGff3Line}); from `##FASTA` on (or from a first `>` header) lines are FASTA,
 * and each sequence is handed out as one {@linkcode Gff3SequenceRecord} when the next header
 * arrives or at {@linkcode finish}. Memory holds at most one sequence.
 *
 * @example A feature line, then a sequence
 * ```ts
 * import { Gff3LineParser } from "./gff3_line_parser.ts";
 * const parser = new Gff3LineParser({ file: "x.gff3" });
 * const out = ["c1\tBakta\tregion\t1\t8\t.\t+\t.\tID=c1", "##FASTA", ">c1", "ACGT", "ACGT"]
 *   .map((line) => parser.push(line))
 *   .filter((line) => line !== undefined);
 * const last = parser.finish();
 * if (out.length !== 2 || last?.kind !== "sequence" || last.sequence !== "ACGTACGT") {
 *   throw new Error("parse");
 * }
 * ```
 */
export class Gff3LineParser {
  readonly #file: string;
  #lineNumber = 0;
  #inFasta = false;
  #sequence: Gff3SequenceRecord | undefined;
  #chunks: string[] = [];
  readonly #pool = new Gff3Names();

  /**
   * Creates a parser.
   *
   * @param options The file name for errors.
   */
  constructor(options: Gff3ParseOptions = {}) {
    this.#file = options.file ?? "input";
  }

  /** The number of lines taken so far. */
  get lineNumber(): number {
    return this.#lineNumber;
  }

  /**
   * Counts a line that the caller reads itself (a feature line given to
   * `Gff3FeatureAssembler.pushFeatureText`), so that later line numbers stay right.
   *
   * @returns The line's 1-based number.
   *
   * @example Numbering past a line read elsewhere
   * ```ts
   * import { Gff3LineParser } from "./gff3_line_parser.ts";
   * const parser = new Gff3LineParser();
   * parser.countLine();
   * if (parser.push("##FASTA")?.line !== 2) throw new Error("numbering");
   * ```
   */
  countLine(): number {
    return ++this.#lineNumber;
  }

  /**
   * Takes the next line (without its line break).
   *
   * @param line The line.
   * @returns The typed line or finished sequence this line gave, if any.
   * @throws {ParseError} For bad input, naming the file and line.
   */
  push(line: string): Gff3Line | undefined {
    const lineNumber = ++this.#lineNumber;
    const length = line.length;
    if (length === 0) {
      if (this.#sequence !== undefined) this.#chunks.push("");
      return undefined;
    }
    const first = line.charCodeAt(0);
    if (this.#inFasta) {
      if (first === 62) return this.#header(line, lineNumber); // ">"
      if (this.#sequence === undefined) {
        if (line.trim() === "") return undefined;
        throw new ParseError(
          "InvalidSequence",
          `${JSON.stringify(line.slice(0, 30))}: expected a ">" header line in the ##FASTA section`,
          { file: this.#file, line: lineNumber },
        );
      }
      this.#chunks.push(line.charCodeAt(length - 1) === 13 ? line.slice(0, -1) : line);
      return undefined;
    }
    if (first === 62) {
      this.#inFasta = true;
      return this.#header(line, lineNumber);
    }
    if (first === 13 || first === 32 || first === 9) {
      if (line.trim() === "") return undefined;
    }
    const parsed = parseGff3LinePooled(line, lineNumber, this.#file, this.#pool);
    if (parsed.kind === "directive" && parsed.name === "FASTA") this.#inFasta = true;
    return parsed;
  }

  /**
   * Ends the input.
   *
   * @returns The last sequence of the `##FASTA` section, if any.
   * @throws {ParseError} `InvalidSequence` for a sequence with characters that are not letters.
   */
  finish(): Gff3SequenceRecord | undefined {
    return this.#endSequence();
  }

  #header(line: string, lineNumber: number): Gff3SequenceRecord | undefined {
    const previous = this.#endSequence();
    const header = line.slice(1).trim();
    const space = header.search(/\s/);
    const id = space < 0 ? header : header.slice(0, space);
    if (id === "") {
      throw new ParseError("InvalidHeader", `the FASTA header has no sequence id`, {
        file: this.#file,
        line: lineNumber,
      });
    }
    const record: Gff3SequenceRecord = { kind: "sequence", line: lineNumber, id, sequence: "" };
    if (space >= 0) record.description = header.slice(space).trim();
    this.#sequence = record;
    this.#chunks = [];
    return previous;
  }

  #endSequence(): Gff3SequenceRecord | undefined {
    const record = this.#sequence;
    if (record === undefined) return undefined;
    this.#sequence = undefined;
    const chunks = this.#chunks;
    this.#chunks = [];
    const sequence = chunks.join("");
    if (!SEQUENCE_LETTERS.test(sequence)) {
      const index = chunks.findIndex((chunk) => !SEQUENCE_LETTERS.test(chunk));
      throw new ParseError(
        "InvalidSequence",
        `sequence "${record.id}" has a character that is not a letter in ${
          JSON.stringify(chunks[index].slice(0, 30))
        }`,
        { file: this.#file, line: record.line + index + 1 },
      );
    }
    record.sequence = sequence;
    return record;
  }
}
