/**
 * The floor of the family tables: reading every stored family of the cohort's CDSs, with its
 * genome, from the index `features(annotation_id, type, pseudo, hypothetical, family)` inside the
 * database (since schema 13, which dropped `features(type, family, …)`: a scan of it), and nothing
 * else (no grouping, nothing handed to JavaScript but two counts).
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import type { Database } from "../src/db/schema.ts";

/**
 * Reads the families and genomes of all CDSs from the index; returns how many were read.
 *
 * The SQL: `select count(family) + count(annotation_id) as n from features where type = 'cds'`.
 *
 * @param db The database.
 * @returns The number of values read.
 */
export async function readFamilyFloor(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(family) + count(annotation_id) as n
    from features where type = 'cds'`.execute(db);
  return Number(rows[0].n);
}
