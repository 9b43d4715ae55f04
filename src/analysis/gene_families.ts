/**
 * Gene families across genomes: which family each protein belongs to, how many copies each genome
 * has, and the presence/absence matrix.
 *
 * @module
 */

import { type ColumnTable, table } from "../deps/arquero.ts";
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import type { RowsQuery } from "../db/rows_query.ts";
import { show } from "../query/_validate.ts";
import { featureTermsFrom } from "../db/xref_terms.ts";
import { type CohortOptions, cohortQuery, type CohortRow } from "./_cohort.ts";
import { SparseColumn } from "./sparse_column.ts";
import {
  familiesByPrevalence,
  type FamilyPresence,
  type FamilyPresenceRequest,
  type FamilyPrevalence,
  type FamilyTotals,
  readFamilyPresence,
  readFamilyPrevalence,
  readFamilyTotals,
} from "./_family_presence.ts";

export type {
  FamilyDescriptions,
  FamilyPresence,
  FamilyPrevalence,
  FamilyTotals,
} from "./_family_presence.ts";

/** Options of the gene-family tables. */
export interface GeneFamilyOptions extends CohortOptions {
  /**
   * The feature types whose proteins are grouped into families.
   * @default ["cds"]
   */
  types?: readonly ("cds" | "sorf")[];
  /**
   * Whether pseudogenes count: `"present"` keeps them in their family (a pseudogene with a UniRef
   * cluster makes its genome carry the family); `"absent"` leaves them out, so a genome whose only
   * copies of a family are pseudogenes lacks it (loss of function, as association wants).
   * @default "present"
   */
  pseudogenes?: "present" | "absent";
  /**
   * The family level: `"uniref90"` keys families as {@linkcode familyKey} says; `"uniref50"` puts
   * proteins with a UniRef50 cluster in that cluster first (coarser families), the rest as before.
   * @default "uniref90"
   */
  familyLevel?: "uniref90" | "uniref50";
}

/** The prefix of a family keyed by the protein's MD5 (no UniRef cluster). */
export const MD5_FAMILY_PREFIX = "MD5:";

/**
 * The family of a protein, as an SQL expression over `features` (aliased `features`):
 *
 * 1. its **UniRef90** cluster (`UniRef90_…`, from Bakta's `UniRef:UniRef90_…` cross-reference);
 * 2. else its **UniRef50** cluster (`UniRef50_…`);
 * 3. else its protein's MD5 (`aa_hexdigest`, Bakta's protein identity) as `MD5:<hex>`, so identical
 *    proteins without a cluster (most hypothetical proteins) still form a family;
 * 4. else null: the feature is in no family (a pseudogene or a record without its protein).
 *
 * When a protein has several clusters of one level (it should not), the smallest accession wins.
 * The UniRef look-ups read the feature's term ids from its row (`features.xref_ids`, schema v12;
 * see `featureTermsFrom`) joined to their terms.
 *
 * This is the definition of a family. Since schema v3 it is stored in `features.family` (computed
 * by the store at import, and by migration 0003 with this same SQL for older rows), and the tables
 * read {@linkcode storedFamilyKey}, which falls back to this expression only where the column is
 * null; tests compare the stored column with this expression.
 *
 * @param db The database (the SQL differs by engine).
 * @returns The expression.
 */
// deno-lint-ignore no-explicit-any
export function familyKey(db: Kysely<any>): RawBuilder<string | null> {
  const ref = sql.ref;
  return sql<string | null>`coalesce(${cluster(db, "90")}, ${cluster(db, "50")}, ${
    sql.lit(MD5_FAMILY_PREFIX)
  } || ${ref("features.aa_hexdigest")})`;
}

