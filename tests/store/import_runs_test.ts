import assert from "node:assert/strict";
import { formatRunAsBaktaJson, formatRunAsGff3, makeRun } from "../../src/testing/factory/mod.ts";
import { type ImportProgress, importRuns, listGenomes } from "../../src/store/mod.ts";
import { rowCounts } from "./_helpers.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

async function writeRuns(dir: string) {
  const runs = [1, 2, 3, 4].map((seed) =>
    makeRun({ seed, sequences: 1, featuresPerSequence: 20 + seed })
  );
  await Deno.mkdir(`${dir}/a`, { recursive: true });
  await Deno.mkdir(`${dir}/b/nested`, { recursive: true });
  await Deno.writeTextFile(`${dir}/a/one.json`, formatRunAsBaktaJson(runs[0]));
  await Deno.writeTextFile(`${dir}/a/one.gff3`, formatRunAsGff3(runs[0]));
  await Deno.writeTextFile(`${dir}/a/two.json`, formatRunAsBaktaJson(runs[1]));
  await Deno.writeTextFile(`${dir}/b/three.json`, formatRunAsBaktaJson(runs[2]));
  await Deno.writeTextFile(`${dir}/b/nested/four.json`, formatRunAsBaktaJson(runs[3]));
  await Deno.writeTextFile(`${dir}/a/notes.md`, "ignored");
  return runs;
}

engineTest(
  "importRuns() imports folders, files and globs; one bad item fails alone and leaves nothing",
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const runs = await writeRuns(dir);
      await Deno.writeTextFile(`${dir}/b/broken.json`, '{"features": [ {"type": "cds"');
      await using db = await freshDatabase();
      const events: ImportProgress[] = [];
      const result = await importRuns(db, [`${dir}/a`, `${dir}/b/*.json`, `${dir}/missing`], {
        concurrency: 3,
        onProgress: (p) => events.push(p),
      });
      const summary = result.items.map((i) => [i.prefix ?? i.item.replace(dir, ""), i.status]);
      assert.deepStrictEqual(summary, [
        ["/missing", "failed"],
        ["one", "imported"],
        ["two", "imported"],
        ["broken", "failed"],
        ["three", "imported"],
      ]);
      assert.equal(result.imported, 3);
      assert.equal(result.failed, 2);
      assert.match(result.items[0].error!.message, /no such file or folder/);
      assert.match(result.items[3].error!.message, /broken\.json/);
      assert.equal(result.ignored.length, 1);
      assert.ok(result.ignored[0].endsWith("notes.md"));
      assert.equal(
        result.features,
        runs[0].features.length + runs[1].features.length + runs[2].features.length,
      );
      const genomes = await listGenomes(db);
      assert.deepStrictEqual(genomes.map((g) => [g.name, g.features]), [
        ["one", runs[0].features.length],
        ["three", runs[2].features.length],
        ["two", runs[1].features.length],
      ]);
      // "one" was a run of two files: both stored.
      const files = await db.selectFrom("result_files").select("file_name").orderBy("file_name")
        .execute();
      assert.deepStrictEqual(files.map((f) => f.file_name), [
        "one.gff3",
        "one.json",
        "three.json",
        "two.json",
      ]);
      // Progress: a first event, then one per run, done counting up to the total.
      assert.equal(events[0].last, undefined);
      assert.deepStrictEqual(events.map((e) => e.done), [1, 2, 3, 4, 5]);
      assert.ok(events.every((e) => e.total === 5));
      assert.equal(events.at(-1)!.features, result.features);

      // The same batch again: everything skipped, nothing changes.
      const before = await rowCounts(db);
      const again = await importRuns(db, [`${dir}/a`, `${dir}/b/three.json`]);
      assert.deepStrictEqual(again.items.map((i) => i.status), ["skipped", "skipped", "skipped"]);
      assert.deepStrictEqual(await rowCounts(db), before);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

engineTest("importRuns() with recursive descends into sub-folders", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeRuns(dir);
    await using db = await freshDatabase();
    const flat = await importRuns(db, [`${dir}/b`]);
    assert.deepStrictEqual(flat.items.map((i) => i.prefix), ["three"]);
    const deep = await importRuns(db, [`${dir}/b`], { recursive: true });
    // Runs come in path order: b/nested/four.json before b/three.json.
    assert.deepStrictEqual(deep.items.map((i) => [i.prefix, i.status]), [
      ["four", "imported"],
      ["three", "skipped"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

engineTest(
  "importRuns(): a run that fails half-way leaves no trace while the others go in",
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const runs = await writeRuns(dir);
      await using db = await freshDatabase();
      const result = await importRuns(db, [`${dir}/a`, `${dir}/b`], {
        concurrency: 2,
        hooks: {
          afterFeatures: async (trx, info) => {
            const genome = await trx.selectFrom("annotations as a").innerJoin(
              "genomes as g",
              "g.id",
              "a.genome_id",
            )
              .select("g.name").where("a.id", "=", info.annotationId).executeTakeFirstOrThrow();
            if (genome.name === "two") throw new Error("disk full (injected)");
          },
        },
      });
      assert.deepStrictEqual(result.items.map((i) => [i.prefix, i.status]), [
        ["one", "imported"],
        ["two", "failed"],
        ["three", "imported"],
      ]);
      assert.match(result.items[1].error!.message, /disk full/);
      const counts = await rowCounts(db);
      assert.equal(counts.genomes, 2);
      assert.equal(counts.annotations, 2);
      assert.equal(counts.features, runs[0].features.length + runs[2].features.length);
      assert.equal(counts.features_fts, counts.features);
      assert.equal(counts.result_files, 3);
      const names = await db.selectFrom("genomes").select("name").orderBy("name").execute();
      assert.deepStrictEqual(names.map((n) => n.name), ["one", "three"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

engineTest(
  "importRuns() writes in input order whatever the parse order (versions follow the input)",
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const run = makeRun({ seed: 40, sequences: 1, featuresPerSequence: 400 });
      const corrected = structuredClone(run);
      corrected.sequences[0].nt = "G" + run.sequences[0].nt!.slice(1);
      corrected.features = corrected.features.slice(0, 5); // parses faster
      await Deno.writeTextFile(`${dir}/v1.json`, formatRunAsBaktaJson(run));
      await Deno.writeTextFile(`${dir}/v2.json`, formatRunAsBaktaJson(corrected));
      await using db = await freshDatabase();
      const result = await importRuns(db, [`${dir}/v1.json`, `${dir}/v2.json`], {
        genome: "G",
        concurrency: 2,
      });
      assert.deepStrictEqual(
        result.items.map((i) => [i.prefix, i.result?.sequenceVersion, i.result?.versionAction]),
        [["v1", 1, "new-genome"], ["v2", 2, "new-version"]],
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

engineTest("importRuns() rejects a bad concurrency", async () => {
  await using db = await freshDatabase();
  await assert.rejects(importRuns(db, ["x"], { concurrency: 0 }), {
    name: "RangeError",
    message: "Cannot import: concurrency must be a positive integer, got 0",
  });
});
