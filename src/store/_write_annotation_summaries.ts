/**
 * Keeps the per-annotation summaries of schema v10 (the family dictionary, the family sets and the
 * COG category sets; `migrations/_annotation_summaries.ts`) in step with the features, inside the
 * caller's write transaction: written with a new annotation from its rows in memory (no second
 * read of its features), and on `rm` the representatives of the families it represented re-picked
 * (its own rows go with it by `on delete cascade`).
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import {
  type FamilySetEntry,
  familySetRows,
  representedFamilies,
} from "../../migrations/_annotation_summaries.ts";
import { repickFamilies } from "./_repick_families.ts";
import { executeInChunks } from "./_bulk_insert.ts";
import { FEATURE_COLUMNS, type PreparedRun } from "./prepare_run.ts";

/** The columns of a feature row the summaries read. */
type SummaryColumn = "id" | "type" | "family" | "pseudo" | "gene" | "product";

/**
 * Where a feature row keeps the columns the summaries need (computed on first use: the column
 * list's module imports this one).
 */
function columnsAt(): Record<SummaryColumn, number> {
  return Object.fromEntries(
    (["id", "type", "family", "pseudo", "gene", "product"] as const).map((column) => [
      column,
      FEATURE_COLUMNS.indexOf(column),
    ]),
  ) as Record<SummaryColumn, number>;
}

/** A member of a family: a CDS or sORF with a family, from a feature row. */
interface Member {
  id: number;
  type: "cds" | "sorf";
  family: string;
  pseudo: boolean;
  gene: string | null;
  product: string | null;
}

/**
 * Writes the summaries of a newly stored annotation from its run's rows already in memory (ids
 * filled in by the writer) and cross-references: its families into the dictionary (a family's
 * representative moves to a member with a lower feature id), one family set per type, and the
 * COG category sets of its CDSs (each CDS's category accessions sorted and concatenated).
 *
 * @param trx The write transaction.
 * @param annotationId The annotation.
 * @param prepared The run, its feature rows holding their stored ids.
 *
 * @example An import writes them (through the store)
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 3, sequences: 1, featuresPerSequence: 20 }), { genome: "g" });
 * const sets = await db.selectFrom("annotation_families").select("type").orderBy("type").execute();
 * assert.deepEqual(sets.map((s) => s.type), ["cds", "sorf"]);
 * const families = await db.selectFrom("families").select("name").execute();
 * assert.ok(families.length > 0);
 * await db.destroy();
 * ```
 */
export async function writeAnnotationSummaries(
  trx: Kysely<Database>,
  annotationId: number,
  prepared: Pick<PreparedRun, "featureRows" | "cogSets">,
): Promise<void> {
  const members = familyMembers(prepared.featureRows);
  const ids = await upsertFamilies(trx, members);
  const sets = new Map<string, Map<number, FamilySetEntry>>([["cds", new Map()], [
    "sorf",
    new Map(),
  ]]);
  for (const member of members) {
    const family = ids.get(member.family)!;
    const set = sets.get(member.type)!;
    let entry = set.get(family);
    if (entry === undefined) set.set(family, entry = { family, intact: 0, pseudo: 0 });
    if (member.pseudo) entry.pseudo++;
    else entry.intact++;
  }
  await trx.insertInto("annotation_families")
    .values(familySetRows(annotationId, (type) => [...sets.get(type)!.values()])).execute();
  const cog = prepared.cogSets;
  if (cog.length > 0) {
    await trx.insertInto("annotation_cog_sets")
      .values(cog.map(([categories, cdss]) => ({ annotation_id: annotationId, categories, cdss })))
      .execute();
  }
}

/** The CDSs and sORFs with a family, in row (id) order. */
function familyMembers(rows: readonly unknown[][]): Member[] {
  const AT = columnsAt();
  const members: Member[] = [];
  for (const row of rows) {
    const type = row[AT.type];
    const family = row[AT.family];
    if ((type !== "cds" && type !== "sorf") || typeof family !== "string") continue;
    members.push({
      id: Number(row[AT.id]),
      type,
      family,
      pseudo: Boolean(row[AT.pseudo]),
      gene: (row[AT.gene] ?? null) as string | null,
      product: (row[AT.product] ?? null) as string | null,
    });
  }
  return members;
}

/**
 * Adds the members' families to the dictionary (the lowest member of each, unless a stored one is
 * lower) and returns every family's id by name.
 */
async function upsertFamilies(
  trx: Kysely<Database>,
  members: readonly Member[],
): Promise<Map<string, number>> {
  const lowest = new Map<string, Member>();
  for (const member of members) if (!lowest.has(member.family)) lowest.set(member.family, member);
  const rows = [...lowest.values()].map((m) => [m.family, m.id, m.gene, m.product]);
  await executeInChunks(trx, "families: upsert", 4, rows, (count) =>
    trx.insertInto("families")
      .values(new Array(count).fill({ name: "", feature_id: 0, gene: null, product: null }))
      .onConflict((oc) =>
        oc.column("name").doUpdateSet({
          feature_id: (eb) => eb.ref("excluded.feature_id"),
          gene: (eb) => eb.ref("excluded.gene"),
          product: (eb) => eb.ref("excluded.product"),
        }).where(sql.ref("excluded.feature_id"), "<", sql.ref("families.feature_id"))
      ));
  const names = [...lowest.keys()].map((name) => [name]);
  const found = await executeInChunks<{ id: number; name: string }>(
    trx,
    "families: ids by name",
    1,
    names,
    (count) =>
      trx.selectFrom("families").select(["id", "name"]).where(
        "name",
        "in",
        new Array(count).fill(""),
      ),
  );
  return new Map(found.map((row) => [row.name, Number(row.id)]));
}

/**
 * Deletes annotations through `remove` while keeping the family dictionary in step: the
 * families they represent are read first, and given their lowest remaining member (or dropped
 * when none is left) after.
 *
 * @param trx The write transaction.
 * @param annotationIds The annotations.
 * @param remove Deletes the annotations (and with them their features and summaries).
 *
 * @example `rm` of the only genome empties the dictionary
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { deleteGenome } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 3, sequences: 1, featuresPerSequence: 20 }), { genome: "g" });
 * await deleteGenome(db, "g");
 * assert.deepEqual(await db.selectFrom("families").select("id").execute(), []);
 * await db.destroy();
 * ```
 */
export async function removeWithSummaries(
  trx: Kysely<Database>,
  annotationIds: readonly number[],
  remove: () => Promise<void>,
): Promise<void> {
  const families = await representedFamilies(trx, annotationIds);
  await remove();
  await repickFamilies(trx, families);
}
