/**
 * The one MD5 helper of the project (Bakta's `aa_hexdigest`, BakRep's file checksums).
 *
 * @module
 */

import { createHash } from "node:crypto";

/**
 * MD5 of bytes, or of the UTF-8 bytes of a string, as 32 lower-case hex digits: what Bakta
 * writes as a protein's `aa_hexdigest` and BakRep lists as a file's checksum.
 *
 * @param data The bytes, or a string hashed as UTF-8.
 * @returns The digest as 32 lower-case hex digits.
 *
 * @example The digest of "abc"
 * ```ts
 * import { md5Hex } from "./md5_hex.ts";
 * const digest = md5Hex("abc");
 * if (digest !== "900150983cd24fb0d6963f7d28e17f72") throw new Error(digest);
 * ```
 */
export function md5Hex(data: Uint8Array | string): string {
  return createHash("md5").update(data).digest("hex");
}