/** The smallest UniRef cluster of a level (`"90"`, `"50"`) of the feature in scope, in SQL. */
// deno-lint-ignore no-explicit-any
function cluster(db: Kysely<any>, level: "90" | "50"): RawBuilder<string | null> {
  const ref = sql.ref;
  return sql<string | null>`(select min(${ref("t.accession")}) from ${featureTermsFrom(db)} and ${
    ref("t.db")
  } = 'UniRef' and ${ref("t.accession")} >= ${sql.lit(`UniRef${level}_`)} and ${
    ref("t.accession")
  } < ${sql.lit(`UniRef${level}\``)})`;
}

/**
 * The family of a protein as the cohort tables read it: the stored `features.family` (schema v3),
 * else {@linkcode familyKey} computed on the spot, so that a feature written without the column
 * (outside the store) still gets its family. SQLite evaluates `coalesce` lazily: a feature with a
 * stored family costs no cross-reference look-up and, through the index
 * `features(annotation_id, type, pseudo, hypothetical, family)`, no feature row read.
 *
 * The SQL emitted: `coalesce("features"."family", …familyKey…)`.
 *
 * @param db The database (the SQL differs by engine).
 * @returns The expression.
 */
// deno-lint-ignore no-explicit-any
export function storedFamilyKey(db: Kysely<any>): RawBuilder<string | null> {
  return sql<string | null>`coalesce(${sql.ref("features.family")}, ${familyKey(db)})`;
}

/** One row of {@linkcode familyMembersQuery}. */
export interface FamilyMemberRow {
  /** The cohort annotation the protein belongs to (`annotations.id`). */
  annotation_id: number;
  /** The protein's feature (`features.id`). */
  feature_id: number;
  /** The family (see {@linkcode familyKey}); null when the protein has none. */
  family: string | null;
}

/**
 * The query of {@linkcode familyMembersQuery}: a select over the cohort (`cohort`, a subquery) and
 * `features`, whose rows are {@linkcode FamilyMemberRow}s; it can still be refined with `where`.
 */
export type FamilyMembersQuery = SelectQueryBuilder<
  Database & { cohort: CohortRow },
  "cohort" | "features",
  FamilyMemberRow
>;

/**
 * The proteins of the cohort's latest annotations with their family ({@linkcode storedFamilyKey}:
 * the stored `features.family`, else {@linkcode familyKey}; null when a protein has none): the
 * building block of the family tables, meant for a `materialized` `with` clause. The joins are
 * `cross join`s so that SQLite walks the cohort, then the index
 * `features(annotation_id, type, pseudo, hypothetical, family)` (covering): no feature row and no
 * cross-reference is read for a feature whose family is stored.
 *
 * The SQL emitted:
 *
 * ```sql
 * select "features"."annotation_id", "features"."id" as "feature_id",
 *   coalesce("features"."family",
 *     coalesce((select min("t"."accession")
 *         from json_each(term_ids_json("features"."xref_ids")) as "x", "xref_terms" as "t"
 *         where "t"."id" = "x"."value" and "t"."db" = 'UniRef'
 *           and "t"."accession" >= 'UniRef90_' and "t"."accession" < 'UniRef90`'),
 *       (… 'UniRef50_' …), 'MD5:' || "features"."aa_hexdigest")) as "family"
 * from (…latest annotations…) as "cohort" cross join "features"
 * where "features"."annotation_id" = "cohort"."annotation_id" and "features"."type" in (?)
 * ```
 *
 * @param db The database.
 * @param options Which genomes and feature types.
 * @returns The query builder.
 * @throws {RangeError} When `types` holds anything but `cds` and `sorf`.
 */
export function familyMembersQuery(
  db: Kysely<Database>,
  options: GeneFamilyOptions = {},
): FamilyMembersQuery {
  const { types, pseudogenes, familyLevel } = checkFamilyOptions(options);
  const family = familyLevel === "uniref50"
    ? sql<string | null>`coalesce(${cluster(db, "50")}, ${storedFamilyKey(db)})`
    : storedFamilyKey(db);
  let query = db.selectFrom(cohortQuery(db, options).as("cohort"))
    .crossJoin("features")
    .select(["features.annotation_id", "features.id as feature_id", family.as("family")])
    .whereRef("features.annotation_id", "=", "cohort.annotation_id")
    .where("features.type", "in", types);
  if (pseudogenes === "absent") query = query.where("features.pseudo", "=", 0);
  return query;
}

/** One row of {@linkcode geneFamilyCountsQuery}. */
export interface FamilyCountRow {
  /** The genome's name. */
  genome: string;
  /** The family key (see {@linkcode familyKey}), never null here. */
  family: string;
  /** How many of the genome's proteins are in the family (at least 1). */
  copies: number;
}

/**
 * The long form of the presence/absence matrix: `genome, family, copies` for every family present
 * in a genome (one `group by` over {@linkcode familyMembersQuery}, materialized).
 *
 * The SQL emitted:
 *
 * ```sql
 * with "cohort" as (…latest annotations…),
 *   "members" as materialized (…familyMembersQuery…),
 *   "counts" as (select "annotation_id", "family", count(*) as "copies" from "members"
 *     where "family" is not null group by "annotation_id", "family")
 * select "cohort"."genome", "counts"."family", "counts"."copies"
 * from "counts" inner join "cohort" on "cohort"."annotation_id" = "counts"."annotation_id"
 * order by "cohort"."genome", "counts"."family"
 * ```
 *
 * @param db The database.
 * @param options Which genomes and feature types.
 * @returns The query builder.
 */
export function geneFamilyCountsQuery(
  db: Kysely<Database>,
  options: GeneFamilyOptions = {},
): RowsQuery<FamilyCountRow> {
  return db
    .with("cohort", () => cohortQuery(db, options))
    .with((cte) => cte("members").materialized(), () => familyMembersQuery(db, options))
    .with("counts", (qc) =>
      qc.selectFrom("members")
        .select(["members.annotation_id", "members.family", sql<number>`count(*)`.as("copies")])
        .where("members.family", "is not", null)
        .$narrowType<{ family: string }>()
        .groupBy(["members.annotation_id", "members.family"]))
    .selectFrom("counts")
    .innerJoin("cohort", "cohort.annotation_id", "counts.annotation_id")
    .select(["cohort.genome", "counts.family", "counts.copies"])
    .orderBy("cohort.genome")
    .orderBy("counts.family");
}

/** Options of {@linkcode presenceAbsence}. */
export interface PresenceAbsenceOptions extends GeneFamilyOptions {
  /**
   * The cells: `"presence"` 1/0 (as Roary's `gene_presence_absence.Rtab`), or `"copies"`.
   * @default "presence"
   */
  value?: "presence" | "copies";
  /**
   * Leave out the families present in fewer genomes than this (2 drops the singletons, which in a
   * large cohort are most rows: proteins without a UniRef cluster seen once).
   * @default 1
   */
  minGenomes?: number;
}

/**
 * The cohort's gene families as a sparse matrix held in typed arrays ({@linkcode FamilyPresence}):
 * for each family (in code-unit order) the genomes that carry it and the number of copies, and the
 * lowest feature id among its members. Read from the per-annotation family sets and the family
 * dictionary (schema v10); for a cohort with an annotation without sets, from the features grouped
 * by family, packed by the database into a text per 1,000,000 families (no object per cell);
 * proteins without a stored family (written outside the store), and every protein at
 * `familyLevel: "uniref50"`, get theirs from {@linkcode familyMembersQuery}. The building block of
 * {@linkcode presenceAbsence}, `pangenomeClasses`, `pangenomeSummary` and `traitAssociation`.
 *
 * @param db The database.
 * @param options Which genomes, feature types, pseudogenes and family level, and whether to
 *   describe the families.
 * @returns A promise of the matrix.
 * @throws {RangeError} When `types`, `pseudogenes`, `familyLevel` or `describe` is not allowed.
 *
 * @example A family in two genomes, with two copies in one
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { familyPresence } from "./gene_families.ts";
 *
 * const db = await openDatabase(":memory:");
 * const cohort: [string, string[]][] = [["g1", ["UniRef90_A", "UniRef90_A"]], ["g2", ["UniRef90_A", "UniRef90_B"]]];
 * for (const [name, families] of cohort) {
 *   const g = await db.insertInto("genomes").values({ name }).returning("id")
 *     .executeTakeFirstOrThrow();
 *   const s = await db.insertInto("sequences").values({
 *     genome_id: g.id, version: 1, seq_id: "c1", length: 1000,
 *   }).returning("id").executeTakeFirstOrThrow();
 *   const a = await db.insertInto("annotations").values({
 *     genome_id: g.id, sequence_version: 1, source: "files", fingerprint: name,
 *   }).returning("id").executeTakeFirstOrThrow();
 *   await db.insertInto("features").values(families.map((family, i) => ({
 *     annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 1 + 100 * i,
 *     stop: 90 + 100 * i, strand: "+", family,
 *   }))).execute();
 * }
 * const presence = await familyPresence(db);
 * assert.deepEqual(presence.genomes, ["g1", "g2"]);
 * assert.deepEqual(presence.families, ["UniRef90_A", "UniRef90_B"]);
 * assert.deepEqual([...presence.offsets], [0, 2, 3]);
 * assert.deepEqual([...presence.genome], [0, 1, 1]);
 * assert.deepEqual([...presence.copies], [2, 1, 1]);
 * await db.destroy();
 * ```
 */
