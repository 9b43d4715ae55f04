/**
 * The stand-in speaks the v1 contract of docs/bakta-api.md, checked with plain `fetch` (no client
 * code involved), quirks and faults included.
 */

import assert from "node:assert/strict";
import { BAKTA_RESULT_FILE_KEYS } from "../../src/client/result_files.ts";
import { startBaktaStandIn } from "../../src/testing/bakta_stand_in/mod.ts";
import { SAMPLES_URL } from "../_samples.ts";

const ORIGIN_SPANNING = new URL("v1.8.1-origin-spanning/", SAMPLES_URL);
const samplesPresent = await Deno.stat(ORIGIN_SPANNING).then(() => true, () => false);
if (!samplesPresent) {
  console.log(`SKIPPED real-data stand-in tests: ${ORIGIN_SPANNING.pathname} is absent`);
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Raw {
  status: number;
  contentType: string | null;
  text: string;
  headers: Headers;
}

async function call(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = { "content-type": "application/json" },
): Promise<Raw> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    text: await response.text(),
    headers: response.headers,
  };
}

async function initJob(baseUrl: string, name = "genome.fna") {
  const raw = await call(`${baseUrl}/job/init`, "POST", { name, repliconTableType: "TSV" });
  assert.equal(raw.status, 200, raw.text);
  return JSON.parse(raw.text) as {
    uploadLinkFasta: string;
    uploadLinkProdigal: string;
    uploadLinkReplicons: string;
    job: { jobID: string; secret: string };
  };
}

async function put(link: string, body: string | Uint8Array<ArrayBuffer>) {
  const response = await fetch(link, { method: "PUT", body });
  const text = await response.text();
  return { status: response.status, text };
}

const MINIMAL_CONFIG = {
  translationTable: 11,
  completeGenome: false,
  keepContigHeaders: false,
  minContigLength: 0,
  compliant: false,
  hasReplicons: false,
};

Deno.test("startBaktaStandIn() answers version and init with the contract's shapes", async () => {
  await using standIn = await startBaktaStandIn();
  const version = await call(`${standIn.baseUrl}/version`, "GET");
  assert.equal(version.status, 200);
  assert.deepEqual(JSON.parse(version.text), {
    toolVersion: "1.10.3",
    dbVersion: "5.1.0",
    backendVersion: "0.6.4",
  });
  const init = await initJob(standIn.baseUrl, "my genome (v2).fna");
  assert.deepEqual(Object.keys(init), [
    "uploadLinkFasta",
    "uploadLinkProdigal",
    "uploadLinkReplicons",
    "job",
  ]);
  assert.match(init.job.jobID, UUID_V4);
  assert.match(init.job.secret, /^[A-Za-z0-9]{32}$/);
  for (const link of [init.uploadLinkFasta, init.uploadLinkProdigal, init.uploadLinkReplicons]) {
    const url = new URL(link);
    assert.equal(url.searchParams.get("X-Amz-Expires"), "10000");
    assert.ok(url.searchParams.get("X-Amz-Signature"));
  }
  assert.equal(standIn.jobs.get(init.job.jobID)?.name, "my_genome_v2_.fna");
});

Deno.test("startBaktaStandIn() leaves an initialised job out of both lists until it starts", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
  const { job, uploadLinkFasta } = await initJob(standIn.baseUrl);
  const unknown = { jobID: crypto.randomUUID(), secret: "x".repeat(32) };
  const wrong = { jobID: job.jobID, secret: "y".repeat(32) };
  let listed = await call(`${standIn.baseUrl}/job/list`, "POST", { jobs: [job, unknown, wrong] });
  assert.equal(listed.status, 200);
  assert.deepEqual(JSON.parse(listed.text), {
    jobs: [],
    failedJobs: [
      { jobID: unknown.jobID, jobStatus: "NOT_FOUND" },
      { jobID: job.jobID, jobStatus: "UNAUTHORIZED" },
    ],
  });
  assert.equal((await put(uploadLinkFasta, ">c1\nACGT\n")).status, 200);
  const started = await call(`${standIn.baseUrl}/job/start`, "POST", {
    job,
    config: MINIMAL_CONFIG,
  });
  assert.equal(started.status, 200);
  assert.equal(started.text, "null");
  listed = await call(`${standIn.baseUrl}/job/list`, "POST", { jobs: [job] });
  const entry = JSON.parse(listed.text).jobs[0];
  assert.deepEqual(Object.keys(entry), ["jobID", "jobStatus", "started", "updated", "name"]);
  assert.equal(entry.jobStatus, "RUNNING");
  assert.equal(entry.name, "genome.fna");
  assert.match(entry.started, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
});

