/**
 * `makeCohort()`: several seeded runs of one fictitious species that share a core of gene
 * families, for comparisons, pan-genome tests and benchmarks.
 *
 * @module
 */

import type { BaktaRun } from "../../formats/model.ts";
import { type GeneFamily, makeFamilyPool } from "./gene_families.ts";
import { makeRun, type MakeRunOptions } from "./make_run.ts";
import { SeededRandom } from "./random.ts";

/** Options of {@linkcode makeCohort}. */
export interface MakeCohortOptions {
  /**
   * The seed: the same options give the same cohort.
   * @default 1
   */
  seed?: number;
  /**
   * How many genomes.
   * @default 4
   */
  genomes?: number;
  /**
   * The size of the family pool the genomes draw from.
   * @default 400
   */
  familiesPool?: number;
  /**
   * How many families of the pool (the first ones) every genome carries: the core genome.
   * @default half the pool
   */
  coreFamilies?: number;
  /**
   * The chance that a genome carries each non-core (accessory) family.
   * @default 0.3
   */
  accessoryRate?: number;
  /** Options passed to every {@linkcode makeRun} (seed, families and strain are set per genome). */
  run?: Omit<MakeRunOptions, "seed" | "families" | "strain">;
}

/** One genome of a cohort. */
export interface CohortMember {
  /** A name, `G1` … `GN`. */
  name: string;
  /** Its annotation, as `makeRun` builds it from the cohort's families. */
  run: BaktaRun;
  /** The indices (in `families`) of the families it carries. */
  familyIndices: number[];
}

/** A cohort: its family pool and its genomes. */
export interface Cohort {
  /** The family pool. */
  families: GeneFamily[];
  /** How many of the first families are core. */
  coreFamilies: number;
  /** The genomes, `G1` first. */
  members: CohortMember[];
}

/**
 * Makes a cohort of genomes of one fictitious species: every genome carries the core families
 * (the first `coreFamilies` of the pool) and each accessory family with probability
 * `accessoryRate`; each family becomes one CDS (most proteins identical between genomes, some
 * varying by a few residues), plus hypothetical proteins and RNAs. Genome sizes follow from the
 * families carried (unless `run.genomeSize` or `run.featuresPerSequence` is set).
 *
 * @param options Seed, number of genomes, pool and core sizes, and run options.
 * @returns The families and the genomes.
 * @throws {RangeError} When `coreFamilies` exceeds the pool.
 *
 * @example Core families are in every genome
 * ```ts
 * import { makeCohort } from "./make_cohort.ts";
 * const cohort = makeCohort({ seed: 1, genomes: 3, familiesPool: 60, coreFamilies: 20 });
 * for (const member of cohort.members) {
 *   const cogs = new Set(member.run.features.flatMap((f) => f.dbXrefs)
 *     .filter((x) => x.db === "COG").map((x) => x.accession));
 *   if (!cogs.has(cohort.families[0].cog)) throw new Error("core family missing");
 * }
 * ```
 */
export function makeCohort(options: MakeCohortOptions = {}): Cohort {
  const {
    seed = 1,
    genomes = 4,
    familiesPool = 400,
    accessoryRate = 0.3,
    run = {},
  } = options;
  const coreFamilies = options.coreFamilies ?? Math.floor(familiesPool / 2);
  if (!Number.isInteger(genomes) || genomes < 1) {
    throw new RangeError(
      `Cannot make a cohort: genomes must be a positive integer, got ${genomes}`,
    );
  }
  if (coreFamilies > familiesPool || coreFamilies < 0) {
    throw new RangeError(
      `Cannot make a cohort: coreFamilies (${coreFamilies}) must be between 0 and familiesPool (${familiesPool})`,
    );
  }
  const families = makeFamilyPool({ seed, size: familiesPool });
  const random = new SeededRandom(seed * 31 + 7);
  const members: CohortMember[] = [];
  for (let g = 0; g < genomes; g++) {
    const familyIndices: number[] = [];
    for (let i = 0; i < familiesPool; i++) {
      if (i < coreFamilies || random.chance(accessoryRate)) familyIndices.push(i);
    }
    const carried = familyIndices.map((i) => families[i]);
    const sizing = run.genomeSize === undefined && run.featuresPerSequence === undefined
      ? { genomeSize: sizeFor(carried) }
      : {};
    members.push({
      name: `G${g + 1}`,
      familyIndices,
      run: makeRun({
        ...sizing,
        ...run,
        seed: seed * 1000 + g + 1,
        strain: `G${g + 1}`,
        families: carried,
      }),
    });
  }
  return { families, coreFamilies, members };
}

/**
 * A genome size with room for every family (its CDS and an average intergenic gap), the expected
 * hypothetical proteins and RNAs, and the special features.
 */
function sizeFor(families: readonly GeneFamily[]): number {
  const coding = families.reduce((sum, f) => sum + 3 * f.protein.length + 3 + 110, 0);
  return Math.ceil(coding * 1.5 + 25_000);
}
