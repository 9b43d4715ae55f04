/**
 * Cohort fixtures for the analysis tests: factory cohorts imported with the store, and the
 * brute-force computations (plain TypeScript over the BaktaRuns) the SQL tables are checked
 * against.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import assert from "node:assert/strict";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import type { FamilyPresence } from "../../src/analysis/_family_presence.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort, type MakeCohortOptions } from "../../src/testing/factory/mod.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** A cohort in a fresh database, with its runs by genome name. */
export interface CohortFixture {
  /** The database. */
  db: Kysely<Database>;
  /** The runs, by genome name, in name order. */
  runs: Map<string, BaktaRun>;
}

/**
 * Makes a factory cohort and imports each member as its own genome; `edit` may change the runs
 * first (e.g. add a second copy of a family).
 */
export async function cohortFixture(
  options: MakeCohortOptions,
  edit?: (runs: BaktaRun[]) => void,
): Promise<CohortFixture> {
  const cohort = makeCohort(options);
  edit?.(cohort.members.map((member) => member.run));
  const db = await freshDatabase();
  const runs = new Map<string, BaktaRun>();
  for (const member of [...cohort.members].sort((a, b) => a.name < b.name ? -1 : 1)) {
    await importRun(db, member.run, { genome: member.name });
    runs.set(member.name, member.run);
  }
  return { db, runs };
}

/** Brute force: the family of a protein (UniRef90, else UniRef50, else `MD5:` + its MD5). */
export function familyOf(feature: Feature): string | null {
  const clusters = (level: string) =>
    feature.dbXrefs.filter((x) => x.db === "UniRef" && x.accession.startsWith(`UniRef${level}_`))
      .map((x) => x.accession).sort();
  return clusters("90")[0] ?? clusters("50")[0] ??
    (feature.aaHexdigest !== undefined ? `MD5:${feature.aaHexdigest}` : null);
}

/**
 * Brute force: copies per family per genome; by default of the CDSs, pseudogenes included, in
 * every genome (as the family tables' defaults).
 */
export function familyCopies(
  runs: Map<string, BaktaRun>,
  options: { types?: string[]; pseudogenes?: "present" | "absent"; genomes?: string[] } = {},
): Map<string, Map<string, number>> {
  const { types = ["cds"], pseudogenes = "present", genomes } = options;
  const copies = new Map<string, Map<string, number>>();
  for (const [genome, run] of runs) {
    if (genomes !== undefined && !genomes.includes(genome)) continue;
    for (const feature of run.features) {
      if (!types.includes(feature.type) || (pseudogenes === "absent" && feature.pseudo)) continue;
      const family = familyOf(feature);
      if (family === null) continue;
      const perGenome = copies.get(family) ?? new Map<string, number>();
      perGenome.set(genome, (perGenome.get(genome) ?? 0) + 1);
      copies.set(family, perGenome);
    }
  }
  return copies;
}

/** A presence matrix in the brute force's shape (family → genome → copies), one cell a genome. */
export function presenceCells(presence: FamilyPresence): Map<string, Map<string, number>> {
  const map = new Map<string, Map<string, number>>();
  presence.families.forEach((family, f) => {
    const cells = new Map<string, number>();
    for (let i = presence.offsets[f]; i < presence.offsets[f + 1]; i++) {
      assert.ok(!cells.has(presence.genomes[presence.genome[i]]), `${family}: one cell a genome`);
      cells.set(presence.genomes[presence.genome[i]], presence.copies[i]);
    }
    map.set(family, cells);
  });
  return map;
}