export function familyPresence(
  db: Kysely<Database>,
  options: FamilyPresenceOptions = {},
): Promise<FamilyPresence> {
  const { describe = false } = options;
  if (typeof describe !== "boolean") {
    throw new RangeError(
      `Invalid option "describe": expected true or false, got ${show(describe)}`,
    );
  }
  return readFamilyPresence(db, { ...presenceRequest(db, options), describe });
}

/** Options of {@linkcode familyPresence}. */
export interface FamilyPresenceOptions extends GeneFamilyOptions {
  /**
   * Also give each family's gene symbol and product (`FamilyPresence.descriptions`): on schema
   * v10 from the same scan of the family dictionary that names the families.
   * @default false
   */
  describe?: boolean;
}

/**
 * How many genomes carry each family of the cohort, and its copies, families in code-unit order
 * and named (with `describe`, also given their gene and product): what `pangenomeClasses` needs.
 * On schema v10 the family sets are counted by family id in one pass, without laying out the
 * matrix; else the totals come from {@linkcode familyPresence}.
 *
 * @param db The database.
 * @param options Which genomes, feature types, pseudogenes and family level, and whether to
 *   describe the families.
 * @returns The cohort size and each family's totals.
 * @throws {RangeError} When a family option, `describe` or `among` is not allowed.
 *
 * @example An empty store
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { familyTotals } from "./gene_families.ts";
 * const db = await openDatabase(":memory:");
 * const totals = await familyTotals(db);
 * assert.equal(totals.genomes, 0);
 * assert.deepEqual(totals.families, []);
 * await db.destroy();
 * ```
 */
