/**
 * Sample sheets (CSV or TSV): one row per isolate with a key column and facts about it.
 *
 * @example A TSV sheet
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleSheet } from "./mod.ts";
 * assert.equal(readSampleSheet("id\tST\nG1\t180\n", { key: "id", delimiter: "\t" }).rows[0].values.ST, "180");
 * ```
 *
 * @module
 */

export * from "./read_sample_sheet.ts";
