/**
 * Hashing helpers every layer may use (they import nothing of ours).
 *
 * @example A SHA-256 checksum
 * ```ts
 * import { sha256Hex } from "./mod.ts";
 * if (sha256Hex("").length !== 64) throw new Error("not a SHA-256 digest");
 * ```
 *
 * @module
 */

export { md5Hex } from "./md5_hex.ts";
export { sha256Hex } from "./sha256_hex.ts";
