/**
 * The genomes repository: create, read, rename and delete genomes, and list them with counts.
 *
 * @module
 */

import { removeWithSummaries } from "./_write_annotation_summaries.ts";
import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { transaction } from "../db/transaction.ts";
import { dropUnusedXrefTerms, termsOfAnnotations } from "../db/xref_terms.ts";
import { type StoreCache, storeCacheFor } from "./store_cache.ts";
import { type GenomeRecord, toGenomeRecord } from "../db/_genome_rows.ts";

export { type GenomeRecord, toGenomeRecord };

/** A genome with what the database holds about it. */
export interface GenomeSummary extends GenomeRecord {
  /** `Genus species` (or whichever is known), or null. */
  organism: string | null;
  /** How many assembly versions are stored. */
  versions: number;
  /** The current (newest, not superseded) version, or null when no sequences are stored. */
  currentVersion: number | null;
  /** How many annotations. */
  annotations: number;
  /** How many features, over every annotation. */
  features: number;
  /** When the newest annotation was imported, or null. */
  lastImportedAt: string | null;
}

/** What a new genome is made of. */
export interface NewGenomeInput {
  /** The unique name (not empty). */
  name: string;
  /** Genus. */
  genus?: string | null;
  /** Species. */
  species?: string | null;
  /** Strain. */
  strain?: string | null;
  /** Free notes. */
  notes?: string | null;
}

/** Options of the genome writes that touch the cache. */
export interface GenomeWriteOptions {
  /** The cache to invalidate; default: {@linkcode storeCacheFor}(db). */
  cache?: StoreCache;
}

/** What {@linkcode deleteGenome} removed. */
export interface DeletedGenome {
  /** The genome. */
  genome: GenomeRecord;
  /** How many annotations went with it. */
  annotations: number;
  /** How many features went with it. */
  features: number;
  /** How many stored files went with it. */
  files: number;
  /** How many sequence rows (all versions) went with it. */
  sequences: number;
}

/**
 * Creates a genome.
 *
 * SQL: `insert into "genomes" ("name", …) values (?, …) returning *`
 *
 * @param db The database or a transaction.
 * @param input Name and organism.
 * @returns The new genome.
 * @throws {ConstraintError} When the name is taken (`unique`) or empty (`check`).
 *
 * @example
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome, findGenomeByName } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * await createGenome(db, { name: "C22", genus: "Staphylococcus" });
 * if ((await findGenomeByName(db, "C22"))?.genus !== "Staphylococcus") throw new Error("bad");
 * await db.destroy();
 * ```
 */
export async function createGenome(
  db: Kysely<Database>,
  input: NewGenomeInput,
): Promise<GenomeRecord> {
  const row = await transaction(db, (trx) =>
    trx.insertInto("genomes").values({
      name: input.name,
      genus: input.genus ?? null,
      species: input.species ?? null,
      strain: input.strain ?? null,
      notes: input.notes ?? null,
    }).returningAll().executeTakeFirstOrThrow());
  return toGenomeRecord(row);
}

/**
 * Finds a genome by its name.
 *
 * SQL: `select * from "genomes" where "name" = ?`
 *
 * @param db The database or a transaction.
 * @param name The name.
 * @returns The genome, or undefined.
 *
 * @example Finding a genome, or not
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome, findGenomeByName } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * const created = await createGenome(db, { name: "C22" });
 * if ((await findGenomeByName(db, "C22"))?.id !== created.id) throw new Error("not found");
 * if ((await findGenomeByName(db, "C23")) !== undefined) throw new Error("found a stranger");
 * await db.destroy();
 * ```
 */
export async function findGenomeByName(
  db: Kysely<Database>,
  name: string,
): Promise<GenomeRecord | undefined> {
  const row = await db.selectFrom("genomes").selectAll().where("name", "=", name)
    .executeTakeFirst();
  return row === undefined ? undefined : toGenomeRecord(row);
}

/**
 * Gets a genome by id.
 *
 * @param db The database or a transaction.
 * @param id The id.
 * @returns The genome.
 * @throws {NotFoundError} When there is none.
 *
 * @example Getting a genome by id
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { NotFoundError } from "../db/errors.ts";
 * import { createGenome, getGenome } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * const { id } = await createGenome(db, { name: "C22", species: "aureus" });
 * if ((await getGenome(db, id)).species !== "aureus") throw new Error("wrong genome");
 * const missing = await getGenome(db, id + 1).catch((error) => error);
 * if (!(missing instanceof NotFoundError)) throw new Error("expected a NotFoundError");
 * await db.destroy();
 * ```
 */
