import assert from "node:assert/strict";
import { listJobEvents, listJobs } from "../../../src/store/jobs_repository.ts";
import {
  type JobStatusEvent,
  MAX_FAILED_POLLS,
  submitGenomes,
  syncJobs,
} from "../../../src/client/job_service/mod.ts";
import { fastClient } from "../_helpers.ts";
import { reportSamples, SAMPLES_PRESENT } from "../../_samples.ts";
import {
  assertNoSecretsIn,
  assertNoSecretsInDatabase,
  sampleGenomes,
  secretsOf,
  standInFor,
  storedCounts,
  type TestGenome,
  writeFactoryGenomes,
} from "./_helpers.ts";
import { freshDatabase } from "../../_fresh_database.ts";

reportSamples("tests/client/job_service/sync_jobs_test.ts");

async function withGenomes<T>(
  work: (genomes: TestGenome[], dir: string) => Promise<T>,
  count = 3,
): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-test-" });
  try {
    return await work(await writeFactoryGenomes(dir, count), dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("submitGenomes() then syncJobs() import three genomes with the right feature counts", async () => {
  await withGenomes(async (genomes) => {
    await using standIn = await standInFor(genomes, { pendingMs: 20, runningMs: 60 });
    await using db = await freshDatabase();
    const { client } = fastClient(standIn.baseUrl);
    const events: JobStatusEvent[] = [];
    const progress: number[] = [];
    const submitted = await submitGenomes(
      db,
      client,
      genomes.map((g) => ({ fasta: g.fasta, genome: g.genome, options: { genus: "Testella" } })),
      { onStatus: (e) => events.push(e) },
    );
    assert.equal(submitted.submitted, 3);
    assert.deepEqual(submitted.items.map((i) => i.job.status), ["INIT", "INIT", "INIT"]);
    const result = await syncJobs(db, client, {
      wait: true,
      intervalMs: 15,
      onStatus: (e) => events.push(e),
      onProgress: (p) => progress.push(p.done),
    });
    assert.equal(result.imported, 3);
    assert.equal(result.failed, 0);
    assert.equal(result.pending, 0);
    for (const genome of genomes) {
      const item = result.jobs.find((j) => j.job.name === genome.genome)!;
      assert.equal(item.job.status, "IMPORTED");
      assert.deepEqual(await storedCounts(db, item.job.annotationId!), genome.expected);
      const annotation = await db.selectFrom("annotations").selectAll()
        .where("id", "=", item.job.annotationId!).executeTakeFirstOrThrow();
      assert.equal(annotation.source, "job");
      assert.equal(annotation.job_id, item.job.id);
      const statuses = (await listJobEvents(db, item.job.id)).map((e) => e.status);
      const distinct = statuses.filter((s, i) => s !== statuses[i - 1]);
      assert.deepEqual(
        distinct.filter((s) => s !== "INIT" && s !== "RUNNING"),
        ["CREATED", "UPLOADED", "SUCCESSFUL", "IMPORTED"],
      );
      assert.ok(distinct.includes("INIT"));
    }
    // every job was started exactly once
    for (const job of standIn.jobs.values()) assert.equal(job.submissions, 1);
    // one list call per round for all three jobs (plus one per start, to never start twice)
    const lists = standIn.requestsTo("list").map((r) => JSON.parse(r.body).jobs.length);
    assert.deepEqual(lists.slice(0, 3), [1, 1, 1], "one list before each start");
    assert.equal(lists[3], 3, "the first poll asks about all three jobs at once");
    assert.equal(result.listCalls, lists.length - 3);
    assert.ok(result.listCalls <= result.rounds);
    assert.equal(progress.at(-1), 3);
    assert.equal((await db.selectFrom("annotations").selectAll().execute()).length, 3);
    const secrets = secretsOf(standIn);
    assertNoSecretsIn({
      events: JSON.stringify(events),
      result: JSON.stringify(result),
      submitted: JSON.stringify(submitted),
    }, secrets);
    await assertNoSecretsInDatabase(db, secrets);
  });
});

Deno.test("syncJobs() asks about many jobs in one list call per chunk", async () => {
  await withGenomes(async (genomes) => {
    await using standIn = await standInFor(genomes, { pendingMs: 5_000 });
    await using db = await freshDatabase();
    const { client } = fastClient(standIn.baseUrl);
    await submitGenomes(db, client, genomes.map((g) => ({ fasta: g.fasta, genome: g.genome })));
    const before = standIn.requestsTo("list").length;
    const result = await syncJobs(db, client, { listChunkSize: 2 });
    const polls = standIn.requestsTo("list").slice(before);
    assert.deepEqual(polls.map((r) => JSON.parse(r.body).jobs.length), [2, 1]);
    assert.equal(result.listCalls, 2);
    assert.equal(result.pending, 3);
    assert.deepEqual(result.jobs.map((j) => j.outcome), ["pending", "pending", "pending"]);
  });
});

Deno.test({
  name: "syncJobs() imports real Bakta outputs with the counts of Bakta's own .txt summary",
  ignore: !SAMPLES_PRESENT,
  fn: async () => {
    await withGenomes(async (factory) => {
      const genomes = [...await sampleGenomes(), ...factory];
      await using standIn = await standInFor(genomes);
      await using db = await freshDatabase();
      const { client } = fastClient(standIn.baseUrl);
      await submitGenomes(db, client, genomes.map((g) => ({ fasta: g.fasta, genome: g.genome })));
      const result = await syncJobs(db, client, { wait: true, intervalMs: 15 });
      assert.equal(result.imported, 3);
      for (const genome of genomes) {
        const item = result.jobs.find((j) => j.job.name === genome.genome)!;
        assert.deepEqual(await storedCounts(db, item.job.annotationId!), genome.expected);
      }
      // the assembly run has no PNG: noted as missing, not fatal
      const assembly = result.jobs.find((j) => j.job.name === "assembly")!;
      const details = (await listJobEvents(db, assembly.job.id)).map((e) => e.detail ?? "");
      assert.ok(details.some((d) => /missing on the service: PNGCircularPlot/.test(d)));
      const files = await db.selectFrom("result_files").select("file_name")
        .where("annotation_id", "=", assembly.job.annotationId!).execute();
      assert.ok(files.some((f) => f.file_name === "assembly.svg"));
      assert.ok(files.some((f) => f.file_name === "assembly.txt"));
      await assertNoSecretsInDatabase(db, secretsOf(standIn));
    }, 1);
  },
});

Deno.test("syncJobs() without a job to do makes no request", async () => {
  await using standIn = await standInFor([]);
  await using db = await freshDatabase();
  const result = await syncJobs(db, fastClient(standIn.baseUrl).client, { wait: true });
  assert.equal(result.jobs.length, 0);
  assert.equal(standIn.requests.length, 0);
});

Deno.test("syncJobs() leaves jobs of another service alone when given one client", async () => {
  await withGenomes(async (genomes) => {
    await using standIn = await standInFor(genomes);
    await using other = await standInFor(genomes);
    await using db = await freshDatabase();
    await submitGenomes(db, fastClient(standIn.baseUrl).client, [
      { fasta: genomes[0].fasta, genome: genomes[0].genome },
    ]);
    const result = await syncJobs(db, fastClient(other.baseUrl).client, { wait: true });
    assert.equal(result.skipped, 1);
    assert.equal(other.requests.length, 0);
    assert.equal((await listJobs(db))[0].status, "INIT");
  }, 1);
});

Deno.test("syncJobs() gives up on an unreachable service after a few rounds; other services go on", async () => {
  await withGenomes(async (genomes) => {
    await using up = await standInFor(genomes);
    const down = await standInFor(genomes, { pendingMs: 60_000 });
    await using db = await freshDatabase();
    const clients = new Map<string, ReturnType<typeof fastClient>["client"]>();
    const clientOf = (url: string) => {
      if (!clients.has(url)) clients.set(url, fastClient(url, { timeoutMs: 500 }).client);
      return clients.get(url)!;
    };
    await submitGenomes(db, clientOf(down.baseUrl), [
      { fasta: genomes[0].fasta, genome: genomes[0].genome },
    ]);
    await submitGenomes(db, clientOf(up.baseUrl), [
      { fasta: genomes[1].fasta, genome: genomes[1].genome },
    ]);
    await down.close();
    const result = await syncJobs(db, clientOf, { wait: true, intervalMs: 10 });
    const [lost, fine] = result.jobs;
    assert.equal(fine.outcome, "imported");
    assert.equal(lost.outcome, "failed");
    assert.equal(lost.job.status, "INIT", "the stored status is unchanged");
    assert.match(lost.error!, /Cannot list job "[0-9a-f-]{36}": connection failed/);
    assert.ok(result.rounds >= MAX_FAILED_POLLS);
  }, 2);
});
