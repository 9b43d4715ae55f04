/**
 * The cohort every cohort table compares: the latest annotation of each selected genome (by name
 * and by `where` clauses over genome traits, see `src/query/select_genomes.ts`).
 *
 * @module
 */

import type { Kysely, SelectQueryBuilder } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { latestAnnotationQuery } from "../query/annotation_of.ts";
import { genomeCondition, type SelectGenomesOptions } from "../query/select_genomes.ts";

/**
 * Options shared by the cohort tables: which genomes, by name (`genomes`) and by trait (`where`,
 * e.g. `["species~pneumoniae", "penicillin=R"]`); each contributes its latest annotation.
 * Without either, every genome with a genome-mode annotation.
 */
export type CohortOptions = SelectGenomesOptions;

/** One row of {@linkcode cohortQuery}: a cohort annotation and its genome. */
export interface CohortRow {
  /** The genome's latest genome-mode annotation. */
  annotation_id: number;
  /** The genome's id. */
  genome_id: number;
  /** The genome's name. */
  genome: string;
}

/** `(annotation_id, genome_id, genome)` of the cohort's annotations, for a `with` clause. */
export function cohortQuery(
  db: Kysely<Database>,
  options: CohortOptions = {},
): SelectQueryBuilder<Database, "annotations" | "genomes", CohortRow> {
  const condition = genomeCondition(options.where, db);
  const query = latestAnnotationQuery(db, { genomes: options.genomes });
  return (condition === undefined ? query : query.where(condition)).select([
    "annotations.id as annotation_id",
    "annotations.genome_id",
    "genomes.name as genome",
  ]);
}
