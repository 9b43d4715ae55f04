/**
 * The reverse complement of nucleotides.
 *
 * @module
 */

const COMPLEMENT: Readonly<Record<string, string>> = {
  A: "T",
  C: "G",
  G: "C",
  T: "A",
  U: "A",
  R: "Y",
  Y: "R",
  S: "S",
  W: "W",
  K: "M",
  M: "K",
  B: "V",
  V: "B",
  D: "H",
  H: "D",
  N: "N",
};

/**
 * The reverse complement of nucleotides, IUPAC ambiguity codes included (`R` ↔ `Y`, `K` ↔ `M`,
 * `B` ↔ `V`, `D` ↔ `H`; `S`, `W`, `N` stay); the case of each letter is kept, and any other
 * character (`-`, `*`) is kept as it is.
 *
 * @param nt The nucleotides.
 * @returns The reverse complement.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reverseComplement } from "./reverse_complement.ts";
 * assert.equal(reverseComplement("ATGCnR"), "YnGCAT");
 * ```
 */
export function reverseComplement(nt: string): string {
  const out = new Array<string>(nt.length);
  for (let i = 0, j = nt.length - 1; j >= 0; i++, j--) {
    const c = nt[j];
    const upper = c.toUpperCase();
    const complement = COMPLEMENT[upper];
    out[i] = complement === undefined ? c : c === upper ? complement : complement.toLowerCase();
  }
  return out.join("");
}
