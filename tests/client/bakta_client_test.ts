/**
 * BaktaClient against the local stand-in: every endpoint, the contract's quirks, and a full run
 * whose downloads are compared byte for byte with real Bakta outputs.
 */

import assert from "node:assert/strict";
import {
  BAKTA_RESULT_FILE_EXTENSIONS,
  BAKTA_RESULT_FILE_KEYS,
  BaktaApiError,
  BaktaClient,
  type BaktaJob,
  type BaktaJobOutcome,
  BaktaValidationError,
  buildJobConfig,
  fileNameFromDownloadUrl,
} from "../../src/client/mod.ts";
import { startBaktaStandIn } from "../../src/testing/bakta_stand_in/mod.ts";
import { fastClient, readAll, rejection, sampleFolder } from "./_helpers.ts";

const origin = await sampleFolder("v1.8.1-origin-spanning");

async function startedJob(client: BaktaClient, name = "genome.fna"): Promise<BaktaJob> {
  const { job, uploadLinkFasta } = await client.init(name, "TSV");
  await client.upload(uploadLinkFasta, ">c1\nACGTACGT\n");
  await client.start(job, buildJobConfig({}));
  return job;
}

Deno.test({
  name: "BaktaClient runs a job from init to downloaded results identical to Bakta's files",
  ignore: !origin.present,
  async fn() {
    // a manual clock: the job runs for 1 s of stand-in time; each poll interval advances 600 ms
    let clock = Date.parse("2025-03-01T12:00:00Z");
    await using standIn = await startBaktaStandIn({
      now: () => clock,
      runningMs: 1_000,
      resultsDir: origin.url,
    });
    const { client } = fastClient(standIn.baseUrl, {
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
    });
    const { job, uploadLinkFasta } = await client.init("TEST 6", "TSV");
    // a stream body: the stand-in refuses uploads without Content-Length, as object stores do
    const file = await Deno.open(new URL("TEST_6.fna", origin.url));
    await client.upload(uploadLinkFasta, file.readable);
    const fasta = await Deno.readFile(new URL("TEST_6.fna", origin.url));
    assert.deepEqual(standIn.jobs.get(job.jobID)?.uploads.get("fasta"), fasta);
    await client.start(job, buildJobConfig({ genus: "Escherichia", gram: "-" }));
    const seen: string[] = [];
    const [outcome] = await client.waitForJobs([job], {
      intervalMs: 600,
      onStatus: (update) => seen.push(update.status),
    });
    assert.equal(outcome.status, "SUCCESSFUL");
    assert.equal(outcome.listed?.name, "TEST_6");
    assert.equal(outcome.listed?.updated, "2025-03-01T12:00:01Z");
    assert.deepEqual(seen, ["RUNNING", "SUCCESSFUL"]);
    assert.equal(standIn.requestsTo("list").length, 3, "polls at 0, 0.6 and 1.2 s");

    const result = await client.result(job);
    assert.equal(result.jobID, job.jobID);
    assert.equal(result.name, "TEST_6");
    assert.deepEqual(Object.keys(result.ResultFiles).sort(), [...BAKTA_RESULT_FILE_KEYS].sort());
    const onDisk: Record<string, string> = {
      GFF3: "TEST_6.gff3",
      GBFF: "TEST_6.gbff",
      JSON: "TEST_6.json",
      TSV: "TEST_6.tsv",
      TSVHypothetical: "TEST_6.hypotheticals.tsv",
      FNA: "TEST_6.fna",
      TXTLogs: "TEST_6.txt",
    };
    for (const key of BAKTA_RESULT_FILE_KEYS) {
      const link = result.ResultFiles[key]!;
      assert.equal(fileNameFromDownloadUrl(link), `TEST_6.${BAKTA_RESULT_FILE_EXTENSIONS[key]}`);
      if (onDisk[key]) {
        const bytes = await readAll(await client.download(link));
        assert.deepEqual(bytes, await Deno.readFile(new URL(onDisk[key], origin.url)), key);
      } else {
        const before = standIn.requestsTo("download").length;
        const error = await rejection(client.download(link), BaktaApiError);
        assert.equal(error.status, 404);
        assert.equal(error.endpoint, "download");
        assert.equal(error.serviceMessage, "NoSuchKey: The specified key does not exist.");
        assert.match(error.message, new RegExp(`^Cannot download "TEST_6\\.`));
        assert.equal(standIn.requestsTo("download").length, before + 1, "404 is not retried");
      }
    }
    assert.match(await client.logs(job), /Annotation successfully finished/);
    await client.delete(job);
    const listed = await client.list([job]);
    assert.deepEqual(listed.failedJobs, [{ jobID: job.jobID, jobStatus: "NOT_FOUND" }]);
  },
});