export async function getGenome(db: Kysely<Database>, id: number): Promise<GenomeRecord> {
  const row = await db.selectFrom("genomes").selectAll().where("id", "=", id).executeTakeFirst();
  if (row === undefined) throw new NotFoundError("genome", id);
  return toGenomeRecord(row);
}

/**
 * Resolves a genome given by name (as the CLI takes it) or by id: a name wins; a string of digits
 * that is no genome's name is taken as an id.
 *
 * @param db The database or a transaction.
 * @param nameOrId The name or id.
 * @returns The genome.
 * @throws {NotFoundError} When there is none.
 *
 * @example By name, or by an id given as text
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome, resolveGenome } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * const c22 = await createGenome(db, { name: "C22" });
 * const numbered = await createGenome(db, { name: String(c22.id) });
 * if ((await resolveGenome(db, "C22")).id !== c22.id) throw new Error("by name");
 * if ((await resolveGenome(db, c22.id)).id !== c22.id) throw new Error("by id");
 * // A name wins: "1" is the genome named "1", not the genome with id 1.
 * if ((await resolveGenome(db, String(c22.id))).id !== numbered.id) throw new Error("name first");
 * await db.destroy();
 * ```
 */
export async function resolveGenome(
  db: Kysely<Database>,
  nameOrId: string | number,
): Promise<GenomeRecord> {
  if (typeof nameOrId === "number") return await getGenome(db, nameOrId);
  const byName = await findGenomeByName(db, nameOrId);
  if (byName !== undefined) return byName;
  if (/^\d+$/.test(nameOrId)) {
    const row = await db.selectFrom("genomes").selectAll().where("id", "=", Number(nameOrId))
      .executeTakeFirst();
    if (row !== undefined) return toGenomeRecord(row);
  }
  throw new NotFoundError("genome", nameOrId);
}

/**
 * Lists every genome with its counts (versions, annotations, features), by name.
 *
 * SQL: one `select` over `genomes` with correlated counts from `sequences`, `annotations` and
 * `features`.
 *
 * @param db The database or a transaction.
 * @returns The genomes.
 *
 * @example An empty database
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { listGenomes } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * if ((await listGenomes(db)).length !== 0) throw new Error("expected none");
 * await db.destroy();
 * ```
 */
export async function listGenomes(db: Kysely<Database>): Promise<GenomeSummary[]> {
  const rows = await db.selectFrom("genomes as g").selectAll("g").select((eb) => [
    eb.selectFrom("sequences as s").whereRef("s.genome_id", "=", "g.id")
      .select(sql<number>`count(distinct s.version)`.as("n")).as("versions"),
    eb.selectFrom("sequences as s").whereRef("s.genome_id", "=", "g.id")
      .where("s.superseded_by", "is", null).select(sql<number | null>`max(s.version)`.as("v"))
      .as("currentVersion"),
    eb.selectFrom("annotations as a").whereRef("a.genome_id", "=", "g.id")
      .select(sql<number>`count(*)`.as("n")).as("annotations"),
    eb.selectFrom("features as f").innerJoin("annotations as a", "a.id", "f.annotation_id")
      .whereRef("a.genome_id", "=", "g.id").select(sql<number>`count(*)`.as("n"))
      .as("features"),
    eb.selectFrom("annotations as a").whereRef("a.genome_id", "=", "g.id")
      .select(sql<string | null>`max(a.imported_at)`.as("t")).as("lastImportedAt"),
  ]).orderBy("g.name").execute();
  return rows.map((row) => ({
    ...toGenomeRecord(row),
    organism: [row.genus, row.species].filter((x) => x).join(" ") || null,
    versions: Number(row.versions ?? 0),
    currentVersion: row.currentVersion ?? null,
    annotations: Number(row.annotations ?? 0),
    features: Number(row.features ?? 0),
    lastImportedAt: row.lastImportedAt ?? null,
  }));
}

/**
 * Changes a genome's organism or notes.
 *
 * @param db The database or a transaction.
 * @param id The genome id.
 * @param patch The fields to change.
 * @returns The updated genome.
 * @throws {NotFoundError} When there is no such genome.
 *
 * @example Filling in the organism
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome, updateGenome } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * const { id } = await createGenome(db, { name: "C22" });
 * const updated = await updateGenome(db, id, { genus: "Staphylococcus", species: "aureus" });
 * if (updated.genus !== "Staphylococcus" || updated.name !== "C22") throw new Error("update");
 * await db.destroy();
 * ```
 */
