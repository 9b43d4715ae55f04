/**
 * The tests' own SHA-256 (through `node:crypto`), to check the checksums the project computes.
 *
 * @module
 */

import { createHash } from "node:crypto";

/**
 * SHA-256 of bytes, or of the UTF-8 bytes of a string, as 64 lower-case hex digits.
 *
 * @param data The bytes or text.
 * @returns The digest in hex.
 */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