Deno.test("BaktaClient.version() reads the service versions", async () => {
  await using standIn = await startBaktaStandIn({ version: { toolVersion: "1.11.4" } });
  const { client } = fastClient(standIn.baseUrl);
  assert.deepEqual(await client.version(), {
    toolVersion: "1.11.4",
    dbVersion: "5.1.0",
    backendVersion: "0.6.4",
  });
  const [request] = standIn.requestsTo("version");
  assert.equal(request.method, "GET");
  assert.equal(request.headers["user-agent"], "baktadb/0.1.0");
});

Deno.test("BaktaClient.init() returns the job and the service rewrites its name", async (t) => {
  await using standIn = await startBaktaStandIn();
  const { client } = fastClient(standIn.baseUrl);
  for (
    const [name, stored] of [
      ["genome.fna", "genome.fna"],
      ["E. coli K-12 (MG1655)!", "E._coli_K_12_MG1655"],
      ["Ünïcode—name", "_n_code_name"],
      ["x".repeat(70), "x".repeat(63)],
      ["a".repeat(62) + "._z", "a".repeat(62)],
    ]
  ) {
    await t.step(JSON.stringify(name), async () => {
      const { job } = await client.init(name, "CSV");
      assert.equal(standIn.jobs.get(job.jobID)?.name, stored);
      assert.equal(standIn.jobs.get(job.jobID)?.repliconTableType, "CSV");
    });
  }
  await t.step("a bad replicon table type is refused locally", async () => {
    const before = standIn.requests.length;
    await assert.rejects(
      client.init("x", "XLS" as "TSV"),
      (error: unknown) =>
        error instanceof BaktaValidationError && error.option === "repliconTableType",
    );
    assert.equal(standIn.requests.length, before);
  });
});

Deno.test("BaktaClient.list() returns per-job outcomes of many jobs in one call", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
  const { client } = fastClient(standIn.baseUrl);
  const running = await startedJob(client);
  const { job: initOnly } = await client.init("later.fna");
  const unknown = { jobID: crypto.randomUUID(), secret: "A".repeat(32) };
  const wrong = { jobID: running.jobID, secret: "B".repeat(32) };
  const before = standIn.requestsTo("list").length;
  const answer = await client.list([running, initOnly, unknown, wrong]);
  assert.equal(standIn.requestsTo("list").length, before + 1);
  assert.deepEqual(answer.jobs.map((entry) => [entry.jobID, entry.jobStatus]), [
    [running.jobID, "RUNNING"],
  ]);
  assert.deepEqual(answer.failedJobs, [
    { jobID: unknown.jobID, jobStatus: "NOT_FOUND" },
    { jobID: running.jobID, jobStatus: "UNAUTHORIZED" },
  ]);
  assert.deepEqual(answer.unlisted, [initOnly.jobID]);
  assert.deepEqual(await client.list([]), { jobs: [], failedJobs: [], unlisted: [] });
  assert.equal(standIn.requestsTo("list").length, before + 1, "an empty list sends nothing");
});

Deno.test("BaktaClient accepts the legacy SUCCESSFULL spelling as SUCCESSFUL", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 0, legacyStatusSpelling: true });
  const { client } = fastClient(standIn.baseUrl);
  const job = await startedJob(client);
  const raw = await fetch(`${standIn.baseUrl}/job/list`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jobs: [job] }),
  }).then((response) => response.json());
  assert.equal(raw.jobs[0].jobStatus, "SUCCESSFULL");
  const answer = await client.list([job]);
  assert.equal(answer.jobs[0].jobStatus, "SUCCESSFUL");
  const [outcome] = await client.waitForJobs([job], { intervalMs: 1 });
  assert.equal(outcome.status, "SUCCESSFUL");
});

