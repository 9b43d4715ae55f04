import assert from "node:assert/strict";
import { formatFaa } from "../../src/export/format_faa.ts";
import { parseFasta } from "../../src/formats/fasta/parse_fasta.ts";
import { loadRun } from "../../src/store/load_run.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { readSample, reportSamples, SAMPLES_PRESENT } from "../_samples.ts";
import { factoryDatabase, sampleDatabase } from "./_helpers.ts";

reportSamples("tests/export/format_faa_test.ts");

const records = (text: string) =>
  parseFasta(text).map(({ id, description, sequence }) => ({ id, description, sequence }));

const withoutAa = (run: BaktaRun): BaktaRun => ({
  ...run,
  features: run.features.map((f) => ({ ...f, aa: undefined })),
});

Deno.test({
  name: "formatFaa() of the stored v1.11.4 run equals Bakta's .faa (same ids and proteins)",
  ignore: !SAMPLES_PRESENT,
  async fn() {
    const { db, annotationId } = await sampleDatabase("v1.11.4-assembly");
    try {
      const run = await loadRun(db, annotationId);
      const bakta = new TextDecoder().decode(readSample("v1.11.4-assembly/assembly.faa"));
      assert.equal(formatFaa(run), bakta);
      // Translated from the residues instead: the same, the pseudogene's protein included.
      assert.equal(run.features.find((f) => f.locusTag === "MEGJMN_024")?.pseudo, true);
      assert.deepStrictEqual(records(formatFaa(withoutAa(run))), records(bakta));
    } finally {
      await db.destroy();
    }
  },
});

Deno.test("formatFaa() translated from the residues equals the stored proteins (factory)", async () => {
  const { db, annotationId, run } = await factoryDatabase({ seed: 32 });
  try {
    const loaded = await loadRun(db, annotationId);
    const stored = records(formatFaa(loaded));
    const coding = run.features.filter((f) => f.type === "cds" || f.type === "sorf");
    assert.deepStrictEqual(stored.map((r) => r.id), coding.map((f) => f.locusTag));
    const translated = records(formatFaa(withoutAa(loaded)));
    assert.deepStrictEqual(translated, stored);
  } finally {
    await db.destroy();
  }
});

Deno.test("formatFaa() translates with table 4 where the run says so", () => {
  const run: BaktaRun = {
    mode: "genome",
    genome: { translationTable: 4 },
    software: {},
    sources: [],
    sequences: [{ id: "c1", length: 12, nt: "ATGTGAAAATAA" }],
    features: [{
      type: "cds",
      sequenceId: "c1",
      start: 1,
      stop: 12,
      strand: "+",
      edge: false,
      locusTag: "M_1",
      product: "p",
      hypothetical: false,
      pseudo: false,
      dbXrefs: [],
      original: { format: "tsv", record: {} },
    }],
  };
  assert.equal(formatFaa(run), ">M_1 p\nMWK\n");
  assert.equal(formatFaa(run, { translationTable: 11 }), ">M_1 p\nM*K\n");
  assert.throws(() => formatFaa(run, { translationTable: 2 as 4 }), {
    name: "RangeError",
    message: /"translationTable"/,
  });
});
