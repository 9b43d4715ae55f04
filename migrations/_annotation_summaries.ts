/**
 * The per-annotation summaries of schema v10 (migration 0010), written by the migration's backfill
 * and by the store in each import transaction, with one definition here:
 *
 * - `families(id, name, gene, product, feature_id)`: the family dictionary, one row per family
 *   name (`features.family` of a CDS or sORF), with its representative, the member with the lowest
 *   feature id among the stored annotations, and that member's gene and product;
 * - `annotation_families(annotation_id, type, families)`: per annotation and type (`cds`, `sorf`)
 *   the family set, packed by {@linkcode packFamilySet};
 * - `annotation_cog_sets(annotation_id, categories, cdss)`: per annotation, how many CDSs carry each
 *   combination of COG category accessions (the rows `cogCategorySetsQuery` computes from the
 *   cross-references).
 *
 * Frozen with the migrations (no import from `src/`); the store and the readers import it.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { isSqlite } from "./_dialect.ts";

/** The feature types whose proteins have a family set. */
export const SUMMARY_TYPES: readonly ("cds" | "sorf")[] = Object.freeze(["cds", "sorf"]);

/** One family of an annotation's set: the family id and its intact and pseudogene copies. */
export interface FamilySetEntry {
  /** `families.id`. */
  family: number;
  /** Copies that are not pseudogenes. */
  intact: number;
  /** Pseudogene copies. */
  pseudo: number;
}

/** A family set as three parallel arrays, family ids ascending. */
export interface FamilySet {
  /** Family ids, ascending. */
  families: Int32Array;
  /** Intact copies, at the same positions. */
  intact: Int32Array;
  /** Pseudogene copies, at the same positions. */
  pseudo: Int32Array;
}

/**
 * Packs a family set: for `n` families, `12 × n` bytes holding three little-endian Int32 arrays of
 * length `n` one after the other — the family ids ascending, then the intact copies, then the
 * pseudogene copies of each family at the same positions. No family appears twice.
 *
 * @param entries The families, in any order (each family once).
 * @returns The blob.
 * @throws {RangeError} When a family appears twice.
 *
 * @example Two families, packed and read back
 * ```ts
 * import assert from "node:assert/strict";
 * import { packFamilySet, unpackFamilySet } from "./_annotation_summaries.ts";
 * const blob = packFamilySet([
 *   { family: 9, intact: 1, pseudo: 1 },
 *   { family: 4, intact: 2, pseudo: 0 },
 * ]);
 * assert.equal(blob.byteLength, 24);
 * const set = unpackFamilySet(blob);
 * assert.deepEqual([...set.families], [4, 9]);
 * assert.deepEqual([...set.intact], [2, 1]);
 * assert.deepEqual([...set.pseudo], [0, 1]);
 * assert.throws(() => unpackFamilySet(new Uint8Array(5)), RangeError);
 * ```
 */
export function packFamilySet(entries: readonly FamilySetEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => a.family - b.family);
  const n = sorted.length;
  const bytes = new Uint8Array(12 * n);
  const view = new DataView(bytes.buffer);
  sorted.forEach((entry, i) => {
    if (i > 0 && sorted[i - 1].family === entry.family) {
      throw new RangeError(`Cannot pack a family set: family ${entry.family} appears twice`);
    }
    view.setInt32(4 * i, entry.family, true);
    view.setInt32(4 * (n + i), entry.intact, true);
    view.setInt32(4 * (2 * n + i), entry.pseudo, true);
  });
  return bytes;
}

/**
 * Unpacks a blob of {@linkcode packFamilySet} (a view on its bytes when they are aligned on a
 * little-endian machine, else a copy).
 *
 * @param blob The blob.
 * @returns The three arrays.
 * @throws {RangeError} When the blob's length is not a multiple of 12.
 *
 * @example An unaligned blob is copied
 * ```ts
 * import assert from "node:assert/strict";
 * import { packFamilySet, unpackFamilySet } from "./_annotation_summaries.ts";
 * const bytes = new Uint8Array(13);
 * bytes.set(packFamilySet([{ family: 7, intact: 3, pseudo: 0 }]), 1);
 * assert.deepEqual([...unpackFamilySet(bytes.subarray(1)).intact], [3]);
 * ```
 */
export function unpackFamilySet(blob: Uint8Array): FamilySet {
  if (blob.byteLength % 12 !== 0) {
    throw new RangeError(
      `Cannot read a family set: ${blob.byteLength} bytes is not a multiple of 12`,
    );
  }
  const n = blob.byteLength / 12;
  let words: Int32Array;
  if (LITTLE_ENDIAN && blob.byteOffset % 4 === 0) {
    words = new Int32Array(blob.buffer, blob.byteOffset, 3 * n);
  } else {
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    words = Int32Array.from({ length: 3 * n }, (_, i) => view.getInt32(4 * i, true));
  }
  return {
    families: words.subarray(0, n),
    intact: words.subarray(n, 2 * n),
    pseudo: words.subarray(2 * n, 3 * n),
  };
}

/** True on a little-endian machine (where an aligned blob is read in place). */
const LITTLE_ENDIAN = new Uint8Array(Int32Array.of(1).buffer)[0] === 1;

