/**
 * The one read behind every family table: which genomes of the cohort carry each gene family, and
 * how many copies, read from the per-annotation family sets (schema v10) or, without them, from
 * the features in family order, and held as typed arrays (a sparse matrix by family), never as
 * one object per cell.
 *
 * @module
 */

import type { Kysely, RawBuilder, SelectQueryBuilder } from "../deps/kysely.ts";
import { sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { isPostgres, isSqlite, joinedText } from "../query/_sqlite_indexes.ts";
import { type CohortOptions, cohortQuery } from "./_cohort.ts";
import {
  isSorted,
  readFamilySetPrevalence,
  readFamilySets,
  readFamilySetTotals,
} from "./_family_sets.ts";
import { type FamilyDescriptions, readDictionaryColumns } from "./_dictionary_columns.ts";

export type { FamilyDescriptions } from "./_dictionary_columns.ts";
import { pick } from "./_pick.ts";

/**
 * The cohort's families as a sparse matrix: family `f` is carried by the genomes
 * `genome[offsets[f]] … genome[offsets[f + 1] − 1]` (indices into `genomes`), with `copies` at
 * the same positions. Families are in code-unit order (`<` on strings).
 */
export interface FamilyPresence {
  /** The cohort's genomes, in name order (a genome's index is its position here). */
  genomes: string[];
  /** The latest annotation of each genome, at the same positions. */
  annotationIds: number[];
  /** The families, in code-unit order. */
  families: string[];
  /** Where each family's cells start in `genome` and `copies`; one more entry than families. */
  offsets: Int32Array;
  /** The genome (index into `genomes`) of each cell. */
  genome: Int32Array;
  /** How many of the genome's proteins are in the family, per cell (at least 1). */
  copies: Int32Array;
  /**
   * The lowest feature id among each family's members in the cohort; when read from the family
   * sets (`familyIds` set), the family's representative: the lowest among every stored
   * annotation's members.
   */
  first: Float64Array;
  /**
   * The families' ids in the family dictionary (`families.id`, schema v10), when the matrix was
   * read from the per-annotation family sets; absent when it was read from the features.
   */
  familyIds?: Int32Array;
  /** Each family's gene symbol and product, when asked for (`describe`). */
  descriptions?: FamilyDescriptions;
}

/**
 * How many families one query hands over by default (one packed text each time). Since schema 13
 * no index is in family order (`features_type_family_idx` dropped): each query sorts the rows
 * of the type, so the default reads a cohort of 1,000 genomes (324,000 families) in one pass.
 */
const CHUNK = 1_000_000;
/** Separators of the packed text: between records, and between a record's fields. */
const RECORD = "\u001e";
const FIELD = "\u001f";
const RECORD_CODE = 0x1e;
const FIELD_CODE = 0x1f;
const ZERO_CODE = 0x30;

/** What {@linkcode readFamilyPresence} reads: the cohort and how families are counted (checked). */
export interface FamilyPresenceRequest {
  /** Which genomes (as the cohort tables take them). */
  cohort: CohortOptions;
  /** The feature types whose proteins are grouped. */
  types: readonly ("cds" | "sorf")[];
  /** Whether pseudogenes count. */
  pseudogenes: "present" | "absent";
  /** Whether every family is computed at query time (`uniref50`) or only the unstored ones. */
  computeAll: boolean;
  /**
   * How many families one query hands over.
   * @default 1000000
   */
  chunk?: number;
  /**
   * Whether each family's gene and product are read too (`FamilyPresence.descriptions`).
   * @default false
   */
  describe?: boolean;
  /**
   * Whether the per-annotation family sets may be read (false: always the features, as before
   * schema v10; for benches comparing the two).
   * @default true
   */
  summaries?: boolean;
  /**
   * The proteins whose family is computed at query time (`familyMembersQuery`): given
   * `computeAll` false, the reader adds `family is null` to it.
   */
  computed: SelectQueryBuilder<
    Database,
    never,
    { annotation_id: number; feature_id: number; family: string | null }
  >;
}

/**
 * Reads the presence of every family of the cohort. When every annotation of the cohort has its
 * family sets (schema v10, written by the store) and families are the stored ones (not
 * `computeAll`), from those sets and the family dictionary (`_family_sets.ts`). Otherwise in one
 * pass over the features: on the stored family
 * (`features.family`), `select family, min(id), group_concat(annotation_id) … group by family`
 * (sorted by the database), 1,000,000 families at a time (keyset on `family`), each chunk packed
 * by the database into one text; the few proteins without a stored family, and every
 * protein when `computeAll`, through `request.computed`.
 *
 * @param db The database.
 * @param request The cohort, the feature types, pseudogenes and the computed families' query.
 * @returns The sparse matrix.
 */
export async function readFamilyPresence(
  db: Kysely<Database>,
  request: FamilyPresenceRequest,
): Promise<FamilyPresence> {
  const cohort = await cohortQuery(db, request.cohort).orderBy("genomes.name").execute();
  const { chunk = CHUNK } = request;
  if (!Number.isSafeInteger(chunk) || chunk < 1) {
    throw new RangeError(`Invalid option "chunk": expected a positive integer, got ${chunk}`);
  }
  const annotationIds = cohort.map((row) => Number(row.annotation_id));
  const genomes = cohort.map((row) => row.genome);
  if (!request.computeAll && request.summaries !== false) {
    const sets = await readFamilySets(db, { ...request, annotationIds });
    if (sets !== undefined) return { genomes, annotationIds, ...sets };
  }
  const builder = new PresenceBuilder(annotationIds);
  if (cohort.length > 0) {
    const filter = await needsCohortFilter(db, cohort.length);
    if (!request.computeAll) {
      for (const type of request.types) {
        await readStoredFamilies(db, builder, { ...request, type, filter, chunk });
      }
    }
    await readComputedFamilies(builder, request);
  }
  const presence: FamilyPresence = { genomes, annotationIds, ...builder.finish() };
  if (request.describe) {
    presence.descriptions = await describeFamilies(db, presence, familyIndices(presence));
  }
  return presence;
}

/** 0 … families − 1. */
function familyIndices(presence: FamilyPresence): Int32Array {
  const all = new Int32Array(presence.families.length);
  for (let f = 0; f < all.length; f++) all[f] = f;
  return all;
}

/** How widely each family is shared: see {@linkcode readFamilyPrevalence}. */
export interface FamilyPrevalence {
  /** How many genomes the cohort has. */
  genomes: number;
  /** How many of them carry each family (families carried by none left out), in no order. */
  prevalence: Int32Array;
}

/**
 * How many genomes of the cohort carry each family, without the families' names: from the
 * per-annotation family sets alone when every cohort annotation has them (no dictionary read),
 * else from {@linkcode readFamilyPresence}.
 *
 * @param db The database.
 * @param request As for {@linkcode readFamilyPresence}.
 * @returns The cohort size and each family's number of genomes.
 */
export async function readFamilyPrevalence(
  db: Kysely<Database>,
  request: FamilyPresenceRequest,
): Promise<FamilyPrevalence> {
  if (!request.computeAll && request.summaries !== false) {
    const cohort = await cohortQuery(db, request.cohort).execute();
    const annotationIds = cohort.map((row) => Number(row.annotation_id));
    const prevalence = await readFamilySetPrevalence(db, { ...request, annotationIds });
    if (prevalence !== undefined) return { genomes: cohort.length, prevalence };
  }
  const { offsets, genomes } = await readFamilyPresence(db, request);
  return {
    genomes: genomes.length,
    prevalence: offsets.subarray(1).map((end, f) => end - offsets[f]),
  };
}

/** Per family of the cohort: see {@linkcode readFamilyTotals}. */
export interface FamilyTotals {
  /** How many genomes the cohort has. */
  genomes: number;
  /** The families carried by at least one genome, in code-unit order. */
  families: string[];
  /** How many genomes carry each family. */
  carriers: Int32Array;
  /** All copies of each family across the cohort. */
  copies: Int32Array;
  /** How many of the genomes named in `among` carry each family, when `among` was given. */
  carriersAmong?: Int32Array;
  /** Each family's gene and product, when asked for (`describe`). */
  descriptions?: FamilyDescriptions;
}

/**
 * How many genomes carry each family of the cohort and its copies, families in code-unit order:
 * counted from the per-annotation family sets by family id when every cohort annotation has them
 * (no matrix laid out), else from {@linkcode readFamilyPresence}. With `among`, each family's
 * carriers among those genomes (by name) are counted too.
 *
 * @param db The database.
 * @param request As for {@linkcode readFamilyPresence}.
 * @param among Genome names whose carriers are counted apart.
 * @returns The cohort size and each family's totals.
 */
export async function readFamilyTotals(
  db: Kysely<Database>,
  request: FamilyPresenceRequest,
  among?: ReadonlySet<string>,
): Promise<FamilyTotals> {
  if (!request.computeAll && request.summaries !== false) {
    const cohort = await cohortQuery(db, request.cohort).execute();
    const annotationIds = cohort.map((row) => Number(row.annotation_id));
    const flagged = among === undefined
      ? undefined
      : Uint8Array.from(cohort, (row) => (among.has(row.genome) ? 1 : 0));
    const totals = await readFamilySetTotals(db, { ...request, annotationIds, flagged });
    if (totals !== undefined) {
      const { flaggedCarriers, ...rest } = totals;
      return {
        genomes: cohort.length,
        ...rest,
        ...(flaggedCarriers === undefined ? {} : { carriersAmong: flaggedCarriers }),
      };
    }
  }
  return totalsOfMatrix(await readFamilyPresence(db, request), among);
}

/** The totals of a presence matrix (see {@linkcode readFamilyTotals}). */
function totalsOfMatrix(presence: FamilyPresence, among?: ReadonlySet<string>): FamilyTotals {
  const { offsets, copies, genome } = presence;
  const n = presence.families.length;
  const carriers = new Int32Array(n);
  const sums = new Int32Array(n);
  const amongCarriers = new Int32Array(n);
  const flags = Uint8Array.from(presence.genomes, (name) => (among?.has(name) ? 1 : 0));
  for (let f = 0; f < n; f++) {
    carriers[f] = offsets[f + 1] - offsets[f];
    for (let i = offsets[f]; i < offsets[f + 1]; i++) {
      sums[f] += copies[i];
      amongCarriers[f] += flags[genome[i]];
    }
  }
  return {
    genomes: presence.genomes.length,
    families: presence.families,
    carriers,
    copies: sums,
    ...(among === undefined ? {} : { carriersAmong: amongCarriers }),
    ...(presence.descriptions === undefined ? {} : { descriptions: presence.descriptions }),
  };
}

/** True unless the cohort is every annotation (then no row needs checking against it). */
async function needsCohortFilter(db: Kysely<Database>, cohortSize: number): Promise<boolean> {
  const { n } = await db.selectFrom("annotations")
    .select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(n) !== cohortSize;
}

/** One chunked read's settings. */
interface StoredRead {
  cohort: CohortOptions;
  type: "cds" | "sorf";
  pseudogenes: "present" | "absent";
  filter: boolean;
  chunk: number;
}

/** The chunked, packed read of the stored families of one feature type. */
async function readStoredFamilies(
  db: Kysely<Database>,
  builder: PresenceBuilder,
  options: StoredRead,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const chunk = await storedFamiliesChunk(db, options, after).executeTakeFirst();
    if (chunk === undefined || chunk.packed === null) return;
    builder.addPacked(chunk.packed);
    if (Number(chunk.families) < options.chunk) return;
    after = chunk.last!;
  }
}

