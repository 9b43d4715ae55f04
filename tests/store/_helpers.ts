import type { Kysely, RawBuilder } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { isPostgres } from "../../src/query/_sqlite_indexes.ts";

/** The tables whose row counts tell whether an import left anything behind. */
export const TABLES = [
  "genomes",
  "sequences",
  "annotations",
  "features",
  "xref_term_features",
  "result_files",
  "features_fts",
] as const;

/**
 * On PostgreSQL the search index is an index of `features`, not a table: its entries are counted
 * through the indexed expression (migration 0001).
 */
const POSTGRES_INDEX_COUNTS: Record<string, RawBuilder<{ n: number }>> = {
  features_fts: sql`select count(*) as n from features
    where baktadb_fts_document(locus_tag, gene, product) is not null`,
};

/** Row counts of every table of {@linkcode TABLES}. */
export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const query = isPostgres(db) && table in POSTGRES_INDEX_COUNTS
      ? POSTGRES_INDEX_COUNTS[table]
      : sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`;
    const { rows } = await query.execute(db);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}
