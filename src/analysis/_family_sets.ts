/**
 * The fast path of the family tables: the cohort's presence matrix built from the per-annotation
 * family sets of schema v10 (`annotation_families`, one blob per annotation and type) and the
 * family dictionary (`families`), instead of from every feature.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import { sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { joinedText } from "../query/_sqlite_indexes.ts";
import { unpackFamilySet } from "../../migrations/_annotation_summaries.ts";

/** The cells of a presence matrix read from the family sets, families in code-unit order. */
export interface FamilySetCells {
  /** The families, in code-unit order. */
  families: string[];
  /** Where each family's cells start; one more entry than families. */
  offsets: Int32Array;
  /** The genome of each cell (ascending within a family). */
  genome: Int32Array;
  /** The copies of each cell. */
  copies: Int32Array;
  /** Each family's representative (`families.feature_id`). */
  first: Float64Array;
  /** Each family's dictionary id (`families.id`). */
  familyIds: Int32Array;
}

/** What {@linkcode readFamilySets} reads. */
export interface FamilySetsRequest {
  /** The cohort's annotations, in genome order. */
  annotationIds: readonly number[];
  /** The feature types. */
  types: readonly ("cds" | "sorf")[];
  /** Whether pseudogene copies count. */
  pseudogenes: "present" | "absent";
}

/** How many dictionary rows one query hands over (one packed text each time). */
const DICTIONARY_CHUNK = 100_000;

/**
 * The presence matrix of the cohort from its family sets, or undefined when an annotation of the
 * cohort has no family set of a requested type (its features were written outside the store):
 * the caller then reads the features. The sets are laid out family-major with a counting sort on
 * the family id, the families ranked by name through the dictionary read in name order.
 *
 * @param db The database.
 * @param request The cohort, its annotations, the types and pseudogenes.
 * @returns The cells, or undefined.
 */
export async function readFamilySets(
  db: Kysely<Database>,
  request: FamilySetsRequest,
): Promise<FamilySetCells | undefined> {
  const sets = await readSets(db, request);
  if (sets === undefined) return undefined;
  const withPseudo = request.pseudogenes === "present";
  const counts = new Int32Array(await dictionarySize(db));
  forEachCell(sets, withPseudo, (_, family) => counts[family]++);
  const dictionary = await readDictionary(db, counts);
  return layOut(sets, withPseudo, counts, dictionary, request.types.length > 1);
}

/**
 * How many genomes of the cohort carry each family, in no particular order, from the family sets
 * alone (no name is read), or undefined when an annotation of the cohort has no family set of a
 * requested type (the caller then reads the presence matrix).
 *
 * @param db The database.
 * @param request The cohort's annotations, the types and pseudogenes.
 * @returns The number of genomes of each family carried by at least one, or undefined.
 */
export async function readFamilySetPrevalence(
  db: Kysely<Database>,
  request: FamilySetsRequest,
): Promise<Int32Array | undefined> {
  const sets = await readSets(db, request);
  if (sets === undefined) return undefined;
  const size = await dictionarySize(db);
  const genomes = new Int32Array(size);
  const lastGenome = new Int32Array(size).fill(-1);
  forEachCell(sets, request.pseudogenes === "present", (g, family) => {
    if (lastGenome[family] === g) return;
    lastGenome[family] = g;
    genomes[family]++;
  });
  return genomes.filter((n) => n > 0);
}

/** Annotations whose family sets one query reads. */
const SETS_CHUNK = 500;

/**
 * The family sets of each genome (index = genome), or undefined when one is missing: primary-key
 * reads of `annotation_families`, 500 annotations a query.
 */
async function readSets(
  db: Kysely<Database>,
  request: FamilySetsRequest,
): Promise<Uint8Array[][] | undefined> {
  const { annotationIds, types } = request;
  const genomeOf = new Map(annotationIds.map((id, g) => [id, g]));
  const sets: Uint8Array[][] = annotationIds.map(() => []);
  let found = 0;
  for (let from = 0; from < annotationIds.length; from += SETS_CHUNK) {
    const rows = await db.selectFrom("annotation_families")
      .select(["annotation_families.annotation_id", "annotation_families.families"])
      .where(
        "annotation_families.annotation_id",
        "in",
        annotationIds.slice(from, from + SETS_CHUNK),
      )
      .where("annotation_families.type", "in", [...types])
      .execute();
    found += rows.length;
    for (const row of rows) sets[genomeOf.get(Number(row.annotation_id))!].push(row.families);
  }
  return found === annotationIds.length * types.length ? sets : undefined;
}

