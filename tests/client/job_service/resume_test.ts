/**
 * `syncJobs()` resuming every state an interrupted process can leave a job in, and the service
 * forgetting a job or refusing its secret.
 */

import assert from "node:assert/strict";
import { getJob, listJobEvents, listJobs } from "../../../src/store/jobs_repository.ts";
import {
  deleteServiceJob,
  importJobResults,
  jobLogs,
  submitGenomes,
  syncJobs,
} from "../../../src/client/job_service/mod.ts";
import { BaktaApiError } from "../../../src/client/bakta_error.ts";
import { fastClient } from "../_helpers.ts";
import {
  assertNoSecretsIn,
  assertNoSecretsInDatabase,
  secretsOf,
  standInFor,
  storedCounts,
  type TestGenome,
  writeFactoryGenomes,
} from "./_helpers.ts";
import { freshDatabase } from "../../_fresh_database.ts";

async function setup(count = 1) {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-resume-" });
  const genomes = await writeFactoryGenomes(dir, count, 51);
  const standIn = await standInFor(genomes);
  const db = await freshDatabase();
  const { client } = fastClient(standIn.baseUrl);
  return {
    dir,
    genomes,
    standIn,
    db,
    client,
    async [Symbol.asyncDispose]() {
      await db.destroy();
      await standIn.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

function inputs(genomes: TestGenome[]) {
  return genomes.map((g) => ({ fasta: g.fasta, genome: g.genome }));
}

Deno.test("syncJobs() resumes a job recorded before init (init kept failing)", async () => {
  await using s = await setup();
  s.standIn.setFault({ endpoint: "init", kind: "status", status: 503, times: 4 });
  const submitted = await submitGenomes(s.db, s.client, inputs(s.genomes));
  assert.equal(submitted.failed, 1);
  assert.equal(submitted.items[0].job.status, "CREATED");
  assert.equal(submitted.items[0].job.jobId, null, "no service job yet");
  assert.match(submitted.items[0].error!.message, /HTTP 503/);
  const result = await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  assert.equal(result.imported, 1);
  assert.deepEqual(
    await storedCounts(s.db, result.jobs[0].job.annotationId!),
    s.genomes[0].expected,
  );
  assert.equal(s.standIn.jobs.size, 1);
});

Deno.test("syncJobs() re-initialises a CREATED job whose upload was never recorded", async () => {
  await using s = await setup();
  // the object store refuses every upload (403 is not retried): the job stays CREATED
  s.standIn.setFault({ endpoint: "upload", kind: "status", status: 403, times: 1 });
  const submitted = await submitGenomes(s.db, s.client, inputs(s.genomes));
  const first = submitted.items[0].job;
  assert.equal(first.status, "CREATED");
  assert.notEqual(first.jobId, null);
  const result = await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  assert.equal(result.imported, 1);
  const job = result.jobs[0].job;
  assert.notEqual(job.jobId, first.jobId, "a fresh service job");
  assert.equal(s.standIn.jobs.get(first.jobId!)!.deleted, true, "the unused job is deleted");
  assert.equal(s.standIn.jobs.get(first.jobId!)!.submissions, 0);
  assert.equal(s.standIn.jobs.get(job.jobId!)!.submissions, 1);
  const details = (await listJobEvents(s.db, job.id)).map((e) => e.detail ?? "");
  assert.ok(details.some((d) => d.includes(`replacing job ${first.jobId}`)));
});

Deno.test("syncJobs() starts an UPLOADED job that was never started, once", async () => {
  await using s = await setup();
  s.standIn.setFault({ endpoint: "start", kind: "status", status: 500, times: 4 });
  const submitted = await submitGenomes(s.db, s.client, inputs(s.genomes));
  assert.equal(submitted.items[0].job.status, "UPLOADED");
  const result = await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  assert.equal(result.imported, 1);
  assert.equal(s.standIn.jobs.get(result.jobs[0].job.jobId!)!.submissions, 1);
});

Deno.test("syncJobs() never starts again a job started before its start was recorded", async () => {
  await using s = await setup();
  s.standIn.setFault({ endpoint: "start", kind: "status", status: 500, times: 4 });
  const submitted = await submitGenomes(s.db, s.client, inputs(s.genomes));
  const row = await getJob(s.db, submitted.items[0].job.id);
  assert.equal(row.status, "UPLOADED");
  // the crash came right after the service accepted the start
  await s.client.start({ jobID: row.jobId, secret: row.secret }, JSON.parse(row.configJson));
  const result = await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  assert.equal(result.imported, 1);
  assert.equal(s.standIn.jobs.get(row.jobId)!.submissions, 1);
  const details = (await listJobEvents(s.db, row.id)).map((e) => e.detail ?? "");
  assert.ok(details.some((d) => d.includes("not started again")));
});

Deno.test("syncJobs() marks IMPORTED a job whose import committed before the crash", async () => {
  await using s = await setup();
  await submitGenomes(s.db, s.client, inputs(s.genomes));
  await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  const [row] = await listJobs(s.db);
  assert.equal(row.status, "IMPORTED");
  // simulate the old crash window: annotation stored, job not yet marked
  await s.db.updateTable("jobs").set({ status: "SUCCESSFUL", annotation_id: null }).execute();
  const downloads = s.standIn.requestsTo("download").length;
  const result = await syncJobs(s.db, s.client, {});
  assert.equal(result.jobs[0].job.status, "IMPORTED");
  assert.equal(result.jobs[0].job.annotationId, row.annotationId);
  assert.equal(s.standIn.requestsTo("download").length, downloads, "nothing downloaded again");
  assert.equal((await s.db.selectFrom("annotations").select("id").execute()).length, 1);
});

Deno.test("importJobResults() links a job to files imported before instead of importing twice", async () => {
  await using s = await setup();
  const twice = [...inputs(s.genomes), ...inputs(s.genomes)];
  await submitGenomes(s.db, s.client, twice);
  const result = await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  assert.equal(result.imported, 2);
  const [a, b] = result.jobs.map((j) => j.job.annotationId);
  assert.equal(a, b);
  assert.equal((await s.db.selectFrom("annotations").select("id").execute()).length, 1);
  assert.equal(result.features, Object.values(s.genomes[0].expected).reduce((x, y) => x + y));
});

Deno.test("syncJobs() cannot resume a CREATED job whose FASTA changed, vanished or was text", async (t) => {
  await using s = await setup();
  s.standIn.setFault({ endpoint: "init", kind: "status", status: 503, times: 12 });
  const text = { fasta: { text: ">c1\nACGTACGT\n" }, genome: "inline" };
  const changed = `${s.dir}/changed.fna`;
  const vanished = `${s.dir}/vanished.fna`;
  await Deno.writeTextFile(changed, ">c1\nACGT\n");
  await Deno.writeTextFile(vanished, ">c1\nACGT\n");
  const submitted = await submitGenomes(s.db, s.client, [
    text,
    { fasta: changed, genome: "changed" },
    { fasta: vanished, genome: "vanished" },
  ], { uploadConcurrency: 1 });
  assert.equal(submitted.failed, 3);
  await Deno.writeTextFile(changed, ">c1\nACGTT\n");
  await Deno.remove(vanished);
  s.standIn.clearFaults();
  const result = await syncJobs(s.db, s.client, {});
  const byName = new Map(result.jobs.map((j) => [j.job.name, j]));
  await t.step("text input", () => {
    assert.equal(byName.get("inline")!.outcome, "failed");
    assert.match(byName.get("inline")!.error!, /given as content, which is not kept/);
  });
  await t.step("changed file", () => {
    assert.match(byName.get("changed")!.error!, /changed since the job was submitted/);
  });
  await t.step("missing file", () => {
    assert.match(byName.get("vanished")!.error!, /vanished\.fna" is gone/);
  });
  for (const item of result.jobs) assert.equal(item.job.status, "CREATED", "kept for later");
  assert.equal(s.standIn.requestsTo("init").length, 12, "no init after the faults");
  // a second sync tries again (and fails again the same way)
  const again = await syncJobs(s.db, s.client, { jobs: [byName.get("changed")!.job.id] });
  assert.equal(again.jobs[0].outcome, "failed");
});

Deno.test("syncJobs() marks UNAUTHORIZED a job whose stored secret is wrong, and leaks neither secret", async () => {
  await using s = await setup();
  s.standIn.setFault({ endpoint: "start", kind: "delay", ms: 1 });
  await submitGenomes(s.db, s.client, inputs(s.genomes));
  const wrong = "WrongSecret0123456789abcdefWXYZ0";
  await s.db.updateTable("jobs").set({ secret: wrong }).execute();
  const result = await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  assert.equal(result.jobs[0].job.status, "UNAUTHORIZED");
  assert.equal(result.failed, 1);
  assert.match(result.jobs[0].error!, /refuses the secret/);
  const secrets = [...secretsOf(s.standIn), wrong];
  assertNoSecretsIn({ result: JSON.stringify(result) }, secrets);
  await assertNoSecretsInDatabase(s.db, secrets);
});

Deno.test("syncJobs() marks NOT_FOUND a job the service forgot; imported results are kept", async () => {
  await using s = await setup(2);
  s.standIn.setFault({ endpoint: "start", kind: "delay", ms: 1 });
  const submitted = await submitGenomes(s.db, s.client, inputs(s.genomes));
  // the first is imported, then forgotten by the service: nothing changes for it
  const first = await syncJobs(s.db, s.client, {
    jobs: [submitted.items[0].job.id],
    wait: true,
    intervalMs: 10,
  });
  assert.equal(first.imported, 1);
  for (const item of submitted.items) s.standIn.jobs.get(item.job.jobId!)!.deleted = true;
  const result = await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  assert.equal(result.jobs.length, 1, "only the unfinished job is polled");
  assert.equal(result.jobs[0].job.status, "NOT_FOUND");
  assert.match(result.jobs[0].error!, /no longer knows/);
  const kept = await getJob(s.db, submitted.items[0].job.id);
  assert.equal(kept.status, "IMPORTED");
  assert.equal((await s.db.selectFrom("annotations").select("id").execute()).length, 1);
});

Deno.test("importJobResults() marks NOT_FOUND a successful job forgotten before its download", async () => {
  await using s = await setup();
  await submitGenomes(s.db, s.client, inputs(s.genomes));
  await new Promise((resolve) => setTimeout(resolve, 80));
  await s.db.updateTable("jobs").set({ status: "SUCCESSFUL" }).execute();
  const [row] = await listJobs(s.db);
  s.standIn.jobs.get(row.jobId)!.deleted = true;
  const outcome = await importJobResults(s.db, s.client, row);
  assert.equal(outcome.status, "gone");
  assert.equal(outcome.row.status, "NOT_FOUND");
});

Deno.test("jobLogs() and deleteServiceJob(): stored logs outlive the service's copy", async () => {
  await using s = await setup();
  s.standIn.setFault({ endpoint: "start", kind: "jobError", logs: "ERROR: no sequence left" });
  await submitGenomes(s.db, s.client, inputs(s.genomes));
  await syncJobs(s.db, s.client, { wait: true, intervalMs: 10 });
  let [row] = await listJobs(s.db);
  assert.equal(row.status, "ERROR");
  const live = await jobLogs(s.db, s.client, row);
  assert.equal(live.source, "service");
  assert.match(live.text, /ERROR: no sequence left/);
  const deleted = await deleteServiceJob(s.db, s.client, row);
  assert.equal(deleted.status, "DELETED");
  [row] = await listJobs(s.db);
  assert.equal(row.secret, "", "the secret is forgotten");
  const stored = await jobLogs(s.db, s.client, row);
  assert.equal(stored.source, "stored");
  assert.match(stored.text, /ERROR: no sequence left/);
});

Deno.test("submitGenomes() checks every genome before sending anything", async (t) => {
  await using s = await setup();
  const bad = `${s.dir}/bad.fna`;
  await Deno.writeTextFile(bad, ">c1\nACGT\n>c2\nACXT\n");
  await t.step("a bad FASTA names file and line", async () => {
    await assert.rejects(
      submitGenomes(s.db, s.client, [...inputs(s.genomes), { fasta: bad }]),
      (error: Error) =>
        error.message.includes("bad.fna line 4") && error.name === "BaktaValidationError",
    );
  });
  await t.step("a bad option names it", async () => {
    await assert.rejects(
      submitGenomes(s.db, s.client, [{ ...inputs(s.genomes)[0], options: { locusTag: "abc" } }]),
      /Invalid locusTag "abc"/,
    );
  });
  await t.step("an unknown configuration", async () => {
    await assert.rejects(
      submitGenomes(s.db, s.client, [{ ...inputs(s.genomes)[0], config: "nope" }]),
      /No job configuration "nope"/,
    );
  });
  await t.step("text needs a genome name", async () => {
    await assert.rejects(
      submitGenomes(s.db, s.client, [{ fasta: { text: ">c\nACGT\n" } }]),
      /Invalid genome/,
    );
  });
  assert.equal(s.standIn.requests.length, 0, "nothing was sent");
  assert.equal((await listJobs(s.db)).length, 0, "nothing was recorded");
});

Deno.test("submitGenomes() stores the config sent, merged from a saved configuration", async () => {
  await using s = await setup();
  const { saveJobConfig } = await import("../../../src/store/job_configs_repository.ts");
  await saveJobConfig(s.db, "mine", { genus: "Testella", locusTag: "TST", complete: true });
  const submitted = await submitGenomes(s.db, s.client, [
    { ...inputs(s.genomes)[0], config: "mine", options: { complete: false, strain: "X1" } },
  ]);
  const config = submitted.items[0].job.config as Record<string, unknown>;
  assert.equal(config.genus, "Testella");
  assert.equal(config.locusTag, "TST");
  assert.equal(config.completeGenome, false);
  assert.equal(config.strain, "X1");
  assert.equal(config.hasReplicons, false);
  const sent = JSON.parse(s.standIn.requestsTo("start")[0].body).config;
  assert.deepEqual(sent, config);
  assert.equal(submitted.items[0].job.configId, 1);
});

Deno.test("deleteServiceJob() refuses a wrong secret and changes nothing", async () => {
  await using s = await setup();
  await submitGenomes(s.db, s.client, inputs(s.genomes));
  await s.db.updateTable("jobs").set({ secret: "WrongSecret0123456789abcdefWXYZ0" }).execute();
  const [row] = await listJobs(s.db);
  const error = await deleteServiceJob(s.db, s.client, row).catch((e) => e);
  assert.ok(error instanceof BaktaApiError);
  assert.equal(error.serviceMessage, "Unauthorized");
  assert.ok(!error.message.includes("WrongSecret0123456789abcdefWXYZ0"));
  assert.equal((await listJobs(s.db))[0].status, row.status);
});
