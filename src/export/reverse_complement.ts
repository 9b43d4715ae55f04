/**
 * The reverse complement of nucleotides.
 *
 * @module
 */

/** Each IUPAC nucleotide code and its complement (`U` pairs with `A`). */
const COMPLEMENTS: readonly [string, string][] = [
  ["A", "T"],
  ["T", "A"],
  ["U", "A"],
  ["C", "G"],
  ["G", "C"],
  ["R", "Y"],
  ["Y", "R"],
  ["S", "S"],
  ["W", "W"],
  ["K", "M"],
  ["M", "K"],
  ["B", "V"],
  ["V", "B"],
  ["D", "H"],
  ["H", "D"],
  ["N", "N"],
];

/** The complement of each ASCII character code (itself for characters without one). */
const COMPLEMENT: Uint16Array = (() => {
  const table = new Uint16Array(128);
  for (let i = 0; i < 128; i++) table[i] = i;
  for (const [base, complement] of COMPLEMENTS) {
    table[base.charCodeAt(0)] = complement.charCodeAt(0);
    table[base.toLowerCase().charCodeAt(0)] = complement.toLowerCase().charCodeAt(0);
  }
  return table;
})();

/** Characters converted per `String.fromCharCode` call (well below any argument limit). */
const CHUNK = 8192;

/**
 * The reverse complement of nucleotides, IUPAC ambiguity codes included (`R` ↔ `Y`, `K` ↔ `M`,
 * `B` ↔ `V`, `D` ↔ `H`; `S`, `W`, `N` stay; `U` becomes `A`); the case of each letter is kept, and
 * any other character (`-`, `*`) is kept as it is.
 *
 * @param nt The nucleotides.
 * @returns The reverse complement.
 *
 * @example IUPAC codes and case
 * ```ts
 * import assert from "node:assert/strict";
 * import { reverseComplement } from "./reverse_complement.ts";
 * assert.equal(reverseComplement("ATGCnR"), "YnGCAT");
 * ```
 */
export function reverseComplement(nt: string): string {
  const n = nt.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = nt.charCodeAt(n - 1 - i);
    out[i] = c < 128 ? COMPLEMENT[c] : c;
  }
  let text = "";
  for (let at = 0; at < n; at += CHUNK) {
    text += String.fromCharCode(...out.subarray(at, Math.min(n, at + CHUNK)));
  }
  return text;
}