Deno.test("BaktaClient.result() fails with 400 'Job not finished' for running and failed jobs, without retrying", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
  const { client, retries } = fastClient(standIn.baseUrl);
  const running = await startedJob(client);
  const error = await rejection(client.result(running), BaktaApiError);
  assert.equal(error.status, 400);
  assert.equal(error.serviceMessage, "Job not finished");
  assert.equal(error.jobId, running.jobID);
  assert.equal(error.endpoint, "result");
  assert.equal(
    error.message,
    `Cannot get the result of job "${running.jobID}": HTTP 400 "Job not finished"`,
  );
  assert.equal(standIn.requestsTo("result").length, 1);
  assert.equal(retries.length, 0);

  await using quick = await startBaktaStandIn({ runningMs: 0 });
  const { client: other } = fastClient(quick.baseUrl);
  quick.setFault({ endpoint: "start", kind: "jobError", logs: "Traceback: tRNAscan-SE failed" });
  const failed = await startedJob(other);
  const [outcome] = await other.waitForJobs([failed], { intervalMs: 1 });
  assert.equal(outcome.status, "ERROR");
  await assert.rejects(
    other.result(failed),
    (e: unknown) =>
      e instanceof BaktaApiError && e.serviceMessage === "Job not finished" &&
      e.message === `Cannot get the result of job "${failed.jobID}": HTTP 400 "Job not finished"`,
  );
  assert.match(await other.logs(failed), /Traceback: tRNAscan-SE failed/);
});

Deno.test("BaktaClient.result() of a job never started returns 1970 times and dead links", async () => {
  await using standIn = await startBaktaStandIn();
  const { client } = fastClient(standIn.baseUrl);
  const { job } = await client.init("never");
  const result = await client.result(job);
  assert.equal(result.started, "1970-01-01T00:00:00Z");
  assert.equal(result.updated, "1970-01-01T00:00:00Z");
  assert.equal(Object.keys(result.ResultFiles).length, 14);
  await assert.rejects(
    client.download(result.ResultFiles.JSON!),
    (error: unknown) =>
      error instanceof BaktaApiError && error.status === 404 &&
      /^Cannot download "[^"]+": HTTP 404/.test(error.message),
  );
});

Deno.test("BaktaClient.result() accepts the ten keys of older deployments", async () => {
  const ten = BAKTA_RESULT_FILE_KEYS.slice(0, 10);
  await using standIn = await startBaktaStandIn({ runningMs: 0, resultKeys: ten });
  const { client } = fastClient(standIn.baseUrl);
  const job = await startedJob(client);
  const result = await client.result(job);
  assert.deepEqual(Object.keys(result.ResultFiles).sort(), [...ten].sort());
  assert.equal(result.ResultFiles.PNGCircularPlot, undefined);
});

Deno.test("BaktaClient.start() of an unknown job succeeds and does nothing; a wrong secret is refused", async () => {
  await using standIn = await startBaktaStandIn();
  const { client } = fastClient(standIn.baseUrl);
  await client.start({ jobID: crypto.randomUUID(), secret: "C".repeat(32) }, buildJobConfig({}));
  const { job } = await client.init("g");
  const error = await rejection(
    client.start({ ...job, secret: "D".repeat(32) }, buildJobConfig({})),
    BaktaApiError,
  );
  assert.equal(error.status, 400);
  assert.equal(error.serviceMessage, "Unauthorized");
  assert.match(
    error.message,
    new RegExp(`^Cannot start job "${job.jobID}": HTTP 400 "Unauthorized"`),
  );
  assert.equal(standIn.jobs.get(job.jobID)?.submissions, 0);
});

Deno.test("BaktaClient.start() refuses a config without the required fields before sending", async () => {
  await using standIn = await startBaktaStandIn();
  const { client } = fastClient(standIn.baseUrl);
  const { job } = await client.init("g");
  const { minContigLength: _, ...partial } = buildJobConfig({});
  await assert.rejects(
    client.start(job, partial as ReturnType<typeof buildJobConfig>),
    (error: unknown) =>
      error instanceof BaktaValidationError && error.option === "minContigLength" &&
      /config\.minContigLength/.test(error.message),
  );
  assert.equal(standIn.requestsTo("start").length, 0);
});

