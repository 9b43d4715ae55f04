/**
 * Genome traits (`genome_traits`): key/value facts about a genome — a phenotype or lineage from a
 * sample sheet, or BakRep/GTDB-Tk/CheckM2/MLST metadata — set, listed and imported from sheets.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { transaction } from "../db/transaction.ts";
import type { SampleSheet } from "../formats/sample_sheet/read_sample_sheet.ts";

/** One trait of one genome. */
export interface GenomeTrait {
  /** The genome's name. */
  genome: string;
  /** The trait, e.g. `penicillin` or `gtdbtk.species`. */
  key: string;
  /** The value, as text (null when stored without one). */
  value: string | null;
}

/**
 * Sets traits of a genome: each key is inserted or its value replaced; other keys are kept.
 *
 * The SQL emitted, per key: `insert into "genome_traits" ("genome_id", "key", "value")
 * values (?, ?, ?) on conflict ("genome_id", "key") do update set "value" = excluded."value"`.
 *
 * @param db The database or a transaction.
 * @param genomeId The genome (`genomes.id`).
 * @param traits The values by key.
 * @throws {TypeError} When a key is empty.
 *
 * @example Setting and replacing a trait
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome } from "./genomes_repository.ts";
 * import { listTraits, setTraits } from "./traits_repository.ts";
 * const db = await openDatabase(":memory:");
 * const { id } = await createGenome(db, { name: "G1" });
 * await setTraits(db, id, { penicillin: "S", lineage: "2" });
 * await setTraits(db, id, { penicillin: "R" });
 * assert.deepEqual((await listTraits(db)).map((t) => `${t.key}=${t.value}`), ["lineage=2", "penicillin=R"]);
 * await db.destroy();
 * ```
 */
export async function setTraits(
  db: Kysely<Database>,
  genomeId: number,
  traits: Readonly<Record<string, string | null>>,
): Promise<void> {
  const rows = Object.entries(traits).map(([key, value]) => {
    if (key.length === 0) {
      throw new TypeError(`Cannot set a trait of genome ${genomeId}: empty key`);
    }
    return { genome_id: genomeId, key, value };
  });
  if (rows.length === 0) return;
  await transaction(db, (trx) =>
    trx.insertInto("genome_traits").values(rows)
      .onConflict((oc) =>
        oc.columns(["genome_id", "key"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
        }))
      )
      .execute());
}

/** Options of {@linkcode listTraits}. */
export interface ListTraitsOptions {
  /**
   * Only the traits of these genomes (by name).
   * @default undefined (every genome)
   */
  genomes?: readonly string[];
  /**
   * Only these keys.
   * @default undefined (every key)
   */
  keys?: readonly string[];
}

/**
 * Lists genome traits, ordered by genome name, then key.
 *
 * The SQL emitted: `select "genomes"."name" as "genome", "genome_traits"."key",
 * "genome_traits"."value" from "genome_traits" inner join "genomes" on "genomes"."id" =
 * "genome_traits"."genome_id" [where "genomes"."name" in (…)] [and "key" in (…)]
 * order by "genomes"."name", "genome_traits"."key"`.
 *
 * @param db The database or a transaction.
 * @param options Which genomes and keys.
 * @returns The traits.
 *
 * @example Only one key
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome } from "./genomes_repository.ts";
 * import { listTraits, setTraits } from "./traits_repository.ts";
 * const db = await openDatabase(":memory:");
 * await setTraits(db, (await createGenome(db, { name: "G1" })).id, { st: "180", lineage: "1" });
 * assert.deepEqual(await listTraits(db, { keys: ["st"] }), [{ genome: "G1", key: "st", value: "180" }]);
 * await db.destroy();
 * ```
 */
export async function listTraits(
  db: Kysely<Database>,
  options: ListTraitsOptions = {},
): Promise<GenomeTrait[]> {
  let query = db.selectFrom("genome_traits")
    .innerJoin("genomes", "genomes.id", "genome_traits.genome_id")
    .select(["genomes.name as genome", "genome_traits.key", "genome_traits.value"]);
  if (options.genomes !== undefined) {
    if (options.genomes.length === 0) return [];
    query = query.where("genomes.name", "in", [...options.genomes]);
  }
  if (options.keys !== undefined) {
    if (options.keys.length === 0) return [];
    query = query.where("genome_traits.key", "in", [...options.keys]);
  }
  return await query.orderBy("genomes.name").orderBy("genome_traits.key").execute();
}

/** What {@linkcode importSampleSheet} did. */
export interface SampleSheetImport {
  /** The genomes whose traits were set, with the sheet line and how many values. */
  matched: { genome: string; line: number; traits: number }[];
  /** Sheet rows whose key names no genome: reported, not imported. */
  unmatched: { key: string; line: number }[];
}

/**
 * Stores a sample sheet's columns as traits of the genomes its key column names (in one
 * transaction). A row whose key matches no genome name is reported in `unmatched` and skipped;
 * empty cells leave the genome's trait as it was.
 *
 * @param db The database.
 * @param sheet The sheet (see `readSampleSheet`).
 * @returns The matched and unmatched rows.
 *
 * @example Two rows, one genome
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { readSampleSheet } from "../formats/sample_sheet/read_sample_sheet.ts";
 * import { createGenome } from "./genomes_repository.ts";
 * import { importSampleSheet } from "./traits_repository.ts";
 * const db = await openDatabase(":memory:");
 * await createGenome(db, { name: "G1" });
 * const sheet = readSampleSheet("sample,penicillin\nG1,1\nG9,0\n", { key: "sample" });
 * const result = await importSampleSheet(db, sheet);
 * assert.deepEqual(result.matched, [{ genome: "G1", line: 2, traits: 1 }]);
 * assert.deepEqual(result.unmatched, [{ key: "G9", line: 3 }]);
 * await db.destroy();
 * ```
 */
export async function importSampleSheet(
  db: Kysely<Database>,
  sheet: SampleSheet,
): Promise<SampleSheetImport> {
  return await transaction(db, async (trx) => {
    const keys = sheet.rows.map((row) => row.key);
    const found = keys.length === 0 ? [] : await trx.selectFrom("genomes")
      .select(["id", "name"]).where("name", "in", keys).execute();
    const ids = new Map(found.map((g) => [g.name, g.id]));
    const result: SampleSheetImport = { matched: [], unmatched: [] };
    for (const row of sheet.rows) {
      const id = ids.get(row.key);
      if (id === undefined) {
        result.unmatched.push({ key: row.key, line: row.line });
        continue;
      }
      await setTraits(trx, id, row.values);
      result.matched.push({
        genome: row.key,
        line: row.line,
        traits: Object.keys(row.values).length,
      });
    }
    return result;
  });
}