Deno.test("startBaktaStandIn() answers start for an unknown id with 200 null and submits twice", async () => {
  await using standIn = await startBaktaStandIn();
  const unknown = { jobID: crypto.randomUUID(), secret: "x".repeat(32) };
  const answer = await call(`${standIn.baseUrl}/job/start`, "POST", {
    job: unknown,
    config: MINIMAL_CONFIG,
  });
  assert.equal(answer.status, 200);
  assert.equal(answer.text, "null");
  const { job } = await initJob(standIn.baseUrl);
  for (let i = 0; i < 2; i++) {
    const again = await call(`${standIn.baseUrl}/job/start`, "POST", {
      job,
      config: MINIMAL_CONFIG,
    });
    assert.equal(again.status, 200);
  }
  assert.equal(standIn.jobs.get(job.jobID)?.submissions, 2);
  const unauthorized = await call(`${standIn.baseUrl}/job/start`, "POST", {
    job: { ...job, secret: "z".repeat(32) },
    config: MINIMAL_CONFIG,
  });
  assert.equal(unauthorized.status, 400);
  assert.equal(unauthorized.text, '"Unauthorized"');
  assert.equal(unauthorized.contentType, "application/json");
});

Deno.test("startBaktaStandIn() answers result per job state, with JSON-string errors", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
  const { job, uploadLinkFasta } = await initJob(standIn.baseUrl, "never started");
  // never started: 200 with links to files that do not exist and 1970 times
  const never = await call(`${standIn.baseUrl}/job/result`, "POST", job);
  assert.equal(never.status, 200, never.text);
  const body = JSON.parse(never.text);
  assert.equal(body.started, "1970-01-01T00:00:00Z");
  assert.equal(body.updated, "1970-01-01T00:00:00Z");
  assert.equal(body.name, "never_started");
  assert.equal(Object.keys(body.ResultFiles).length, 14);
  const dead = await fetch(body.ResultFiles.GFF3);
  assert.equal(dead.status, 404);
  assert.match(await dead.text(), /<Code>NoSuchKey<\/Code>/);
  // started and running: 400 "Job not finished"
  await put(uploadLinkFasta, ">c1\nACGT\n");
  await call(`${standIn.baseUrl}/job/start`, "POST", { job, config: MINIMAL_CONFIG });
  const running = await call(`${standIn.baseUrl}/job/result`, "POST", job);
  assert.equal(running.status, 400);
  assert.equal(running.text, '"Job not finished"');
  const unknown = await call(`${standIn.baseUrl}/job/result`, "POST", {
    jobID: crypto.randomUUID(),
    secret: job.secret,
  });
  assert.equal(unknown.text, '"Job not found"');
  const wrong = await call(`${standIn.baseUrl}/job/result`, "POST", {
    ...job,
    secret: "q".repeat(32),
  });
  assert.equal(wrong.text, '"Unauthorized"');
});

Deno.test("startBaktaStandIn() fails a job whose replicon table was not uploaded (hasReplicons defaults to true)", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 0 });
  const { job, uploadLinkFasta } = await initJob(standIn.baseUrl);
  await put(uploadLinkFasta, ">c1\nACGT\n");
  const { hasReplicons: _, ...withoutFlag } = MINIMAL_CONFIG;
  await call(`${standIn.baseUrl}/job/start`, "POST", { job, config: withoutFlag });
  const listed = JSON.parse(
    (await call(`${standIn.baseUrl}/job/list`, "POST", { jobs: [job] })).text,
  );
  assert.equal(listed.jobs[0].jobStatus, "ERROR");
  const result = await call(`${standIn.baseUrl}/job/result`, "POST", job);
  assert.equal(result.text, '"Job not finished"');
  const logs = await call(
    `${standIn.baseUrl}/job/logs?jobID=${job.jobID}&secret=${job.secret}`,
    "GET",
  );
  assert.equal(logs.status, 200);
  assert.match(logs.text, /replicons\.tsv not found/);
});