Deno.test("BaktaClient sends the config buildJobConfig made, and the job succeeds without a replicon table", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 0 });
  const { client } = fastClient(standIn.baseUrl);
  const job = await startedJob(client);
  const [request] = standIn.requestsTo("start");
  assert.equal(request.headers["content-type"], "application/json");
  const sent = JSON.parse(request.body);
  assert.deepEqual(sent.job, job);
  assert.equal(sent.config.hasReplicons, false);
  const [outcome] = await client.waitForJobs([job], { intervalMs: 1 });
  assert.equal(outcome.status, "SUCCESSFUL");
});

Deno.test("BaktaClient.logs() returns the infrastructure message of a job whose infrastructure failed", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 0 });
  const { client } = fastClient(standIn.baseUrl);
  standIn.setFault({ endpoint: "start", kind: "infraError" });
  const job = await startedJob(client);
  assert.equal(
    await client.logs(job),
    "Internal server error, please contact the administrator or try again later.",
  );
  const { job: fresh } = await client.init("fresh");
  assert.equal(await client.logs(fresh), "");
  const [request] = standIn.requestsTo("logs");
  assert.equal(new URL(request.url).searchParams.get("jobID"), job.jobID);
  await assert.rejects(
    client.logs({ ...job, secret: "E".repeat(32) }),
    (error: unknown) =>
      error instanceof BaktaApiError && error.status === 400 &&
      error.serviceMessage === "Unauthorized",
  );
});

Deno.test("BaktaClient.delete() succeeds for unknown jobs and refuses a wrong secret", async () => {
  await using standIn = await startBaktaStandIn();
  const { client } = fastClient(standIn.baseUrl);
  await client.delete({ jobID: crypto.randomUUID(), secret: "F".repeat(32) });
  const { job } = await client.init("g");
  await assert.rejects(
    client.delete({ ...job, secret: "G".repeat(32) }),
    (error: unknown) =>
      error instanceof BaktaApiError && error.serviceMessage === "Unauthorized" &&
      new RegExp(`job "${job.jobID}".*: HTTP 400 "Unauthorized"`).test(error.message),
  );
  await client.delete(job);
  assert.equal(standIn.jobs.get(job.jobID)?.deleted, true);
});

Deno.test("BaktaClient.waitForJobs() gives each job its outcome and reports changes", async () => {
  let clock = 0;
  await using standIn = await startBaktaStandIn({ now: () => clock, runningMs: 1_000 });
  const sleeps: number[] = [];
  const { client } = fastClient(standIn.baseUrl, {
    sleep: (ms) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  });
  const good = await startedJob(client);
  standIn.setFault({ endpoint: "start", kind: "jobError" });
  const bad = await startedJob(client);
  const { job: never } = await client.init("never");
  const unknown = { jobID: crypto.randomUUID(), secret: "H".repeat(32) };
  const changes: [string, string | undefined, string][] = [];
  const outcomes = await client.waitForJobs([good, bad, never, unknown], {
    intervalMs: 700,
    unlistedPolls: 2,
    onStatus: (outcome, previous) => changes.push([outcome.jobID, previous, outcome.status]),
  });
  const byId = new Map(outcomes.map((outcome: BaktaJobOutcome) => [outcome.jobID, outcome.status]));
  assert.deepEqual([...byId.values()], ["SUCCESSFUL", "ERROR", "NOT_STARTED", "NOT_FOUND"]);
  assert.deepEqual(outcomes.map((outcome) => outcome.jobID), [
    good.jobID,
    bad.jobID,
    never.jobID,
    unknown.jobID,
  ]);
  assert.deepEqual(sleeps, [700, 700], "three polls: at 0, 0.7 and 1.4 s");
  assert.deepEqual(changes.filter(([id]) => id === good.jobID).map(([, , status]) => status), [
    "RUNNING",
    "SUCCESSFUL",
  ]);
  assert.deepEqual(
    changes.find(([id]) => id === unknown.jobID),
    [unknown.jobID, undefined, "NOT_FOUND"],
  );
});

