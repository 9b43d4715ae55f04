/**
 * `baktadb demo`: the whole job without network, twice in a row, with factory runs and (when the
 * samples are present) with the real Bakta outputs.
 */

import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { demoGenomes } from "../../src/cli/_demo_action.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { listJobs } from "../../src/store/jobs_repository.ts";
import { reportSamples, SAMPLES_DIR, SAMPLES_PRESENT } from "../_samples.ts";
import { countsFromSummary, storedCounts } from "../client/job_service/_helpers.ts";
import { capture } from "./_helpers.ts";

reportSamples("tests/cli/demo_command_test.ts");

/** Feature counts per type read straight from a Bakta JSON file (no store code involved). */
async function countsFromJson(path: string): Promise<Record<string, number>> {
  const json = JSON.parse(await Deno.readTextFile(path));
  const counts: Record<string, number> = {};
  for (const feature of json.features) counts[feature.type] = (counts[feature.type] ?? 0) + 1;
  return counts;
}

async function runDemoTwice(samples: string) {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-demo-test-" });
  const db = `${dir}/demo.sqlite`;
  const out = `${dir}/figures`;
  const args = ["demo", "--db", db, "--out", out, "--samples", samples];
  const first = capture();
  const firstCode = await runCli(args, first.io);
  const second = capture();
  const secondCode = await runCli(args, second.io);
  return { dir, db, out, first, firstCode, second, secondCode };
}

Deno.test("baktadb demo runs twice with factory runs when the samples are absent", async () => {
  const run = await runDemoTwice("/nonexistent/bakta-samples");
  try {
    assert.equal(run.firstCode, 0, run.first.err());
    assert.equal(run.secondCode, 0, run.second.err());
    const out = run.first.out();
    assert.match(out, /not found: using factory-made runs instead/);
    assert.match(out, /Started a local stand-in of the Bakta web API at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(out, /no network is used/);
    assert.match(out, /Demo finished: 3 of 3 genomes imported/);
    assert.match(run.second.out(), /Demo finished: 3 of 3 genomes imported/);
    // the truth: the same factory runs, counted from their JSON files
    const scratch = await Deno.makeTempDir();
    const genomes = await demoGenomes("/nonexistent/bakta-samples", scratch);
    const db = await openDatabase(run.db);
    try {
      const jobs = await listJobs(db);
      assert.equal(jobs.length, 6, "three jobs per run");
      assert.ok(jobs.every((j) => j.status === "IMPORTED"));
      assert.equal(
        (await db.selectFrom("annotations").select("id").execute()).length,
        3,
        "the second run's imports are no-ops",
      );
      for (const genome of genomes) {
        const expected = await countsFromJson(`${genome.results}/${genome.genome}.json`);
        const annotationIds = new Set(
          jobs.filter((j) => j.name === genome.genome).map((j) => j.annotationId),
        );
        assert.equal(annotationIds.size, 1, "both runs' jobs lead to one annotation");
        const [id] = annotationIds;
        assert.deepEqual(await storedCounts(db, id!), expected);
        const total = Object.values(expected).reduce((a, b) => a + b, 0);
        assert.match(
          out,
          new RegExp(`${genome.genome} \\(annotation ${id}, job \\d+\\): ${total} features`),
        );
        for (const [type, count] of Object.entries(expected)) {
          assert.match(out, new RegExp(`\\n  ${type}\\s+${count}\\n`));
        }
      }
    } finally {
      await db.destroy();
      await Deno.remove(scratch, { recursive: true });
    }
    const svg = await Deno.readTextFile(`${run.out}/feature_types.svg`);
    assert.match(svg, /^<\?xml[^]*<svg/);
    assert.match(svg, /demo-alpha/);
    const shares = await Deno.readTextFile(`${run.out}/feature_type_shares.svg`);
    assert.match(shares, /Feature types per genome \(share\)/);
  } finally {
    await Deno.remove(run.dir, { recursive: true });
  }
});

Deno.test({
  name: "baktadb demo imports the real sample runs with the counts of their .txt summaries",
  ignore: !SAMPLES_PRESENT,
  fn: async () => {
    const run = await runDemoTwice(SAMPLES_DIR);
    try {
      assert.equal(run.firstCode, 0, run.first.err());
      assert.equal(run.secondCode, 0, run.second.err());
      const db = await openDatabase(run.db);
      try {
        const jobs = await listJobs(db);
        for (
          const [genome, txt] of [
            ["assembly", "v1.11.4-assembly/assembly.txt"],
            ["TEST_6", "v1.8.1-origin-spanning/TEST_6.txt"],
            ["CI-8050", "v1.9.4-efaecalis-CI-8050/CI-8050.txt"],
          ]
        ) {
          const job = jobs.find((j) => j.name === genome)!;
          assert.equal(job.status, "IMPORTED");
          assert.deepEqual(
            await storedCounts(db, job.annotationId!),
            await countsFromSummary(`${SAMPLES_DIR}${txt}`),
          );
        }
        assert.equal((await db.selectFrom("annotations").select("id").execute()).length, 3);
      } finally {
        await db.destroy();
      }
    } finally {
      await Deno.remove(run.dir, { recursive: true });
    }
  },
});
