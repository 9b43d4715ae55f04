/**
 * Two `baktadb sync` processes (two laptops, or two terminals) bringing the same jobs forward at
 * once, against the Bakta stand-in: every job is started once, downloaded once and imported once.
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../../src/db/open_database.ts";
import { listJobs } from "../../../src/store/jobs_repository.ts";
import { runCliAtOnce, spawnCli } from "../../_cli_process.ts";
import { sqlite3 } from "../../_sqlite3.ts";
import { standInFor, storedCounts, writeFactoryGenomes } from "./_helpers.ts";

const JOBS = 4;

Deno.test("baktadb sync: two processes on the same jobs start, download and import each once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-sync2-" });
  const dbPath = `${dir}/jobs.sqlite`;
  try {
    const genomes = await writeFactoryGenomes(dir, JOBS, 301);
    await using standIn = await standInFor(genomes, { runningMs: 300 });
    const submit = await spawnCli([
      "submit",
      ...genomes.map((g) => g.fasta),
      "--api",
      standIn.baseUrl,
      "--db",
      dbPath,
    ]).output;
    assert.equal(submit.code, 0, submit.stdout + submit.stderr);

    const syncs = await runCliAtOnce(
      [1, 2].map(() => ["sync", "--wait", "--interval", "0.05", "--db", dbPath]),
    );
    for (const sync of syncs) assert.equal(sync.code, 0, sync.stdout + sync.stderr);
    for (const sync of syncs) {
      assert.match(sync.stdout, new RegExp(`Imported ${JOBS}, failed 0, pending 0 of ${JOBS}`));
    }

    const db = await openDatabase(dbPath);
    try {
      const jobs = await listJobs(db);
      assert.equal(jobs.length, JOBS);
      const annotations = await db.selectFrom("annotations").select(["id", "job_id"]).execute();
      assert.equal(annotations.length, JOBS, "each job imported exactly once");
      const results = standIn.requestsTo("result").map((r) => JSON.parse(r.body).jobID);
      for (const genome of genomes) {
        const job = jobs.find((j) => j.name === genome.genome)!;
        assert.equal(job.status, "IMPORTED");
        assert.deepEqual(await storedCounts(db, job.annotationId!), genome.expected);
        assert.equal(standIn.jobs.get(job.jobId)!.submissions, 1, "started exactly once");
        assert.equal(
          results.filter((id) => id === job.jobId).length,
          1,
          `the results of ${genome.genome} were fetched by one process only`,
        );
      }
      assert.deepEqual(await sqlite3(dbPath, "pragma integrity_check"), ["ok"]);
    } finally {
      await db.destroy();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