/** One more than the largest family id. */
async function dictionarySize(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("families")
    .select((eb) => eb.fn.max("families.id").as("most")).executeTakeFirst();
  return Number(row?.most ?? 0) + 1;
}

/** Calls `cell(genome, family, copies)` for every family a genome carries (per set). */
function forEachCell(
  sets: readonly Uint8Array[][],
  withPseudo: boolean,
  cell: (genome: number, family: number, copies: number) => void,
): void {
  for (let g = 0; g < sets.length; g++) {
    for (const blob of sets[g]) {
      const { families, intact, pseudo } = unpackFamilySet(blob);
      for (let i = 0; i < families.length; i++) {
        const copies = withPseudo ? intact[i] + pseudo[i] : intact[i];
        if (copies > 0) cell(g, families[i], copies);
      }
    }
  }
}

/** The dictionary rows of the families present, in name order. */
interface Dictionary {
  ids: number[];
  names: string[];
  first: number[];
}

/**
 * Reads the names and representatives of the families with `counts[id] > 0`, in name order: the
 * names in chunks by name (keyset) from the unique index on `name` alone (it holds the id too),
 * each packed by the database into one text `id US name RS …`; then the representatives in one
 * pass over the table in id order.
 */
async function readDictionary(db: Kysely<Database>, counts: Int32Array): Promise<Dictionary> {
  const dictionary: Dictionary = { ids: [], names: [], first: [] };
  let after: string | undefined;
  for (;;) {
    const chunk = await dictionaryChunk(db, after).executeTakeFirst();
    if (chunk === undefined || chunk.packed === null) break;
    addNames(dictionary, chunk.packed, counts);
    if (Number(chunk.rows) < DICTIONARY_CHUNK) break;
    after = chunk.last!;
  }
  if (!isSorted(dictionary.names)) sortByName(dictionary);
  const representatives = await readRepresentatives(db, counts.length);
  dictionary.first = dictionary.ids.map((id) => representatives[id]);
  return dictionary;
}

/** Adds a packed chunk's `id US name` records of the families present (one pass, names cut out). */
function addNames(dictionary: Dictionary, packed: string, counts: Int32Array): void {
  let at = 0;
  while (at < packed.length) {
    let id = 0;
    let i = at;
    for (let code = packed.charCodeAt(i); code !== 0x1f; code = packed.charCodeAt(++i)) {
      id = id * 10 + (code - 0x30);
    }
    let end = packed.indexOf("\u001e", i + 1);
    if (end < 0) end = packed.length;
    if (counts[id] > 0) {
      dictionary.ids.push(id);
      dictionary.names.push(packed.slice(i + 1, end));
    }
    at = end + 1;
  }
}

/**
 * One chunk of the dictionary's names after `after`, in name order.
 *
 * The SQL emitted (on SQLite; elsewhere `string_agg` replaces `group_concat`):
 *
 * ```sql
 * select count(*) as rows, max(name) as last, group_concat(id || X'1f' || name, X'1e') as packed
 * from (select id, name from families where name > ? order by name limit 100000)
 * ```
 */
function dictionaryChunk(db: Kysely<Database>, after: string | undefined) {
  const ref = sql.ref;
  const rows = db.selectFrom("families")
    .select(["families.id", "families.name"])
    .where("families.name", after === undefined ? ">=" : ">", after ?? "")
    .orderBy("families.name")
    .limit(DICTIONARY_CHUNK);
  const record = sql`cast(${ref("d.id")} as text) || ${sql.lit("\u001f")} || ${ref("d.name")}`;
  return db.selectFrom(rows.as("d")).select([
    sql<number>`count(*)`.as("rows"),
    sql<string | null>`max(${ref("d.name")})`.as("last"),
    joinedText(db, record, "\u001e").as("packed"),
  ]);
}

