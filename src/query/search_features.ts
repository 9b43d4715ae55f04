/**
 * Full-text search over gene, product and locus tag, safe for any user input.
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
  type AnnotationScope,
  type FeatureListRow,
  type FeatureTables,
  scopeFeatures,
  selectFeatures,
} from "./find_features.ts";
import { type IndexedDatabase, isPostgres, isSqlite, withIndexes } from "./_sqlite_indexes.ts";
import { toTsQuery } from "./to_ts_query.ts";
import {
  checkColumns,
  checkOrder,
  checkText,
  SEARCH_COLUMNS,
  type SearchColumn,
  type SearchOrder,
  splitWords,
} from "./_search_options.ts";
import { annotationOf } from "./annotation_of.ts";

export type { SearchColumn, SearchOrder } from "./_search_options.ts";

/** Options of {@linkcode toFtsQuery}. */
export interface FtsQueryOptions {
  /**
   * Let the last word match as a prefix (`"dna"*` finds `dnaA`).
   * @default false
   */
  prefix?: boolean;
  /**
   * Look in these columns only.
   * @default ["locus_tag", "gene", "product"]
   */
  columns?: readonly SearchColumn[];
}

/** Options of {@linkcode searchFeatures}. */
export interface SearchFeaturesOptions extends AnnotationScope, FtsQueryOptions {
  /**
   * The order of the hits: `"feature"`, in the order the features were stored (genome by genome,
   * along each sequence), which the full-text index returns as it reads, so that the first hits
   * of a cohort-wide search come without scoring every match and `.limit(100)` answers at once;
   * or `"rank"`, best match first (bm25 on SQLite, `ts_rank` on PostgreSQL, then the feature id),
   * which scores and sorts every match before the first hit: at 1,000 genomes a common word
   * matches tens of thousands of features and takes hundreds of milliseconds where stored order
   * takes a few (docs/performance.md, "Querying a thousand genomes").
   * @default "feature"
   */
  order?: SearchOrder;
}

/** A search hit: the feature and, when ranked, its rank (lower is better). */
export type SearchHit = FeatureListRow & {
  /**
   * With `order: "rank"`, the relevance: bm25 on SQLite (more negative is better), `-ts_rank` on
   * PostgreSQL, 0 on the portable fallback. Null in stored order: hits are not scored there (FTS5's
   * bm25 of even one hit reads every match of each word, to count the documents holding it).
   */
  rank: number | null;
};

/** The query {@linkcode searchFeatures} returns. */
export type SearchQuery = SelectQueryBuilder<
  Database & { hits: SearchHitRank },
  FeatureTables | "hits",
  SearchHit
>;

/**
 * Turns user text into an FTS5 query that cannot fail to parse: the text is split at white space
 * and every word becomes one quoted FTS5 string (`"` doubled inside), so quotes, `AND`, `OR`,
 * `NOT`, `NEAR`, `*`, `:`, `^`, `-`, `+` and parentheses are searched as text, never read as
 * syntax. The words are ANDed; FTS5 tokenizes each string as it tokenized the columns (a word
 * such as `beta-lactamase` becomes the phrase `beta lactamase`); a word without any letter or digit
 * is ignored by FTS5. With `prefix` the last string gets `*`. With `columns` the whole query is
 * wrapped in a column filter `{…} : (…)`.
 *
 * @param text The user's text.
 * @param options Prefix matching and columns.
 * @returns The FTS5 query, or `undefined` when the text has no words.
 * @throws {RangeError} When `columns` names a column that is not searched.
 *
 * @example Operators are searched as words
 * ```ts
 * import assert from "node:assert/strict";
 * import { toFtsQuery } from "./search_features.ts";
 * assert.equal(toFtsQuery('dna OR "pol'), '"dna" "OR" """pol"');
 * assert.equal(toFtsQuery("beta lact", { prefix: true }), '"beta" "lact"*');
 * assert.equal(toFtsQuery("  "), undefined);
 * ```
 */
export function toFtsQuery(text: string, options: FtsQueryOptions = {}): string | undefined {
  checkText(text);
  const { prefix = false, columns } = options;
  const words = splitWords(text);
  if (words.length === 0) return undefined;
  const strings = words.map((word) => `"${word.replaceAll('"', '""')}"`);
  if (prefix) strings[strings.length - 1] += "*";
  const query = strings.join(" ");
  const chosen = checkColumns(columns);
  return chosen === undefined ? query : `{${chosen.join(" ")}} : (${query})`;
}

