/**
 * The first hits of a full-text search in one statement: the fast form of `searchFeatures` for
 * code that reads a page of hits (a search box, a notebook cell).
 *
 * @module
 */

import { CompiledQuery, type Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { withBooleanFlags } from "../db/_feature_rows.ts";
import { FEATURE_RECORD_SQL } from "./_feature_list_sql.ts";
import { isSqlite } from "./_sqlite_indexes.ts";
import {
  searchFeatures,
  type SearchFeaturesOptions,
  type SearchHit,
  toFtsQuery,
} from "./search_features.ts";
import { checkOrder, checkText } from "./_search_options.ts";
import { checkId, checkName, checkNames } from "./_validate.ts";

/** Options of {@linkcode searchHits}. */
export interface SearchHitsOptions extends SearchFeaturesOptions {
  /**
   * At most this many hits.
   * @default 100
   */
  limit?: number;
}

/** The default of {@linkcode SearchHitsOptions.limit}. */
const DEFAULT_SEARCH_HITS_LIMIT = 100;

/**
 * The annotations searched (`?2` annotation id, `?3` genome name, `?4` genome names as a JSON
 * array, each null when not given): the annotation chosen (of that genome, if named), else the
 * genome's latest, else the latest of every genome (of the list). The same rules as
 * `scopeFeatures`; `tests/query/search_hits_test.ts` compares the two.
 */
const SCOPE_SQL = `
scope(id) as materialized (
  select a.id from annotations as a
  where ?2 is not null and a.id = ?2
    and (?3 is null or a.genome_id in (select g.id from genomes as g where g.name = ?3))
  union all
  select id from (
    select a.id from annotations as a inner join genomes as g on g.id = a.genome_id
    where ?2 is null and ?3 is not null and g.name = ?3 and a.mode = 'genome'
    order by a.sequence_version desc, a.id desc limit 1)
  union all
  select a.id from annotations as a inner join genomes as g on g.id = a.genome_id
  where ?2 is null and ?3 is null and a.mode = 'genome'
    and (?4 is null or g.name in (select value from json_each(?4)))
    and not exists (
      select 1 from annotations as later
      where later.genome_id = a.genome_id and later.mode = 'genome'
        and (later.sequence_version > a.sequence_version
          or (later.sequence_version = a.sequence_version and later.id > a.id)))),
bounds(lo, hi) as materialized (
  select
    case when (select count(*) from scope) = 1
      then coalesce((select min(f.id) from features as f where f.annotation_id = (select id from scope)), 1)
      else 0 end,
    case when (select count(*) from scope) = 1
      then coalesce((select max(f.id) from features as f where f.annotation_id = (select id from scope)), 0)
      else 9223372036854775807 end)`;

/**
 * The statement of one order (`?1` the FTS5 query, `?5` the limit). FTS5 drives the loop (`cross
 * join`): in stored order it reads its matches in rowid order, which is the order asked, so the
 * statement stops at the limit without scoring or sorting every match (no bm25 at all: scoring
 * even one hit reads every match of each word); with one annotation the rowid range of its
 * features bounds the scan. By rank, bm25 is computed for every match and the matches are
 * sorted.
 */
function searchSql(order: "rank" | "feature"): string {
  return `
with ${SCOPE_SQL}
select ${FEATURE_RECORD_SQL}, g.name as "genome", s.seq_id as "sequence",
  ${order === "rank" ? "h.rank" : "null"} as "rank"
from features_fts as h
  cross join features as f on f.id = h.rowid
  inner join sequences as s on s.id = f.sequence_id
  inner join genomes as g on g.id = s.genome_id
where h.features_fts match ?1
  and h.rowid >= (select lo from bounds) and h.rowid <= (select hi from bounds)
  and f.annotation_id in (select id from scope)
order by ${order === "rank" ? "h.rank, f.id" : "h.rowid"}
limit ?5`;
}

const SEARCH_SQL = { rank: searchSql("rank"), feature: searchSql("feature") } as const;

/**
 * The first `limit` hits of {@linkcode searchFeatures} — the same rows, in the same order, for
 * the same options — read at once instead of returned as a query to extend.
 *
 * On SQLite it is one statement whose text depends only on `order` (prepared once per connection
 * by its statement cache, nothing compiled by Kysely per call): the annotation scope, the FTS5
 * match and the feature rows in one round trip. In stored order (the default) the first 100 hits
 * of a search over 1,000 genomes take a few milliseconds whatever the number of matches; by
 * `"rank"` every match is scored first (bm25), hundreds of milliseconds for tens of thousands of
 * matches (docs/performance.md, "Querying a thousand genomes"). Elsewhere it runs
 * `searchFeatures(…).limit(limit)`.
 *
 * @param db The database.
 * @param text The user's text: any string (empty text finds nothing).
 * @param options The options of {@linkcode searchFeatures} and the number of hits.
 * @returns Up to `limit` hits.
 * @throws {TypeError} When `text` is not a string, or `genome`/`genomes` are not names.
 * @throws {RangeError} When `limit` or `annotationId` is not a positive integer, `columns` names a
 * column that is not searched, or `order` is neither `"rank"` nor `"feature"`.
 *
 * @example The first hit of a word, in stored order
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { searchFeatures } from "./search_features.ts";
 * import { searchHits } from "./search_hits.ts";
 *
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 1, sequences: 1, featuresPerSequence: 50 }), { genome: "a" });
 * await importRun(db, makeRun({ seed: 2, sequences: 1, featuresPerSequence: 50 }), { genome: "b" });
 * const first = await searchHits(db, "protein", { limit: 3 });
 * assert.equal(first.length, 3);
 * assert.deepEqual(first, await searchFeatures(db, "protein").limit(3).execute());
 * const inB = await searchHits(db, "prot", { prefix: true, genome: "b", order: "rank" });
 * assert.ok(inB.length > 0 && inB.every((hit) => hit.genome === "b"));
 * await db.destroy();
 * ```
 */
export async function searchHits(
  db: Kysely<Database>,
  text: string,
  options: SearchHitsOptions = {},
): Promise<SearchHit[]> {
  const { limit = DEFAULT_SEARCH_HITS_LIMIT, ...search } = options;
  checkId(limit, "limit");
  if (!isSqlite(db)) return await searchFeatures(db, text, search).limit(limit).execute();
  checkText(text);
  const order = checkOrder(search.order);
  const { genome, genomes, annotationId } = search;
  if (annotationId !== undefined) checkId(annotationId, "annotationId");
  if (genome !== undefined) checkName(genome, "genome");
  checkNames(genomes, "genomes");
  const fts = toFtsQuery(text, search);
  if (fts === undefined) return [];
  const parameters = [
    fts,
    annotationId ?? null,
    genome ?? null,
    genome === undefined && genomes !== undefined ? JSON.stringify(genomes) : null,
    limit,
  ];
  const { rows } = await db.executeQuery<SearchHit>(
    CompiledQuery.raw(SEARCH_SQL[order], parameters),
  );
  return rows.map(withBooleanFlags);
}