export async function updateGenome(
  db: Kysely<Database>,
  id: number,
  patch: Omit<NewGenomeInput, "name">,
): Promise<GenomeRecord> {
  const row = await transaction(db, (trx) =>
    trx.updateTable("genomes").set({
      ...patch,
      updated_at: new Date().toISOString(),
    }).where("id", "=", id).returningAll().executeTakeFirst());
  if (row === undefined) throw new NotFoundError("genome", id);
  return toGenomeRecord(row);
}

/**
 * Renames a genome, and forgets its old name in the cache.
 *
 * @param db The database or a transaction.
 * @param nameOrId The genome.
 * @param newName The new name.
 * @param options The cache to invalidate.
 * @returns The renamed genome.
 * @throws {NotFoundError} When there is no such genome.
 * @throws {ConstraintError} When the new name is taken or empty.
 *
 * @example Renaming a genome
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome, findGenomeByName, renameGenome } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * const { id } = await createGenome(db, { name: "C22" });
 * const renamed = await renameGenome(db, "C22", "C22-v2");
 * if (renamed.id !== id || renamed.name !== "C22-v2") throw new Error("rename");
 * if ((await findGenomeByName(db, "C22")) !== undefined) throw new Error("old name left");
 * await db.destroy();
 * ```
 */
export async function renameGenome(
  db: Kysely<Database>,
  nameOrId: string | number,
  newName: string,
  options: GenomeWriteOptions = {},
): Promise<GenomeRecord> {
  const cache = options.cache ?? storeCacheFor(db);
  return await transaction(db, async (trx) => {
    const genome = await resolveGenome(trx, nameOrId);
    cache.forgetGenome(genome.name);
    cache.forgetGenome(genome.id);
    const row = await trx.updateTable("genomes").set({
      name: newName,
      updated_at: new Date().toISOString(),
    }).where("id", "=", genome.id).returningAll().executeTakeFirstOrThrow();
    return toGenomeRecord(row);
  });
}

/**
 * Deletes a genome with everything it holds (every sequence version, annotation, feature and
 * stored file, by cascade; jobs keep their row with `genome_id` cleared), in one transaction,
 * and forgets it in the cache.
 *
 * @param db The database or a transaction.
 * @param nameOrId The genome.
 * @param options The cache to invalidate.
 * @returns What was removed.
 * @throws {NotFoundError} When there is no such genome.
 *
 * @example Deleting an imported genome
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { deleteGenome, findGenomeByName } from "./genomes_repository.ts";
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 1, sequences: 1, featuresPerSequence: 10 }), {
 *   genome: "demo",
 * });
 * const deleted = await deleteGenome(db, "demo");
 * if (deleted.annotations !== 1 || deleted.features !== 10) throw new Error("counts");
 * if ((await findGenomeByName(db, "demo")) !== undefined) throw new Error("still there");
 * await db.destroy();
 * ```
 */
export async function deleteGenome(
  db: Kysely<Database>,
  nameOrId: string | number,
  options: GenomeWriteOptions = {},
): Promise<DeletedGenome> {
  const cache = options.cache ?? storeCacheFor(db);
  if (!db.isTransaction) {
    return await transaction(db, (trx) => deleteGenome(trx, nameOrId, { cache }));
  }
  const genome = await resolveGenome(db, nameOrId);
  cache.forgetGenome(genome.name);
  cache.forgetGenome(genome.id);
  const count = async (query: Promise<{ n: number | bigint } | undefined>) =>
    Number((await query)?.n ?? 0);
  const annotationIds = db.selectFrom("annotations").select("id").where(
    "genome_id",
    "=",
    genome.id,
  );
  const deleted: DeletedGenome = {
    genome,
    annotations: await count(
      db.selectFrom("annotations").select(sql<number>`count(*)`.as("n"))
        .where("genome_id", "=", genome.id).executeTakeFirst(),
    ),
    features: await count(
      db.selectFrom("features").select(sql<number>`count(*)`.as("n"))
        .where("annotation_id", "in", annotationIds).executeTakeFirst(),
    ),
    files: await count(
      db.selectFrom("result_files").select(sql<number>`count(*)`.as("n"))
        .where("annotation_id", "in", annotationIds).executeTakeFirst(),
    ),
    sequences: await count(
      db.selectFrom("sequences").select(sql<number>`count(*)`.as("n"))
        .where("genome_id", "=", genome.id).executeTakeFirst(),
    ),
  };
  await db.updateTable("jobs").set({ annotation_id: null })
    .where("annotation_id", "in", annotationIds).execute();
  const ids = (await annotationIds.execute()).map((a) => a.id);
  const terms = await termsOfAnnotations(db, ids);
  await removeWithSummaries(db, ids, async () => {
    await db.deleteFrom("genomes").where("id", "=", genome.id).execute();
  });
  await dropUnusedXrefTerms(db, terms);
  return deleted;
}