Deno.test("startBaktaStandIn() answers logs and delete with plain text", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 0 });
  const { job } = await initJob(standIn.baseUrl);
  const logsUrl = (query: string) => `${standIn.baseUrl}/job/logs?${query}`;
  const never = await call(logsUrl(`jobID=${job.jobID}&secret=${job.secret}`), "GET");
  assert.equal(never.status, 200);
  assert.equal(never.text, "");
  const lowerCase = await call(logsUrl(`jobid=${job.jobID}&secret=${job.secret}`), "GET");
  assert.equal(lowerCase.status, 400);
  assert.equal(lowerCase.text, "Failed to deserialize query string: missing field `jobID`");
  const wrong = await call(logsUrl(`jobID=${job.jobID}&secret=nope`), "GET");
  assert.equal(wrong.status, 400);
  assert.equal(wrong.text, "Unauthorized");
  assert.match(wrong.contentType ?? "", /^text\/plain/);
  const unknown = await call(logsUrl(`jobID=${crypto.randomUUID()}&secret=x`), "GET");
  assert.equal(unknown.text, "Job not found");

  const deleteUrl = (id: string, secret: string) =>
    `${standIn.baseUrl}/job/delete?jobID=${id}&secret=${secret}`;
  const deleteUnknown = await call(deleteUrl(crypto.randomUUID(), "x"), "DELETE");
  assert.equal(deleteUnknown.status, 200);
  assert.equal(deleteUnknown.text, "");
  const deleteWrong = await call(deleteUrl(job.jobID, "nope"), "DELETE");
  assert.equal(deleteWrong.status, 400);
  assert.equal(deleteWrong.text, "Unauthorized");
  const deleted = await call(deleteUrl(job.jobID, job.secret), "DELETE");
  assert.equal(deleted.status, 200);
  assert.equal(deleted.text, "");
  const listed = JSON.parse(
    (await call(`${standIn.baseUrl}/job/list`, "POST", { jobs: [job] })).text,
  );
  assert.deepEqual(listed.failedJobs, [{ jobID: job.jobID, jobStatus: "NOT_FOUND" }]);
});

Deno.test("startBaktaStandIn() rejects bad requests as axum does", async (t) => {
  await using standIn = await startBaktaStandIn();
  const init = `${standIn.baseUrl}/job/init`;
  await t.step("malformed JSON is 400 plain text", async () => {
    const raw = await call(init, "POST", "{not json");
    assert.equal(raw.status, 400);
    assert.match(raw.text, /^Failed to parse the request body as JSON: /);
    assert.match(raw.contentType ?? "", /^text\/plain/);
  });
  await t.step("a missing field is 422 plain text", async () => {
    const raw = await call(init, "POST", { name: "x" });
    assert.equal(raw.status, 422);
    assert.match(
      raw.text,
      /^Failed to deserialize the JSON body into the target type: missing field `repliconTableType`/,
    );
  });
  await t.step("a bad enum is 422", async () => {
    const raw = await call(init, "POST", { name: "x", repliconTableType: "XLS" });
    assert.equal(raw.status, 422);
    assert.match(raw.text, /unknown variant `XLS`, expected `CSV` or `TSV`/);
  });
  await t.step("a bad UUID is 422", async () => {
    const raw = await call(`${standIn.baseUrl}/job/list`, "POST", {
      jobs: [{ jobID: "42", secret: "s" }],
    });
    assert.equal(raw.status, 422);
    assert.match(raw.text, /jobs\[0\]\.jobID: UUID parsing failed/);
  });
  await t.step("a translation table above 255 is 422", async () => {
    const { job } = await initJob(standIn.baseUrl);
    const raw = await call(`${standIn.baseUrl}/job/start`, "POST", {
      job,
      config: { ...MINIMAL_CONFIG, translationTable: 256 },
    });
    assert.equal(raw.status, 422);
    assert.match(raw.text, /config\.translationTable: invalid value: integer `256`, expected u8/);
  });
  await t.step("a missing Content-Type is 415", async () => {
    const raw = await call(init, "POST", { name: "x", repliconTableType: "TSV" }, {});
    assert.equal(raw.status, 415);
  });
  await t.step("an unknown route is 404 with an empty body", async () => {
    const raw = await call(`${standIn.baseUrl}/job/nothing`, "GET");
    assert.equal(raw.status, 404);
    assert.equal(raw.text, "");
  });
  await t.step("a wrong method is 405", async () => {
    const raw = await call(`${standIn.baseUrl}/job/init`, "GET");
    assert.equal(raw.status, 405);
    assert.equal(raw.headers.get("allow"), "POST");
  });
});

