import assert from "node:assert/strict";
import { formatFna } from "../../src/export/format_fna.ts";
import { loadRun } from "../../src/store/load_run.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { readSample, reportSamples, SAMPLES_PRESENT } from "../_samples.ts";
import { SAMPLE_RUNS, sampleDatabase, windowResidues } from "./_helpers.ts";

reportSamples("tests/export/format_fna_test.ts");

for (const { dir, prefix } of SAMPLE_RUNS) {
  Deno.test({
    name: `formatFna() of the stored ${dir} run equals Bakta's .fna byte for byte`,
    ignore: !SAMPLES_PRESENT,
    async fn() {
      const { db, annotationId } = await sampleDatabase(dir);
      try {
        const run = await loadRun(db, annotationId);
        assert.equal(formatFna(run), new TextDecoder().decode(readSample(`${dir}/${prefix}.fna`)));
      } finally {
        await db.destroy();
      }
    },
  });
}

const RUN: BaktaRun = {
  mode: "genome",
  genome: {},
  software: {},
  sources: [],
  features: [],
  sequences: [
    { id: "p1", length: 10, topology: "circular", nt: "ACGTACGTAA", description: "[x=1]" },
    { id: "c2", length: 4, topology: "linear", nt: "GGCC" },
  ],
};

Deno.test("formatFna() writes a window's sub-sequence, across the origin of a circular sequence", () => {
  for (let from = 1; from <= 10; from++) {
    for (let to = 1; to <= 10; to++) {
      const text = formatFna(RUN, { region: { sequence: "p1", from, to } });
      assert.equal(text, `>p1:${from}-${to}\n${windowResidues(RUN.sequences[0].nt!, from, to)}\n`);
    }
  }
  assert.equal(formatFna(RUN, { region: { sequence: "p1" } }), ">p1 [x=1]\nACGTACGTAA\n");
  assert.equal(formatFna(RUN, { lineWidth: 4 }), ">p1 [x=1]\nACGT\nACGT\nAA\n>c2\nGGCC\n");
});

Deno.test("formatFna() rejects windows it cannot write", () => {
  assert.throws(
    () => formatFna(RUN, { region: { sequence: "c2", from: 3, to: 1 } }),
    /crosses the origin/,
  );
  assert.throws(
    () => formatFna(RUN, { region: { sequence: "zz", from: 1, to: 2 } }),
    /no sequence "zz"/,
  );
  assert.throws(
    () => formatFna({ ...RUN, sequences: [{ id: "x", length: 5 }] }),
    /residues are not stored/,
  );
});
