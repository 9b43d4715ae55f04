/**
 * Genome metadata (BakRep id, GTDB-Tk taxonomy, CheckM2 quality, MLST typing, assembly
 * statistics) stored as genome traits under the keys of `GENOME_METADATA_KEYS`.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { setTraits } from "./traits_repository.ts";

/**
 * Stores metadata of a genome: each key's value is set (replacing an earlier value), other keys
 * are kept.
 *
 * @param db The database or a transaction.
 * @param genomeId The genome.
 * @param metadata Key → text value.
 * @returns Nothing.
 *
 * SQL: `insert into genome_traits (genome_id, key, value) values (?, ?, ?), … on conflict
 * (genome_id, key) do update set value = excluded.value`
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { genomeMetadata, setGenomeMetadata } from "./genome_metadata.ts";
 * const db = await openDatabase(":memory:");
 * const { id } = await db.insertInto("genomes").values({ name: "g" }).returning("id").executeTakeFirstOrThrow();
 * await setGenomeMetadata(db, id, { "source": "bakrep", "checkm2.completeness": "99.1" });
 * await setGenomeMetadata(db, id, { "checkm2.completeness": "99.5" });
 * assert.deepEqual((await genomeMetadata(db)).get(id), { "checkm2.completeness": "99.5", "source": "bakrep" });
 * await db.destroy();
 * ```
 */
export async function setGenomeMetadata(
  db: Kysely<Database>,
  genomeId: number,
  metadata: Readonly<Record<string, string>>,
): Promise<void> {
  await setTraits(db, genomeId, metadata);
}

/**
 * Reads the metadata of genomes.
 *
 * @param db The database.
 * @param genomeIds The genomes (all when omitted).
 * @returns Genome id → (key → value, keys sorted); genomes without metadata are absent.
 *
 * SQL: `select genome_id, key, value from genome_traits [where genome_id in (…)] order by
 * genome_id, key`
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { genomeMetadata } from "./genome_metadata.ts";
 * const db = await openDatabase(":memory:");
 * assert.equal((await genomeMetadata(db, [1])).size, 0);
 * await db.destroy();
 * ```
 */
export async function genomeMetadata(
  db: Kysely<Database>,
  genomeIds?: readonly number[],
): Promise<Map<number, Record<string, string>>> {
  let query = db.selectFrom("genome_traits").select(["genome_id", "key", "value"])
    .orderBy("genome_id").orderBy("key");
  if (genomeIds !== undefined) {
    if (genomeIds.length === 0) return new Map();
    query = query.where("genome_id", "in", genomeIds);
  }
  const metadata = new Map<number, Record<string, string>>();
  for (const row of await query.execute()) {
    if (row.value === null) continue;
    let record = metadata.get(row.genome_id);
    if (record === undefined) metadata.set(row.genome_id, record = {});
    record[row.key] = row.value;
  }
  return metadata;
}

/**
 * Reads the metadata of genomes by name.
 *
 * @param db The database.
 * @param names Genome names.
 * @returns Name → metadata (empty for a genome without any; unknown names are absent).
 *
 * SQL: `select id, name from genomes where name in (…)`, then as {@linkcode genomeMetadata}
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { genomeMetadataByName, setGenomeMetadata } from "./genome_metadata.ts";
 * const db = await openDatabase(":memory:");
 * const { id } = await db.insertInto("genomes").values({ name: "g" }).returning("id").executeTakeFirstOrThrow();
 * await setGenomeMetadata(db, id, { "mlst.sequence_type": "180" });
 * assert.deepEqual((await genomeMetadataByName(db, ["g", "nope"])).get("g"), { "mlst.sequence_type": "180" });
 * await db.destroy();
 * ```
 */
export async function genomeMetadataByName(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  if (names.length === 0) return new Map();
  const genomes = await db.selectFrom("genomes").select(["id", "name"])
    .where("name", "in", names).execute();
  const metadata = await genomeMetadata(db, genomes.map((g) => g.id));
  return new Map(genomes.map((g) => [g.name, metadata.get(g.id) ?? {}]));
}
