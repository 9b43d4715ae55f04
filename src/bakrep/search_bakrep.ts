/**
 * `searchBakrep()`: BakRep datasets matching `--where` clauses, paged with `search_after`, as rows
 * an Arquero table takes.
 *
 * @module
 */

import { parseWhereClause, type WhereClause } from "../query/where_clause.ts";
import type { BakrepClient } from "./bakrep_client.ts";
import { bakrepQuery, bakrepSort } from "./bakrep_query.ts";
import type { BakrepDocument, BakrepSearchBody, BakrepSort } from "./bakrep_types.ts";

/** One match, flattened. */
export interface BakrepRow {
  /** The dataset id. */
  id: string;
  /** GTDB species. */
  species: string | null;
  /** MLST sequence type. */
  st: string | null;
  /** CheckM2 completeness, percent. */
  completeness: number | null;
  /** CheckM2 contamination, percent. */
  contamination: number | null;
  /** Genome size, bp. */
  size: number | null;
  /** Number of contigs. */
  contigs: number | null;
  /** Sampling country. */
  country: string | null;
}

/** What to search. */
export interface BakrepSearchQuery {
  /** Where clauses, parsed or as typed (`completeness>=95`); all must hold. */
  where?: readonly (string | WhereClause)[];
  /** Sort keys as typed (`completeness:desc`). */
  sort?: readonly string[];
  /**
   * At most this many matches.
   * @default 100
   */
  limit?: number;
}

/** Options of {@linkcode searchBakrep}. */
export interface SearchBakrepOptions {
  /**
   * Matches asked per request (the web app asks 2,000).
   * @default 2000
   */
  pageSize?: number;
  /** Aborts the search. */
  signal?: AbortSignal;
}

/** The matches and how many there are in all. */
export interface BakrepSearchResult {
  /** How many datasets match in all (may exceed `rows.length`). */
  total: number;
  /** The matches, in order, at most `limit`. */
  rows: BakrepRow[];
}

/**
 * Searches BakRep: the clauses are checked against `/search/_info` first (an unknown field or
 * operator is refused before any search), then pages of `pageSize` are fetched with `search_after`
 * (sorted by the sort keys, then by id) until `limit` rows or the end.
 *
 * @param client The client.
 * @param query Where clauses, sort and limit.
 * @param options Page size and signal.
 * @returns The rows and the total.
 * @throws {BakrepQueryError} For a field or operator the service does not take.
 * @throws {SyntaxError} For a clause that is not `FIELD OP VALUE`.
 * @throws {BakrepError} When the service fails.
 * @throws {RangeError} For a bad `limit` or `pageSize`.
 *
 * @example Against the local stand-in
 * ```ts
 * import assert from "node:assert/strict";
 * import { startBakrepStandIn } from "../testing/bakrep_stand_in/bakrep_stand_in.ts";
 * import { BakrepClient } from "./bakrep_client.ts";
 * import { searchBakrep } from "./search_bakrep.ts";
 * await using standIn = await startBakrepStandIn({ datasets: 5 });
 * const client = new BakrepClient({ baseUrl: standIn.url });
 * const { rows } = await searchBakrep(client, { where: ["completeness>=0"], limit: 3 }, { pageSize: 2 });
 * assert.equal(rows.length, 3);
 * ```
 */
export async function searchBakrep(
  client: BakrepClient,
  query: BakrepSearchQuery,
  options: SearchBakrepOptions = {},
): Promise<BakrepSearchResult> {
  const { limit = 100 } = query;
  const { pageSize = 2000, signal } = options;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Invalid limit ${limit}: expected a positive integer`);
  }
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`Invalid pageSize ${pageSize}: expected a positive integer`);
  }
  const fields = await client.searchInfo({ signal });
  const clauses = (query.where ?? []).map((c) => typeof c === "string" ? parseWhereClause(c) : c);
  const sort: BakrepSort[] = [
    ...(query.sort ?? []).map((s) => bakrepSort(s, fields)),
    { field: "id", ord: "asc" },
  ];
  const body: BakrepSearchBody = { offset: 0, limit: 0, query: bakrepQuery(clauses, fields), sort };
  const rows: BakrepRow[] = [];
  let total = 0;
  while (rows.length < limit) {
    body.limit = Math.min(pageSize, limit - rows.length);
    const page = await client.search(body, { signal });
    total = page.total;
    rows.push(...page.results.map(toRow));
    if (page.results.length < body.limit) break;
    const last = page.results.at(-1)!;
    delete body.offset;
    body.search_after = sort.map((s) => valueAt(last, s.field) as string | number | null);
  }
  return { total, rows };
}

/**
 * The value at a dotted path of a search document (`checkm2.quality.completeness`), or null.
 *
 * @param doc The document.
 * @param path The path.
 * @returns The value, or null when absent.
 *
 * @example
 * ```ts
 * import { valueAt } from "./search_bakrep.ts";
 * if (valueAt({ id: "S", mlst: { sequence_type: "180" } }, "mlst.sequence_type") !== "180") throw new Error();
 * ```
 */
export function valueAt(doc: BakrepDocument, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

function toRow(doc: BakrepDocument): BakrepRow {
  const text = (path: string) => {
    const v = valueAt(doc, path);
    return v === null ? null : String(v);
  };
  const number = (path: string) => {
    const v = valueAt(doc, path);
    return v === null || !Number.isFinite(Number(v)) ? null : Number(v);
  };
  return {
    id: doc.id,
    species: text("gtdbtk.classification.species"),
    st: text("mlst.sequence_type"),
    completeness: number("checkm2.quality.completeness"),
    contamination: number("checkm2.quality.contamination"),
    size: number("bakta.stats.size"),
    contigs: number("bakta.stats.no_sequences"),
    country: text("metadata.country"),
  };
}
