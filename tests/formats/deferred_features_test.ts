/**
 * `readGff3()` and `readBaktaTsv()` build the features' cross-references (and the TSV its original
 * records) when `run.features` is first read (`_deferred_features.ts`). These tests hold that first read to a brute-force reading
 * of the same text (the TSV's last column split by hand; the GFF3's `Dbxref` values as the full
 * line parser gives them in `original.record`), the views of the run (JSON, structuredClone,
 * spread, key order) to those of a run already read, and a bad item to the error, file and line
 * the eager readers gave, raised from `run.features`.
 */

import assert from "node:assert/strict";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import type { Gff3OriginalRecord } from "../../src/formats/gff3/gff3_feature_assembler.ts";
import type { TsvOriginalRecord } from "../../src/formats/tsv/read_bakta_tsv.ts";
import type { BaktaRun, DbXref } from "../../src/formats/model.ts";
import { readSample, reportSamples } from "../_samples.ts";
import { assertParseError } from "./_helpers.ts";

const MINI_GFF3 = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));
const MINI_TSV = "# Software: v1.9.4\n# Database: v5.1, full\n" +
  "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n" +
  "c1\tcds\t10\t99\t+\tX_1\tabc\t(pseudo) p\tCOG:COG0001, SO:0001217, GO:GO:0005737\n" +
  "c1\tcds\t971\t141\t-\tX_2\t\thypothetical protein\t\n" +
  "c1\tcrispr\t200\t260\t?\t\t\tCRISPR array\tSO:0001459\n" +
  "c1\tcrispr-repeat\t200\t220\t?\t\t\tCRISPR repeat\t\n" +
  "c1\tsorf\t300\t330\t+\tX_3\t\tp, q\tUniRef:UniRef90_A,B, EC:1.1.1.1\n";
const present = reportSamples("deferred_features_test");
const KEYS = ["mode", "genome", "software", "sequences", "features", "sources"];

/** A TSV feature's cross-references by hand: the last column split at ", ", then at ":". */
function tsvBruteForce(record: TsvOriginalRecord): DbXref[] {
  const column = record.text.split("\t")[8];
  if (column === "") return [];
  return column.split(", ").map((item) => {
    const [db, ...rest] = item.split(":");
    return { db, accession: rest.join(":") };
  });
}

/** A GFF3 feature's cross-references as the full line parser read its `Dbxref` values. */
function gff3BruteForce(record: Gff3OriginalRecord): DbXref[] {
  return (record.attributes.get("Dbxref") ?? []).map((value) => {
    const colon = value.indexOf(":");
    return { db: value.slice(0, colon), accession: value.slice(colon + 1) };
  });
}

/** Checks a run's views against those of the same file read with its features read first. */
function assertViews(read: () => BaktaRun): void {
  const unread = read();
  assert.deepEqual(Object.keys(unread), KEYS);
  assert.equal(typeof Object.getOwnPropertyDescriptor(unread, "features")?.get, "function");
  const first = read();
  const features = first.features;
  // Once read, a data property holding the same array, in its place among the keys.
  const descriptor = Object.getOwnPropertyDescriptor(first, "features");
  assert.equal(descriptor?.value, features);
  assert.equal(descriptor?.writable, true);
  assert.equal(first.features, features);
  assert.deepEqual(Object.keys(first), KEYS);
  assert.equal(JSON.stringify(read()), JSON.stringify(first));
  assert.deepEqual(structuredClone(read()), structuredClone(first));
  const spread = { ...read() };
  assert.deepEqual(Object.keys(spread), KEYS);
  assert.deepEqual(spread.features, features);
}

Deno.test("readBaktaTsv() gives each feature's DbXrefs column split, on the first read of run.features", () => {
  for (const text of [MINI_TSV, MINI_TSV.replaceAll("\n", "\r\n")]) {
    const run = readBaktaTsv(text);
    assert.equal(run.features.length, 4);
    for (const feature of run.features) {
      const record = feature.original.record as TsvOriginalRecord;
      assert.deepEqual(feature.dbXrefs, tsvBruteForce(record), `line ${record.line}`);
    }
    assert.deepEqual(run.features[3].dbXrefs[0], { db: "UniRef", accession: "UniRef90_A,B" });
    // The original records, made on the same first read, are the lines as written.
    const lines = text.split(/\r?\n/);
    assert.deepEqual(
      run.features.map((feature) => feature.original),
      [4, 5, 6, 8].map((line) => ({
        format: "tsv",
        record: line === 6
          ? { line, text: lines[line - 1], parts: [{ line: 7, text: lines[6] }] }
          : { line, text: lines[line - 1] },
      })),
    );
    assertViews(() => readBaktaTsv(text));
  }
});

