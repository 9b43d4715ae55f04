import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../src/db/schema.ts";

/** The tables whose row counts tell whether an import left anything behind. */
export const TABLES = [
  "genomes",
  "sequences",
  "annotations",
  "features",
  "feature_xrefs",
  "result_files",
  "features_fts",
  "features_rtree",
] as const;

/** Row counts of every table of {@linkcode TABLES}. */
export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`
      .execute(db);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}
