import assert from "node:assert/strict";
import { readBaktaJson } from "../../../src/formats/bakta_json/read_bakta_json.ts";
import { ParseError } from "../../../src/formats/parse_error.ts";
import { readInferenceTsv } from "../../../src/formats/tsv/read_inference_tsv.ts";
import { listSamples, readSample, reportSamples } from "../../_samples.ts";

const HEADER = "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tScore\tEvalue\tQuery Cov\t" +
  "Subject Cov\tId\tAccession\n";

Deno.test("readInferenceTsv() reads numbers and turns '-' into absent values", () => {
  const rows = readInferenceTsv(
    "# Software: v1.11.4\n" + HEADER +
      "contig_1\tcds\t1\t894\t+\tX_001\t560.0\t1.9e-201\t0.980\t1.0\t0.993\tUniRef:UniRef90_U\n" +
      "contig_1\tncRNA-region\t10\t20\t-\t-\t-\t-\t-\t-\t-\t-\n" +
      "-\tcds\t-1\t-1\t?\tP_1\t-\t0.0\t1.0\t1.0\t1.0\tUniRef:UniRef100_A\n",
  );
  assert.deepEqual(rows[0], {
    line: 3,
    type: "cds",
    strand: "+",
    sequenceId: "contig_1",
    start: 1,
    stop: 894,
    locusTag: "X_001",
    score: 560,
    evalue: 1.9e-201,
    queryCov: 0.98,
    subjectCov: 1,
    identity: 0.993,
    accession: "UniRef:UniRef90_U",
  });
  assert.deepEqual(rows[1], {
    line: 4,
    type: "ncRNA-region",
    strand: "-",
    sequenceId: "contig_1",
    start: 10,
    stop: 20,
  });
  assert.deepEqual(rows[2], {
    line: 5,
    type: "cds",
    strand: "?",
    locusTag: "P_1",
    evalue: 0,
    queryCov: 1,
    subjectCov: 1,
    identity: 1,
    accession: "UniRef:UniRef100_A",
  });
});

Deno.test("readInferenceTsv() reads tables without the Accession column", () => {
  const [row] = readInferenceTsv(
    "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tScore\tEvalue\tQuery Cov\tSubject Cov\tId\n" +
      "c1\tcds\t5\t9\t+\tX_1\t1.0\t-\t-\t-\t-\n",
  );
  assert.equal(row.score, 1);
  assert.equal(row.accession, undefined);
});

Deno.test("readInferenceTsv() rejects bad rows naming the line", async (t) => {
  const cases: [row: string, kind: string][] = [
    ["c1\tcds\t5\t9\t+\tX_1\t1.0\t-\t-\t-\t-", "MissingColumn"],
    ["c1\tcds\t5\t9\t+\tX_1\tabc\t-\t-\t-\t-\t-", "InvalidNumber"],
    ["c1\tcds\tx\t9\t+\tX_1\t-\t-\t-\t-\t-\t-", "InvalidStart"],
    ["c1\tcds\t5\t9\t*\tX_1\t-\t-\t-\t-\t-\t-", "InvalidStrand"],
    ["c1\tgene\t5\t9\t+\tX_1\t-\t-\t-\t-\t-\t-", "Unexpected"],
  ];
  for (const [row, kind] of cases) {
    await t.step(kind, () => {
      assert.throws(
        () => readInferenceTsv(HEADER + row + "\n"),
        (e: unknown) => e instanceof ParseError && e.kind === kind && e.line === 2,
      );
    });
  }
  await t.step("missing header", () => {
    assert.throws(
      () => readInferenceTsv("c1\tcds\n"),
      (e: unknown) => e instanceof ParseError && e.kind === "InvalidHeader",
    );
  });
});

const present = reportSamples("read_inference_tsv_test");

Deno.test({
  name: "readInferenceTsv() reads every sample and matches the JSON features of the run",
  ignore: !present,
  fn: async (t) => {
    const files = listSamples(/\.inference\.tsv$/);
    assert.ok(files.length >= 2);
    for (const relative of files) {
      await t.step(relative, () => {
        const rows = readInferenceTsv(readSample(relative), { file: relative });
        const json = readBaktaJson(readSample(relative.replace(".inference.tsv", ".json")));
        if (json.mode === "proteins") {
          const ids = new Set(json.proteins!.map((p) => p.locus));
          assert.equal(rows.length, json.proteins!.length);
          assert.ok(rows.every((r) => ids.has(r.locusTag) && r.start === undefined));
          return;
        }
        const byLocation = new Map(
          json.features.map((f) => [`${f.sequenceId}:${f.start}:${f.stop}:${f.strand}`, f]),
        );
        for (const row of rows) {
          const feature = byLocation.get(
            `${row.sequenceId}:${row.start}:${row.stop}:${row.strand}`,
          );
          assert.ok(feature, `row on line ${row.line} has no JSON feature`);
          assert.equal(row.type, feature.type);
          assert.equal(row.locusTag, feature.locusTag);
        }
      });
    }
  },
});
