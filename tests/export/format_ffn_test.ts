import assert from "node:assert/strict";
import { featureFastaId, formatFfn } from "../../src/export/format_ffn.ts";
import { parseFasta } from "../../src/formats/fasta/parse_fasta.ts";
import { loadRun } from "../../src/store/load_run.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { readSample, reportSamples, SAMPLES_PRESENT } from "../_samples.ts";
import { factoryDatabase, FEATURE_BASE, sampleDatabase } from "./_helpers.ts";

reportSamples("tests/export/format_ffn_test.ts");

const withoutNt = (run: BaktaRun): BaktaRun => ({
  ...run,
  features: run.features.map((f) => ({ ...f, nt: undefined })),
});

Deno.test({
  name:
    "formatFfn() of the stored v1.11.4 run equals Bakta's .ffn, from stored nt or cut from the residues",
  ignore: !SAMPLES_PRESENT,
  async fn() {
    const { db, annotationId } = await sampleDatabase("v1.11.4-assembly");
    try {
      const run = await loadRun(db, annotationId);
      const bakta = new TextDecoder().decode(readSample("v1.11.4-assembly/assembly.ffn"));
      assert.equal(formatFfn(run), bakta);
      // Without the JSON's nt: cut from the stored residues (minus strand, truncated ends).
      assert.equal(formatFfn(withoutNt(run)), bakta);
    } finally {
      await db.destroy();
    }
  },
});

Deno.test("formatFfn() cut from the residues equals the stored nt (factory, origin-spanning CDS)", async () => {
  const { db, annotationId, run } = await factoryDatabase({ seed: 31 });
  try {
    const loaded = await loadRun(db, annotationId);
    const stored = formatFfn(loaded);
    const upper = (text: string) =>
      parseFasta(text).map(({ id, description, sequence }) => ({
        id,
        description,
        sequence: sequence.toUpperCase(),
      }));
    assert.deepStrictEqual(upper(formatFfn(withoutNt(loaded))), upper(stored));
    const records = parseFasta(stored);
    const expected = run.features.filter((f) => f.type !== "gap");
    assert.deepStrictEqual(records.map((r) => r.id), expected.map(featureFastaId));
    assert.deepStrictEqual(records.map((r) => r.description), expected.map((f) => f.product ?? ""));
    const edge = run.features.find((f) => f.edge)!;
    assert.equal(records.find((r) => r.id === edge.locusTag)?.sequence, edge.nt);
    assert.equal(edge.strand, "-");
  } finally {
    await db.destroy();
  }
});

Deno.test("formatFfn() leaves out gaps and features whose nucleotides are unknown", () => {
  const text = formatFfn({
    mode: "genome",
    genome: {},
    software: {},
    sources: [],
    sequences: [{ id: "c1", length: 10 }],
    features: [
      { ...FEATURE_BASE, type: "gap", start: 1, stop: 4 },
      { ...FEATURE_BASE, type: "oriT", start: 5, stop: 9, id: "X_7", product: "oriT", nt: "ACGTA" },
      { ...FEATURE_BASE, type: "tRNA", start: 2, stop: 8, locusTag: "X_5" },
    ],
  });
  assert.equal(text, ">X_7 oriT\nACGTA\n");
});

Deno.test("formatFfn() writes only locus-tagged features for runs of Bakta before 1.10", () => {
  const run = (bakta: string): BaktaRun => ({
    mode: "genome",
    genome: {},
    software: { bakta },
    sources: [],
    sequences: [{ id: "c1", length: 10, nt: "ACGTACGTAC" }],
    features: [
      {
        ...FEATURE_BASE,
        type: "ncRNA-region",
        start: 1,
        stop: 4,
        id: "X_1",
        product: "riboswitch",
      },
      {
        ...FEATURE_BASE,
        type: "tRNA",
        start: 5,
        stop: 9,
        locusTag: "X_00005",
        product: "tRNA-Ala",
      },
    ],
  });
  assert.equal(formatFfn(run("1.9.4")), ">X_00005 tRNA-Ala\nACGTA\n");
  assert.equal(formatFfn(run("1.10.0")), ">X_1 riboswitch\nACGT\n>X_00005 tRNA-Ala\nACGTA\n");
  assert.equal(formatFfn(run("1.9.4"), { onlyLocusTags: false }), formatFfn(run("1.11.4")));
});
