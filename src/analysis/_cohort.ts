/**
 * The cohort every cohort table compares: the latest annotation of each chosen genome.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { latestAnnotationQuery } from "../query/annotation_of.ts";

/** Options shared by the cohort tables. */
export interface CohortOptions {
  /**
   * Only these genomes (by name); each contributes its latest annotation.
   * @default undefined (every genome with a genome-mode annotation)
   */
  genomes?: readonly string[];
}

/** `(annotation_id, genome_id, genome)` of the cohort's annotations, for a `with` clause. */
export function cohortQuery(db: Kysely<Database>, options: CohortOptions = {}) {
  return latestAnnotationQuery(db, { genomes: options.genomes }).select([
    "annotations.id as annotation_id",
    "annotations.genome_id",
    "genomes.name as genome",
  ]);
}