Deno.test("startBaktaStandIn() guards its upload links like an object store", async () => {
  let clock = Date.parse("2025-03-01T12:00:00Z");
  await using standIn = await startBaktaStandIn({ now: () => clock });
  const { job, uploadLinkFasta, uploadLinkReplicons } = await initJob(standIn.baseUrl);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(">c1\nACGT\n"));
      controller.close();
    },
  });
  // fetch streams a ReadableStream with chunked encoding: no Content-Length, refused
  const chunked = await fetch(uploadLinkFasta, { method: "PUT", body: stream });
  assert.equal(chunked.status, 411);
  assert.match(await chunked.text(), /MissingContentLength/);
  assert.equal((await put(uploadLinkFasta, ">c1\nACGT\n")).status, 200);
  assert.equal(
    new TextDecoder().decode(standIn.jobs.get(job.jobID)?.uploads.get("fasta")),
    ">c1\nACGT\n",
  );
  const wrongMethod = await fetch(uploadLinkFasta);
  assert.equal(wrongMethod.status, 403);
  assert.match(await wrongMethod.text(), /SignatureDoesNotMatch/);
  const forged = new URL(uploadLinkFasta);
  forged.searchParams.set("X-Amz-Signature", "0".repeat(64));
  assert.equal((await put(forged.href, "x")).status, 403);
  clock += 10_001_000;
  const expired = await put(uploadLinkReplicons, "c1\tchrom\tc\tc\t-\n");
  assert.equal(expired.status, 403);
  assert.match(expired.text, /Request has expired/);
});

Deno.test("startBaktaStandIn() lags statuses by its refresh interval", async () => {
  let clock = 1_000_000;
  await using standIn = await startBaktaStandIn({
    now: () => clock,
    pendingMs: 100,
    runningMs: 1_000,
    statusRefreshMs: 15_000,
  });
  const { job, uploadLinkFasta } = await initJob(standIn.baseUrl);
  await put(uploadLinkFasta, ">c1\nACGT\n");
  const status = async () =>
    JSON.parse((await call(`${standIn.baseUrl}/job/list`, "POST", { jobs: [job] })).text).jobs[0];
  clock += 1_000;
  await call(`${standIn.baseUrl}/job/start`, "POST", { job, config: MINIMAL_CONFIG });
  assert.equal((await status()).jobStatus, "INIT");
  clock += 5_000; // really finished, but no refresh yet
  let entry = await status();
  assert.equal(entry.jobStatus, "INIT");
  assert.equal(entry.updated, new Date(clock).toISOString().replace(".000Z", "Z"));
  clock += 10_000; // refresh tick at 15 s
  entry = await status();
  assert.equal(entry.jobStatus, "SUCCESSFUL");
  assert.equal(entry.updated, new Date(1_001_000 + 1_100).toISOString());
});

