/**
 * detectRepliconTableType() and parseRepliconTable(): the five-column table without header.
 */

import assert from "node:assert/strict";
import {
  BaktaValidationError,
  detectRepliconTableType,
  parseRepliconTable,
} from "../../src/client/mod.ts";

Deno.test("detectRepliconTableType() reads the separator or the file name", () => {
  assert.equal(detectRepliconTableType("\nNODE_1\tchrom\tc\tc\t-\n"), "TSV");
  assert.equal(detectRepliconTableType("NODE_1,chrom,c,c,-\n"), "CSV");
  assert.equal(detectRepliconTableType("NODE_1\tchrom\tc\tc\t-\n", "r.csv"), "CSV");
  assert.equal(detectRepliconTableType("", undefined), "TSV");
});

Deno.test("parseRepliconTable() expands abbreviations and defaults", () => {
  const rows = parseRepliconTable(
    "NODE_1\tchrom\tchromosome\tcircular\tchr\r\nNODE_2\t-\tp\tc\tpXO1\nNODE_3\t\tcontig\tl\t-\n",
  );
  assert.deepEqual(rows, [
    {
      line: 1,
      originalId: "NODE_1",
      newId: "chrom",
      type: "chromosome",
      topology: "circular",
      name: "chr",
    },
    {
      line: 2,
      originalId: "NODE_2",
      newId: undefined,
      type: "plasmid",
      topology: "circular",
      name: "pXO1",
    },
    {
      line: 3,
      originalId: "NODE_3",
      newId: undefined,
      type: "contig",
      topology: "linear",
      name: undefined,
    },
  ]);
  assert.equal(parseRepliconTable("a,b,c,c,-\n", { type: "CSV" })[0].type, "chromosome");
});

Deno.test("parseRepliconTable() refuses a header row and a wrong column count, naming the line", () => {
  assert.throws(
    () =>
      parseRepliconTable("original\tnew\ttype\ttopology\tname\nNODE_1\tc\tc\tc\t-\n", {
        file: "r.tsv",
      }),
    (error: unknown) =>
      error instanceof BaktaValidationError && error.kind === "InvalidRepliconTable" &&
      error.line === 1 && /r\.tsv line 1: the first row .* looks like a header/.test(error.message),
  );
  assert.throws(
    () => parseRepliconTable("NODE_1\tc\tc\tc\t-\nNODE_2\tc\tc\n"),
    (error: unknown) =>
      error instanceof BaktaValidationError && error.line === 2 &&
      /expected 5 tab-separated columns, found 3/.test(error.message),
  );
});
