/**
 * The genome bands of a cohort figure grouped by species, computed without a DOM: the genomes in
 * species order and a labelled header band before each species, for the y (or fx) domain of the
 * feature-types, COG-categories and presence/absence figures. {@linkcode speciesBandMarks} draws
 * the labels.
 *
 * @module
 */

/** The genomes of one species (the shape `cohortSpecies` returns). */
export interface SpeciesGroupInput {
  /** The species (`Genus species`). */
  species: string;
  /** Its genomes, by name. */
  genomes: readonly string[];
}

/** The header band of one species. */
export interface SpeciesHeader {
  /** The band's key in the domain (never a genome name). */
  key: string;
  /** The species. */
  species: string;
  /** The label drawn in the band: `Escherichia coli (2 genomes)`. */
  label: string;
  /** The species' genomes in the figure, in drawing order. */
  genomes: string[];
}

/** What {@linkcode speciesBands} returns. */
export interface SpeciesBands {
  /** The genomes in drawing order: species by species, in each the order given. */
  genomes: string[];
  /** The band domain: each species' header key followed by its genomes (no headers without species). */
  domain: string[];
  /** The header bands, one per species with a genome in the figure; empty without species. */
  headers: SpeciesHeader[];
  /** Each genome's species; empty without species. */
  speciesOf: Map<string, string>;
}

/** The species of genomes that no group lists. */
export const UNGROUPED_SPECIES = "unknown species";

/** The prefix of header keys: an invisible separator, which no genome name starts with. */
const HEADER_PREFIX = "\u2063species\u2063";

/**
 * Whether a band key is a species header (see {@linkcode speciesBands}).
 *
 * @param key A band of the domain.
 * @returns True for a header band.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSpeciesHeader, speciesBands } from "./species_bands.ts";
 * const { domain } = speciesBands(["a"], [{ species: "Escherichia coli", genomes: ["a"] }]);
 * assert.deepEqual(domain.map(isSpeciesHeader), [true, false]);
 * ```
 */
export function isSpeciesHeader(key: string): boolean {
  return key.startsWith(HEADER_PREFIX);
}

/**
 * Groups a figure's genomes by species: the species in the order of `species` (as `cohortSpecies`
 * gives them, the largest first), genomes no group lists last under {@linkcode UNGROUPED_SPECIES},
 * and within a species the genomes in the order given. Species without a genome in the figure are
 * left out. Without `species` the genomes keep their order and no header is added.
 *
 * @param genomes The figure's genomes, in their order (input, count or clustering).
 * @param species The cohort's species groups, or undefined.
 * @returns The genomes in species order, the band domain with a header per species, the headers.
 *
 * @example Two species, a header band before each
 * ```ts
 * import assert from "node:assert/strict";
 * import { speciesBands } from "./species_bands.ts";
 * const bands = speciesBands(["k1", "e1", "e2"], [
 *   { species: "Escherichia coli", genomes: ["e1", "e2"] },
 *   { species: "Klebsiella pneumoniae", genomes: ["k1"] },
 * ]);
 * assert.deepEqual(bands.genomes, ["e1", "e2", "k1"]);
 * assert.deepEqual(bands.headers.map((h) => h.label), [
 *   "Escherichia coli (2 genomes)",
 *   "Klebsiella pneumoniae (1 genome)",
 * ]);
 * assert.equal(bands.domain.length, 5);
 * ```
 */
export function speciesBands(
  genomes: readonly string[],
  species?: readonly SpeciesGroupInput[],
): SpeciesBands {
  if (species === undefined) {
    return { genomes: [...genomes], domain: [...genomes], headers: [], speciesOf: new Map() };
  }
  const speciesOf = new Map<string, string>();
  for (const group of species) {
    for (const genome of group.genomes) {
      if (!speciesOf.has(genome)) speciesOf.set(genome, group.species);
    }
  }
  for (const genome of genomes) {
    if (!speciesOf.has(genome)) speciesOf.set(genome, UNGROUPED_SPECIES);
  }
  const order = [...new Set([...species.map((g) => g.species), UNGROUPED_SPECIES])];
  const headers = order.map((name) => {
    const members = genomes.filter((g) => speciesOf.get(g) === name);
    const count = `${members.length} genome${members.length === 1 ? "" : "s"}`;
    return {
      key: `${HEADER_PREFIX}${name}`,
      species: name,
      label: `${name} (${count})`,
      genomes: members,
    };
  }).filter((h) => h.genomes.length > 0);
  return {
    genomes: headers.flatMap((h) => h.genomes),
    domain: headers.flatMap((h) => [h.key, ...h.genomes]),
    headers,
    speciesOf: new Map(genomes.map((g) => [g, speciesOf.get(g)!])),
  };
}

/**
 * The tick label of a band: empty for a header (its label is drawn by `speciesBandMarks`), the
 * genome name otherwise.
 *
 * @param key A band of the domain.
 * @returns The tick text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bandTickFormat, speciesBands } from "./species_bands.ts";
 * const { domain } = speciesBands(["a"], [{ species: "Escherichia coli", genomes: ["a"] }]);
 * assert.deepEqual(domain.map(bandTickFormat), ["", "a"]);
 * ```
 */
export function bandTickFormat(key: string): string {
  return isSpeciesHeader(key) ? "" : key;
}
