import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { createGenome } from "../../src/store/genomes_repository.ts";
import { importRun } from "../../src/store/import_run.ts";
import { countFeatures } from "../../src/formats/run_counts.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { readSample, reportSamples, samplePath, SAMPLES_PRESENT } from "../_samples.ts";
import { SAMPLE_RUNS } from "../export/_helpers.ts";
import { capture } from "./_helpers.ts";

reportSamples("tests/cli/summary_command_test.ts");

async function database(): Promise<{ dir: string; path: string }> {
  const dir = await Deno.makeTempDir();
  return { dir, path: `${dir}/test.sqlite` };
}

Deno.test({
  name: "baktadb summary GENOME prints Bakta's .txt of the sample runs byte for byte",
  ignore: !SAMPLES_PRESENT,
  async fn() {
    const { dir, path } = await database();
    const db = await openDatabase(path);
    try {
      for (const { dir: sample } of SAMPLE_RUNS) await importRun(db, samplePath(sample));
    } finally {
      await db.destroy();
    }
    try {
      for (const { dir: sample, prefix } of SAMPLE_RUNS) {
        const c = capture();
        assert.equal(await runCli(["summary", prefix, "--db", path], c.io), 0, c.err());
        assert.equal(c.out(), new TextDecoder().decode(readSample(`${sample}/${prefix}.txt`)));
      }
      const c = capture();
      assert.equal(await runCli(["summary", "--db", path], c.io), 0);
      assert.match(c.out(), /^\s+TEST_6\s+assembly$/m);
      assert.match(c.out(), /^CDSs\s+2\s+92$/m);
      assert.match(c.out(), /^GC %\s+45\.2\s+51\.7$/m);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "baktadb summary of a GFF3-only Bakta 1.9.4 run prints its .txt, signal peptides included",
  ignore: !SAMPLES_PRESENT,
  async fn() {
    const { dir, path } = await database();
    const db = await openDatabase(path);
    try {
      await importRun(db, samplePath("v1.9.4-efaecalis-CI-8050"));
    } finally {
      await db.destroy();
    }
    try {
      const c = capture();
      assert.equal(await runCli(["summary", "CI-8050", "--db", path], c.io), 0, c.err());
      assert.equal(
        c.out(),
        new TextDecoder().decode(readSample("v1.9.4-efaecalis-CI-8050/CI-8050.txt")),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("baktadb summary: the counts of countFeatures() and the run's statistics, as JSON and TSV", async () => {
  const { dir, path } = await database();
  const runs = [
    makeRun({ seed: 81, sequences: 2, genomeSize: 30_000 }),
    makeRun({ seed: 82, sequences: 3, genomeSize: 20_000, circular: false }),
  ];
  const db = await openDatabase(path);
  try {
    await importRun(db, runs[0], { genome: "alpha" });
    await importRun(db, runs[1], { genome: "beta" });
    await createGenome(db, { name: "empty" });
  } finally {
    await db.destroy();
  }
  try {
    let c = capture();
    assert.equal(await runCli(["summary", "alpha", "beta", "--json", "--db", path], c.io), 0);
    const rows = JSON.parse(c.out());
    assert.deepStrictEqual(rows.map((r: { genome: string }) => r.genome), ["alpha", "beta"]);
    for (const [i, run] of runs.entries()) {
      const counts = countFeatures(run);
      const row = rows[i];
      assert.deepStrictEqual(
        [row.cdss, row.pseudogenes, row.hypotheticals, row.sorfs, row.trnas, row.crispr_arrays],
        [
          counts.cdss,
          counts.pseudogenes,
          counts.hypotheticals,
          counts.sorfs,
          counts.trnas,
          counts.crisprArrays,
        ],
      );
      assert.deepStrictEqual(
        [row.length, row.count, row.gc, row.n50],
        [run.stats!.size, run.stats!.sequenceCount, run.stats!.gc, run.stats!.n50],
      );
    }
    c = capture();
    assert.equal(await runCli(["summary", "--tsv", "--db", path], c.io), 0);
    const lines = c.out().trimEnd().split("\n");
    assert.equal(lines.length, 3, "a header and alpha, beta (empty has no annotation)");
    assert.deepStrictEqual(lines[0].split("\t").slice(0, 3), [
      "genome",
      "annotation_id",
      "bakta_version",
    ]);

    c = capture();
    assert.equal(await runCli(["summary", "alpha", "--db", path], c.io), 0);
    assert.match(c.out(), /^Sequence\(s\):\nLength: 30000\n/);
    assert.match(c.out(), new RegExp(`^CDSs: ${countFeatures(runs[0]).cdss}$`, "m"));

    for (
      const [args, code, message] of [
        [["summary", "nope"], 3, /No genome "nope"/],
        [["summary", "empty"], 3, /No genome annotation for "empty"/],
        [["summary", "--json", "--tsv"], 2, /Choose one/],
      ] as [string[], number, RegExp][]
    ) {
      c = capture();
      assert.equal(await runCli([...args, "--db", path], c.io), code, args.join(" "));
      assert.match(c.err(), message);
    }
    c = capture();
    assert.equal(await runCli(["summary", "--help"], c.io), 0);
    assert.match(c.out(), /Examples:\n {2}baktadb summary/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb summary of an empty database says so", async () => {
  const { dir, path } = await database();
  try {
    assert.equal(await runCli(["init", "--db", path], capture().io), 0);
    const c = capture();
    assert.equal(await runCli(["summary", "--db", path], c.io), 0);
    assert.equal(c.out(), "(no annotated genomes)\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
