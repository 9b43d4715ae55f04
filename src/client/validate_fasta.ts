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
  if (text instanceof Uint8Array) {
    if (isGzip(text)) {
      throw new BaktaValidationError(
        "CompressedInput",
        `Cannot use ${file}: it is gzip-compressed; decompress it before validating`,
        { file },
      );
    }
    text = new TextDecoder().decode(text);
  }
  const strictIds = compliant || keepContigHeaders;
  const strictReason = compliant ? "compliant" : "keepContigHeaders";
  const records: FastaRecordSummary[] = [];
  const seen = new Map<string, number>();
  let current: FastaRecordSummary | undefined;
  let totalLength = 0;
  const fail = (
    kind: ConstructorParameters<typeof BaktaValidationError>[0],
    line: number,
    detail: string,
    extra: { record?: string; column?: number } = {},
  ) =>
    new BaktaValidationError(kind, `Cannot use ${file} line ${line}: ${detail}`, {
      file,
      line,
      ...extra,
    });
  const closeRecord = () => {
    if (current && current.length === 0) {
      throw fail("EmptyRecord", current.line, `record "${current.id}" has no sequence`, {
        record: current.id,
      });
    }
  };

  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    lineNumber++;
    const raw = text.slice(start, end);
    start = end + 1;
    if (raw.startsWith(">")) {
      closeRecord();
      const header = raw.slice(1).trim();
      const id = header.split(/\s/, 1)[0] ?? "";
      if (id === "") throw fail("MissingId", lineNumber, "the header has no record id");
      if (strictIds && !CONTIG_ID_PATTERN.test(id)) {
        throw fail(
          "InvalidId",
          lineNumber,
          `record id "${id}" does not match ${CONTIG_ID_PATTERN.source} (required with ${strictReason})`,
          { record: id },
        );
      }
      const previous = seen.get(id);
      if (previous !== undefined) {
        throw fail(
          "DuplicateId",
          lineNumber,
          `record id "${id}" repeats the id of line ${previous}`,
          { record: id },
        );
      }
      seen.set(id, lineNumber);
      current = { id, description: header.slice(id.length).trim(), line: lineNumber, length: 0 };
      records.push(current);
      continue;
    }
    const sequence = raw.replace(/[ \r]/g, "");
    if (sequence === "") continue;
    if (!current) {
      throw fail(
        "MissingHeader",
        lineNumber,
        `expected a ">" header line, found "${preview(raw)}"`,
      );
    }
    if (!SEQUENCE_LINE.test(sequence)) {
      let column = 0;
      for (let i = 0; i < raw.length; i++) {
        const char = raw[i];
        if (char !== " " && char !== "\r" && !IUPAC_NUCLEOTIDES.includes(char.toUpperCase())) {
          column = i + 1;
          break;
        }
      }
      const bad = String.fromCodePoint(raw.codePointAt(column - 1) ?? 0);
      throw fail(
        "InvalidSequence",
        lineNumber,
        `record "${current.id}" holds ${JSON.stringify(bad)} at column ${column}, ` +
          `which is not an IUPAC nucleotide letter (${IUPAC_NUCLEOTIDES})`,
        { record: current.id, column },
      );
    }
    current.length += sequence.length;
    totalLength += sequence.length;
  }
  closeRecord();
  if (records.length === 0) {
    throw new BaktaValidationError("EmptyInput", `Cannot use ${file}: it holds no FASTA record`, {
      file,
    });
  }
  return { records, totalLength };
}

function preview(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > 30 ? `${trimmed.slice(0, 30)}…` : trimmed;
}
