import assert from "node:assert/strict";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { genomeMapData } from "../../src/report/genome_map_data.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { freshDatabase } from "../_fresh_database.ts";

Deno.test("genomeMapData() returns the run's sequences, residues and features with COG letters", async () => {
  await using db = await freshDatabase();
  const run = makeRun({ seed: 41, sequences: 2, genomeSize: 20_000 });
  const { annotationId } = await importRun(db, run, { genome: "g" });
  const data = await genomeMapData(db, "g");
  assert.equal(data.genome, "g");
  assert.equal(data.annotationId, annotationId);
  assert.deepEqual(
    data.sequences.map((s) => ({ id: s.id, length: s.length, nt: s.nt })),
    run.sequences.map((s) => ({ id: s.id, length: s.length, nt: s.nt!.toUpperCase() })),
  );
  assert.equal(data.features.length, run.features.length);
  data.features.forEach((feature, i) => {
    const expected = run.features[i];
    const letters = expected.dbXrefs.filter((x) => x.db === "COG" && !x.accession.startsWith("COG"))
      .map((x) => x.accession).join("");
    assert.deepEqual(
      {
        sequenceId: feature.sequenceId,
        start: feature.start,
        stop: feature.stop,
        strand: feature.strand,
        type: feature.type,
        edge: feature.edge,
        cog: feature.cogCategory,
        locusTag: feature.locusTag,
        xrefs: [...feature.xrefs].sort(),
      },
      {
        sequenceId: expected.sequenceId,
        start: expected.start,
        stop: expected.stop,
        strand: expected.strand,
        type: expected.type,
        edge: expected.edge,
        cog: letters === "" ? null : letters,
        locusTag: expected.locusTag ?? null,
        xrefs: expected.dbXrefs.map((x) => `${x.db}:${x.accession}`).sort(),
      },
      `feature ${i}`,
    );
  });
  assert.ok(data.features.some((f) => f.cogCategory !== null), "some features have a category");
  const bare = await genomeMapData(db, "g", { residues: false });
  assert.ok(bare.sequences.length > 0);
  assert.ok(bare.sequences.every((s) => s.nt === null));
});

Deno.test("genomeMapData() reads the annotation asked for, and rejects unknown genomes", async () => {
  await using db = await freshDatabase();
  const first = await importRun(db, makeRun({ seed: 42, sequences: 1, featuresPerSequence: 5 }), {
    genome: "g",
  });
  await importRun(db, makeRun({ seed: 43, sequences: 1, featuresPerSequence: 9 }), {
    genome: "g",
  });
  assert.equal((await genomeMapData(db, "g")).features.length, 9);
  const old = await genomeMapData(db, "g", { annotationId: first.annotationId });
  assert.equal(old.features.length, 5);
  await assert.rejects(() => genomeMapData(db, "nope"), {
    name: "RangeError",
    message: /genome "nope"/,
  });
  await assert.rejects(() => genomeMapData(db, "g", { annotationId: 999 }), /no annotation 999/);
});

const present = reportSamples("tests/report/genome_map_data_test.ts");

Deno.test({
  name: "genomeMapData() keeps the origin-spanning CDS of pOSAK1 as Bakta wrote it (v1.8.1)",
  ignore: !present,
  fn: async () => {
    await using db = await freshDatabase();
    await importRun(db, samplePath("v1.8.1-origin-spanning/"));
    const data = await genomeMapData(db, "TEST_6");
    assert.deepEqual(data.sequences.map((s) => [s.id, s.length, s.topology]), [
      ["contig_1", 1330, "circular"],
    ]);
    const fasta = (await Deno.readTextFile(samplePath("v1.8.1-origin-spanning/TEST_6.fna")))
      .split("\n").filter((l) => !l.startsWith(">")).join("").toUpperCase();
    assert.equal(data.sequences[0].nt, fasta);
    const edge = data.features.filter((f) => f.edge);
    assert.equal(edge.length, 1);
    // JSON: start 971, stop 141 (GFF3 971..1471, GenBank join(971..1330,1..141)).
    assert.deepEqual([edge[0].start, edge[0].stop], [971, 141]);
    // Every feature's cross-references, as Bakta's JSON lists them.
    const json = JSON.parse(
      await Deno.readTextFile(samplePath("v1.8.1-origin-spanning/TEST_6.json")),
    );
    assert.deepEqual(
      data.features.map((f) => [...f.xrefs].sort()),
      json.features.map((f: { db_xrefs?: string[] }) => [...(f.db_xrefs ?? [])].sort()),
    );
  },
});
