/**
 * Checksums and the compression of stored content (residues, original files).
 *
 * @module
 */

import { gunzipSync, gzipSync } from "node:zlib";
import { isGzip } from "../formats/decode_input.ts";

/** How stored bytes are encoded. */
export type ContentEncoding = "plain" | "gzip";

/** Encoded bytes and how they were encoded. */
export interface EncodedContent {
  /** The bytes to store. */
  bytes: Uint8Array;
  /** `gzip` when compressing made them smaller, else `plain`. */
  encoding: ContentEncoding;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** SHA-256 (lower-case hex): re-exported from its one home, `src/hash/sha256_hex.ts`. */
export { sha256Hex } from "../hash/sha256_hex.ts";

/** MD5 (lower-case hex): re-exported from its one home, `src/hash/md5_hex.ts`. */
export { md5Hex } from "../hash/md5_hex.ts";

/**
 * Compresses bytes with gzip when that makes them smaller; bytes that are already gzipped (or
 * tiny) are stored as they are.
 *
 * @param bytes The original bytes.
 * @param level The gzip level (1–9).
 * @returns The bytes to store and their encoding.
 */
export function encodeContent(bytes: Uint8Array, level = 3): EncodedContent {
  if (bytes.length < 64 || isGzip(bytes)) return { bytes, encoding: "plain" };
  const packed = gzipSync(bytes, { level });
  return packed.length < bytes.length
    ? { bytes: new Uint8Array(packed.buffer, packed.byteOffset, packed.length), encoding: "gzip" }
    : { bytes, encoding: "plain" };
}

/**
 * Gives back the original bytes of stored content.
 *
 * @param bytes The stored bytes.
 * @param encoding How they were stored.
 * @returns The original bytes.
 * @throws {TypeError} For an unknown encoding.
 */
export function decodeContent(bytes: Uint8Array, encoding: string): Uint8Array {
  if (encoding === "plain") return bytes;
  if (encoding === "gzip") {
    const out = gunzipSync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }
  throw new TypeError(`Cannot decode stored content: unknown encoding "${encoding}"`);
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A string from UTF-8 bytes. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
