/**
 * The one error class every reader in `src/formats/` throws for bad input.
 *
 * @module
 */

/** What went wrong, as a stable machine-readable word; tests assert on it. */
export type ParseErrorKind =
  | "MissingColumn"
  | "InvalidStart"
  | "InvalidStop"
  | "InvalidStrand"
  | "InvalidNumber"
  | "InvalidLocation"
  | "InvalidAttribute"
  | "InvalidJson"
  | "InvalidHeader"
  | "InvalidSequence"
  | "UnknownFormat"
  | "UnknownSequence"
  | "MissingField"
  | "BeyondSequence"
  | "LinearOriginSpan"
  | "Truncated"
  | "TooLarge"
  | "Unexpected";

/** Where and why a parse failed. */
export interface ParseErrorOptions {
  /** The file (path or name) being read, where known. */
  file?: string;
  /** The 1-based line number, where the format is line-based. */
  line?: number;
  /** The 1-based column, where known. */
  column?: number;
  /** The 0-based UTF-16 index into the decoded text, where there are no lines (JSON). */
  offset?: number;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * Bad, truncated or mislabelled input: names the file, the line (or offset) and what was expected.
 *
 * @example Catching a parse error
 * ```ts
 * import { ParseError } from "./parse_error.ts";
 * const error = new ParseError("InvalidStart", 'start "abc" is not an integer', {
 *   file: "x.gff3",
 *   line: 12,
 * });
 * if (error.message !== 'Cannot parse x.gff3 line 12: start "abc" is not an integer') throw error;
 * ```
 */
export class ParseError extends SyntaxError {
  /** What went wrong. */
  readonly kind: ParseErrorKind;
  /** The file being read, where known. */
  readonly file?: string;
  /** The 1-based line number, where known. */
  readonly line?: number;
  /** The 1-based column, where known. */
  readonly column?: number;
  /** The offset, where known. */
  readonly offset?: number;
  /** The detail without the location prefix. */
  readonly detail: string;

  /**
   * @param kind What went wrong.
   * @param detail What was found and what was expected.
   * @param options Where it went wrong.
   */
  constructor(kind: ParseErrorKind, detail: string, options: ParseErrorOptions = {}) {
    super(`Cannot parse ${describeWhere(options)}: ${detail}`, { cause: options.cause });
    this.name = "ParseError";
    this.kind = kind;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.offset = options.offset;
    this.detail = detail;
  }
}

function describeWhere({ file, line, column, offset }: ParseErrorOptions): string {
  const parts = [file ?? "input"];
  if (line !== undefined) parts.push(`line ${line}`);
  if (column !== undefined) parts.push(`column ${column}`);
  if (offset !== undefined) parts.push(`offset ${offset}`);
  return parts.join(" ");
}
