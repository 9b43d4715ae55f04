import assert from "node:assert/strict";
import { ParseError } from "../../../src/formats/parse_error.ts";
import { readSampleSheet } from "../../../src/formats/sample_sheet/read_sample_sheet.ts";
import { reportSamples } from "../../_samples.ts";

const COHORT = new URL(
  "../../../../shared/bakta-samples/v1.9.2-spneumoniae-cohort/samplesheet.csv",
  import.meta.url,
);

Deno.test("readSampleSheet() reads quoted fields, TSV and a byte order mark", async (t) => {
  await t.step("quoted commas and line breaks", () => {
    const sheet = readSampleSheet('id,note,st\nG1,"a, b",180\nG2,"two\nlines",36\nG3,,1\n', {
      key: "id",
    });
    assert.deepEqual(sheet.columns, ["note", "st"]);
    assert.deepEqual(sheet.rows, [
      { line: 2, key: "G1", values: { note: "a, b", st: "180" } },
      { line: 3, key: "G2", values: { note: "two\nlines", st: "36" } },
      { line: 5, key: "G3", values: { st: "1" } },
    ]);
  });
  await t.step("a .tsv file name picks the tab", () => {
    const sheet = readSampleSheet("\uFEFFid\tpenicillin\n G1 \tR\n", { key: "id", file: "s.tsv" });
    assert.deepEqual(sheet.rows, [{ line: 2, key: "G1", values: { penicillin: "R" } }]);
  });
});

Deno.test("readSampleSheet() names the file and line of bad input", async (t) => {
  const cases: [string, string, string, string][] = [
    ["missing key column", "name,x\nG1,1\n", "MissingColumn", 'sheet.csv line 1: no column "id"'],
    ["repeated header", "id,x,x\nG1,1,2\n", "MissingColumn", '"x" twice'],
    ["short row", "id,x\nG1,1\nG2\n", "Unexpected", "line 3: expected 2 fields"],
    ["repeated key", "id,x\nG1,1\nG1,2\n", "Unexpected", 'line 3: "G1" is listed again'],
    ["empty key", "id,x\n,1\n", "Unexpected", "line 2: the key column"],
    ["open quote", 'id,x\nG1,"1\n', "Unexpected", "line 2"],
    ["empty", "", "InvalidHeader", "empty"],
  ];
  for (const [name, text, kind, message] of cases) {
    await t.step(name, () => {
      assert.throws(
        () => readSampleSheet(text, { key: "id", file: "sheet.csv" }),
        (e) => e instanceof ParseError && e.kind === kind && e.message.includes(message),
      );
    });
  }
});

Deno.test({
  name: "readSampleSheet() reads the shipped cohort's sheet",
  ignore: !reportSamples("read_sample_sheet_test"),
}, async () => {
  const text = await Deno.readTextFile(COHORT);
  const sheet = readSampleSheet(text, { key: "sample", file: "samplesheet.csv" });
  assert.deepEqual(sheet.columns, ["penicillin", "gff", "lineage"]);
  assert.equal(sheet.rows.length, 15);
  assert.deepEqual(sheet.rows[0].values.penicillin, "1");
  // Cross-check against a plain line split: this sheet has no quotes.
  const lines = text.trim().split("\n").slice(1).map((l) => l.split(","));
  assert.deepEqual(
    sheet.rows.map((r) => [r.key, r.values.lineage]),
    lines.map((l) => [l[0], l[3]]),
  );
});
