import assert from "node:assert/strict";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import type { BaktaRun, Feature, FeatureType } from "../../src/formats/model.ts";
import { countFeatures } from "../../src/formats/run_counts.ts";
import { readBaktaSummary } from "../../src/formats/summary_txt/read_bakta_summary.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { readSample, reportSamples } from "../_samples.ts";

function feature(type: FeatureType, extra: Partial<Feature> = {}): Feature {
  return {
    type,
    sequenceId: "c1",
    start: 1,
    stop: 10,
    strand: "+",
    edge: false,
    hypothetical: false,
    pseudo: false,
    dbXrefs: [],
    original: { format: "tsv", record: {} },
    ...extra,
  };
}

function run(features: Feature[]): BaktaRun {
  return { mode: "genome", genome: {}, software: {}, sequences: [], features, sources: [] };
}

Deno.test("countFeatures() counts one number per feature type", () => {
  const types: FeatureType[] = [
    "tRNA",
    "tmRNA",
    "rRNA",
    "rRNA",
    "ncRNA",
    "ncRNA-region",
    "crispr",
    "cds",
    "sorf",
    "gap",
    "oriC",
    "oriV",
    "oriT",
    "oriT",
  ];
  assert.deepEqual(countFeatures(run(types.map((t) => feature(t)))), {
    trnas: 1,
    tmrnas: 1,
    rrnas: 2,
    ncrnas: 1,
    ncrnaRegions: 1,
    crisprArrays: 1,
    cdss: 1,
    pseudogenes: 0,
    hypotheticals: 0,
    sorfs: 1,
    gaps: 1,
    oriCs: 1,
    oriVs: 1,
    oriTs: 2,
  });
});

Deno.test("countFeatures() counts pseudogenes and hypotheticals inside CDSs only", () => {
  const counts = countFeatures(run([
    feature("cds", { pseudo: true, hypothetical: true }),
    feature("cds", { hypothetical: true }),
    feature("cds"),
    feature("tRNA", { pseudo: true }),
    feature("sorf", { hypothetical: true }),
    feature("crispr", {
      crisprParts: [{ kind: "repeat", start: 1, stop: 3, strand: "?" }],
    }),
  ]));
  assert.equal(counts.cdss, 3);
  assert.equal(counts.pseudogenes, 1, "a pseudo tRNA is not a pseudogene in the summary");
  assert.equal(counts.hypotheticals, 2, "a hypothetical sORF is not counted");
  assert.equal(counts.sorfs, 1);
  assert.equal(counts.crisprArrays, 1, "parts are not arrays");
  assert.equal(counts.signalPeptides, undefined, "unknown without JSON evidence");
});

Deno.test("countFeatures() counts signal peptides from JSON evidence", () => {
  const json = (extra: Partial<Feature>) =>
    feature("cds", { original: { format: "json", record: {} }, ...extra });
  const counts = countFeatures(run([
    json({ evidence: { signal_peptide: { start: 1, stop: 20 } } }),
    json({ evidence: { psc: {} } }),
    json({}),
  ]));
  assert.equal(counts.signalPeptides, 1);
});

const present = reportSamples("run_counts_test");

// Each pair: a Bakta run's annotation file and the .txt summary Bakta wrote for it.
const PAIRS: [annotation: string, summary: string][] = [
  ["v1.11.4-assembly/assembly.json", "v1.11.4-assembly/assembly.txt"],
  ["v1.8.1-origin-spanning/TEST_6.json", "v1.8.1-origin-spanning/TEST_6.txt"],
  ["v1.11.4-assembly/assembly.tsv", "v1.11.4-assembly/assembly.txt"],
  ["v1.8.1-origin-spanning/TEST_6.tsv", "v1.8.1-origin-spanning/TEST_6.txt"],
  ["v1.9.4-efaecalis-CI-8050/CI-8050.tsv", "v1.9.4-efaecalis-CI-8050/CI-8050.txt"],
];

Deno.test({
  name: "countFeatures() of JSON and TSV runs equals Bakta's own .txt counts",
  ignore: !present,
  fn: async (t) => {
    for (const [annotation, summaryFile] of PAIRS) {
      await t.step(annotation, () => {
        const bytes = readSample(annotation);
        const source = annotation.endsWith(".json") ? readBaktaJson(bytes) : readBaktaTsv(bytes);
        const counts = countFeatures(source);
        const expected = readBaktaSummary(readSample(summaryFile)).counts;
        // Compare every number the .txt has (signal peptides only up to 1.9, and only
        // computable from a JSON).
        for (const [key, value] of Object.entries(expected)) {
          if (key === "signalPeptides" && counts.signalPeptides === undefined) continue;
          assert.equal(counts[key as keyof typeof counts], value, `${annotation}: ${key}`);
        }
        assert.ok(counts.cdss > 0);
      });
    }
  },
});
