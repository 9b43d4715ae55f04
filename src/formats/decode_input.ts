/**
 * Turning a reader's input (text, bytes or gzipped bytes) into text.
 *
 * @module
 */

import { gunzipSync } from "node:zlib";
import { ParseError } from "./parse_error.ts";
import { DEFAULT_FILE_NAME } from "./read_options.ts";

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
 * Decompresses gzipped bytes (leaving other bytes untouched).
 *
 * @param bytes Plain or gzipped bytes.
 * @param file The file name for error messages.
 * @returns The decompressed bytes, or `bytes` itself when it is not gzipped.
 * @throws {ParseError} `Truncated` when the gzip stream is corrupt or cut short.
 *
 * @example Gunzipping
 * ```ts
 * import { gzipSync } from "node:zlib";
 * import { gunzipInput } from "./decode_input.ts";
 * const bytes = gunzipInput(gzipSync(new TextEncoder().encode("ok")));
 * if (new TextDecoder().decode(bytes) !== "ok") throw new Error("bad");
 * ```
 */
export function gunzipInput(bytes: Uint8Array, file: string = DEFAULT_FILE_NAME): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (cause) {
    throw new ParseError(
      "Truncated",
      `gzip data is corrupt or truncated: ${(cause as Error).message}`,
      { file, cause },
    );
  }
}

/**
 * Turns a reader's input into text: a string is returned as is (without a leading byte-order
 * mark); bytes are gunzipped when they start with the gzip magic `1f 8b`, then decoded as strict
 * UTF-8.
 *
 * @param input Text, or plain or gzipped bytes.
 * @param file The file name for error messages.
 * @returns The text.
 * @throws {ParseError} `Truncated` for a corrupt or truncated gzip stream; `Unexpected` for bytes
 * that are not valid UTF-8.
 *
 * @example Decoding bytes and gzipped bytes
 * ```ts
 * import { gzipSync } from "node:zlib";
 * import { decodeInput } from "./decode_input.ts";
 * const bytes = new TextEncoder().encode(">a\nACGT\n");
 * if (decodeInput(bytes) !== ">a\nACGT\n") throw new Error("plain");
 * if (decodeInput(gzipSync(bytes)) !== ">a\nACGT\n") throw new Error("gzip");
 * ```
 */
export function decodeInput(input: string | Uint8Array, file: string = DEFAULT_FILE_NAME): string {
  if (typeof input === "string") {
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (!(input instanceof Uint8Array)) {
    throw new TypeError(`Cannot read ${file}: input must be a string or a Uint8Array`);
  }
  const bytes = gunzipInput(input, file);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ParseError("Unexpected", "the bytes are not valid UTF-8 text", { file, cause });
  }
}