export async function familyTotals(
  db: Kysely<Database>,
  options: FamilyTotalsOptions = {},
): Promise<FamilyTotals> {
  const { among } = options;
  if (among !== undefined && !(Array.isArray(among) && among.every((g) => typeof g === "string"))) {
    throw new RangeError(`Invalid option "among": expected genome names, got ${show(among)}`);
  }
  const request = { ...presenceRequest(db, options), describe: checkDescribe(options) };
  return await readFamilyTotals(db, request, among === undefined ? undefined : new Set(among));
}

/** Options of {@linkcode familyTotals}. */
export interface FamilyTotalsOptions extends FamilyPresenceOptions {
  /**
   * Genomes (by name) whose carriers of each family are counted apart (`carriersAmong`): the
   * trait-yes genomes of an association.
   * @default undefined (not counted)
   */
  among?: readonly string[];
}

/** The `describe` option, checked. */
function checkDescribe(options: FamilyPresenceOptions): boolean {
  const { describe = false } = options;
  if (typeof describe !== "boolean") {
    throw new RangeError(
      `Invalid option "describe": expected true or false, got ${show(describe)}`,
    );
  }
  return describe;
}

/**
 * How many genomes of the cohort carry each family, without naming the families: what
 * `pangenomeSummary` needs. Read from the per-annotation family sets alone when the store wrote
 * them (schema v10), else derived from {@linkcode familyPresence}.
 *
 * @param db The database.
 * @param options Which genomes and feature types.
 * @returns The cohort size and, in no particular order, each present family's number of genomes.
 * @throws {RangeError} When a family option is not allowed.
 *
 * @example An empty store
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { familyPrevalence } from "./gene_families.ts";
 * const db = await openDatabase(":memory:");
 * const { genomes, prevalence } = await familyPrevalence(db);
 * assert.equal(genomes, 0);
 * assert.equal(prevalence.length, 0);
 * await db.destroy();
 * ```
 */
