/**
 * Rows as the text format of PostgreSQL's `COPY … FROM STDIN`: one line per row, fields separated
 * by a tab, `\N` for NULL, and backslash escapes for the backslash, tab, newline and carriage
 * return inside a value. Strings may hold any character but U+0000, which PostgreSQL's `text`
 * cannot store: such a value is refused with an error naming the table, row and column.
 *
 * @module
 */

import { Buffer } from "node:buffer";

/** Characters a text value must escape, and NUL (refused). */
const SPECIAL = /[\\\t\n\r\0]/;
const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
};

/**
 * One value as a field of COPY's text format: `\N` for `null`/`undefined`, numbers and bigints in
 * decimal, booleans as `t`/`f`, strings escaped, `Uint8Array` as `bytea`'s hex form (`\\x…`, the
 * backslash itself escaped), an array of integers as an array literal (`{1,2,3}`, for
 * `integer[]` columns such as `features.xref_ids`).
 *
 * @param value The value.
 * @returns The field's text (no tab, newline or carriage return in it).
 * @throws {RangeError} When a string holds U+0000.
 * @throws {TypeError} When the value is of another type (an object, a symbol, a function).
 *
 * @example Escapes
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyTextField } from "./copy_text.ts";
 * assert.equal(copyTextField("a\tb\\c\nd"), "a\\tb\\\\c\\nd");
 * assert.equal(copyTextField(null), "\\N");
 * assert.equal(copyTextField(new Uint8Array([0, 255])), "\\\\x00ff");
 * assert.equal(copyTextField([3, 40]), "{3,40}");
 * assert.throws(() => copyTextField("a\u0000b"), /U\+0000/);
 * ```
 */
export function copyTextField(value: unknown): string {
  switch (typeof value) {
    case "string":
      return SPECIAL.test(value) ? escapeText(value) : value;
    case "number":
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "t" : "f";
    case "undefined":
      return "\\N";
  }
  if (value === null) return "\\N";
  if (value instanceof Uint8Array) return byteaHex(value);
  if (Array.isArray(value) && value.every(Number.isSafeInteger)) return `{${value.join(",")}}`;
  throw new TypeError(`Cannot write a value of type ${describe(value)} with COPY`);
}

function escapeText(value: string): string {
  if (value.includes("\0")) {
    throw new RangeError(
      `Cannot write a string holding U+0000 (NUL) with COPY: PostgreSQL text cannot store it`,
    );
  }
  return value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]);
}

function byteaHex(bytes: Uint8Array): string {
  return "\\\\x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function describe(value: unknown): string {
  if (typeof value !== "object") return typeof value;
  return (value as object).constructor?.name ?? "object";
}

/**
 * One row (an array of values in column order) as a line of COPY's text format, ending in `\n`.
 *
 * @param table The table, for error messages.
 * @param columns The columns, for error messages and the row width.
 * @param row The row.
 * @param rowNumber The 1-based number of the row in the whole batch, for error messages.
 * @returns The line.
 * @throws {RangeError} Naming table, row and column when a value cannot be written.
 *
 * @example A row with a NULL, and one that cannot be written
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyTextLine } from "./copy_text.ts";
 * assert.equal(copyTextLine("t", ["a", "b"], [2, null], 1), "2\t\\N\n");
 * assert.throws(
 *   () => copyTextLine("features", ["id", "product"], [2, "bad\u0000"], 12),
 *   /row 12 of "features", column "product"/,
 * );
 * ```
 */
export function copyTextLine(
  table: string,
  columns: readonly string[],
  row: readonly unknown[],
  rowNumber: number,
): string {
  let line = "";
  for (let c = 0; c < columns.length; c++) {
    try {
      line += (c === 0 ? "" : "\t") + copyTextField(row[c]);
    } catch (error) {
      throw new RangeError(
        `Cannot copy row ${rowNumber} of "${table}", column "${columns[c]}": ` +
          (error as Error).message,
        { cause: error },
      );
    }
  }
  return line + "\n";
}

/**
 * Rows (arrays of values in column order) as lines of COPY's text format, each ending in `\n`.
 *
 * @param table The table, for error messages.
 * @param columns The columns, for error messages and the row width.
 * @param rows The rows.
 * @param firstRow The 0-based index of `rows[0]` in the whole batch, for error messages.
 * @returns The lines, concatenated.
 * @throws {RangeError} Naming table, row (1-based) and column when a value cannot be written.
 *
 * @example Two rows, one with a NULL
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyTextRows } from "./copy_text.ts";
 * assert.equal(copyTextRows("t", ["a", "b"], [[1, "x y"], [2, null]]), "1\tx y\n2\t\\N\n");
 * assert.throws(
 *   () => copyTextRows("features", ["id", "product"], [[1, "ok"], [2, "bad\u0000"]], 10),
 *   /row 12 of "features", column "product"/,
 * );
 * ```
 */
export function copyTextRows(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  firstRow = 0,
): string {
  let text = "";
  for (let r = 0; r < rows.length; r++) {
    text += copyTextLine(table, columns, rows[r], firstRow + r + 1);
  }
  return text;
}
