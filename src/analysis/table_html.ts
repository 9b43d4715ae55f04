/**
 * An Arquero table as an HTML table for a notebook or a page: missing values are empty cells.
 *
 * @module
 */

import type { ColumnTable } from "arquero";

/** Options of {@linkcode tableHtml}. */
export interface TableHtmlOptions {
  /**
   * The most rows written; the rest are left out.
   * @default 20
   */
  limit?: number;
}

/** The defaults of {@linkcode TableHtmlOptions}. */
export const DEFAULT_TABLE_HTML_OPTIONS: Readonly<{ limit: number }> = Object.freeze({
  limit: 20,
});

/**
 * Writes an Arquero table as an HTML `<table>` (Arquero's `toHTML`), with `null` and `undefined`
 * as empty cells rather than the literal word `null`.
 *
 * @param table The table.
 * @param options How many rows to write.
 * @returns The HTML.
 * @throws {RangeError} When `limit` is not a positive integer or `Infinity`.
 *
 * @example A missing gene is an empty cell
 * ```ts
 * import assert from "node:assert/strict";
 * import { rowsToTable } from "./to_table.ts";
 * import { tableHtml } from "./table_html.ts";
 *
 * const html = tableHtml(rowsToTable([{ locus_tag: "X_1", gene: null }]));
 * assert.doesNotMatch(html, /null/);
 * assert.match(html, /<td[^>]*><\/td>/);
 * ```
 */
export function tableHtml(table: ColumnTable, options: TableHtmlOptions = {}): string {
  const { limit = DEFAULT_TABLE_HTML_OPTIONS.limit } = options;
  if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0))) {
    throw new RangeError(`Option "limit" must be a positive integer or Infinity, got ${limit}`);
  }
  return table.toHTML({ limit, null: () => "" });
}
