/**
 * The family dictionary after `rm`: each family that lost its representative gets its lowest
 * remaining member, found through the per-annotation family sets (schema v10) instead of an index
 * on `features(type, family, …)` (dropped by schema v13).
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { unpackFamilySet } from "../../migrations/_annotation_summaries.ts";

/** Annotations whose family sets are read per query. */
const PAGE = 200;
/** Families named per statement. */
const NAMES = 500;

/**
 * Gives some families their lowest stored member (`cds` or `sorf`) as representative, with its
 * gene and product, and deletes those left without members.
 *
 * The family sets are read in annotation id order, a page at a time; a family is looked for in
 * the first annotation whose sets hold it, where its lowest member is read from the index
 * `features(annotation_id, type, …, family)` (one statement per such annotation, for every
 * family it holds). That member is the family's lowest overall because the store numbers rows in
 * the order it writes them: an import reserves its annotation id and its feature ids past the
 * largest ones inside its write transaction (`reserveIds`, both engines), so every feature of an
 * annotation has a larger id than every feature of an annotation with a smaller id. A family in
 * no set has no member left.
 *
 * @param db The database (inside the caller's transaction).
 * @param familyIds The families (`families.id`).
 *
 * @example Re-picking every family of a fresh cohort changes nothing: each has its lowest member
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeCohort } from "../testing/factory/mod.ts";
 * import { importRun } from "./import_run.ts";
 * import { repickFamilies } from "./_repick_families.ts";
 * const db = await openDatabase(":memory:");
 * const cohort = makeCohort({ seed: 5, genomes: 3, familiesPool: 20, coreFamilies: 6 });
 * for (const m of cohort.members) await importRun(db, m.run, { genome: m.name });
 * const before = await db.selectFrom("families").selectAll().orderBy("id").execute();
 * await repickFamilies(db, before.map((f) => f.id));
 * assert.deepEqual(await db.selectFrom("families").selectAll().orderBy("id").execute(), before);
 * await db.destroy();
 * ```
 */
export async function repickFamilies(
  db: Kysely<Database>,
  familyIds: readonly number[],
): Promise<void> {
  if (familyIds.length === 0) return;
  const names = await familyNames(db, familyIds);
  const picked = await lowestMembers(db, names);
  for (const [id, featureId] of picked) {
    await sql`update families set feature_id = ${featureId},
      gene = (select f.gene from features f where f.id = ${featureId}),
      product = (select f.product from features f where f.id = ${featureId})
      where id = ${id}`.execute(db);
  }
  const empty = familyIds.filter((id) => !picked.has(id));
  for (let from = 0; from < empty.length; from += NAMES) {
    await db.deleteFrom("families").where("id", "in", empty.slice(from, from + NAMES)).execute();
  }
}

/** The families' names by id. */
async function familyNames(
  db: Kysely<Database>,
  familyIds: readonly number[],
): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (let from = 0; from < familyIds.length; from += NAMES) {
    const rows = await db.selectFrom("families").select(["id", "name"])
      .where("id", "in", familyIds.slice(from, from + NAMES)).execute();
    for (const row of rows) names.set(Number(row.id), row.name);
  }
  return names;
}

/**
 * Per family of `names`, its lowest member: the family sets read page by page in annotation
 * order until every family is found or none is left.
 */
async function lowestMembers(
  db: Kysely<Database>,
  names: Map<number, string>,
): Promise<Map<number, number>> {
  const picked = new Map<number, number>();
  let after = 0;
  while (picked.size < names.size) {
    // A page is whole annotations (each has a row per type), not a count of rows.
    const page = db.selectFrom("annotation_families").select("annotation_id").distinct()
      .where("annotation_id", ">", after).orderBy("annotation_id").limit(PAGE);
    const rows = await db.selectFrom("annotation_families")
      .select(["annotation_id", "families"]).where("annotation_id", "in", page)
      .orderBy("annotation_id").execute();
    if (rows.length === 0) break;
    const held = new Map<number, number[]>();
    for (const row of rows) {
      const annotation = Number(row.annotation_id);
      const found = held.get(annotation) ?? [];
      for (const id of unpackFamilySet(row.families).families) {
        if (names.has(id) && !picked.has(id)) found.push(id);
      }
      held.set(annotation, found);
    }
    for (const [annotation, found] of held) {
      const wanted = found.filter((id) => !picked.has(id));
      if (wanted.length > 0) await pickIn(db, annotation, wanted, names, picked);
    }
    after = Number(rows[rows.length - 1].annotation_id);
  }
  return picked;
}

/** The lowest member in one annotation of each family of `wanted`, added to `picked`. */
async function pickIn(
  db: Kysely<Database>,
  annotationId: number,
  wanted: number[],
  names: Map<number, string>,
  picked: Map<number, number>,
): Promise<void> {
  const byName = new Map(wanted.map((id) => [names.get(id)!, id]));
  const all = [...byName.keys()];
  for (let from = 0; from < all.length; from += NAMES) {
    const rows = await db.selectFrom("features")
      .select(["family", sql<number>`min(id)`.as("id")])
      .where("annotation_id", "=", annotationId).where("type", "in", ["cds", "sorf"])
      .where("family", "in", all.slice(from, from + NAMES)).groupBy("family").execute();
    for (const row of rows) picked.set(byName.get(row.family!)!, Number(row.id));
  }
}