/**
 * Every family's representative by id (`families.feature_id`), read in one pass in id order and
 * packed by the database as `id,feature_id,id,feature_id,…`.
 */
async function readRepresentatives(db: Kysely<Database>, size: number): Promise<Float64Array> {
  const ref = sql.ref;
  const pair = sql`cast(${ref("families.id")} as text) || ',' || cast(${
    ref("families.feature_id")
  } as text)`;
  const row = await db.selectFrom("families").select(joinedText(db, pair, ",").as("packed"))
    .executeTakeFirst();
  const first = new Float64Array(size);
  const packed = row?.packed ?? "";
  let id = -1;
  let value = 0;
  for (let i = 0; i <= packed.length; i++) {
    const code = i < packed.length ? packed.charCodeAt(i) : 0x2c;
    if (code !== 0x2c) value = value * 10 + (code - 0x30);
    else if (id < 0) [id, value] = [value, 0];
    else {
      first[id] = value;
      [id, value] = [-1, 0];
    }
  }
  return first;
}

/**
 * The family-major matrix: offsets from the counts in name order, then each genome's cells
 * placed in turn (so genomes ascend within a family); with several types a genome may have two
 * cells of one family, merged.
 */
function layOut(
  sets: readonly Uint8Array[][],
  withPseudo: boolean,
  counts: Int32Array,
  dictionary: Dictionary,
  merge: boolean,
): FamilySetCells {
  const n = dictionary.ids.length;
  const offsets = new Int32Array(n + 1);
  const next = new Int32Array(counts.length);
  dictionary.ids.forEach((id, rank) => {
    next[id] = offsets[rank];
    offsets[rank + 1] = offsets[rank] + counts[id];
  });
  const genome = new Int32Array(offsets[n]);
  const copies = new Int32Array(offsets[n]);
  forEachCell(sets, withPseudo, (g, family, c) => {
    const at = next[family]++;
    genome[at] = g;
    copies[at] = c;
  });
  const cells = { offsets, genome, copies };
  return {
    families: dictionary.names,
    ...(merge ? mergeSameGenome(cells) : cells),
    first: Float64Array.from(dictionary.first),
    familyIds: Int32Array.from(dictionary.ids),
  };
}

/** Merges the adjacent cells of one genome within each family (copies added). */
function mergeSameGenome(
  cells: { offsets: Int32Array; genome: Int32Array; copies: Int32Array },
): { offsets: Int32Array; genome: Int32Array; copies: Int32Array } {
  const { offsets, genome, copies } = cells;
  const merged = new Int32Array(offsets.length);
  let out = 0;
  for (let f = 0; f + 1 < offsets.length; f++) {
    for (let i = offsets[f]; i < offsets[f + 1]; i++) {
      if (out > merged[f] && genome[out - 1] === genome[i]) copies[out - 1] += copies[i];
      else {
        genome[out] = genome[i];
        copies[out++] = copies[i];
      }
    }
    merged[f + 1] = out;
  }
  return { offsets: merged, genome: genome.slice(0, out), copies: copies.slice(0, out) };
}

/**
 * True when the strings are in ascending code-unit order.
 *
 * @param values The strings.
 * @returns Whether they are sorted.
 *
 * @example Code-unit order, not locale order
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSorted } from "./_family_sets.ts";
 * assert.equal(isSorted(["MD5:a", "UniRef90_B", "UniRef90_a"]), true);
 * assert.equal(isSorted(["b", "a"]), false);
 * ```
 */
export function isSorted(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1] > values[i]) return false;
  return true;
}

/** Puts the dictionary rows in code-unit order of their names (a database with another collation). */
function sortByName(dictionary: Dictionary): void {
  const { ids, names, first } = dictionary;
  const order = ids.map((_, i) => i)
    .sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  dictionary.ids = order.map((i) => ids[i]);
  dictionary.names = order.map((i) => names[i]);
  dictionary.first = order.map((i) => first[i]);
}
