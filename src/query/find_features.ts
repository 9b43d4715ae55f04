/**
 * Features by genome, sequence, type, strand, locus tag, gene and flags: the query every other
 * feature helper starts from.
 *
 * @module
 */

import {
  type Expression,
  type Kysely,
  type SelectQueryBuilder,
  sql,
  type SqlBool,
} from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import {
  FEATURE_ROWS_PLUGIN,
  type FeatureRecord,
  featureRecordSelection,
} from "../db/_feature_rows.ts";
import type { FeatureType, Strand, Truncation } from "../formats/model.ts";
import { annotationOf, latestAnnotationQuery } from "./annotation_of.ts";
import { checkId, checkName, checkNames, show } from "./_validate.ts";

/**
 * One feature as the query helpers return it: the stored feature's fields (camelCase, flags as
 * booleans; see `FeatureRecord`) with the names of its genome and sequence. `original_json` is not
 * selected: add it when needed (columns a caller adds keep their SQL names).
 */
export interface FeatureListRow extends FeatureRecord {
  /** The genome's name (`genomes.name`). */
  genome: string;
  /** The sequence's record id (`sequences.seq_id`, e.g. `contig_1`). */
  sequence: string;
}

/** The tables a feature query reads. */
export type FeatureTables = "features" | "sequences" | "genomes";

/** A feature query builder, to extend (`.where`, `.select`, `.limit`…) and execute. */
export type FeatureQuery = SelectQueryBuilder<Database, FeatureTables, FeatureListRow>;

/** Which annotations a feature query reads. */
export interface AnnotationScope {
  /**
   * Only this genome (by name): its latest annotation, or `annotationId`.
   * @default undefined (every genome in `genomes`, or every genome)
   */
  genome?: string;
  /**
   * Read this annotation instead of the latest one.
   * @default undefined (the latest annotation of each genome)
   */
  annotationId?: number;
  /**
   * When no `genome` is given: only these genomes' latest annotations.
   * @default undefined (every genome)
   */
  genomes?: readonly string[];
}

/** Options of {@linkcode findFeatures}; every filter is optional and they combine with AND. */
export interface FindFeaturesOptions extends AnnotationScope {
  /**
   * The sequence id (`contig_1`).
   * @default undefined (every sequence)
   */
  sequence?: string;
  /**
   * One feature type or several.
   * @default undefined (every type)
   */
  type?: FeatureType | readonly FeatureType[];
  /**
   * The strand.
   * @default undefined (both)
   */
  strand?: Strand;
  /**
   * The exact locus tag.
   * @default undefined
   */
  locusTag?: string;
  /**
   * The exact gene symbol.
   * @default undefined
   */
  gene?: string;
  /**
   * `true`: hypothetical proteins only; `false`: none of them.
   * @default undefined
   */
  hypothetical?: boolean;
  /**
   * `true`: pseudogenes only; `false`: none of them.
   * @default undefined
   */
  pseudo?: boolean;
  /**
   * `true`: truncated features only (any end); a {@linkcode Truncation}: that one; `false`: none.
   * @default undefined
   */
  truncated?: boolean | Truncation;
}

const STRANDS: readonly string[] = ["+", "-", ".", "?"];
const TRUNCATIONS: readonly string[] = ["5-prime", "3-prime", "both", "?"];

/**
 * The columns every feature query selects (the shape of {@linkcode FeatureQuery} rows once
 * its flags are booleans): the feature's columns under their camelCase names
 * (`"features"."locus_tag" as "locusTag"`, …), the genome's name and the sequence's record id.
 */
const FEATURE_LIST_COLUMNS = [
  ...featureRecordSelection("features"),
  "genomes.name as genome",
  "sequences.seq_id as sequence",
] as const;

/**
 * The unfiltered feature query: features joined to their sequence and genome, selecting the
 * {@linkcode FeatureListRow} columns, in id (file) order. Scope it with
 * {@linkcode scopeFeatures}.
 *
 * @param db The database.
 * @returns The query builder.
 *
 * @example Every stored tRNA, over every annotation
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { selectFeatures } from "./find_features.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 40 });
 * await importRun(db, run, { genome: "demo" });
 * const trnas = await selectFeatures(db).where("features.type", "=", "tRNA").execute();
 * const expected = run.features.filter((f) => f.type === "tRNA");
 * if (trnas.length !== expected.length || trnas.some((t) => t.genome !== "demo")) {
 *   throw new Error("unexpected tRNAs");
 * }
 * if (trnas[0]?.sequence !== expected[0]?.sequenceId) throw new Error("sequence id");
 * await db.destroy();
 * ```
 */
