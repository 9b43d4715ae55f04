/**
 * Two `baktadb sync` processes (two laptops, or two terminals) bringing the same jobs forward at
 * once, against the Bakta stand-in: every job is started once, downloaded once and imported once.
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../../src/db/open_database.ts";
import { listJobEvents, listJobs } from "../../../src/store/jobs_repository.ts";
import { runCliAtOnce, spawnCli, until } from "../../_cli_process.ts";
import { sqlite3 } from "../../_sqlite3.ts";
import { standInFor, storedCounts, writeFactoryGenomes } from "./_helpers.ts";
import { engineTest, testDatabaseUrl } from "../../_engines.ts";

const JOBS = 4;

engineTest(
  "baktadb sync: two processes on the same jobs start, download and import each once",
  async (_t, engine) => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-sync2-" });
    const dbPath = await testDatabaseUrl(dir);
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
      // A process that starts a moment later finds jobs the other has finished already: each
      // reports every job it saw as imported, none failed or pending; the exactly-once counts below.
      for (const sync of syncs) {
        assert.match(sync.stdout, /Imported (\d+), failed 0, pending 0 of \1 job\(s\)/);
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
        if (engine === "sqlite") {
          assert.deepEqual(await sqlite3(dbPath, "pragma integrity_check"), ["ok"]);
        }
      } finally {
        await db.destroy();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test("baktadb sync: the claim of a sync killed while downloading runs out, and the next sync imports the job", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-claim-" });
  const dbPath = `${dir}/jobs.sqlite`;
  const leaseMs = 1_500;
  try {
    const genomes = await writeFactoryGenomes(dir, 1, 331);
    await using standIn = await standInFor(genomes, { runningMs: 0 });
    const submit = await spawnCli([
      "submit",
      genomes[0].fasta,
      "--api",
      standIn.baseUrl,
      "--db",
      dbPath,
    ])
      .output;
    assert.equal(submit.code, 0, submit.stdout + submit.stderr);
    standIn.setFault({ endpoint: "download", kind: "delay", ms: 60_000, times: 1 });
    const killed = spawnCli(["sync", "--wait", "--interval", "0.05", "--db", dbPath], {
      BAKTADB_CLAIM_LEASE_MS: String(leaseMs),
    });
    await until("a hanging download", () => standIn.requestsTo("download").length > 0);
    killed.child.kill("SIGKILL");
    assert.equal((await killed.output).signal, "SIGKILL");
    standIn.clearFaults();

    const db = await openDatabase(dbPath);
    try {
      const [held] = await listJobs(db);
      assert.equal(held.status, "SUCCESSFUL");
      const [last] = await listJobEvents(db, held.id).then((events) => events.slice(-1));
      assert.ok(
        Date.parse(held.updatedAt) >= Date.parse(last.at) + leaseMs,
        `claimed: updated_at ${held.updatedAt} holds the lease's end (last event ${last.at})`,
      );

      const next = await spawnCli(["sync", "--wait", "--interval", "0.05", "--db", dbPath]).output;
      assert.equal(next.code, 0, next.stdout + next.stderr);
      assert.match(next.stdout, /Imported 1, failed 0, pending 0 of 1/);
      const [job] = await listJobs(db);
      assert.equal(job.status, "IMPORTED");
      assert.deepEqual(await storedCounts(db, job.annotationId!), genomes[0].expected);
      assert.equal(standIn.jobs.get(job.jobId)!.submissions, 1, "started exactly once");
    } finally {
      await db.destroy();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
