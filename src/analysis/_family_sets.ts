/**
 * The fast path of the family tables: the cohort's presence matrix built from the per-annotation
 * family sets of schema v10 (`annotation_families`, one blob per annotation and type) and the
 * family dictionary (`families`), instead of from every feature.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import {
  dictionarySize,
  type DictionaryText,
  type FamilyDescriptions,
  familyIdsByName,
  readDictionaryColumns,
} from "./_dictionary_columns.ts";
import { pick, pickNumbers } from "./_pick.ts";
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
  /** Each family's gene and product, when asked for. */
  descriptions?: FamilyDescriptions;
}

/** What {@linkcode readFamilySets} reads. */
export interface FamilySetsRequest {
  /** The cohort's annotations, in genome order. */
  annotationIds: readonly number[];
  /** The feature types. */
  types: readonly ("cds" | "sorf")[];
  /** Whether pseudogene copies count. */
  pseudogenes: "present" | "absent";
  /** Whether each family's gene and product are read too. */
  describe?: boolean;
  /** Per genome (as `annotationIds`): 1 for the genomes whose carriers are also counted apart. */
  flagged?: Uint8Array;
}

/**
 * The presence matrix of the cohort from its family sets, or undefined when an annotation of the
 * cohort has no family set of a requested type (its features were written outside the store):
 * the caller then reads the features. The sets are laid out family-major with a counting sort on
 * the family id, the families put in name order through the ids read in name order.
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
  const present = await presentFamilies(db, counts, {
    describe: request.describe === true,
    representatives: true,
  });
  return layOut(sets, withPseudo, counts, present, request.types.length > 1);
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
  const { carriers } = countCarriers(sets, request, await dictionarySize(db));
  return carriers.filter((n) => n > 0);
}

/** Per family of the cohort, in code-unit order of the names: see {@linkcode readFamilySetTotals}. */
export interface FamilySetTotals {
  /** The families carried by at least one genome, in code-unit order. */
  families: string[];
  /** How many genomes carry each. */
  carriers: Int32Array;
  /** All copies of each across the cohort. */
  copies: Int32Array;
  /** How many flagged genomes carry each, when genomes were flagged. */
  flaggedCarriers?: Int32Array;
  /** Each family's gene and product, when asked for. */
  descriptions?: FamilyDescriptions;
}

/**
 * How many genomes carry each family and how many copies it has, from the family sets counted by
 * family id in one pass (no matrix laid out), then named (and described) from the dictionary; or
 * undefined when an annotation of the cohort has no family set of a requested type.
 *
 * @param db The database.
 * @param request The cohort's annotations, the types, pseudogenes and whether to describe.
 * @returns The totals of the families present, or undefined.
 */
export async function readFamilySetTotals(
  db: Kysely<Database>,
  request: FamilySetsRequest,
): Promise<FamilySetTotals | undefined> {
  const sets = await readSets(db, request);
  if (sets === undefined) return undefined;
  const { carriers, copies, flagged } = countCarriers(sets, request, await dictionarySize(db));
  const present = await presentFamilies(db, carriers, {
    describe: request.describe === true,
    representatives: false,
  });
  return {
    families: present.names,
    carriers: pickNumbers(carriers, present.ids),
    copies: pickNumbers(copies, present.ids),
    ...(flagged === undefined ? {} : { flaggedCarriers: pickNumbers(flagged, present.ids) }),
    ...(present.descriptions === undefined ? {} : { descriptions: present.descriptions }),
  };
}

/**
 * Per family id: the genomes that carry it (a genome counted once over its sets), its copies and,
 * when genomes are flagged, its flagged carriers.
 */
function countCarriers(
  sets: readonly Uint8Array[][],
  request: FamilySetsRequest,
  size: number,
): { carriers: Int32Array; copies: Int32Array; flagged?: Int32Array } {
  const carriers = new Int32Array(size);
  const copies = new Int32Array(size);
  const lastGenome = new Int32Array(size).fill(-1);
  const flags = request.flagged ?? new Uint8Array(sets.length);
  const flagged = new Int32Array(request.flagged === undefined ? 0 : size);
  forEachCell(sets, request.pseudogenes === "present", (g, family, c) => {
    copies[family] += c;
    if (lastGenome[family] === g) return;
    lastGenome[family] = g;
    carriers[family]++;
    if (flags[g]) flagged[family]++;
  });
  return { carriers, copies, ...(request.flagged === undefined ? {} : { flagged }) };
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

/** The families present, in name order: their ids, names, representatives and descriptions. */
interface PresentFamilies {
  ids: Int32Array;
  names: string[];
  /** Empty unless the representatives were asked for. */
  first: Float64Array;
  descriptions?: FamilyDescriptions;
}

/**
 * The families with `counts[id] > 0`, in code-unit order of their names: the ids in name order
 * from the name index, the names, the representatives when asked for (and with `describe` genes
 * and products) from the dictionary's columns (one scan in id order); sorted again here only when
 * the database's collation is not code-unit order.
 */
async function presentFamilies(
  db: Kysely<Database>,
  counts: Int32Array,
  wanted: { describe: boolean; representatives: boolean },
): Promise<PresentFamilies> {
  const { describe, representatives } = wanted;
  const texts: DictionaryText[] = describe ? ["name", "gene", "product"] : ["name"];
  const byName = await familyIdsByName(db);
  const columns = await readDictionaryColumns(db, { texts, first: representatives });
  const { rowOf } = columns;
  const nameAt = columns.texts.name!;
  const present: number[] = [];
  for (let i = 0; i < byName.length; i++) if (counts[byName[i]] > 0) present.push(byName[i]);
  let ids = Int32Array.from(present);
  let rows = pick(rowOf, ids);
  let names = pick(nameAt, rows) as string[];
  if (!isSorted(names)) {
    ids = ids.sort((a, b) => {
      const x = nameAt[rowOf[a]]!;
      const y = nameAt[rowOf[b]]!;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    rows = pick(rowOf, ids);
    names = pick(nameAt, rows) as string[];
  }
  const first = representatives ? pickNumbers(columns.first!, rows) : new Float64Array(0);
  const found = { ids, names, first };
  if (!describe) return found;
  const { gene, product } = columns.texts;
  return { ...found, descriptions: { gene: pick(gene!, rows), product: pick(product!, rows) } };
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
  present: PresentFamilies,
  merge: boolean,
): FamilySetCells {
  const n = present.ids.length;
  const offsets = new Int32Array(n + 1);
  const next = new Int32Array(counts.length);
  for (let rank = 0; rank < n; rank++) {
    const id = present.ids[rank];
    next[id] = offsets[rank];
    offsets[rank + 1] = offsets[rank] + counts[id];
  }
  const genome = new Int32Array(offsets[n]);
  const copies = new Int32Array(offsets[n]);
  forEachCell(sets, withPseudo, (g, family, c) => {
    const at = next[family]++;
    genome[at] = g;
    copies[at] = c;
  });
  const cells = { offsets, genome, copies };
  return {
    families: present.names,
    ...(merge ? mergeSameGenome(cells) : cells),
    first: present.first,
    familyIds: present.ids,
    ...(present.descriptions === undefined ? {} : { descriptions: present.descriptions }),
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
