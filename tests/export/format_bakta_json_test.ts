import assert from "node:assert/strict";
import { formatBaktaJson } from "../../src/export/format_bakta_json.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { importRun } from "../../src/store/import_run.ts";
import { loadRun } from "../../src/store/load_run.ts";
import { formatRunAsGff3 } from "../../src/testing/factory/format_run_as_gff3.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { readSample, reportSamples, samplePath, SAMPLES_PRESENT } from "../_samples.ts";
import { factoryDatabase, SAMPLE_RUNS, sampleDatabase } from "./_helpers.ts";
import { freshDatabase } from "../_fresh_database.ts";

reportSamples("tests/export/format_bakta_json_test.ts");

const withoutOriginal = (features: Feature[]) => features.map(({ original: _, ...rest }) => rest);

/** Writes the run as JSON, reads it back with readBaktaJson, and compares the models. */
function assertRoundTrip(run: BaktaRun): BaktaRun {
  const back = readBaktaJson(formatBaktaJson(run), { file: "export.json" });
  assert.equal(back.mode, run.mode);
  assert.deepStrictEqual(back.genome, run.genome);
  assert.deepStrictEqual(back.software, run.software);
  assert.deepStrictEqual(back.stats, run.stats);
  assert.deepStrictEqual(back.run, run.run);
  assert.deepStrictEqual(back.sequences, run.sequences);
  assert.deepStrictEqual(withoutOriginal(back.features), withoutOriginal(run.features));
  assert.deepStrictEqual(back.proteins, run.proteins);
  return back;
}

Deno.test("formatBaktaJson() round trip of stored factory runs through readBaktaJson", async () => {
  for (const [seed, circular] of [[41, true], [42, false], [43, true]] as const) {
    const { db, annotationId } = await factoryDatabase({ seed, circular, sequences: 3 });
    try {
      const run = await loadRun(db, annotationId);
      assert.ok(run.features.some((f) => f.crisprParts !== undefined));
      assertRoundTrip(run);
    } finally {
      await db.destroy();
    }
  }
});

Deno.test("formatBaktaJson() round trip of a run imported from GFF3 (no JSON originals)", async () => {
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    await Deno.writeTextFile(`${dir}/g.gff3`, formatRunAsGff3(makeRun({ seed: 44 })));
    const { annotationId } = await importRun(db, `${dir}/g.gff3`);
    const run = await loadRun(db, annotationId!);
    assert.ok(run.features.every((f) => f.original.format === "gff3"));
    assertRoundTrip(run);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

for (const { dir } of SAMPLE_RUNS) {
  Deno.test({
    name: `formatBaktaJson() of ${dir} reads back the same and rewrites Bakta's feature records`,
    ignore: !SAMPLES_PRESENT,
    async fn() {
      const { db, annotationId } = await sampleDatabase(dir);
      try {
        const run = await loadRun(db, annotationId);
        assertRoundTrip(run);
        const written = JSON.parse(formatBaktaJson(run)).features as Record<string, unknown>[];
        for (const [i, feature] of run.features.entries()) {
          // The original record with the pre-1.10 key `contig` named `sequence`, as written.
          const original = Object.fromEntries(
            Object.entries(feature.original.record as Record<string, unknown>)
              .map(([k, v]) => [k === "contig" ? "sequence" : k, v]),
          );
          assert.equal(JSON.stringify(written[i]), JSON.stringify(original), `feature ${i}`);
        }
      } finally {
        await db.destroy();
      }
    },
  });
}

Deno.test({
  name: "formatBaktaJson() round trip of a bakta_proteins run",
  ignore: !SAMPLES_PRESENT,
  fn() {
    const run = readBaktaJson(readSample("v1.11.4-assembly/proteins-mode/assembly.json"), {
      file: samplePath("v1.11.4-assembly/proteins-mode/assembly.json"),
    });
    assert.equal(run.mode, "proteins");
    assertRoundTrip(run);
  },
});

const feature = (over: Partial<Feature>): Feature => ({
  type: "cds",
  sequenceId: "c1",
  start: 1,
  stop: 9,
  strand: "+",
  edge: false,
  hypothetical: false,
  pseudo: false,
  dbXrefs: [],
  original: { format: "tsv", record: {} },
  ...over,
});

Deno.test("formatBaktaJson() keeps flags the reader would otherwise derive, and NaN statistics", () => {
  const run: BaktaRun = {
    mode: "genome",
    genome: { genus: "Testella", taxon: "562", complete: false, translationTable: 4 },
    software: { bakta: "1.7.0", db: "4.0" },
    stats: { size: 20, sequenceCount: 1, gc: NaN, nRatio: 0, n50: 20, codingRatio: NaN },
    sources: [],
    sequences: [{ id: "c1", length: 20, type: "contig", topology: "linear" }],
    features: [
      // Not flagged although the product says so: the flag must survive.
      feature({ product: "hypothetical protein", locusTag: "X_1" }),
      // A pseudogene read from a format without Bakta's pseudogene block.
      feature({ start: 10, stop: 18, strand: "-", pseudo: true, locusTag: "X_2", gene: "abc" }),
      feature({
        type: "crispr",
        start: 2,
        stop: 19,
        strand: "?",
        product: "CRISPR array",
        crisprParts: [
          { kind: "repeat", start: 2, stop: 5, strand: "?" },
          { kind: "spacer", start: 6, stop: 15, strand: "?", nt: "ACGTACGTAC" },
          { kind: "repeat", start: 16, stop: 19, strand: "?" },
        ],
      }),
    ],
  };
  const back = assertRoundTrip(run);
  assert.equal(back.features[0].hypothetical, false);
  assert.equal(back.features[1].pseudo, true);
  const doc = JSON.parse(formatBaktaJson(run, { space: 0 }));
  assert.equal(doc.stats.gc, null);
  assert.equal(doc.version.db, "4.0");
  assert.deepStrictEqual(doc.features[0].hypothetical, false);
  assert.throws(() => formatBaktaJson(run, { space: -1 }), {
    name: "RangeError",
    message: /"space"/,
  });
});
