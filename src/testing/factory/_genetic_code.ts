/**
 * The bacterial genetic code (translation table 11) for the factories: translating and back-
 * translating.
 *
 * @module
 */

import type { SeededRandom } from "./random.ts";

const BASES = "TCAG";
const AMINO_ACIDS = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";

/** Codon → amino acid (`*` for a stop). */
const CODON_TABLE: ReadonlyMap<string, string> = new Map(
  [...AMINO_ACIDS].map((aa, i) => [BASES[i >> 4] + BASES[(i >> 2) & 3] + BASES[i & 3], aa]),
);

/** Amino acid → its codons. */
const CODONS_OF: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [codon, aa] of CODON_TABLE) map.set(aa, [...(map.get(aa) ?? []), codon]);
  return map;
})();

/** The 20 amino acids, each once. */
export const AMINO_ACID_LETTERS = "ACDEFGHIKLMNPQRSTVWY";

/** The stop codons of table 11. */
export const STOP_CODONS: readonly string[] = ["TAA", "TAG", "TGA"];

/**
 * Translates nucleotides codon by codon (a trailing partial codon is dropped; `X` for a codon with
 * another letter than ACGT).
 */
export function translate(nt: string): string {
  let aa = "";
  for (let i = 0; i + 3 <= nt.length; i += 3) aa += CODON_TABLE.get(nt.slice(i, i + 3)) ?? "X";
  return aa;
}

/** Picks a codon for every amino acid (a random synonymous codon each time). */
export function backTranslate(aa: string, random: SeededRandom): string {
  let nt = "";
  for (const letter of aa) {
    const codons = CODONS_OF.get(letter);
    if (codons === undefined) throw new RangeError(`Cannot back-translate "${letter}"`);
    nt += random.pick(codons);
  }
  return nt;
}
