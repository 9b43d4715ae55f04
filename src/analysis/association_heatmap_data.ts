/**
 * The data of the association heatmap: the presence and absence of the families most associated
 * with a trait, per tested genome, with each genome's trait.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { presenceAbsence } from "./gene_families.ts";
import type { TraitAssociation } from "./trait_association.ts";

/** Options of {@linkcode associationHeatmapData}. */
export interface AssociationHeatmapDataOptions {
  /**
   * How many of the strongest families (smallest p) to show.
   * @default 30
   */
  top?: number;
}

/** The genomes, their trait, the families and the presence matrix (per genome, per family). */
export interface AssociationHeatmapInput {
  /** The tested genomes. */
  genomes: string[];
  /** Per genome: whether it has the trait. */
  trait: boolean[];
  /** The families shown: the gene symbol where there is one, else the family key. */
  families: string[];
  /** Per genome, per family: 1 present, 0 absent (counted as the association counted). */
  present: number[][];
}

/**
 * The presence and absence, in the tested genomes, of an association's strongest families, read
 * with the association's own settings (feature types, pseudogenes, family level), ready for
 * `associationHeatmapPlot`.
 *
 * @param db The database.
 * @param association A `traitAssociation` result.
 * @param options How many families.
 * @returns The heatmap's input.
 * @throws {RangeError} When `top` is not a positive integer.
 *
 * @example The strongest families of a factory cohort
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { setTraits } from "../store/traits_repository.ts";
 * import { makeCohort } from "../testing/factory/make_cohort.ts";
 * import { traitAssociation } from "./trait_association.ts";
 * import { associationHeatmapData } from "./association_heatmap_data.ts";
 * const db = await openDatabase(":memory:");
 * const cohort = makeCohort({ seed: 3, genomes: 4, familiesPool: 30, coreFamilies: 10 });
 * for (const [i, m] of cohort.members.entries()) {
 *   const { genomeId } = await importRun(db, m.run, { genome: m.name });
 *   await setTraits(db, genomeId, { resistant: i % 2 ? "R" : "S" });
 * }
 * const association = await traitAssociation(db, { trait: "resistant" });
 * const data = await associationHeatmapData(db, association, { top: 5 });
 * assert.equal(data.families.length, Math.min(5, association.table.numRows()));
 * assert.equal(data.present.length, 4);
 * await db.destroy();
 * ```
 */
export async function associationHeatmapData(
  db: Kysely<Database>,
  association: TraitAssociation,
  options: AssociationHeatmapDataOptions = {},
): Promise<AssociationHeatmapInput> {
  const { top = 30 } = options;
  if (!Number.isSafeInteger(top) || top < 1) {
    throw new RangeError(`Invalid option "top": expected a positive integer, got ${top}`);
  }
  const shown = association.table.slice(0, top).objects() as {
    family: string;
    gene: string | null;
  }[];
  const matrix = await presenceAbsence(db, {
    genomes: association.genomes,
    types: association.types,
    pseudogenes: association.pseudogenes,
    familyLevel: association.familyLevel,
  });
  const rowOf = new Map((matrix.array("family") as string[]).map((family, i) => [family, i]));
  const present = association.genomes.map((genome) => {
    const column = matrix.array(genome) as Uint8Array;
    return shown.map((row) => column[rowOf.get(row.family)!]);
  });
  return {
    genomes: [...association.genomes],
    trait: [...association.hasTrait],
    families: uniqueLabels(shown),
    present,
  };
}

/** Each family's gene symbol, else its key; a symbol two families share gets the key added. */
function uniqueLabels(rows: readonly { family: string; gene: string | null }[]): string[] {
  const uses = new Map<string, number>();
  for (const row of rows) if (row.gene) uses.set(row.gene, (uses.get(row.gene) ?? 0) + 1);
  return rows.map((row) =>
    row.gene ? (uses.get(row.gene) === 1 ? row.gene : `${row.gene} (${row.family})`) : row.family
  );
}