Deno.test("startBaktaStandIn() injects faults on request", async (t) => {
  await using standIn = await startBaktaStandIn({ runningMs: 0, seed: 42 });
  const version = `${standIn.baseUrl}/version`;
  await t.step("a 502 with an HTML page, then normal answers", async () => {
    standIn.setFault({ endpoint: "version", kind: "status", status: 502 });
    const first = await call(version, "GET");
    assert.equal(first.status, 502);
    assert.match(first.text, /<title>502 Bad Gateway<\/title>/);
    assert.equal((await call(version, "GET")).status, 200);
  });
  await t.step("429 with Retry-After seconds or date", async () => {
    standIn.setFault({ endpoint: "version", kind: "rateLimit", retryAfter: 7 });
    const date = new Date("2030-01-01T00:00:00Z");
    standIn.setFault({ endpoint: "version", kind: "rateLimit", retryAfter: date, times: 1 });
    const first = await call(version, "GET");
    assert.equal(first.status, 429);
    assert.equal(first.headers.get("retry-after"), "7");
    const second = await call(version, "GET");
    assert.equal(second.headers.get("retry-after"), "Tue, 01 Jan 2030 00:00:00 GMT");
  });
  await t.step("a dropped connection fails the body read", async () => {
    standIn.setFault({ endpoint: "version", kind: "drop" });
    const response = await fetch(version);
    // fetch's own error for a connection closed mid-body (no file or record to name here).
    await assert.rejects(response.text(), {
      name: "TypeError",
      message: "error reading a body from connection",
    });
  });
  await t.step("a delay answers late", async () => {
    standIn.setFault({ endpoint: "version", kind: "delay", ms: 120 });
    const started = performance.now();
    assert.equal((await call(version, "GET")).status, 200);
    assert.ok(performance.now() - started >= 100);
  });
  await t.step("a probability fires reproducibly with the seed", async () => {
    const pattern = async () => {
      await using local = await startBaktaStandIn({ seed: 7 });
      local.setFault({ endpoint: "version", kind: "status", status: 500, probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await call(`${local.baseUrl}/version`, "GET")).status);
      }
      return statuses;
    };
    const first = await pattern();
    assert.deepEqual(await pattern(), first);
    assert.ok(first.includes(500) && first.includes(200), first.join());
  });
  await t.step("jobError, infraError, legacyStatus and unauthorized", async () => {
    const jobs = [];
    for (const kind of ["jobError", "infraError", undefined] as const) {
      const { job, uploadLinkFasta } = await initJob(standIn.baseUrl);
      await put(uploadLinkFasta, ">c1\nACGT\n");
      if (kind === "jobError") {
        standIn.setFault({ endpoint: "start", kind, logs: "Traceback: boom" });
      } else if (kind) standIn.setFault({ endpoint: "start", kind });
      await call(`${standIn.baseUrl}/job/start`, "POST", { job, config: MINIMAL_CONFIG });
      jobs.push(job);
    }
    standIn.setFault({ endpoint: "list", kind: "legacyStatus" });
    const listed = JSON.parse((await call(`${standIn.baseUrl}/job/list`, "POST", { jobs })).text);
    assert.deepEqual(listed.jobs.map((entry: { jobStatus: string }) => entry.jobStatus), [
      "ERROR",
      "ERROR",
      "SUCCESSFULL",
    ]);
    const logs = async (job: { jobID: string; secret: string }) =>
      (await call(`${standIn.baseUrl}/job/logs?jobID=${job.jobID}&secret=${job.secret}`, "GET"))
        .text;
    assert.match(await logs(jobs[0]), /Traceback: boom/);
    assert.equal(
      await logs(jobs[1]),
      "Internal server error, please contact the administrator or try again later.",
    );
    standIn.setFault({ endpoint: "list", kind: "unauthorized" });
    const refused = JSON.parse((await call(`${standIn.baseUrl}/job/list`, "POST", { jobs })).text);
    assert.equal(refused.jobs.length, 0);
    assert.ok(
      refused.failedJobs.every((entry: { jobStatus: string }) =>
        entry.jobStatus === "UNAUTHORIZED"
      ),
    );
  });
  await t.step("every request was recorded with the faults that fired", () => {
    const versions = standIn.requestsTo("version");
    assert.equal(versions.length, 6);
    assert.deepEqual(versions[0].faults, ["status"]);
    assert.equal(versions[0].status, 502);
    assert.ok(standIn.requests.every((record) => record.status > 0));
  });
});

Deno.test("startBaktaStandIn() stops when its signal aborts", async () => {
  const controller = new AbortController();
  const standIn = await startBaktaStandIn({ signal: controller.signal });
  assert.equal((await call(`${standIn.baseUrl}/version`, "GET")).status, 200);
  controller.abort();
  await standIn.finished;
  await assert.rejects(fetch(`${standIn.baseUrl}/version`), {
    name: "TypeError",
    message: "fetch failed",
  });
  await standIn.close();
});

