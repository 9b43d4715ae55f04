/**
 * The compact key of a cross-reference term (schema v8): a 32-bit FNV-1a hash of `db`, U+0000 and
 * `accession` (over their UTF-16 code units), as a signed integer, so that SQLite stores it in at
 * most 4 bytes. `xref_terms.key` holds it and the index `xref_terms_key_idx` finds a pair's row
 * by it; different pairs may share a key, so a look-up compares the text of the rows found.
 *
 * Frozen with the migrations (stored keys depend on it): migration 0008 fills the column with it,
 * and `src/db/xref_terms.ts` computes the keys of new terms with the same function.
 *
 * @module
 */

/** FNV-1a's 32-bit offset basis. */
const OFFSET_BASIS = 0x811c9dc5;
/** FNV-1a's 32-bit prime. */
const PRIME = 0x01000193;

/**
 * The key of a `(db, accession)` pair: FNV-1a (32 bits) over the UTF-16 code units of `db`,
 * U+0000 and `accession`, as a signed 32-bit integer.
 *
 * @param db The database, e.g. `GO`.
 * @param accession The accession within it, e.g. `GO:0005524`.
 * @returns An integer in [-2^31, 2^31).
 *
 * @example The same pair, the same key; another pair, (almost always) another
 * ```ts
 * import assert from "node:assert/strict";
 * import { xrefTermHash } from "./_xref_term_key.ts";
 * assert.equal(xrefTermHash("GO", "GO:0005524"), xrefTermHash("GO", "GO:0005524"));
 * assert.notEqual(xrefTermHash("GO", "GO:0005524"), xrefTermHash("EC", "GO:0005524"));
 * assert.ok(Number.isInteger(xrefTermHash("", "")));
 * ```
 */
export function xrefTermHash(db: string, accession: string): number {
  let h = OFFSET_BASIS;
  h = mix(h, db);
  h = Math.imul(h ^ 0, PRIME); // the separator U+0000
  h = mix(h, accession);
  return h | 0;
}

/**
 * The same key from the pair's joined text (`db`, U+0000, `accession`: `xrefTermKey`), without
 * splitting it: FNV-1a over its code units is the hash of the pair.
 *
 * @param key The joined text.
 * @returns {@linkcode xrefTermHash} of the pair.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { xrefTermHash, xrefTermKeyHash } from "./_xref_term_key.ts";
 * assert.equal(xrefTermKeyHash("GO\u0000GO:0005524"), xrefTermHash("GO", "GO:0005524"));
 * ```
 */
export function xrefTermKeyHash(key: string): number {
  return mix(OFFSET_BASIS, key) | 0;
}

function mix(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), PRIME);
  return h;
}
