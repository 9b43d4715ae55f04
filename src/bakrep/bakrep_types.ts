/**
 * The shapes of BakRep's search API (`/search/_info`, `POST /search`).
 *
 * @module
 */

/** A searchable field, as `GET /search/_info` lists it. */
export interface BakrepSearchField {
  /** The field path, e.g. `checkm2.quality.completeness`. */
  field: string;
  /** The operators it takes, e.g. `["==", "!=", "<", "<=", ">", ">=", "[]"]`. */
  ops: string[];
  /** `text`, `number`, or `nested` (a list of objects searched with a `nested` query). */
  type: "text" | "number" | "nested";
}

/** A BakRep query: a leaf comparison, a combination, a negation, or a nested query. */
export type BakrepQuery =
  | { field: string; op: string; value: string | number | { from: number; to: number } }
  | { op: "and" | "or"; value: BakrepQuery[] }
  | { op: "not"; value: BakrepQuery }
  | { op: "nested"; field: string; value: BakrepQuery };

/** A sort key. */
export interface BakrepSort {
  /** The field path. */
  field: string;
  /** `asc` or `desc`. */
  ord: "asc" | "desc";
}

/** The body of `POST /search`. */
export interface BakrepSearchBody {
  /** The first match to answer (the first page). */
  offset?: number;
  /** The sort values of the last match of the previous page (the next pages). */
  search_after?: (string | number | null)[];
  /** How many matches at most. */
  limit: number;
  /** The search conditions, as BakRep's search API reads them. */
  query: BakrepQuery;
  /** How the matches are ordered (BakRep's default order when not given). */
  sort?: BakrepSort[];
}

/** A dataset as the search answers it: nested objects (`gtdbtk.classification.species`, …). */
export type BakrepDocument = { id: string } & Record<string, unknown>;

/** The answer of `POST /search` (JSON). */
export interface BakrepSearchPage {
  /** The offset asked. */
  offset?: number;
  /** How many datasets match in all. */
  total: number;
  /** This page's matches. */
  results: BakrepDocument[];
}