Deno.test({
  name: "startBaktaStandIn() serves real Bakta outputs byte for byte, by key and extension",
  ignore: !samplesPresent,
  async fn() {
    await using standIn = await startBaktaStandIn({ runningMs: 0, resultsDir: ORIGIN_SPANNING });
    const { job, uploadLinkFasta } = await initJob(standIn.baseUrl, "TEST 6");
    await put(uploadLinkFasta, await Deno.readFile(new URL("TEST_6.fna", ORIGIN_SPANNING)));
    await call(`${standIn.baseUrl}/job/start`, "POST", { job, config: MINIMAL_CONFIG });
    const result = JSON.parse((await call(`${standIn.baseUrl}/job/result`, "POST", job)).text);
    const expected: Record<string, string> = {
      GFF3: "TEST_6.gff3",
      GBFF: "TEST_6.gbff",
      JSON: "TEST_6.json",
      TSV: "TEST_6.tsv",
      TSVHypothetical: "TEST_6.hypotheticals.tsv",
      FNA: "TEST_6.fna",
      TXTLogs: "TEST_6.txt",
    };
    for (const [key, link] of Object.entries(result.ResultFiles as Record<string, string>)) {
      const response = await fetch(link);
      if (expected[key] === undefined) {
        assert.equal(response.status, 404, key);
        await response.body?.cancel();
        continue;
      }
      assert.equal(response.status, 200, key);
      const bytes = new Uint8Array(await response.arrayBuffer());
      assert.deepEqual(bytes, await Deno.readFile(new URL(expected[key], ORIGIN_SPANNING)), key);
      const extension = new URL(link).pathname.split("/result.")[1];
      assert.equal(
        response.headers.get("content-disposition"),
        `attachment; filename="TEST_6.${extension}"`,
      );
    }
    // Range requests resume a download
    const gff = await Deno.readFile(new URL("TEST_6.gff3", ORIGIN_SPANNING));
    const partial = await fetch(result.ResultFiles.GFF3, { headers: { range: "bytes=100-" } });
    assert.equal(partial.status, 206);
    assert.equal(partial.headers.get("content-range"), `bytes 100-${gff.length - 1}/${gff.length}`);
    assert.deepEqual(new Uint8Array(await partial.arrayBuffer()), gff.subarray(100));
    // a truncated download announces the full length and then stops
    standIn.setFault({ endpoint: "download", kind: "truncate", bytes: 10 });
    const cut = await fetch(result.ResultFiles.GFF3);
    assert.equal(cut.headers.get("content-length"), String(gff.length));
    await assert.rejects(cut.arrayBuffer(), {
      name: "TypeError",
      message: "error reading a body from connection",
    });
  },
});

Deno.test({
  name: "startBaktaStandIn() returns only the configured result keys (older deployments)",
  async fn() {
    const tenKeys = BAKTA_RESULT_FILE_KEYS.slice(0, 10);
    await using standIn = await startBaktaStandIn({ resultKeys: tenKeys });
    const { job } = await initJob(standIn.baseUrl);
    const result = JSON.parse((await call(`${standIn.baseUrl}/job/result`, "POST", job)).text);
    assert.deepEqual(Object.keys(result.ResultFiles).sort(), [...tenKeys].sort());
  },
});

Deno.test("startBaktaStandIn() serves a gzipped sample file decompressed, under its plain key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { gzipSync } = await import("node:zlib");
    const fasta = new TextEncoder().encode(">contig_1\nACGTACGTAC\n");
    await Deno.writeFile(`${dir}/g.fna.gz`, gzipSync(fasta));
    await Deno.writeTextFile(`${dir}/g.gff3`, "##gff-version 3\n");
    await using standIn = await startBaktaStandIn({ runningMs: 0, resultsDir: dir });
    const { job, uploadLinkFasta } = await initJob(standIn.baseUrl, "g");
    await put(uploadLinkFasta, fasta);
    await call(`${standIn.baseUrl}/job/start`, "POST", { job, config: MINIMAL_CONFIG });
    const result = JSON.parse((await call(`${standIn.baseUrl}/job/result`, "POST", job)).text);
    const response = await fetch(result.ResultFiles.FNA);
    assert.equal(response.status, 200);
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), fasta);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
