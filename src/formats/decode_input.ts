/**
 * Turning a reader's input (text, bytes or gzipped bytes) into text.
 *
 * @module
 */

import { Buffer, isUtf8 } from "node:buffer";
import { gunzipSync } from "node:zlib";
import { findInvalidUtf8 } from "./_invalid_utf8.ts";
import { ParseError } from "./parse_error.ts";
import { DEFAULT_FILE_NAME, DEFAULT_MAX_DECOMPRESSED_BYTES } from "./read_options.ts";

/**
 * Whether the bytes start with the gzip magic number `1f 8b`.
 *
 * @param bytes The bytes to look at.
 * @returns True when `bytes` looks like a gzip stream.
 *
 * @example Recognizing gzip
 * ```ts
 * import { isGzip } from "./decode_input.ts";
 * if (!isGzip(new Uint8Array([0x1f, 0x8b, 8]))) throw new Error("expected gzip");
 * if (isGzip(new TextEncoder().encode("{}"))) throw new Error("expected plain");
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzipped bytes (leaving other bytes untouched), stopping as soon as the output
 * passes `maxBytes`: a small `.gz` that expands to gigabytes costs at most that much memory.
 *
 * @param bytes Plain or gzipped bytes.
 * @param file The file name for error messages.
 * @param maxBytes The most bytes the output may have (`ReadOptions.maxDecompressedBytes`).
 * @returns The decompressed bytes, or `bytes` itself when it is not gzipped.
 * @throws {ParseError} `Truncated` when the gzip stream is corrupt or cut short; `TooLarge` when
 * it expands past `maxBytes`.
 * @throws {RangeError} When `maxBytes` is not a positive safe integer.
 *
 * @example Gunzipping, and a bound that stops an expansion
 * ```ts
 * import { gzipSync } from "node:zlib";
 * import { gunzipInput } from "./decode_input.ts";
 * import { ParseError } from "./parse_error.ts";
 * const bytes = gunzipInput(gzipSync(new TextEncoder().encode("ok")));
 * if (new TextDecoder().decode(bytes) !== "ok") throw new Error("bad");
 * try {
 *   gunzipInput(gzipSync(new Uint8Array(1_000_000)), "zeros.gz", 1000);
 *   throw new Error("expected TooLarge");
 * } catch (error) {
 *   if (!(error instanceof ParseError) || error.kind !== "TooLarge") throw error;
 * }
 * ```
 */
export function gunzipInput(
  bytes: Uint8Array,
  file: string = DEFAULT_FILE_NAME,
  maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES,
): Uint8Array {
  checkMaxBytes(maxBytes);
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (cause) {
    if ((cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ParseError(
        "TooLarge",
        `the gzip data expands past ${maxBytes} bytes (maxDecompressedBytes): decompression ` +
          `stopped`,
        { file, cause },
      );
    }
    throw new ParseError(
      "Truncated",
      `gzip data is corrupt or truncated: ${(cause as Error).message}`,
      { file, cause },
    );
  }
}

function checkMaxBytes(maxBytes: number): void {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError(
      `Cannot read: maxDecompressedBytes must be a positive integer, got ${maxBytes}`,
    );
  }
}

/**
 * Turns a reader's input into text: a string is returned as is (without a leading byte-order
 * mark); bytes are gunzipped when they start with the gzip magic `1f 8b` (up to `maxBytes`), then
 * decoded as strict UTF-8.
 *
 * @param input Text, or plain or gzipped bytes.
 * @param file The file name for error messages.
 * @param maxBytes The most bytes gzipped input may expand to
 * (`ReadOptions.maxDecompressedBytes`).
 * @returns The text.
 * @throws {ParseError} `Truncated` for a corrupt or truncated gzip stream; `TooLarge` for one that
 * expands past `maxBytes`; `Unexpected` for bytes that are not valid UTF-8 (naming the line and
 * byte column of the first bad byte).
 *
 * @example Decoding bytes and gzipped bytes
 * ```ts
 * import { gzipSync } from "node:zlib";
 * import { decodeInput } from "./decode_input.ts";
 * const bytes = new TextEncoder().encode(">a\nACGT\n");
 * if (decodeInput(bytes) !== ">a\nACGT\n") throw new Error("plain");
 * if (decodeInput(gzipSync(bytes)) !== ">a\nACGT\n") throw new Error("gzip");
 * ```
 *
 * @example Invalid UTF-8 is named by line and column
 * ```ts
 * import { decodeInput } from "./decode_input.ts";
 * import { ParseError } from "./parse_error.ts";
 * try {
 *   decodeInput(new Uint8Array([0x3e, 0x61, 0x0a, 0x41, 0xff]), "x.fna");
 *   throw new Error("expected a ParseError");
 * } catch (error) {
 *   if (!(error instanceof ParseError) || error.line !== 2 || error.column !== 2) throw error;
 * }
 * ```
 */
export function decodeInput(
  input: string | Uint8Array,
  file: string = DEFAULT_FILE_NAME,
  maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES,
): string {
  if (typeof input === "string") {
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (!(input instanceof Uint8Array)) {
    throw new TypeError(`Cannot read ${file}: input must be a string or a Uint8Array`);
  }
  const bytes = gunzipInput(input, file, maxBytes);
  if (!isUtf8(bytes)) {
    const at = findInvalidUtf8(bytes);
    const where = at === undefined ? "" : `: byte 0x${at.byte.toString(16).padStart(2, "0")} ` +
      `at offset ${at.offset} starts no UTF-8 character`;
    throw new ParseError("Unexpected", `the bytes are not valid UTF-8 text${where}`, {
      file,
      line: at?.line,
      column: at?.column,
    });
  }
  // Validated, then decoded by Buffer: a third of the transient memory of TextDecoder (a 200 MB
  // file peaks 200 MB above its bytes, not 600).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
