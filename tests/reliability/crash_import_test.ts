/**
 * Crash matrix of `baktadb import` (issue #17 item 1): an import of a batch of four runs is killed
 * with SIGKILL at six moments (before the first write, inside a run's transaction after its genome,
 * after its features, after its files, between two committed runs, after the last commit); the
 * next import finishes, every run is stored exactly once with the feature counts the factory
 * made (independent of the store), the search and region indexes hold one entry per feature, and
 * `sqlite3` finds the file sound.
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import {
  storedCounts,
  type TestGenome,
  writeFactoryGenomes,
} from "../client/job_service/_helpers.ts";
import { rowCounts } from "../store/_helpers.ts";
import { sqlite3 } from "../_sqlite3.ts";
import { assertIntegrity, crashCase, killAt, runOk } from "./_crash.ts";

const WHAT = "SIGKILL during `import` of a batch of 4 runs";

/**
 * The moments: a pause point and its occurrence (the Nth run to reach it), and how many runs
 * the kill leaves committed (which proves where it struck).
 */
const MOMENTS: [string, number][] = [
  ["import:prepared#1", 0],
  ["import:genome#1", 0],
  ["import:features#2", 1],
  ["import:files#3", 2],
  ["import:committed#2", 2],
  ["import:committed#4", 4],
];

for (const [moment, committed] of MOMENTS) {
  Deno.test(`baktadb import killed at ${moment}: the next import stores each run once`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-crash-import-" });
    try {
      await crashCase(WHAT, moment, async () => {
        const genomes = await writeFactoryGenomes(dir, 4, 301);
        const db = `${dir}/crash.sqlite`;
        const args = ["import", ...genomes.map((g) => g.results), "--db", db];
        await killAt(args, moment);
        assert.deepEqual(await sqlite3(db, "select count(*) from annotations"), [`${committed}`]);
        const rerun = await runOk(args);
        assert.match(rerun.stdout + rerun.stderr, /4 run|imported/i);
        await assertIntegrity(db);
        await assertStoredOnce(db, genomes);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

/** Each genome has one annotation with the factory's counts; no row beyond them. */
async function assertStoredOnce(path: string, genomes: readonly TestGenome[]): Promise<void> {
  const db = await openDatabase(path);
  try {
    const annotations = await db.selectFrom("annotations").innerJoin(
      "genomes",
      "genomes.id",
      "annotations.genome_id",
    ).select(["annotations.id", "genomes.name"]).execute();
    assert.deepEqual(annotations.map((a) => a.name).sort(), genomes.map((g) => g.genome).sort());
    for (const genome of genomes) {
      const { id } = annotations.find((a) => a.name === genome.genome)!;
      assert.deepEqual(await storedCounts(db, id), genome.expected, genome.genome);
    }
    const counts = await rowCounts(db);
    const features = genomes.reduce(
      (sum, g) => sum + Object.values(g.expected).reduce((a, b) => a + b, 0),
      0,
    );
    assert.equal(counts.genomes, genomes.length);
    assert.equal(counts.features, features);
    assert.equal(counts.result_files, genomes.length * 2, "a JSON and a GFF3 per run");
  } finally {
    await db.destroy();
  }
}