/**
 * Searches the features' locus tags, gene symbols and products for every word of `text`, in the
 * latest annotation of each genome (or the scope chosen), in stored order (or best match first
 * with `order: "rank"`, at the cost of scoring every match). To read the first page of hits at
 * once, {@linkcode searchHits} runs the same search as one prepared statement.
 *
 * On SQLite this is an FTS5 `match` on `features_fts` with the query of {@linkcode toFtsQuery}
 * bound as a parameter: a word matches a whole token (`dnaA` matches the gene `dnaA`, `polymerase`
 * the product `DNA polymerase III`; with `prefix` the last word matches the start of a token).
 * On PostgreSQL it is the same match on the GIN-indexed `tsvector` of migration 0001, with the
 * `tsquery` of {@linkcode toTsQuery} (same tokens and phrases; the rank is `-ts_rank`).
 * Elsewhere (the portable fallback) each word must occur as a case-insensitive substring of one of
 * the columns (`like`, with `%`, `_` and `\` escaped) and the rank is 0.
 *
 * The SQL emitted on SQLite:
 *
 * ```sql
 * select "features"."id" as "id", …, "genomes"."name" as "genome", …, "hits"."rank"
 * from "features"
 *   inner join "sequences" on "sequences"."id" = "features"."sequence_id"
 *   inner join "genomes" on "genomes"."id" = "sequences"."genome_id"
 *   inner join (select "features_fts"."rowid" as "id", "features_fts"."rank" as "rank"
 *     from "features_fts" where "features_fts" match ?) as "hits" on "hits"."id" = "features"."id"
 * where "features"."annotation_id" in (select "annotations"."id" from … latest …)
 * order by "hits"."id"                                  -- by rank: "hits"."rank", "features"."id"
 * ```
 *
 * With `genome` or `annotationId` the annotation condition is `= ?` (or `= (select … latest …)`)
 * and the FTS5 rowids are also bounded by the annotation's smallest and largest feature id
 * (`"features_fts"."rowid" >= (select min("bounds"."id") from "features" as "bounds" where
 * "bounds"."annotation_id" = …)` and the same with `max`), so that FTS5 skips other genomes.
 *
 * @param db The database.
 * @param text The user's text: any string (empty text finds nothing).
 * @param options Prefix matching, columns, the annotation scope and the order of the hits.
 * @returns A query builder of {@linkcode SearchHit}s.
 * @throws {TypeError} When `text` is not a string.
 * @throws {RangeError} When `columns` names a column that is not searched, or `order` is neither
 * `"rank"` nor `"feature"`.
 *
 * @example Hostile input is just text
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { searchFeatures } from "./search_features.ts";
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
 * await db.insertInto("features").values({
 *   annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 1,
 *   stop: 90, strand: "+", locus_tag: "X_00010", gene: "dnaA", product: "DNA polymerase",
 * }).execute();
 * const hits = await searchFeatures(db, 'polymerase") OR (NEAR dna*', { prefix: true }).execute();
 * assert.deepEqual(hits, []);
 * const found = await searchFeatures(db, "dna pol", { prefix: true }).execute();
 * assert.deepEqual(found.map((f) => f.gene), ["dnaA"]);
 * await db.destroy();
 * ```
 */
export function searchFeatures(
  db: Kysely<Database>,
  text: string,
  options: SearchFeaturesOptions = {},
): SearchQuery {
  checkText(text);
  const order = checkOrder(options.order);
  const ranked = order === "rank";
  const hits = isSqlite(db)
    ? ftsHits(db, toFtsQuery(text, options), ranked)
    : isPostgres(db)
    ? tsHits(db, splitWords(text), checkColumns(options.columns) ?? SEARCH_COLUMNS, {
      ...options,
      ranked,
    }, scopeAnnotation(db, options))
    : likeHits(db, splitWords(text), checkColumns(options.columns) ?? SEARCH_COLUMNS, ranked);
  const scoped = scopeFeatures(
    selectFeatures(db)
      .innerJoin(hits.as("hits"), "hits.id", "features.id")
      .select("hits.rank"),
    db,
    options,
  );
  const narrowed = narrowToAnnotation(scoped, db, options);
  return ranked
    ? narrowed.orderBy("hits.rank").orderBy("features.id")
    : narrowed.orderBy("hits.id");
}

/** The matches of one search: feature ids and, when ranked, their rank (lower is better). */
type HitsQuery = SelectQueryBuilder<IndexedDatabase, "features_fts" | "features", SearchHitRank>;

