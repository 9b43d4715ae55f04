/**
 * The species of a cohort: each genome's species (GTDB-Tk's `gtdbtk.species` trait where present,
 * else the binomial of Bakta's organism) and the genomes grouped by it, so that cohort tables and
 * figures can group by species and warn when core, shell and cloud are asked of a mixed set.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { GENOME_METADATA_KEYS } from "../formats/genome_metadata_keys.ts";
import { organismName } from "../query/genome_organism.ts";
import { type CohortOptions, cohortQuery } from "./_cohort.ts";

/** The genomes of one species in a cohort. */
export interface CohortSpeciesGroup {
  /** The species (`Genus species`), or {@linkcode UNKNOWN_SPECIES}. */
  species: string;
  /** The genomes of the species, by name. */
  genomes: string[];
}

/** The group of the genomes whose species neither GTDB-Tk nor Bakta names. */
export const UNKNOWN_SPECIES = "unknown species";

/**
 * The species of an organism name or a GTDB species: its first two words (`Genus species`, GTDB's
 * `s__` prefix dropped), or null for none or a bare `strain X`.
 *
 * @param name An organism name (`Escherichia coli K-12`) or a GTDB species (`s__Escherichia coli`).
 * @returns The species, or null.
 *
 * @example Strain and prefix dropped
 * ```ts
 * import assert from "node:assert/strict";
 * import { speciesOf } from "./cohort_species.ts";
 * assert.equal(speciesOf("Escherichia coli K-12"), "Escherichia coli");
 * assert.equal(speciesOf("s__Streptococcus pneumoniae"), "Streptococcus pneumoniae");
 * assert.equal(speciesOf("strain S1"), null);
 * assert.equal(speciesOf(null), null);
 * ```
 */
export function speciesOf(name: string | null | undefined): string | null {
  const words = (name ?? "").replace(/^s__/, "").trim().split(/\s+/).filter((w) => w !== "");
  if (words.length === 0 || words[0] === "strain") return null;
  return words.slice(0, 2).join(" ");
}

/**
 * The cohort's genomes grouped by species: GTDB-Tk's species trait where a genome has one, else
 * the species of its organism (the genome's own genus and species, else its latest run's). The
 * largest group first (ties by name), genomes by name; genomes of no known species form the group
 * {@linkcode UNKNOWN_SPECIES}, last. More than one group is a mixed cohort.
 *
 * SQL: the cohort's latest annotations joined to `genomes` (genus, species) and
 * `annotations.genome_json`, with the trait `gtdbtk.species` from `genome_traits`.
 *
 * @param db The database.
 * @param options Which genomes (names, `where` clauses), as every cohort table takes them.
 * @returns The groups.
 *
 * @example Two species, one named by GTDB-Tk
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { cohortSpecies } from "./cohort_species.ts";
 * const db = await openDatabase(":memory:");
 * const genomes: [string, string | null, string | null][] = [
 *   ["a", "Escherichia", "coli"], ["b", "Escherichia", "coli"], ["c", null, null],
 * ];
 * for (const [name, genus, species] of genomes) {
 *   const { id } = await db.insertInto("genomes").values({ name, genus, species }).returning("id")
 *     .executeTakeFirstOrThrow();
 *   await db.insertInto("annotations")
 *     .values({ genome_id: id, sequence_version: 1, source: "files", fingerprint: name }).execute();
 *   if (name === "c") {
 *     await db.insertInto("genome_traits")
 *       .values({ genome_id: id, key: "gtdbtk.species", value: "s__Klebsiella pneumoniae" }).execute();
 *   }
 * }
 * assert.deepEqual(await cohortSpecies(db), [
 *   { species: "Escherichia coli", genomes: ["a", "b"] },
 *   { species: "Klebsiella pneumoniae", genomes: ["c"] },
 * ]);
 * await db.destroy();
 * ```
 */
export async function cohortSpecies(
  db: Kysely<Database>,
  options: CohortOptions = {},
): Promise<CohortSpeciesGroup[]> {
  const rows = await db.selectFrom(cohortQuery(db, options).as("cohort"))
    .innerJoin("genomes", "genomes.id", "cohort.genome_id")
    .innerJoin("annotations", "annotations.id", "cohort.annotation_id")
    .leftJoin(
      "genome_traits",
      (join) =>
        join.onRef("genome_traits.genome_id", "=", "cohort.genome_id")
          .on("genome_traits.key", "=", GENOME_METADATA_KEYS.gtdbSpecies),
    )
    .select([
      "cohort.genome",
      "genomes.genus",
      "genomes.species",
      "annotations.genome_json",
      "genome_traits.value as gtdb",
    ])
    .orderBy("cohort.genome")
    .execute();
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const species = speciesOf(row.gtdb) ??
      speciesOf(organismName({ ...row, strain: null })) ?? UNKNOWN_SPECIES;
    groups.set(species, [...(groups.get(species) ?? []), row.genome]);
  }
  const rank = (g: CohortSpeciesGroup) => (g.species === UNKNOWN_SPECIES ? 1 : 0);
  return [...groups].map(([species, genomes]) => ({ species, genomes })).sort((a, b) =>
    rank(a) - rank(b) || b.genomes.length - a.genomes.length || a.species.localeCompare(b.species)
  );
}

/**
 * The warning shown when core, shell and cloud are asked of genomes of several species (the CLI
 * prints it, the report shows it), or `undefined` for a cohort of one species.
 *
 * @param groups The cohort's species groups ({@linkcode cohortSpecies}).
 * @returns The warning, one sentence with the species and their genome counts.
 *
 * @example A mixed cohort
 * ```ts
 * import assert from "node:assert/strict";
 * import { mixedSpeciesWarning } from "./cohort_species.ts";
 * assert.equal(
 *   mixedSpeciesWarning([{ species: "Escherichia coli", genomes: ["a", "b"] }, { species: "Klebsiella pneumoniae", genomes: ["c"] }]),
 *   "A mixed cohort of 2 species (Escherichia coli: 2 genomes, Klebsiella pneumoniae: 1 genome): core, shell and cloud of a mixed set say little, the core is small or empty; compare the genomes of one species (--where species=...)",
 * );
 * assert.equal(mixedSpeciesWarning([{ species: "Escherichia coli", genomes: ["a"] }]), undefined);
 * assert.match(
 *   mixedSpeciesWarning([{ species: "Escherichia coli", genomes: ["a"] }, { species: "unknown species", genomes: ["b"] }])!,
 *   /^A cohort of 1 known species and genomes of unknown species \(/,
 * );
 * ```
 */
export function mixedSpeciesWarning(
  groups: readonly CohortSpeciesGroup[],
): string | undefined {
  if (groups.length < 2) return undefined;
  const list = groups.map((g) =>
    `${g.species}: ${g.genomes.length} genome${g.genomes.length === 1 ? "" : "s"}`
  ).join(", ");
  const known = groups.filter((g) => g.species !== UNKNOWN_SPECIES).length;
  const what = known === groups.length
    ? `A mixed cohort of ${known} species`
    : `A cohort of ${known} known species and genomes of unknown species`;
  return `${what} (${list}): core, shell and cloud of a mixed set say little, the core is small or empty; compare the genomes of one species (--where species=...)`;
}