Deno.test("readGff3() gives each feature's Dbxref values split, on the first read of run.features", () => {
  const run = readGff3(MINI_GFF3);
  assert.ok(run.features.some((feature) => feature.dbXrefs.length > 1));
  for (const feature of run.features) {
    const record = feature.original.record as Gff3OriginalRecord;
    assert.deepEqual(feature.dbXrefs, gff3BruteForce(record), `line ${record.line}`);
  }
  assertViews(() => readGff3(MINI_GFF3));
});

Deno.test("readGff3() and readBaktaTsv() raise a bad cross-reference from run.features, naming file and line", async (t) => {
  const cases: [string, () => BaktaRun, number, RegExp][] = [
    [
      "TSV item without a colon",
      () => readBaktaTsv(MINI_TSV.replace("SO:0001459", "SO0001459"), { file: "x.tsv" }),
      6,
      /DbXrefs item 1 is "SO0001459"/,
    ],
    [
      "TSV item without an accession",
      () => readBaktaTsv(MINI_TSV.replace(", EC:1.1.1.1", ", EC:"), { file: "x.tsv" }),
      8,
      /DbXrefs item 2 is "EC:"/,
    ],
    [
      "GFF3 value without a database",
      () => readGff3(MINI_GFF3.replace("RFAM:RF01089", ":RF01089"), { file: "x.tsv" }),
      15,
      /Dbxref is ":RF01089"/,
    ],
  ];
  for (const [name, read, line, message] of cases) {
    await t.step(name, () => {
      const run = read();
      for (let attempt = 0; attempt < 2; attempt++) {
        const error = assertParseError(() => run.features, "InvalidAttribute", { line, message });
        assert.equal(error.file, "x.tsv");
      }
      // The rest of the run is there, and features can be replaced without the check.
      assert.deepEqual(Object.keys(run), KEYS);
      run.features = [];
      assert.deepEqual(run.features, []);
    });
  }
});

Deno.test("readGff3() and readBaktaTsv() give a frozen run's features, finished once", () => {
  for (const read of [() => readBaktaTsv(MINI_TSV), () => readGff3(MINI_GFF3)]) {
    const run = Object.freeze(read());
    const features = run.features;
    assert.equal(run.features, features);
    assert.ok(features.some((feature) => feature.dbXrefs.length > 0));
    assert.equal(JSON.stringify(run), JSON.stringify(read()));
  }
});

Deno.test("readGff3() and readBaktaTsv() let run.features be replaced before its first read", () => {
  for (const run of [readBaktaTsv(MINI_TSV), readGff3(MINI_GFF3)]) {
    const replacement = run.mode === "genome" ? [] : undefined;
    run.features = replacement!;
    assert.equal(run.features, replacement);
    assert.deepEqual(Object.keys(run), KEYS);
  }
});

Deno.test({
  name: "readBaktaTsv() and readGff3() give every sample's cross-references as brute force does",
  ignore: !present,
  fn: () => {
    const folder = "v1.9.4-efaecalis-CI-8050/";
    const tsv = readBaktaTsv(decodeInput(readSample(`${folder}CI-8050.tsv`)));
    let items = 0;
    for (const feature of tsv.features) {
      assert.deepEqual(
        feature.dbXrefs,
        tsvBruteForce(feature.original.record as TsvOriginalRecord),
      );
      items += feature.dbXrefs.length;
    }
    const gff3 = readGff3(decodeInput(readSample(`${folder}CI-8050.gff3`)));
    for (const feature of gff3.features) {
      const record = feature.original.record as Gff3OriginalRecord;
      assert.deepEqual(feature.dbXrefs, gff3BruteForce(record));
    }
    assert.ok(items > 20_000, `${items} items`);
  },
});
