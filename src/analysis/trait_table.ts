/**
 * Genome traits as a wide Arquero table, one row per genome and one column per trait, to join
 * with any cohort table and group or filter by a trait.
 *
 * @module
 */

import type { ColumnTable } from "arquero";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { selectGenomes } from "../query/select_genomes.ts";
import { traitKeyOf } from "../query/where_clause.ts";
import { listTraits } from "../store/traits_repository.ts";
import type { CohortOptions } from "./_cohort.ts";
import { rowsToTable } from "./to_table.ts";

/** Options of {@linkcode traitTable}. */
export interface TraitTableOptions extends CohortOptions {
  /** The traits, as keys or where short names (`st`, `species`); each becomes a column named as given. */
  traits: readonly string[];
}

/**
 * One row per selected genome (`genomes`, `where`), ordered by name: `genome`, then one column per
 * trait holding its value (null when the genome has none). Join it with a cohort table on
 * `genome` to group or filter by a trait.
 *
 * @param db The database.
 * @param options The traits and the genomes.
 * @returns The table.
 * @throws {RangeError} When `traits` is empty, names `genome` or names a trait twice.
 *
 * @example Group COG shares by phenotype
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { setTraits } from "../store/traits_repository.ts";
 * import { traitTable } from "./trait_table.ts";
 * const db = await openDatabase(":memory:");
 * for (const [name, st] of [["G1", "180"], ["G2", ""]]) {
 *   const { id } = await db.insertInto("genomes").values({ name }).returning("id").executeTakeFirstOrThrow();
 *   if (st) await setTraits(db, id, { "mlst.sequence_type": st, penicillin: "R" });
 * }
 * const traits = await traitTable(db, { traits: ["st", "penicillin"] });
 * assert.deepEqual(traits.objects(), [
 *   { genome: "G1", st: "180", penicillin: "R" },
 *   { genome: "G2", st: null, penicillin: null },
 * ]);
 * await db.destroy();
 * ```
 */
export async function traitTable(
  db: Kysely<Database>,
  options: TraitTableOptions,
): Promise<ColumnTable> {
  const { traits } = options;
  if (!Array.isArray(traits) || traits.length === 0) {
    throw new RangeError(`Invalid option "traits": expected a non-empty array of trait names`);
  }
  if (traits.includes("genome") || new Set(traits).size !== traits.length) {
    throw new RangeError(`Invalid option "traits": a name is "genome" or is given twice`);
  }
  const genomes = (await selectGenomes(db, options)).map((g) => g.name);
  const keys = traits.map(traitKeyOf);
  const values = new Map<string, string | null>();
  for (const t of await listTraits(db, { keys })) values.set(`${t.genome}\u0000${t.key}`, t.value);
  const rows = genomes.map((genome) =>
    Object.fromEntries([
      ["genome", genome],
      ...traits.map((name, i) => [name, values.get(`${genome}\u0000${keys[i]}`) ?? null]),
    ])
  );
  return rowsToTable(rows, { columns: ["genome", ...traits] });
}
