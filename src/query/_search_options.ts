/**
 * The checks of a search's text and options, shared by `searchFeatures` and `searchHits`: each
 * names what is wrong.
 *
 * @module
 */

import { show } from "./_validate.ts";

/** The columns full-text search looks in. */
export type SearchColumn = "locus_tag" | "gene" | "product";

/** Every {@linkcode SearchColumn}, in index order. */
export const SEARCH_COLUMNS: readonly SearchColumn[] = ["locus_tag", "gene", "product"];

/** The order of search hits: stored order (the default) or bm25 / `ts_rank`. */
export type SearchOrder = "rank" | "feature";

/** Throws a `TypeError` unless the search text is a string. */
export function checkText(text: unknown): asserts text is string {
  if (typeof text !== "string") {
    throw new TypeError(`Invalid search text: expected a string, got ${show(text)}`);
  }
}

/** The words of a search text: split at white space, empty words dropped. */
export function splitWords(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word.length > 0);
}

/** The columns chosen, without repeats, or `undefined` for all; a `RangeError` for others. */
export function checkColumns(columns: unknown): SearchColumn[] | undefined {
  if (columns === undefined) return undefined;
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new RangeError(
      `Invalid option "columns": expected a non-empty array, got ${show(columns)}`,
    );
  }
  for (const column of columns) {
    if (!SEARCH_COLUMNS.includes(column)) {
      throw new RangeError(
        `Invalid option "columns": ${show(column)} is not one of "locus_tag", "gene", "product"`,
      );
    }
  }
  return [...new Set(columns as SearchColumn[])];
}

/** The order asked (default: stored order); a `RangeError` for anything else. */
export function checkOrder(order: unknown): SearchOrder {
  if (order === undefined || order === "rank" || order === "feature") return order ?? "feature";
  throw new RangeError(`Invalid option "order": expected "rank" or "feature", got ${show(order)}`);
}
