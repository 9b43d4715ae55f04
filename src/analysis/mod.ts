/**
 * Arquero tables over a baktadb database: `toTable()` turns any Kysely query (or rows) into a
 * table with its column types kept, and the ready tables answer cohort questions in SQL —
 * the per-genome summary of Bakta's `.txt`, feature-type counts, COG functional categories, the
 * gene-family presence/absence matrix, core/soft-core/shell/cloud classes (Roary's thresholds),
 * families gained and lost between two genomes, what changed between two annotations, Roary's
`gene_presence_absence.csv` layout, and gene–trait association (Fisher's exact test with
Benjamini–Hochberg and Bonferroni corrections, Cochran–Mantel–Haenszel across strata).
 *
 * @example A summary of every genome, as an Arquero table
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { genomeSummary, toTable } from "./mod.ts";
 *
 * const db = await openDatabase(":memory:");
 * await db.insertInto("genomes").values({ name: "g1" }).execute();
 * const genomes = await toTable(db.selectFrom("genomes").select(["id", "name"]));
 * assert.deepEqual(genomes.objects(), [{ id: 1, name: "g1" }]);
 * const summary = await genomeSummary(db);
 * assert.equal(summary.numRows(), 0); // g1 has no annotation yet
 * await db.destroy();
 * ```
 *
 * @module
 */

export * from "./to_table.ts";
export * from "./table_html.ts";
export type { CohortOptions } from "./_cohort.ts";
export * from "./genome_summary.ts";
export * from "./feature_type_counts.ts";
export * from "./cog_matrix.ts";
export * from "./gene_families.ts";
export * from "./sparse_column.ts";
export * from "./pangenome_classes.ts";
export * from "./cohort_species.ts";
export * from "./genome_diff.ts";
export * from "./annotation_diff.ts";
export * from "./fisher_exact.ts";
export * from "./adjust_p_values.ts";
export * from "./chi_square_survival.ts";
export * from "./mantel_haenszel.ts";
export * from "./binary_trait.ts";
export * from "./associate_families.ts";
export * from "./trait_association.ts";
export * from "./roary_presence_absence.ts";
export * from "./association_heatmap_data.ts";
export * from "./trait_table.ts";