export function selectFeatures(db: Kysely<Database>): FeatureQuery {
  return db.selectFrom("features")
    .innerJoin("sequences", "sequences.id", "features.sequence_id")
    .innerJoin("genomes", "genomes.id", "sequences.genome_id")
    .select(FEATURE_LIST_COLUMNS)
    .withPlugin(FEATURE_ROWS_PLUGIN)
    .$castTo<FeatureListRow>();
}

/**
 * Restricts a feature query to the annotations a scope names: `annotationId`; else the latest
 * annotation of `genome`; else the latest annotation of every genome (of `genomes`).
 *
 * @param query A query over `features` joined to `genomes`.
 * @param db The database (for the subqueries).
 * @param scope The annotations.
 * @returns The restricted query.
 * @throws {TypeError} When `genome`/`genomes` are not names.
 * @throws {RangeError} When `annotationId` is not a positive integer.
 *
 * @example The latest annotation, or a chosen one
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { scopeFeatures, selectFeatures } from "./find_features.ts";
 * const db = await openDatabase(":memory:");
 * const old = await importRun(db, makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 }), {
 *   genome: "demo",
 * });
 * const now = await importRun(db, makeRun({ seed: 2, sequences: 1, featuresPerSequence: 7 }), {
 *   genome: "demo",
 * });
 * const latest = await scopeFeatures(selectFeatures(db), db, { genome: "demo" }).execute();
 * if (latest.length !== 7 || latest.some((f) => f.annotationId !== now.annotationId)) {
 *   throw new Error("expected the 7 features of the latest annotation");
 * }
 * const chosen = { genome: "demo", annotationId: old.annotationId };
 * if ((await scopeFeatures(selectFeatures(db), db, chosen).execute()).length !== 5) {
 *   throw new Error("expected the 5 features of the first annotation");
 * }
 * await db.destroy();
 * ```
 */
export function scopeFeatures<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  db: Kysely<Database>,
  scope: AnnotationScope,
): SelectQueryBuilder<DB, TB, O> {
  return query.where(annotationScope(db, scope));
}

/**
 * The condition of {@linkcode scopeFeatures} on `features.annotation_id` (and `genomes.name` when
 * both `annotationId` and `genome` are given), for a query of any shape that reads `features`.
 */
function annotationScope(db: Kysely<Database>, scope: AnnotationScope): Expression<SqlBool> {
  const { genome, annotationId, genomes } = scope;
  const annotation = sql.ref("features.annotation_id");
  if (annotationId !== undefined) {
    checkId(annotationId, "annotationId");
    if (genome === undefined) return sql<SqlBool>`${annotation} = ${annotationId}`;
    checkName(genome, "genome");
    return sql<SqlBool>`(${annotation} = ${annotationId} and ${
      sql.ref("genomes.name")
    } = ${genome})`;
  }
  if (genome !== undefined) {
    return sql<SqlBool>`${annotation} = ${
      annotationOf(db, genome).clearSelect().select("annotations.id")
    }`;
  }
  checkNames(genomes, "genomes");
  return sql<SqlBool>`${annotation} in ${
    latestAnnotationQuery(db, { genomes }).select("annotations.id")
  }`;
}