export function familyPrevalence(
  db: Kysely<Database>,
  options: GeneFamilyOptions = {},
): Promise<FamilyPrevalence> {
  return readFamilyPrevalence(db, presenceRequest(db, options));
}

/** What the family readers are asked, from the checked options. */
function presenceRequest(db: Kysely<Database>, options: GeneFamilyOptions): FamilyPresenceRequest {
  const { types, pseudogenes, familyLevel } = checkFamilyOptions(options);
  return {
    cohort: { genomes: options.genomes, where: options.where },
    types,
    pseudogenes,
    computeAll: familyLevel === "uniref50",
    computed: familyMembersQuery(db, options),
  };
}

/**
 * The gene-family presence/absence matrix of the cohort: one row per family, with `family`,
 * `genomes` (in how many genomes it is present) and one column per genome (named by the genome,
 * in name order) holding 1/0 or the number of copies. Families are keyed by UniRef90 cluster,
 * then UniRef50, then the protein's MD5 ({@linkcode familyKey}). Rows are ordered by `genomes`
 * descending, then family (a counting sort over the family order of {@linkcode familyPresence},
 * the one read behind it). A genome without any family still has its (all-zero) column. Each
 * genome column is a {@linkcode SparseColumn}: only the rows it carries are held (memory grows
 * with the cells present, not with families × genomes: 323,868 families × 1,000 genomes with
 * 2.1 M cells take 8.5 MB); `table.array(genome)` or `column.toArray()` give it dense.
 *
 * @param db The database.
 * @param options Which genomes and feature types, presence or copies, and the least number of
 *   genomes a family must be in.
 * @returns A promise of the matrix.
 * @throws {RangeError} When `value`, `types` or `minGenomes` is not allowed, or a genome is named
 *   `family` or `genomes`.
 *
 * @example Two genomes sharing one family
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { insertFeatureXrefs } from "../db/xref_terms.ts";
 * import { presenceAbsence } from "./gene_families.ts";
 *
 * const db = await openDatabase(":memory:");
 * for (const [name, clusters] of [["g1", ["UniRef90_A", "UniRef90_B"]], ["g2", ["UniRef90_A"]]] as const) {
 *   const g = await db.insertInto("genomes").values({ name }).returning("id")
 *     .executeTakeFirstOrThrow();
 *   const s = await db.insertInto("sequences").values({
 *     genome_id: g.id, version: 1, seq_id: "c1", length: 1000,
 *   }).returning("id").executeTakeFirstOrThrow();
 *   const a = await db.insertInto("annotations").values({
 *     genome_id: g.id, sequence_version: 1, source: "files", fingerprint: name,
 *   }).returning("id").executeTakeFirstOrThrow();
 *   for (const cluster of clusters) {
 *     const f = await db.insertInto("features").values({
 *       annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 1,
 *       stop: 90, strand: "+",
 *     }).returning("id").executeTakeFirstOrThrow();
 *     await insertFeatureXrefs(db, [[f.id, "UniRef", cluster]]);
 *   }
 * }
 * const matrix = await presenceAbsence(db);
 * assert.deepEqual(matrix.objects(), [
 *   { family: "UniRef90_A", genomes: 2, g1: 1, g2: 1 },
 *   { family: "UniRef90_B", genomes: 1, g1: 1, g2: 0 },
 * ]);
 * await db.destroy();
 * ```
 */
