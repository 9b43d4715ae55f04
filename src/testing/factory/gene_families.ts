/**
 * Gene families for the factories: a seeded pool of protein families, each with a product, a gene
 * symbol, COG/EC/GO annotations, UniRef90/UniRef50/UniParc/RefSeq ids and a protein, so that the
 * genomes drawn from one pool share families as real genomes of one species do.
 *
 * @module
 */

import { SeededRandom } from "./random.ts";
import { AMINO_ACID_LETTERS } from "./_genetic_code.ts";
import { PROTEIN_FUNCTIONS } from "./vocabulary.ts";

/** One protein family of a pool. */
export interface GeneFamily {
  /** The family's index in its pool (0-based). */
  index: number;
  /** The gene symbol, for the first family of each function that has one. */
  gene?: string;
  /** The product description. */
  product: string;
  /** The COG id, e.g. `COG0593`. */
  cog: string;
  /** The one-letter COG category, e.g. `L`. */
  cogCategory: string;
  /** The EC number, for enzymes. */
  ec?: string;
  /** GO terms (without the `GO:` prefix). */
  go: readonly string[];
  /** The UniRef90 cluster, e.g. `UniRef90_A0A0F3K1B2`. */
  uniref90: string;
  /** The UniRef50 cluster (shared by about three families). */
  uniref50: string;
  /** The UniParc id, e.g. `UPI000D5B1C2A`. */
  uniparc: string;
  /** The RefSeq non-redundant protein, e.g. `WP_000123456.1`. */
  refseq: string;
  /** The protein (starting with `M`, without the stop). */
  protein: string;
}

/** Options of {@linkcode makeFamilyPool}. */
export interface FamilyPoolOptions {
  /**
   * The seed: the same seed gives the same pool.
   * @default 1
   */
  seed?: number;
  /**
   * How many families.
   * @default 500
   */
  size?: number;
  /**
   * The shortest protein, in residues.
   * @default 80
   */
  minProteinLength?: number;
  /**
   * The longest protein, in residues.
   * @default 600
   */
  maxProteinLength?: number;
}

/** The defaults of {@linkcode FamilyPoolOptions}. */
export const DEFAULT_FAMILY_POOL_OPTIONS: Readonly<Required<FamilyPoolOptions>> = Object.freeze({
  seed: 1,
  size: 500,
  minProteinLength: 80,
  maxProteinLength: 600,
});

const ACCESSION_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const HEX = "0123456789ABCDEF";

/**
 * Makes a seeded pool of gene families. Functions cycle through a small vocabulary, so several
 * families share a product (paralogs) while each has its own COG id, UniRef90 cluster and protein;
 * every three consecutive families share a UniRef50 cluster.
 *
 * @param options Seed, size and protein lengths.
 * @returns The families, `index` 0 … size − 1.
 * @throws {RangeError} When `size` is negative or the protein lengths are out of order.
 *
 * @example The same seed gives the same families
 * ```ts
 * import { makeFamilyPool } from "./gene_families.ts";
 * const a = makeFamilyPool({ seed: 3, size: 10 });
 * const b = makeFamilyPool({ seed: 3, size: 10 });
 * if (a[9].protein !== b[9].protein || !a[0].protein.startsWith("M")) throw new Error("unexpected");
 * if (a[0].uniref50 !== a[2].uniref50) throw new Error("three families share a UniRef50 cluster");
 * ```
 */
export function makeFamilyPool(options: FamilyPoolOptions = {}): GeneFamily[] {
  const { seed, size, minProteinLength, maxProteinLength } = {
    ...DEFAULT_FAMILY_POOL_OPTIONS,
    ...options,
  };
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(
      `Cannot make a family pool: size must be a non-negative integer, got ${size}`,
    );
  }
  if (minProteinLength < 2 || maxProteinLength < minProteinLength) {
    throw new RangeError(
      `Cannot make a family pool: protein lengths ${minProteinLength}..${maxProteinLength} are out of order`,
    );
  }
  const random = new SeededRandom(seed * 7919 + 17);
  const families: GeneFamily[] = [];
  const genesUsed = new Set<string>();
  let uniref50 = "";
  for (let index = 0; index < size; index++) {
    const fn = PROTEIN_FUNCTIONS[index % PROTEIN_FUNCTIONS.length];
    if (index % 3 === 0) uniref50 = `UniRef50_${random.string(10, ACCESSION_ALPHABET)}`;
    const length = random.int(minProteinLength, maxProteinLength);
    const family: GeneFamily = {
      index,
      product: fn.product,
      cog: `COG${String(1 + ((index * 37 + seed) % 5000)).padStart(4, "0")}`,
      cogCategory: fn.cogCategory,
      go: fn.go,
      uniref90: `UniRef90_${random.string(10, ACCESSION_ALPHABET)}`,
      uniref50,
      uniparc: `UPI${random.string(10, HEX)}`,
      refseq: `WP_${String(random.int(1, 999_999_999)).padStart(9, "0")}.1`,
      protein: `M${random.string(length - 1, AMINO_ACID_LETTERS)}`,
    };
    if (fn.gene !== undefined && !genesUsed.has(fn.gene)) {
      family.gene = fn.gene;
      genesUsed.add(fn.gene);
    }
    if (fn.ec !== undefined) family.ec = fn.ec;
    families.push(family);
  }
  return families;
}
