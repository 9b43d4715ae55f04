/**
 * The FASTA checks the official Bakta web UI (and Bakta itself) make, run locally before upload.
 *
 * @module
 */

import { BaktaValidationError } from "./bakta_error.ts";
import { isGzip } from "../formats/decode_input.ts";

/** The contig ids accepted with `compliant` or `keepContigHeaders`. */
export const CONTIG_ID_PATTERN: RegExp = /^[A-Za-z\d_.:*#-]{1,25}$/;

/** The IUPAC nucleotide letters Bakta accepts (either case); `U` and gaps are not among them. */
export const IUPAC_NUCLEOTIDES = "ACGTMRWSYKVHDBN";

const SEQUENCE_LINE = /^[ACGTMRWSYKVHDBN]*$/i;

/** Options of `validateFasta`. */
export interface FastaValidationOptions {
  /**
   * Contig ids must match `CONTIG_ID_PATTERN` (as with `--compliant`).
   * @default {false}
   */
  compliant?: boolean;
  /**
   * Contig ids must match `CONTIG_ID_PATTERN` (as with `--keep-contig-headers`).
   * @default {false}
   */
  keepContigHeaders?: boolean;
  /**
   * The name used in messages.
   * @default {"FASTA input"}
   */
  file?: string;
}

/** One record of a valid FASTA file. */
export interface FastaRecordSummary {
  /** The id: the header up to the first whitespace. */
  id: string;
  /** The rest of the header, trimmed (empty when none). */
  description: string;
  /** The 1-based line of the header. */
  line: number;
  /** The sequence length in nucleotides. */
  length: number;
}

/** What `validateFasta` found in a valid file. */
export interface FastaSummary {
  /** The records, in file order. */
  records: FastaRecordSummary[];
  /** The summed length of all records. */
  totalLength: number;
}

/**
 * Checks a genome FASTA as the official web UI and Bakta do: a `>` header first, a non-empty id per
 * record, unique ids, non-empty sequences of IUPAC nucleotide letters only (spaces and `\r` are
 * ignored, as Biopython does), and, with `compliant` or `keepContigHeaders`, ids matching
 * `^[A-Za-z\d_.:*#-]{1,25}$`. Gzip input must be decompressed first.
 *
 * @param text The FASTA text (or its bytes, decoded as UTF-8).
 * @param options Which checks apply and the name for messages.
 * @returns The records and the total length.
 * @throws {BaktaValidationError} Naming the record (id and line) and the problem, with `kind`
 *   `EmptyInput`, `CompressedInput`, `MissingHeader`, `MissingId`, `InvalidId`, `DuplicateId`,
 *   `EmptyRecord` or `InvalidSequence`.
 *
 * @example A valid file and a bad letter
 * ```ts
 * import { validateFasta } from "./validate_fasta.ts";
 * import { BaktaValidationError } from "./bakta_error.ts";
 * const summary = validateFasta(">c1 plasmid\nACGT\nNNAC\n>c2\nGGG\n");
 * if (summary.totalLength !== 11 || summary.records[1].line !== 4) throw new Error("wrong");
 * try {
 *   validateFasta(">c1\nACGX\n", { file: "g.fna" });
 *   throw new Error("not thrown");
 * } catch (error) {
 *   if (!(error instanceof BaktaValidationError) || error.line !== 2) throw error;
 * }
 * ```
 */
export function validateFasta(
  text: string | Uint8Array,
  options: FastaValidationOptions = {},
): FastaSummary {
  const { compliant = false, keepContigHeaders = false, file = "FASTA input" } = options;
  const checker = new FastaChecker(
    file,
    compliant ? "compliant" : keepContigHeaders ? "keepContigHeaders" : undefined,
  );
  const input = decodeFastaInput(text, file);
  let lineNumber = 0;
  let start = 0;
  while (start <= input.length) {
    let end = input.indexOf("\n", start);
    if (end < 0) end = input.length;
    lineNumber++;
    const line = input.slice(start, end);
    start = end + 1;
    if (line.startsWith(">")) checker.header(line, lineNumber);
    else checker.sequenceLine(line, lineNumber);
  }
  return checker.finish();
}

/** The text of FASTA input: bytes decoded as UTF-8, gzip refused. */
function decodeFastaInput(text: string | Uint8Array, file: string): string {
  if (typeof text === "string") return text;
  if (isGzip(text)) {
    throw new BaktaValidationError(
      "CompressedInput",
      `Cannot use ${file}: it is gzip-compressed; decompress it before validating`,
      { file },
    );
  }
  return new TextDecoder().decode(text);
}

/** What kind of problem a `BaktaValidationError` names. */
type ValidationKind = ConstructorParameters<typeof BaktaValidationError>[0];

/** Checks a FASTA file line by line, keeping the records seen so far. */
class FastaChecker {
  readonly #file: string;
  /** The option that asks for strict contig ids, or `undefined` when neither is set. */
  readonly #strictBy: "compliant" | "keepContigHeaders" | undefined;
  readonly #records: FastaRecordSummary[] = [];
  /** The header line of each id seen. */
  readonly #lineOfId = new Map<string, number>();
  #current: FastaRecordSummary | undefined;
  #totalLength = 0;

  constructor(file: string, strictBy: "compliant" | "keepContigHeaders" | undefined) {
    this.#file = file;
    this.#strictBy = strictBy;
  }

  /** A `>` line: closes the record before it and opens the next after checking its id. */
  header(line: string, lineNumber: number): void {
    this.#closeRecord();
    const header = line.slice(1).trim();
    const id = header.split(/\s/, 1)[0] ?? "";
    if (id === "") throw this.#fail("MissingId", lineNumber, "the header has no record id");
    if (this.#strictBy !== undefined && !CONTIG_ID_PATTERN.test(id)) {
      throw this.#fail(
        "InvalidId",
        lineNumber,
        `record id "${id}" does not match ${CONTIG_ID_PATTERN.source} (required with ${this.#strictBy})`,
        { record: id },
      );
    }
    const previous = this.#lineOfId.get(id);
    if (previous !== undefined) {
      throw this.#fail(
        "DuplicateId",
        lineNumber,
        `record id "${id}" repeats the id of line ${previous}`,
        { record: id },
      );
    }
    this.#lineOfId.set(id, lineNumber);
    this.#current = {
      id,
      description: header.slice(id.length).trim(),
      line: lineNumber,
      length: 0,
    };
    this.#records.push(this.#current);
  }

  /** A sequence line (spaces and `\r` ignored; blank lines skipped) of the open record. */
  sequenceLine(line: string, lineNumber: number): void {
    const sequence = line.replace(/[ \r]/g, "");
    if (sequence === "") return;
    const current = this.#current;
    if (!current) {
      throw this.#fail(
        "MissingHeader",
        lineNumber,
        `expected a ">" header line, found "${preview(line)}"`,
      );
    }
    if (!SEQUENCE_LINE.test(sequence)) {
      const column = firstNonNucleotideColumn(line);
      const bad = String.fromCodePoint(line.codePointAt(column - 1) ?? 0);
      throw this.#fail(
        "InvalidSequence",
        lineNumber,
        `record "${current.id}" holds ${JSON.stringify(bad)} at column ${column}, ` +
          `which is not an IUPAC nucleotide letter (${IUPAC_NUCLEOTIDES})`,
        { record: current.id, column },
      );
    }
    current.length += sequence.length;
    this.#totalLength += sequence.length;
  }

  /** The end of the input: the last record closed; at least one record required. */
  finish(): FastaSummary {
    this.#closeRecord();
    if (this.#records.length === 0) {
      throw new BaktaValidationError(
        "EmptyInput",
        `Cannot use ${this.#file}: it holds no FASTA record`,
        { file: this.#file },
      );
    }
    return { records: this.#records, totalLength: this.#totalLength };
  }

  #closeRecord(): void {
    const current = this.#current;
    if (current && current.length === 0) {
      throw this.#fail("EmptyRecord", current.line, `record "${current.id}" has no sequence`, {
        record: current.id,
      });
    }
  }

  #fail(
    kind: ValidationKind,
    line: number,
    detail: string,
    extra: { record?: string; column?: number } = {},
  ): BaktaValidationError {
    const file = this.#file;
    return new BaktaValidationError(kind, `Cannot use ${file} line ${line}: ${detail}`, {
      file,
      line,
      ...extra,
    });
  }
}

/** The 1-based column of the first character that is not an IUPAC letter, space or `\r`. */
function firstNonNucleotideColumn(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char !== " " && char !== "\r" && !IUPAC_NUCLEOTIDES.includes(char.toUpperCase())) {
      return i + 1;
    }
  }
  return 0;
}

function preview(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > 30 ? `${trimmed.slice(0, 30)}…` : trimmed;
}