export async function presenceAbsence(
  db: Kysely<Database>,
  options: PresenceAbsenceOptions = {},
): Promise<ColumnTable> {
  const { value = "presence", minGenomes = 1 } = options;
  if (value !== "presence" && value !== "copies") {
    throw new RangeError(
      `Invalid option "value": expected "presence" or "copies", got ${show(value)}`,
    );
  }
  if (!Number.isSafeInteger(minGenomes) || minGenomes < 1) {
    throw new RangeError(
      `Invalid option "minGenomes": expected a positive integer, got ${show(minGenomes)}`,
    );
  }
  const presence = await familyPresence(db, options);
  for (const genome of presence.genomes) {
    if (genome === "family" || genome === "genomes") {
      throw new RangeError(`Cannot build the matrix: a genome is named "${genome}", a column name`);
    }
  }
  const order = familiesByPrevalence(presence, minGenomes);
  const columns = new Map<string, unknown>([
    ["family", Array.from(order, (f) => presence.families[f])],
    ["genomes", Int32Array.from(order, (f) => presence.offsets[f + 1] - presence.offsets[f])],
  ]);
  const cells = genomeColumns(presence, order, value);
  presence.genomes.forEach((name, g) => columns.set(name, cells[g]));
  return table(columns, ["family", "genomes", ...presence.genomes]);
}

/**
 * The genome columns of the matrix whose rows are the families `order`: the cells regrouped by
 * genome (a counting sort, rows ascending within each genome), each genome's part a
 * {@linkcode SparseColumn} over one shared buffer.
 */
function genomeColumns(
  presence: FamilyPresence,
  order: Int32Array,
  value: "presence" | "copies",
): SparseColumn[] {
  const { offsets, genome, copies } = presence;
  const starts = new Int32Array(presence.genomes.length + 1);
  for (const f of order) for (let i = offsets[f]; i < offsets[f + 1]; i++) starts[genome[i] + 1]++;
  for (let g = 1; g < starts.length; g++) starts[g] += starts[g - 1];
  const rows = new Int32Array(starts[starts.length - 1]);
  const values = value === "copies" ? new Int32Array(rows.length) : undefined;
  const next = starts.slice(0, -1);
  for (let row = 0; row < order.length; row++) {
    const f = order[row];
    for (let i = offsets[f]; i < offsets[f + 1]; i++) {
      const at = next[genome[i]]++;
      rows[at] = row;
      if (values !== undefined) values[at] = copies[i];
    }
  }
  return presence.genomes.map((_, g) =>
    new SparseColumn(
      order.length,
      rows.subarray(starts[g], starts[g + 1]),
      values?.subarray(starts[g], starts[g + 1]),
    )
  );
}

/**
 * Checks how families are counted (`types`, `pseudogenes`, `familyLevel`) and returns the options
 * with their defaults.
 *
 * @param options The options.
 * @returns The checked values.
 *
 * @example Defaults
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkFamilyOptions } from "./gene_families.ts";
 * assert.deepEqual(checkFamilyOptions({}), { types: ["cds"], pseudogenes: "present", familyLevel: "uniref90" });
 * assert.throws(() => checkFamilyOptions({ familyLevel: "uniref100" as never }), /"familyLevel"/);
 * ```
 * @throws {RangeError} Naming the option that is not allowed.
 */
export function checkFamilyOptions(
  options: Pick<GeneFamilyOptions, "types" | "pseudogenes" | "familyLevel">,
): {
  types: ("cds" | "sorf")[];
  pseudogenes: "present" | "absent";
  familyLevel: "uniref90" | "uniref50";
} {
  const { pseudogenes = "present", familyLevel = "uniref90" } = options;
  if (pseudogenes !== "present" && pseudogenes !== "absent") {
    throw new RangeError(
      `Invalid option "pseudogenes": expected "present" or "absent", got ${show(pseudogenes)}`,
    );
  }
  if (familyLevel !== "uniref90" && familyLevel !== "uniref50") {
    throw new RangeError(
      `Invalid option "familyLevel": expected "uniref90" or "uniref50", got ${show(familyLevel)}`,
    );
  }
  return { types: checkTypes(options.types), pseudogenes, familyLevel };
}

/** Checks the `types` option and returns it with its default. */
export function checkTypes(types: unknown): ("cds" | "sorf")[] {
  if (types === undefined) return ["cds"];
  if (!Array.isArray(types) || types.length === 0) {
    throw new RangeError(`Invalid option "types": expected a non-empty array, got ${show(types)}`);
  }
  for (const type of types) {
    if (type !== "cds" && type !== "sorf") {
      throw new RangeError(`Invalid option "types": ${show(type)} is not "cds" or "sorf"`);
    }
  }
  return [...types];
}