/**
 * One chunk: the next `CHUNK` families after `after` (the type's rows read from the index
 * `features(annotation_id, type, …, family)` and sorted by family), packed as
 * `family US first US id,id,… RS …` (an annotation id once per copy).
 *
 * The SQL emitted (on SQLite; elsewhere `string_agg` replaces `group_concat`):
 *
 * ```sql
 * select count(*) as families, max(family) as last,
 *   group_concat(family || X'1f' || first || X'1f' || cells, X'1e') as packed
 * from (select family, min(id) as first, group_concat(cast(annotation_id as text), ',') as cells
 *   from features where type = ? and family > ? [and pseudo = 0]
 *     [and annotation_id in (…cohort…)]
 *   group by family order by family limit 100000)
 * ```
 */
function storedFamiliesChunk(
  db: Kysely<Database>,
  options: StoredRead,
  after: string | undefined,
) {
  const ref = sql.ref;
  const annotation = ref("features.annotation_id");
  // Cells in annotation order: SQLite reads the rows in the order of `features(annotation_id, …)`.
  const cells = joinedText(db, sql`cast(${annotation} as text)`, ",", annotation);
  let families = db.selectFrom("features")
    .select([
      "features.family",
      sql<number>`min(${ref("features.id")})`.as("first"),
      cells.as("cells"),
    ])
    .where("features.type", "=", options.type)
    .where("features.family", after === undefined ? ">=" : ">", after ?? "")
    .groupBy("features.family")
    .orderBy("features.family")
    .limit(options.chunk);
  if (options.pseudogenes === "absent") families = families.where("features.pseudo", "=", 0);
  if (options.filter) {
    // Each cohort annotation's rows of the type are one range of `features(annotation_id, type, …)`.
    families = families.where(
      "features.annotation_id",
      "in",
      db.selectFrom(cohortQuery(db, options.cohort).as("c")).select("c.annotation_id"),
    );
  }
  const record = sql`${ref("f.family")} || ${sql.lit(FIELD)} || cast(${
    ref("f.first")
  } as text) || ${sql.lit(FIELD)} || ${ref("f.cells")}`;
  return db.selectFrom(families.as("f")).select([
    sql<number>`count(*)`.as("families"),
    sql<string | null>`max(${ref("f.family")})`.as("last"),
    joinedText(db, record, RECORD).as("packed"),
  ]);
}

