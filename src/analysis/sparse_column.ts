/**
 * A column of numbers that are mostly zero, held by its nonzero rows only: the genome columns of
 * the presence/absence matrix, whose memory grows with the cells present, not with families ×
 * genomes.
 *
 * @module
 */

/**
 * A read-only column of `length` numbers, zero except at `rows` (ascending row indices), where it
 * holds `values` (or 1 when `values` is left out). It has what an Arquero table asks of a column
 * (`length`, `at(row)`, iteration, `toArray()`), so `table({ g1: column })` works as with a typed
 * array; `at` is a binary search over the nonzero rows, iteration and `toArray()` one walk.
 *
 * @example A genome carrying the families of rows 1 and 3, once and twice
 * ```ts
 * import assert from "node:assert/strict";
 * import { SparseColumn } from "./sparse_column.ts";
 * const copies = new SparseColumn(5, Int32Array.of(1, 3), Int32Array.of(1, 2));
 * assert.deepEqual([...copies], [0, 1, 0, 2, 0]);
 * assert.equal(copies.at(3), 2);
 * assert.deepEqual(copies.toArray(), Int32Array.of(0, 1, 0, 2, 0));
 * const presence = new SparseColumn(5, Int32Array.of(1, 3));
 * assert.deepEqual(presence.toArray(), Uint8Array.of(0, 1, 0, 1, 0));
 * ```
 */
export class SparseColumn {
  /** How many rows the column has. */
  readonly length: number;
  #rows: Int32Array;
  #values: Int32Array | undefined;

  /**
   * @param length How many rows.
   * @param rows The nonzero rows, ascending, each below `length`.
   * @param values The value at each of `rows` (nonzero); left out, every one is 1.
   * @throws {RangeError} When `values` and `rows` differ in length, or a row is out of order or
   *   out of range.
   */
  constructor(length: number, rows: Int32Array, values?: Int32Array) {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`Cannot make a column of ${length} rows`);
    }
    if (values !== undefined && values.length !== rows.length) {
      throw new RangeError(
        `Cannot make a column: ${rows.length} rows but ${values.length} values`,
      );
    }
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= length || (i > 0 && rows[i] <= rows[i - 1])) {
        throw new RangeError(
          `Cannot make a column: row ${rows[i]} (at ${i}) is out of order or not below ${length}`,
        );
      }
    }
    this.length = length;
    this.#rows = rows;
    this.#values = values;
  }

  /** How many rows are nonzero. */
  get nonzero(): number {
    return this.#rows.length;
  }

  /**
   * The value at a row (0 where the column has none; `undefined` outside 0 … length − 1, as an
   * array's `at` gives for a row past its end).
   *
   * @param row The row index; negative counts from the end, as `Array.prototype.at`.
   * @returns The value.
   */
  at(row: number): number | undefined {
    const r = row < 0 ? row + this.length : row;
    if (!(r >= 0 && r < this.length)) return undefined;
    const rows = this.#rows;
    let low = 0;
    let high = rows.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = rows[middle];
      if (found === r) return this.#values === undefined ? 1 : this.#values[middle];
      if (found < r) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  /** The values in row order. */
  *[Symbol.iterator](): IterableIterator<number> {
    let next = 0;
    for (let row = 0; row < this.length; row++) {
      if (next < this.#rows.length && this.#rows[next] === row) {
        yield this.#values === undefined ? 1 : this.#values[next];
        next++;
      } else yield 0;
    }
  }

  /**
   * The column as a dense typed array: `Uint8Array` of 1/0 without values, else `Int32Array`.
   *
   * @returns A new array.
   */
  toArray(): Uint8Array | Int32Array {
    const dense = this.#values === undefined
      ? new Uint8Array(this.length)
      : new Int32Array(this.length);
    for (let i = 0; i < this.#rows.length; i++) {
      dense[this.#rows[i]] = this.#values === undefined ? 1 : this.#values[i];
    }
    return dense;
  }
}
