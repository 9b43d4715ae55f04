/**
 * Translating coding sequences with the bacterial genetic codes (NCBI translation tables 11
 * and 4).
 *
 * @module
 */

/** The translation tables {@linkcode translateCds} knows. */
export type TranslationTable = 11 | 4;

/** Options of {@linkcode translateCds}. */
export interface TranslateCdsOptions {
  /**
   * The NCBI translation table: 11 (bacteria, archaea, plastids) or 4 (Mycoplasma/Spiroplasma:
   * `TGA` is tryptophan).
   * @default 11
   */
  table?: TranslationTable;
  /**
   * Whether the first codon is the CDS's real start codon: then an alternative start (`GTG`,
   * `TTG`, … of the table) is translated as `M`, as ribosomes do. A 5′-truncated CDS has no real
   * start: pass `false`.
   * @default true
   */
  start?: boolean;
}

/** The amino acids of the standard code, codons in TCAG order (`TTT`, `TTC`, `TTA`, …). */
const STANDARD = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";

/** Per table: the amino acids and the start codons. */
const TABLES: Readonly<Record<TranslationTable, { aa: string; starts: ReadonlySet<string> }>> = {
  11: {
    aa: STANDARD,
    starts: new Set(["TTG", "CTG", "ATT", "ATC", "ATA", "ATG", "GTG"]),
  },
  4: {
    aa: STANDARD.slice(0, 14) + "W" + STANDARD.slice(15),
    starts: new Set(["TTA", "TTG", "CTG", "ATT", "ATC", "ATA", "ATG", "GTG"]),
  },
};

const BASE_INDEX: Readonly<Record<string, number>> = { T: 0, U: 0, C: 1, A: 2, G: 3 };

/**
 * Translates a coding sequence (5′→3′ on its own strand) into its protein the way Bakta's
 * `.faa` writes it: codon by codon with the table; `X` for a codon with an ambiguous base; the
 * first codon `M` when it is a start codon of the table and `start` is true; the final stop codon
 * left off; an incomplete last codon ignored.
 *
 * @param nt The coding nucleotides (any case).
 * @param options The translation table and whether the first codon is a real start.
 * @returns The protein (one-letter codes; `*` for an internal stop).
 * @throws {RangeError} For a table other than 11 or 4.
 *
 * @example An alternative start and table 4
 * ```ts
 * import assert from "node:assert/strict";
 * import { translateCds } from "./translate_cds.ts";
 * assert.equal(translateCds("GTGAAATGGTGATAA"), "MKW*");
 * assert.equal(translateCds("GTGAAATGGTGATAA", { table: 4 }), "MKWW");
 * assert.equal(translateCds("GTGAAANNNTAA", { start: false }), "VKX");
 * ```
 */
export function translateCds(nt: string, options: TranslateCdsOptions = {}): string {
  const { table = 11, start = true } = options;
  const code = TABLES[table];
  if (code === undefined) {
    throw new RangeError(
      `Invalid option "table": ${
        JSON.stringify(table)
      } is not a supported translation table (11 or 4)`,
    );
  }
  const upper = nt.toUpperCase();
  const codons = Math.floor(upper.length / 3);
  const out = new Array<string>(codons);
  for (let i = 0; i < codons; i++) {
    const a = BASE_INDEX[upper[3 * i]];
    const b = BASE_INDEX[upper[3 * i + 1]];
    const c = BASE_INDEX[upper[3 * i + 2]];
    out[i] = a === undefined || b === undefined || c === undefined
      ? "X"
      : code.aa[a * 16 + b * 4 + c];
  }
  if (start && codons > 0 && code.starts.has(upper.slice(0, 3).replaceAll("U", "T"))) {
    out[0] = "M";
  }
  if (out.length > 0 && out[out.length - 1] === "*") out.pop();
  return out.join("");
}