/** The proteins whose family is computed at query time (see `FamilyPresenceRequest.computed`). */
async function readComputedFamilies(
  builder: PresenceBuilder,
  request: FamilyPresenceRequest,
): Promise<void> {
  const query = request.computeAll
    ? request.computed
    : request.computed.where(sql.ref("features.family"), "is", null);
  for (const row of await query.execute()) {
    if (row.family !== null) {
      builder.addMember(row.family, Number(row.annotation_id), Number(row.feature_id));
    }
  }
}

/** Collects cells family by family, then lays them out as a {@linkcode FamilyPresence}. */
class PresenceBuilder {
  #genomeOf: GenomeIndex;
  #families: string[] = [];
  #first: number[] = [];
  #offsets: number[] = [0];
  /** The cells so far: `#genome[0 … #cells − 1]`, `#copies` at the same positions. */
  #genome = new Int32Array(1024);
  #copies = new Int32Array(1024);
  #cells = 0;
  /** Members of families met outside the packed chunks: family → genome → [copies, first]. */
  #extra = new Map<string, Map<number, [number, number]>>();

  /** Per genome: the family it was last seen in, and where its cell is. */
  #seen: Int32Array;
  #slot: Int32Array;

  constructor(annotationIds: readonly number[]) {
    this.#genomeOf = new GenomeIndex(annotationIds);
    this.#seen = new Int32Array(annotationIds.length).fill(-1);
    this.#slot = new Int32Array(annotationIds.length);
  }

