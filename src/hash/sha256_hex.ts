/**
 * The one SHA-256 helper of the project: the store's checksums and the job service's genome
 * fingerprints both use it.
 *
 * @module
 */

import { createHash } from "node:crypto";

/**
 * SHA-256 of bytes, or of the UTF-8 bytes of a string, as 64 lower-case hex digits.
 *
 * Synchronous (`node:crypto`): hashing in memory needs no event-loop turn, and one function
 * serves both the store (which hashes inside a transaction) and the job service.
 *
 * @param data The bytes, or a string hashed as UTF-8.
 * @returns The digest as 64 lower-case hex digits.
 *
 * @example The digest of "abc"
 * ```ts
 * import { sha256Hex } from "./sha256_hex.ts";
 * const digest = sha256Hex("abc");
 * if (digest !== "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") {
 *   throw new Error(digest);
 * }
 * if (sha256Hex(new TextEncoder().encode("abc")) !== digest) throw new Error("bytes differ");
 * ```
 */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
