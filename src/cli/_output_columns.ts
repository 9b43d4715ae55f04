/**
 * The CLI's documented output columns are snake_case (`locus_tag`, `db_xrefs`), as in the feature
 * CSV export, while the library's rows are camelCase: this is the one place a command turns a row
 * into its output columns.
 *
 * @module
 */

/** The camelCase name of a snake_case column: `locus_tag` → `locusTag`. */
export type CamelCaseOf<Column extends string> = Column extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCaseOf<Tail>>}`
  : Column;

/** A row holding, under its camelCase name, a value for each of `Column`. */
export type RowWith<Column extends string> = { [C in Column as CamelCaseOf<C>]: unknown };

/** The output of {@linkcode outputColumns}: each column with the row's value of its field. */
export type OutputRow<Row, Column extends string> = {
  [C in Column]: Row[CamelCaseOf<C> & keyof Row];
};

/**
 * A row's values under the command's snake_case output columns, in the columns' order (which is
 * the key order of `--json`).
 *
 * @param row A library row (camelCase fields).
 * @param columns The output columns, snake_case.
 * @returns A new object with exactly those columns.
 *
 * @example A search hit as `search --json` prints it
 * ```ts
 * import assert from "node:assert/strict";
 * import { outputColumns } from "./_output_columns.ts";
 * const hit = { genome: "G1", locusTag: "G1_00010", start: 1, rank: -3.2 };
 * assert.deepEqual(outputColumns(hit, ["locus_tag", "genome", "start"] as const), {
 *   locus_tag: "G1_00010",
 *   genome: "G1",
 *   start: 1,
 * });
 * ```
 */
export function outputColumns<Column extends string, Row extends RowWith<Column>>(
  row: Row,
  columns: readonly Column[],
): OutputRow<Row, Column> {
  const fields: Record<string, unknown> = row;
  return Object.fromEntries(
    columns.map((
      column,
    ) => [column, fields[column.replace(/_([a-z])/g, (_, c) => c.toUpperCase())]]),
  ) as OutputRow<Row, Column>;
}
