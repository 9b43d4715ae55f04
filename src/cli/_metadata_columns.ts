/**
 * Genome metadata in the CLI's lists: the few facts shown as table columns, and lookups by genome.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { GENOME_METADATA_KEYS as K } from "../formats/genome_metadata_keys.ts";
import { genomeMetadata } from "../store/genome_metadata.ts";

/** The metadata shown as columns in `genomes` (header, key), when any genome has metadata. */
export const METADATA_COLUMNS: readonly [header: string, key: string][] = [
  ["source", K.source],
  ["species (GTDB)", K.gtdbSpecies],
  ["ST", K.sequenceType],
  ["completeness", K.completeness],
  ["contamination", K.contamination],
];

/**
 * The metadata of genomes by name.
 *
 * @param db The database.
 * @param names Genome names.
 * @returns Name → metadata (empty for a genome without any).
 */
export async function metadataByName(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  if (names.length === 0) return new Map();
  const genomes = await db.selectFrom("genomes").select(["id", "name"])
    .where("name", "in", names).execute();
  const metadata = await genomeMetadata(db, genomes.map((g) => g.id));
  return new Map(genomes.map((g) => [g.name, metadata.get(g.id) ?? {}]));
}