  /**
   * Adds a packed chunk (see `storedFamiliesChunk`): one pass over its characters, the family
   * name the only string cut out of it.
   */
  addPacked(packed: string): void {
    // Each cell takes at least two characters (a digit and a separator).
    this.#reserve(this.#cells + (packed.length >> 1) + 1);
    let at = 0;
    while (at < packed.length) {
      const nameEnd = packed.indexOf(FIELD, at);
      this.#families.push(packed.slice(at, nameEnd));
      let i = nameEnd + 1;
      let first = 0;
      for (let code = packed.charCodeAt(i); code !== FIELD_CODE; code = packed.charCodeAt(++i)) {
        first = first * 10 + (code - ZERO_CODE);
      }
      this.#first.push(first);
      at = this.#addCells(packed, i + 1);
      this.#offsets.push(this.#cells);
    }
  }

  /**
   * Parses `id,id,…` (one annotation id per copy, in any order) from `from` to the end of the
   * record into the current family's cells; `#seen`/`#slot` find a genome met before in this
   * family. Returns where the next record starts.
   */
  #addCells(text: string, from: number): number {
    const family = this.#families.length - 1;
    const genomeOf = this.#genomeOf;
    const seen = this.#seen;
    const slot = this.#slot;
    const genome = this.#genome;
    const copies = this.#copies;
    let cells = this.#cells;
    let value = 0;
    let i = from;
    for (;; i++) {
      const code = i < text.length ? text.charCodeAt(i) : RECORD_CODE;
      if (code >= ZERO_CODE) {
        value = value * 10 + (code - ZERO_CODE);
        continue;
      }
      const g = genomeOf.get(value);
      value = 0;
      if (g >= 0) {
        if (seen[g] === family) copies[slot[g]]++;
        else {
          seen[g] = family;
          slot[g] = cells;
          genome[cells] = g;
          copies[cells++] = 1;
        }
      }
      if (code === RECORD_CODE) break;
    }
    this.#cells = cells;
    return i + 1;
  }

  /** Grows the cell arrays to hold at least `size` cells. */
  #reserve(size: number): void {
    if (size <= this.#genome.length) return;
    const capacity = Math.max(size, this.#genome.length * 2);
    const genome = new Int32Array(capacity);
    const copies = new Int32Array(capacity);
    genome.set(this.#genome.subarray(0, this.#cells));
    copies.set(this.#copies.subarray(0, this.#cells));
    this.#genome = genome;
    this.#copies = copies;
  }

  /** Adds one protein of a family computed at query time. */
  addMember(family: string, annotationId: number, featureId: number): void {
    const g = this.#genomeOf.get(annotationId);
    if (g < 0) return;
    let cells = this.#extra.get(family);
    if (cells === undefined) this.#extra.set(family, cells = new Map());
    const cell = cells.get(g);
    if (cell === undefined) cells.set(g, [1, featureId]);
    else {
      cell[0]++;
      cell[1] = Math.min(cell[1], featureId);
    }
  }

  /** The sparse matrix, families in code-unit order. */
  finish(): Pick<FamilyPresence, "families" | "offsets" | "genome" | "copies" | "first"> {
    if (this.#extra.size > 0) this.#mergeExtra();
    const cells = this.#cells;
    if (isSorted(this.#families)) {
      return {
        families: this.#families,
        offsets: Int32Array.from(this.#offsets),
        genome: this.#genome.slice(0, cells),
        copies: this.#copies.slice(0, cells),
        first: Float64Array.from(this.#first),
      };
    }
    const n = this.#families.length;
    const names = this.#families;
    const order = Int32Array.from({ length: n }, (_, f) => f)
      .sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
    const offsets = new Int32Array(n + 1);
    const genome = new Int32Array(cells);
    const copies = new Int32Array(cells);
    for (let i = 0; i < n; i++) {
      const f = order[i];
      const from = this.#offsets[f];
      const to = this.#offsets[f + 1];
      genome.set(this.#genome.subarray(from, to), offsets[i]);
      copies.set(this.#copies.subarray(from, to), offsets[i]);
      offsets[i + 1] = offsets[i] + to - from;
    }
    return {
      families: Array.from(order, (f) => names[f]),
      offsets,
      genome,
      copies,
      first: Float64Array.from(order, (f) => this.#first[f]),
    };
  }

  /** Folds the families computed at query time into the packed ones (appended as new families). */
  #mergeExtra(): void {
    const index = new Map(this.#families.map((family, f) => [family, f]));
    const cellsOf = (f: number) => {
      const cells = new Map<number, [number, number]>();
      for (let i = this.#offsets[f]; i < this.#offsets[f + 1]; i++) {
        cells.set(this.#genome[i], [this.#copies[i], this.#first[f]]);
      }
      return cells;
    };
    const merged = new Map<number, Map<number, [number, number]>>();
    for (const [family, extra] of this.#extra) {
      let f = index.get(family);
      if (f === undefined) {
        f = this.#families.length;
        index.set(family, f);
        this.#families.push(family);
        this.#first.push(Infinity);
        this.#offsets.push(this.#cells);
      }
      const cells = merged.get(f) ?? cellsOf(f);
      for (const [g, [copies, first]] of extra) {
        const cell = cells.get(g);
        cells.set(g, cell === undefined ? [copies, first] : [cell[0] + copies, cell[1]]);
        this.#first[f] = Math.min(this.#first[f], first);
      }
      merged.set(f, cells);
    }
    this.#relayout(merged);
  }

  /** Rebuilds the cell arrays with the merged cells of some families. */
  #relayout(merged: Map<number, Map<number, [number, number]>>): void {
    const genome: number[] = [];
    const copies: number[] = [];
    const offsets = [0];
    for (let f = 0; f < this.#families.length; f++) {
      const cells = merged.get(f);
      if (cells === undefined) {
        for (let i = this.#offsets[f]; i < this.#offsets[f + 1]; i++) {
          genome.push(this.#genome[i]);
          copies.push(this.#copies[i]);
        }
      } else {
        for (const [g, [n]] of cells) {
          genome.push(g);
          copies.push(n);
        }
      }
      offsets.push(genome.length);
    }
    this.#genome = Int32Array.from(genome);
    this.#copies = Int32Array.from(copies);
    this.#cells = genome.length;
    this.#offsets = offsets;
  }
}

/**
 * The families of a presence matrix present in at least `minGenomes` genomes, most widely shared
 * first, then in family order: a counting sort on the number of genomes, stable over the family
 * order the matrix already has (no comparison sort).
 *
 * @param presence The matrix.
 * @param minGenomes The least number of genomes.
 * @returns Family indices.
 */
export function familiesByPrevalence(presence: FamilyPresence, minGenomes = 1): Int32Array {
  const { offsets } = presence;
  const carriers = new Int32Array(offsets.length - 1);
  for (let f = 0; f < carriers.length; f++) carriers[f] = offsets[f + 1] - offsets[f];
  return byCarriers(carriers, presence.genomes.length, minGenomes);
}

/**
 * Positions 0 … n − 1 of families with at least `minGenomes` carriers, most carriers first, ties
 * in position order: a counting sort on the number of carriers (no comparison sort).
 *
 * @param carriers How many genomes carry each family (0 … most).
 * @param most The number of genomes.
 * @param minGenomes The least number of carriers.
 * @returns Positions into `carriers`.
 */
export function byCarriers(carriers: Int32Array, most: number, minGenomes = 1): Int32Array {
  const n = carriers.length;
  const starts = new Int32Array(most + 2);
  for (let f = 0; f < n; f++) if (carriers[f] >= minGenomes) starts[most - carriers[f] + 1]++;
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const order = new Int32Array(starts[starts.length - 1]);
  for (let f = 0; f < n; f++) {
    if (carriers[f] >= minGenomes) order[starts[most - carriers[f]]++] = f;
  }
  return order;
}

/** How many family members are described per query. */
const DESCRIBE_CHUNK = 50_000;

/** How many ids go in one query as bound parameters on an engine without JSON helpers. */
const PORTABLE_DESCRIBE_CHUNK = 500;

/** A family's (or feature's) gene symbol and product. */
export interface FamilyDescription {
  /** The gene symbol. */
  gene: string | null;
  /** The product. */
  product: string | null;
}

/**
 * The gene symbol and product of some families of a presence matrix (those of its first member,
 * see `FamilyPresence.first`): from the family dictionary when the matrix was read from the
 * family sets (the whole dictionary by column when the families are at least a quarter of it,
 * else by id), else from the members' feature rows ({@linkcode describeFeatures}).
 *
 * @param db The database.
 * @param presence The matrix.
 * @param families Family indices into `presence.families`.
 * @returns The descriptions, at the positions of `families` (null fields when unknown).
 */
export async function describeFamilies(
  db: Kysely<Database>,
  presence: FamilyPresence,
  families: ArrayLike<number>,
): Promise<FamilyDescriptions> {
  const { familyIds, first, descriptions } = presence;
  if (descriptions !== undefined) {
    return {
      gene: pick(descriptions.gene, families),
      product: pick(descriptions.product, families),
    };
  }
  const speaksJson = isSqlite(db) || isPostgres(db);
  if (familyIds !== undefined && speaksJson && describesMostOf(families.length, familyIds)) {
    const columns = await readDictionaryColumns(db, { texts: ["gene", "product"], first: false });
    const { rowOf } = columns;
    const gene = columns.texts.gene!;
    const product = columns.texts.product!;
    const rows = pick(rowOf, pick(familyIds, families));
    return { gene: pick(gene, rows), product: pick(product, rows) };
  }
  const keys = Array.from(families, (f) => familyIds === undefined ? first[f] : familyIds[f]);
  const described = await describeRows(
    db,
    familyIds === undefined ? "features" : "families",
    keys,
  );
  return {
    gene: keys.map((key) => described.get(key)?.gene ?? null),
    product: keys.map((key) => described.get(key)?.product ?? null),
  };
}

/**
 * True when `count` families are at least a quarter of the dictionary (as far as the ids of the
 * matrix show it): then reading the whole dictionary in one pass is cheaper than by id.
 */
function describesMostOf(count: number, familyIds: Int32Array): boolean {
  let most = 0;
  for (let i = 0; i < familyIds.length; i++) if (familyIds[i] > most) most = familyIds[i];
  return count * 4 >= most;
}

/**
 * The gene symbol and product of some features, by id: chunks of 50,000 ids, each sent as one JSON
 * array parameter and answered as one JSON array built by the database, so that hundreds of
 * thousands of families cross as a few texts (SQLite: `json_each` and `json_group_array`;
 * PostgreSQL: `json_array_elements_text` and `json_agg`); other engines get chunks of bound ids.
 *
 * @param db The database.
 * @param ids Feature ids.
 * @returns Gene and product by id (ids not found are absent).
 */
export function describeFeatures(
  db: Kysely<Database>,
  ids: ArrayLike<number>,
): Promise<Map<number, FamilyDescription>> {
  return describeRows(db, "features", ids);
}

/** Gene and product by id of rows of `features` or of the family dictionary, in chunks. */
async function describeRows(
  db: Kysely<Database>,
  from: DescribedTable,
  ids: ArrayLike<number>,
): Promise<Map<number, FamilyDescription>> {
  const described = new Map<number, FamilyDescription>();
  const all = Array.from(ids).filter(Number.isFinite);
  const engine = isSqlite(db) ? "sqlite" : isPostgres(db) ? "postgres" : "portable";
  const size = engine === "portable" ? PORTABLE_DESCRIBE_CHUNK : DESCRIBE_CHUNK;
  for (let at = 0; at < all.length; at += size) {
    const chunk = all.slice(at, at + size);
    const rows = engine === "portable"
      ? await describeByIdList(db, from, chunk)
      : await describeByJsonArray(db, from, chunk, engine);
    for (const [id, gene, product] of rows) described.set(Number(id), { gene, product });
  }
  return described;
}

/** The tables whose rows have an id, a gene and a product. */
type DescribedTable = "features" | "families";

type DescribedRow = [number, string | null, string | null];

/** The aggregate that packs the rows' `[id, gene, product]` into one JSON array text. */
function describedRowsJson(engine: "sqlite" | "postgres"): RawBuilder<string | null> {
  const ref = sql.ref;
  const row = sql`${ref("id")}, ${ref("gene")}, ${ref("product")}`;
  return engine === "sqlite"
    ? sql<string | null>`json_group_array(json_array(${row}))`
    : sql<string | null>`json_agg(json_build_array(${row}))::text`;
}

/** One chunk, sent and answered as one JSON text (SQLite and PostgreSQL). */
async function describeByJsonArray(
  db: Kysely<Database>,
  from: DescribedTable,
  ids: number[],
  engine: "sqlite" | "postgres",
): Promise<DescribedRow[]> {
  const ref = sql.ref;
  const chunk = JSON.stringify(ids);
  const json = describedRowsJson(engine);
  const wanted = engine === "sqlite"
    ? sql`(select ${ref("value")} from json_each(${chunk}))`
    : sql`(select json_array_elements_text(${chunk}::json)::integer)`;
  const result = await db.selectFrom(from).select(json.as("rows"))
    .where(sql<boolean>`${ref("id")} in ${wanted}`).executeTakeFirst();
  return JSON.parse(result?.rows ?? "[]") as DescribedRow[];
}

/** One chunk as bound parameters: any other engine Kysely speaks to. */
async function describeByIdList(
  db: Kysely<Database>,
  from: DescribedTable,
  ids: number[],
): Promise<DescribedRow[]> {
  const rows = await db.selectFrom(from).select(["id", "gene", "product"])
    .where("id", "in", ids).execute();
  return rows.map((r) => [r.id, r.gene, r.product]);
}

/** Annotation id → genome index (−1 for none): a typed array when the ids are small (row ids). */
class GenomeIndex {
  #dense: Int32Array | undefined;
  #sparse: Map<number, number>;

  constructor(annotationIds: readonly number[]) {
    this.#sparse = new Map(annotationIds.map((id, g) => [id, g]));
    const most = annotationIds.reduce((a, b) => Math.max(a, b), 0);
    if (most < 1 << 24) {
      this.#dense = new Int32Array(most + 1).fill(-1);
      annotationIds.forEach((id, g) => (this.#dense![id] = g));
    }
  }

  get(annotationId: number): number {
    if (this.#dense === undefined) return this.#sparse.get(annotationId) ?? -1;
    return annotationId < this.#dense.length ? this.#dense[annotationId] : -1;
  }
}