/**
 * Writes the summaries of some annotations whose features (and cross-references) are stored and
 * that have no summaries yet: upserts their families into the dictionary (a family's
 * representative moves to a member with a lower feature id), then one family-set row per
 * annotation and type (empty when it has none) and its COG category sets.
 *
 * @param db The database (inside the caller's transaction).
 * @param annotationIds The annotations.
 */
// deno-lint-ignore no-explicit-any
export async function writeSummaries(db: Kysely<any>, annotationIds: readonly number[]) {
  if (annotationIds.length === 0) return;
  const ids = sql.join(annotationIds.map((id) => sql`${id}`));
  await upsertFamilies(db, ids);
  await writeFamilySets(db, annotationIds, ids);
  await writeCogSets(db, ids);
}

/** Adds the annotations' families to the dictionary, keeping the lowest member as representative. */
// deno-lint-ignore no-explicit-any
async function upsertFamilies(db: Kysely<any>, ids: ReturnType<typeof sql.join>) {
  await sql`insert into families (name, feature_id, gene, product)
    select f.family, f.id, f.gene, f.product from features f
    where f.id in (select min(m.id) from features m where m.annotation_id in (${ids})
      and m.type in ('cds', 'sorf') and m.family is not null group by m.family)
    on conflict (name) do update set feature_id = excluded.feature_id, gene = excluded.gene,
      product = excluded.product
    where excluded.feature_id < families.feature_id`.execute(db);
}

/** One family-set row per annotation and type. */
async function writeFamilySets(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  annotationIds: readonly number[],
  ids: ReturnType<typeof sql.join>,
) {
  const { rows } = await sql<
    { annotation_id: number; type: string; family: number; pseudo: number; n: number }
  >`select f.annotation_id, f.type, d.id as family, f.pseudo, count(*) as n
    from features f inner join families d on d.name = f.family
    where f.annotation_id in (${ids}) and f.type in ('cds', 'sorf')
    group by f.annotation_id, f.type, d.id, f.pseudo`.execute(db);
  const sets = new Map<string, Map<number, FamilySetEntry>>();
  for (const row of rows) {
    const key = `${row.annotation_id} ${row.type}`;
    let set = sets.get(key);
    if (set === undefined) sets.set(key, set = new Map());
    const family = Number(row.family);
    let entry = set.get(family);
    if (entry === undefined) set.set(family, entry = { family, intact: 0, pseudo: 0 });
    if (Number(row.pseudo) === 0) entry.intact += Number(row.n);
    else entry.pseudo += Number(row.n);
  }
  const values = annotationIds.flatMap((annotationId) =>
    familySetRows(
      annotationId,
      (type) => [...(sets.get(`${annotationId} ${type}`)?.values() ?? [])],
    )
  );
  await db.insertInto("annotation_families").values(values).execute();
}

/**
 * The `annotation_families` rows of one annotation: one per type in {@linkcode SUMMARY_TYPES},
 * packed (empty when the type has no family).
 *
 * @param annotationId The annotation.
 * @param entriesOf The family-set entries of a type.
 * @returns The rows to insert.
 */
export function familySetRows(
  annotationId: number,
  entriesOf: (type: "cds" | "sorf") => FamilySetEntry[],
): { annotation_id: number; type: string; families: Uint8Array }[] {
  return SUMMARY_TYPES.map((type) => ({
    annotation_id: annotationId,
    type,
    families: packFamilySet(entriesOf(type)),
  }));
}

/** The COG category sets of the annotations' CDSs. */
// deno-lint-ignore no-explicit-any
async function writeCogSets(db: Kysely<any>, ids: ReturnType<typeof sql.join>) {
  const concat = isSqlite(db)
    ? sql`group_concat(t.accession, '')`
    : sql`string_agg(t.accession, '')`;
  await sql`insert into annotation_cog_sets (annotation_id, categories, cdss)
    select s.annotation_id, s.categories, s.cdss from (
      select f.annotation_id,
        (select ${concat} from feature_xrefs x inner join xref_terms t on t.id = x.term_id
          where x.feature_id = f.id and t.db = 'COG' and t.accession not like 'COG%') as categories,
        count(*) as cdss
      from features f where f.annotation_id in (${ids}) and f.type = 'cds'
      group by f.annotation_id, 2) s`.execute(db);
}

/**
 * The families some annotations represent in the dictionary (their representative is one of
 * their features): read before the features are deleted, handed to `repickFamilies`
 * (`src/store/_repick_families.ts`) after.
 *
 * @param db The database (inside the caller's transaction).
 * @param annotationIds The annotations.
 * @returns Family ids.
 */
export async function representedFamilies(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  annotationIds: readonly number[],
): Promise<number[]> {
  if (annotationIds.length === 0) return [];
  const ids = sql.join(annotationIds.map((id) => sql`${id}`));
  const { rows } = await sql<{ id: number }>`select d.id from features f
    inner join families d on d.name = f.family and d.feature_id = f.id
    where f.annotation_id in (${ids}) and f.type in ('cds', 'sorf')`.execute(db);
  return rows.map((row) => Number(row.id));
}