Deno.test("BaktaClient.waitForJobs() returns unfinished jobs as they were when its timeout ends", async () => {
  let clock = 0;
  await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
  const { client } = fastClient(standIn.baseUrl, {
    now: () => clock,
    sleep: () => {
      clock += 1_000;
      return Promise.resolve();
    },
  });
  const job = await startedJob(client);
  const [outcome] = await client.waitForJobs([job], { intervalMs: 1_000, timeoutMs: 3_500 });
  assert.equal(outcome.status, "RUNNING");
  assert.equal(standIn.requestsTo("list").length, 4); // at 0, 1, 2 and 3 s
});

Deno.test("BaktaClient reads legacy and malformed answers without crashing", async () => {
  const answers: Response[] = [
    new Response(JSON.stringify({ code: 3, message: "invalid job id", details: [] }), {
      status: 400,
    }),
    new Response("<html><body>maintenance</body></html>", { status: 200 }),
    new Response(JSON.stringify({ jobs: [{ jobID: "1", jobStatus: "QUEUED" }], failedJobs: [] })),
  ];
  const client = new BaktaClient({
    baseUrl: "http://127.0.0.1:9/api/v1",
    fetch: () => Promise.resolve(answers.shift()!),
  });
  const job = { jobID: "1", secret: "S".repeat(32) };
  await assert.rejects(
    client.result(job),
    (error: unknown) =>
      error instanceof BaktaApiError && error.status === 400 &&
      error.serviceMessage === "invalid job id",
  );
  await assert.rejects(
    client.version(),
    (error: unknown) =>
      error instanceof BaktaApiError && error.status === 200 &&
      /unexpected answer \(the body is not JSON\)/.test(error.message),
  );
  await assert.rejects(
    client.list([job]),
    (error: unknown) =>
      error instanceof BaktaApiError && /unexpected job entry/.test(error.message),
  );
});

Deno.test("BaktaClient.upload() sends strings, bytes and streams with a Content-Length", async () => {
  await using standIn = await startBaktaStandIn();
  const { client } = fastClient(standIn.baseUrl);
  const { job, uploadLinkFasta, uploadLinkProdigal, uploadLinkReplicons } = await client.init("g");
  const chunks = [">c1\n", "ACGT", "\n"].map((text) => new TextEncoder().encode(text));
  await client.upload(
    uploadLinkFasta,
    new ReadableStream({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    }),
  );
  await client.upload(uploadLinkProdigal, new Uint8Array([1, 2, 3]));
  await client.upload(uploadLinkReplicons, "c1\tchrom\tc\tc\t-\n", { contentType: "text/plain" });
  const uploads = standIn.jobs.get(job.jobID)!.uploads;
  assert.equal(new TextDecoder().decode(uploads.get("fasta")), ">c1\nACGT\n");
  assert.deepEqual(uploads.get("prodigal"), new Uint8Array([1, 2, 3]));
  const puts = standIn.requestsTo("upload");
  assert.deepEqual(puts.map((request) => request.headers["content-length"]), ["9", "3", "15"]);
  assert.equal(puts[2].headers["content-type"], "text/plain");
  assert.ok(puts.every((request) => request.headers["authorization"] === undefined));
});

Deno.test("BaktaClient.upload() to an expired link fails with 403 and is not retried", async () => {
  let clock = Date.parse("2025-03-01T00:00:00Z");
  await using standIn = await startBaktaStandIn({ now: () => clock });
  const { client, retries } = fastClient(standIn.baseUrl);
  const { uploadLinkFasta } = await client.init("g");
  clock += 10_001 * 1000;
  const error = await rejection(
    client.upload(uploadLinkFasta, ">c\nA\n"),
    BaktaApiError,
  );
  assert.equal(error.status, 403);
  assert.equal(error.serviceMessage, "AccessDenied: Request has expired");
  assert.equal(retries.length, 0);
  assert.match(error.message, /X-Amz-Signature=\*\*\*/);
});