/**
 * Features by genome, sequence, type, strand, locus tag, gene and flags, from the latest
 * annotation of each genome unless an `annotationId` is chosen. Every value is a bound parameter.
 *
 * The SQL emitted (with `genome`, `type` and `strand`):
 *
 * ```sql
 * select "features"."id", "features"."annotation_id", "genomes"."name" as "genome",
 *   "sequences"."seq_id" as "sequence", "features"."sequence_id", "features"."type", …
 * from "features"
 *   inner join "sequences" on "sequences"."id" = "features"."sequence_id"
 *   inner join "genomes" on "genomes"."id" = "sequences"."genome_id"
 * where "features"."annotation_id" = (
 *     select "annotations"."id" from "annotations"
 *       inner join "genomes" on "genomes"."id" = "annotations"."genome_id"
 *     where "genomes"."name" = ? and "annotations"."mode" = ?
 *     order by "annotations"."sequence_version" desc, "annotations"."id" desc limit ?)
 *   and "features"."type" in (?) and "features"."strand" = ?
 * order by "features"."id"
 * ```
 *
 * @param db The database.
 * @param options The filters and the annotation scope.
 * @returns A query builder of {@linkcode FeatureListRow}s.
 * @throws {TypeError} When a filter has the wrong type.
 * @throws {RangeError} When a strand, truncation or id is not one of the allowed values.
 *
 * @example The tRNAs on the forward strand
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { findFeatures } from "./find_features.ts";
 *
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "g1" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values({
 *   genome_id: g.id, version: 1, seq_id: "c1", length: 1000,
 * }).returning("id").executeTakeFirstOrThrow();
 * const a = await db.insertInto("annotations").values({
 *   genome_id: g.id, sequence_version: 1, source: "files", fingerprint: "x",
 * }).returning("id").executeTakeFirstOrThrow();
 * const base = { annotation_id: a.id, sequence_id: s.id, original_json: "{}" };
 * await db.insertInto("features").values([
 *   { ...base, type: "tRNA", start: 10, stop: 80, strand: "+", locus_tag: "X_1" },
 *   { ...base, type: "tRNA", start: 100, stop: 170, strand: "-", locus_tag: "X_2" },
 *   { ...base, type: "cds", start: 200, stop: 400, strand: "+", locus_tag: "X_3" },
 * ]).execute();
 * const rows = await findFeatures(db, { genome: "g1", type: "tRNA", strand: "+" }).execute();
 * assert.deepEqual(rows.map((r) => r.locusTag), ["X_1"]);
 * await db.destroy();
 * ```
 */
export function findFeatures(
  db: Kysely<Database>,
  options: FindFeaturesOptions = {},
): FeatureQuery {
  const { sequence, strand, locusTag, gene } = options;
  let query = scopeFeatures(selectFeatures(db), db, options);
  if (sequence !== undefined) {
    checkName(sequence, "sequence");
    query = query.where("sequences.seq_id", "=", sequence);
  }
  query = whereTypes(query, options.type);
  if (strand !== undefined) query = query.where("features.strand", "=", checkStrand(strand));
  if (locusTag !== undefined) {
    checkName(locusTag, "locusTag");
    query = query.where("features.locus_tag", "=", locusTag);
  }
  if (gene !== undefined) {
    checkName(gene, "gene");
    query = query.where("features.gene", "=", gene);
  }
  return whereFlags(query, options).orderBy("features.id");
}

/** The `type` filter: one type or several (none: no rows). */
function whereTypes(query: FeatureQuery, type: FindFeaturesOptions["type"]): FeatureQuery {
  if (type === undefined) return query;
  const types = typeof type === "string" ? [type] : type;
  if (!Array.isArray(types)) {
    throw new TypeError(
      `Invalid option "type": expected a feature type or an array, got ${show(type)}`,
    );
  }
  types.forEach((t, i) => checkName(t, `type[${i}]`));
  return types.length === 0
    ? query.where("features.id", "<", 0)
    : query.where("features.type", "in", types);
}

function checkStrand(strand: unknown): Strand {
  if (STRANDS.includes(strand as string)) return strand as Strand;
  throw new RangeError(
    `Invalid option "strand": expected "+", "-", "." or "?", got ${show(strand)}`,
  );
}

/** The `hypothetical`, `pseudo` and `truncated` filters. */
function whereFlags(query: FeatureQuery, options: FindFeaturesOptions): FeatureQuery {
  const { hypothetical, pseudo, truncated } = options;
  if (hypothetical !== undefined) {
    checkFlag(hypothetical, "hypothetical");
    query = query.where("features.hypothetical", "=", hypothetical ? 1 : 0);
  }
  if (pseudo !== undefined) {
    checkFlag(pseudo, "pseudo");
    query = query.where("features.pseudo", "=", pseudo ? 1 : 0);
  }
  if (truncated === undefined) return query;
  if (truncated === true) return query.where("features.truncated", "is not", null);
  if (truncated === false) return query.where("features.truncated", "is", null);
  if (TRUNCATIONS.includes(truncated)) return query.where("features.truncated", "=", truncated);
  throw new RangeError(
    `Invalid option "truncated": expected a boolean, "5-prime", "3-prime", "both" or "?", got ${
      show(truncated)
    }`,
  );
}

function checkFlag(value: unknown, option: string): void {
  if (typeof value !== "boolean") {
    throw new TypeError(`Invalid option "${option}": expected a boolean, got ${show(value)}`);
  }
}
