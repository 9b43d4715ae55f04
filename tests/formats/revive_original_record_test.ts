import assert from "node:assert/strict";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { formatGff3 } from "../../src/formats/gff3/format_gff3.ts";
import { Gff3Attributes } from "../../src/formats/gff3/gff3_attributes.ts";
import type { Gff3OriginalRecord } from "../../src/formats/gff3/gff3_feature_assembler.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { reviveOriginalRecord } from "../../src/formats/revive_original_record.ts";
import { assertParseError } from "./_helpers.ts";

const MINI_GFF3 = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));
const MINI_GBFF = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gbff", import.meta.url));

/** The run with every feature's original record sent through JSON, as the store keeps it. */
function throughJson(run: BaktaRun): BaktaRun {
  return {
    ...run,
    features: run.features.map((feature) => ({
      ...feature,
      original: reviveOriginalRecord(JSON.parse(JSON.stringify(feature.original))),
    })),
  };
}

Deno.test("reviveOriginalRecord() gives GFF3 records back their attribute maps, also of the children", () => {
  const run = readGff3(MINI_GFF3, { file: "bakta_mini.gff3" });
  const revived = throughJson(run);
  let children = 0;
  for (const [i, feature] of run.features.entries()) {
    const record = revived.features[i].original.record as Gff3OriginalRecord;
    const read = feature.original.record as Gff3OriginalRecord;
    assert.ok(record.attributes instanceof Gff3Attributes, `feature ${i}`);
    // Same tags, values and order; JSON drops only the undefined columns (score, phase).
    assert.deepStrictEqual([...record.attributes], [...read.attributes], `feature ${i}`);
    assert.equal(JSON.stringify(record), JSON.stringify(read), `feature ${i}`);
    for (const [k, child] of (record.children ?? []).entries()) {
      assert.ok(child.attributes instanceof Gff3Attributes);
      assert.deepStrictEqual([...child.attributes], [...read.children![k].attributes]);
      children++;
    }
  }
  assert.ok(children >= 5, "CRISPR parts and the signal peptide are children");
});

Deno.test("reviveOriginalRecord() lets formatGff3() write a GFF3 run whose originals went through JSON", () => {
  // The root of issue #20: before, the attributes came back as plain objects and the writer
  // failed with "gff3.attributes is not iterable".
  const run = readGff3(MINI_GFF3, { file: "bakta_mini.gff3" });
  assert.equal(formatGff3(throughJson(run)), formatGff3(run));
});

Deno.test("reviveOriginalRecord() returns records of other formats as they are", () => {
  const run = readGenbank(MINI_GBFF, { file: "bakta_mini.gbff" });
  for (const feature of run.features) {
    const json = JSON.parse(JSON.stringify(feature.original));
    assert.deepStrictEqual(reviveOriginalRecord(json), json);
  }
  const tsv = { format: "tsv", record: { line: 4, text: "c1\tcds\t1\t9\t+\tX_1\t\t\t" } };
  assert.deepStrictEqual(reviveOriginalRecord(structuredClone(tsv)), tsv);
});

Deno.test("reviveOriginalRecord() rejects values that are not stored original records", async (t) => {
  const cases: [string, unknown, "Unexpected" | "InvalidAttribute", RegExp][] = [
    ["null", null, "Unexpected", /stored original record is null/],
    ["no format", { record: {} }, "Unexpected", /expected \{"format"/],
    ["no record", { format: "gff3" }, "Unexpected", /expected \{"format"/],
    [
      "attributes an array",
      { format: "gff3", record: { line: 7, attributes: ["ID"] } },
      "InvalidAttribute",
      /GFF3 line 7 are \["ID"\]/,
    ],
    [
      "a value not a string array",
      { format: "gff3", record: { line: 3, attributes: { ID: "X_1" } } },
      "InvalidAttribute",
      /GFF3 line 3/,
    ],
    [
      "a bad child",
      {
        format: "gff3",
        record: { line: 3, attributes: {}, children: [{ line: 4, attributes: 1 }] },
      },
      "InvalidAttribute",
      /GFF3 line 4/,
    ],
  ];
  for (const [name, value, kind, message] of cases) {
    await t.step(name, () => {
      assertParseError(() => reviveOriginalRecord(value), kind, { message });
    });
  }
});
