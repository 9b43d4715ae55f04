/**
 * The per-genome summary table: the numbers of Bakta's `.txt` for every genome.
 *
 * @module
 */

import type { ColumnTable } from "../deps/arquero.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { genomeStatistics } from "../query/genome_statistics.ts";
import type { CohortOptions } from "./_cohort.ts";
import { toTable } from "./to_table.ts";

/**
 * One row per genome (its latest annotation) with the numbers of Bakta's `.txt` summary — `length`,
 * `count`, `gc`, `n50`, `n90`, `n_ratio`, `coding_density` (fractions 0–1, where Bakta prints
 * percentages), `trnas`, `tmrnas`, `rrnas`, `ncrnas`, `ncrna_regions`, `crispr_arrays`, `cdss`,
 * `pseudogenes`, `hypotheticals`, `sorfs`, `gaps`, `orics`, `orivs`, `orits` — plus `genome`,
 * `annotation_id`, `bakta_version`, `db_version` and `features` (all features). The columns
 * MultiQC's Bakta module puts in its General Statistics table are `count` ("# contigs"), `length`
 * ("# bases") and `cdss` ("# CDS"); its bar plot shows the feature counts. Computed in SQL by
 * {@linkcode genomeStatistics} (see there for where each number comes from). Bakta's
 * `signal peptides` count (written up to 1.9) is not a column of the database and is left out.
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns A promise of the table, ordered by genome name.
 *
 * @example An empty database gives an empty table with every column
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { genomeSummary } from "./genome_summary.ts";
 * const db = await openDatabase(":memory:");
 * const summary = await genomeSummary(db);
 * assert.equal(summary.numRows(), 0);
 * assert.ok(summary.columnNames().includes("hypotheticals"));
 * await db.destroy();
 * ```
 */
export function genomeSummary(
  db: Kysely<Database>,
  options: CohortOptions = {},
): Promise<ColumnTable> {
  return toTable(genomeStatistics(db, options));
}
