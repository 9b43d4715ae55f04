/**
 * Accepting both plain arrays of rows and Arquero-like tables as figure data.
 *
 * @module
 */

/**
 * Anything with an `objects()` method returning rows, such as an Arquero table. Its rows are not
 * typed (Arquero's are `object[]`): the figure functions check the fields they read.
 */
export interface ObjectsSource {
  /** Returns the rows as plain objects. */
  objects(): readonly object[];
}

/** Figure data: an array (or iterable) of row objects, or a table with `objects()`. */
export type RowSource<T> = readonly T[] | Iterable<T> | ObjectsSource;

/**
 * Returns the rows of figure data: an array as is, an Arquero-like table through its `objects()`,
 * any other iterable as an array.
 *
 * @param data The rows, or a table.
 * @param what What the data is, for the error message.
 * @returns The rows as an array.
 * @throws {TypeError} When `data` is neither an iterable nor has `objects()`.
 *
 * @example Arrays and tables
 * ```ts
 * import { rowsOf } from "./rows_of.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = [{ genome: "a", count: 1 }];
 * assert.deepEqual(rowsOf(rows), rows);
 * assert.deepEqual(rowsOf({ objects: () => rows }), rows);
 * ```
 */
export function rowsOf<T>(data: RowSource<T>, what = "data"): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data !== null && typeof data === "object") {
    const objects = (data as Partial<ObjectsSource>).objects;
    if (typeof objects === "function") return [...objects.call(data)] as T[];
    if (Symbol.iterator in data) return Array.from(data as Iterable<T>);
  }
  throw new TypeError(
    `Cannot read ${what}: expected an array of rows or a table with objects(), got ${
      data === null ? "null" : typeof data
    }`,
  );
}