/** A row of {@linkcode HitsQuery}. */
interface SearchHitRank {
  /** The feature id. */
  id: number;
  /** The rank: bm25, `-ts_rank` or 0; null when not ranked. */
  rank: number | null;
}

/** The rank column of hits not ranked. */
const NO_RANK = sql<number | null>`null`;

/** SQLite: the FTS5 `match`, with its bm25 when ranked. */
function ftsHits(db: Kysely<Database>, query: string | undefined, ranked: boolean): HitsQuery {
  return withIndexes(db).selectFrom("features_fts")
    .select(["features_fts.rowid as id", ranked ? "features_fts.rank as rank" : NO_RANK.as("rank")])
    .where(sql<SqlBool>`${sql.ref("features_fts")} match ${query ?? '""'}`);
}

/**
 * PostgreSQL: the GIN-indexed `baktadb_fts_document(…) @@ tsquery`, ranked by `ts_rank` (negated,
 * so that lower is better as with bm25). With a one-annotation scope the matches are filtered by
 * annotation inside (the planner ANDs the GIN bitmap with the annotation's index instead of
 * looking up every genome's matches one by one).
 */
function tsHits(
  db: Kysely<Database>,
  words: string[],
  columns: readonly SearchColumn[],
  options: FtsQueryOptions & { ranked: boolean },
  annotation: ReturnType<typeof scopeAnnotation>,
): HitsQuery {
  const query = toTsQuery(words, columns, options.prefix ?? false);
  const document = sql`baktadb_fts_document(${sql.ref("features.locus_tag")}, ${
    sql.ref("features.gene")
  }, ${sql.ref("features.product")})`;
  const tsquery = sql`cast(${query ?? null} as tsquery)`;
  return withIndexes(db).selectFrom("features")
    .select([
      "features.id",
      (options.ranked ? sql<number>`-ts_rank(${document}, ${tsquery})` : NO_RANK).as("rank"),
    ])
    .where(query === undefined ? sql<SqlBool>`false` : sql<SqlBool>`${document} @@ ${tsquery}`)
    .$if(annotation !== undefined, (q) => q.where("features.annotation_id", "=", annotation!));
}

/** The annotation id of a one-annotation scope (a value or a sub-query), if any. */
function scopeAnnotation(db: Kysely<Database>, { genome, annotationId }: AnnotationScope) {
  if (annotationId !== undefined) return annotationId;
  if (genome === undefined) return undefined;
  return annotationOf(db, genome).clearSelect().select("annotations.id");
}

/** Elsewhere: every word a case-insensitive substring of one of the columns; rank 0. */
function likeHits(
  db: Kysely<Database>,
  words: string[],
  columns: readonly SearchColumn[],
  ranked: boolean,
): HitsQuery {
  return withIndexes(db).selectFrom("features")
    .select(["features.id", (ranked ? sql<number>`0` : NO_RANK).as("rank")])
    .where((eb) =>
      words.length === 0 ? eb.lit(false) : eb.and(words.map((word) => likeAny(word, columns)))
    );
}

/**
 * For a one-annotation scope, bounds the hits by the annotation's smallest and largest feature
 * id (a rowid range FTS5 uses to skip the other genomes' matches); the exact annotation condition
 * stays, so this only makes the search faster. Not on PostgreSQL: there the hits are already
 * filtered by annotation (see `tsHits`), and `min(id)` of an annotation walks the primary key.
 */
function narrowToAnnotation(
  query: SearchQuery,
  db: Kysely<Database>,
  scope: AnnotationScope,
): SearchQuery {
  const id = isPostgres(db) ? undefined : scopeAnnotation(db, scope);
  if (id === undefined) return query;
  const bound = (fn: "min" | "max") =>
    db.selectFrom("features as bounds")
      .select(sql<number>`${sql.raw(fn)}(${sql.ref("bounds.id")})`.as("id"))
      .where("bounds.annotation_id", "=", id);
  return query
    .where("hits.id", ">=", bound("min"))
    .where("hits.id", "<=", bound("max"));
}

/** `word` as a case-insensitive substring of one of `columns`, for the portable fallback. */
function likeAny(word: string, columns: readonly SearchColumn[]): Expression<SqlBool> {
  const pattern = `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const tests = columns.map((column) =>
    sql<SqlBool>`lower(${sql.ref(`features.${column}`)}) like ${pattern} escape '\\'`
  );
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}
