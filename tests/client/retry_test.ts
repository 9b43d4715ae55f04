/**
 * Retries, backoff, Retry-After, timeouts, cancellation, double-submission protection and resumed
 * downloads: BaktaClient against the stand-in's injected faults.
 */

import assert from "node:assert/strict";
import {
  backoffDelay,
  BaktaApiError,
  BaktaClient,
  BaktaNetworkError,
  BaktaTimeoutError,
  buildJobConfig,
  DEFAULT_RETRY_CONFIG,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryConfig,
} from "../../src/client/mod.ts";
import { type StandInFault, startBaktaStandIn } from "../../src/testing/bakta_stand_in/mod.ts";
import { fastClient, readAll, rejection, sampleFolder } from "./_helpers.ts";
import { until } from "../_cli_process.ts";

const origin = await sampleFolder("v1.8.1-origin-spanning");

Deno.test("backoffDelay() draws full jitter below an exponential, capped ceiling", () => {
  const config = { baseDelayMs: 100, maxDelayMs: 1_000 };
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, config, () => 0.999999)), [
    99,
    199,
    399,
    799,
    999,
    999,
  ]);
  assert.deepEqual([0, 1, 2].map((retry) => backoffDelay(retry, config, () => 0)), [0, 0, 0]);
  for (let retry = 0; retry < 60; retry++) {
    const delay = backoffDelay(retry, DEFAULT_RETRY_CONFIG);
    assert.ok(delay >= 0 && delay < Math.min(30_000, 1_000 * 2 ** retry), `${retry}: ${delay}`);
  }
});

Deno.test("parseRetryAfter() reads delay seconds and HTTP dates", () => {
  const now = Date.parse("2025-03-01T12:00:00Z");
  assert.equal(parseRetryAfter("0", now), 0);
  assert.equal(parseRetryAfter("120", now), 120_000);
  assert.equal(parseRetryAfter("Sat, 01 Mar 2025 12:00:30 GMT", now), 30_000);
  assert.equal(parseRetryAfter("Sat, 01 Mar 2025 11:00:00 GMT", now), 0);
  assert.equal(parseRetryAfter(null, now), undefined);
  assert.equal(parseRetryAfter("-5", now), undefined);
  assert.equal(parseRetryAfter("1.5", now), undefined);
  assert.equal(parseRetryAfter("later", now), undefined);
});

Deno.test("isRetryableStatus() retries 429 and 5xx only", () => {
  const retried = [200, 400, 401, 403, 404, 405, 408, 409, 411, 415, 422, 429, 500, 502, 503, 504]
    .filter(isRetryableStatus);
  assert.deepEqual(retried, [429, 500, 502, 503, 504]);
});

Deno.test("resolveRetryConfig() names the bad field", () => {
  assert.throws(() => resolveRetryConfig({ attempts: 0 }), /retry\.attempts/);
  assert.throws(() => resolveRetryConfig({ maxDelayMs: -1 }), /retry\.maxDelayMs/);
  assert.throws(() => new BaktaClient({ timeoutMs: 0 }), /timeoutMs/);
  assert.throws(() => new BaktaClient({ baseUrl: "ftp://x" }), {
    name: "TypeError",
    message: /Invalid baseUrl "ftp:\/\/x": expected an absolute http\(s\) URL/,
  });
});

Deno.test("BaktaClient retries each transient fault once and then succeeds", async (t) => {
  const cases: [string, StandInFault, typeof BaktaApiError | typeof BaktaNetworkError][] = [
    ["500 with HTML", { endpoint: "list", kind: "status", status: 500 }, BaktaApiError],
    ["502 with HTML", { endpoint: "list", kind: "status", status: 502 }, BaktaApiError],
    ["503 with HTML", { endpoint: "list", kind: "status", status: 503 }, BaktaApiError],
    ["504 with HTML", { endpoint: "list", kind: "status", status: 504 }, BaktaApiError],
    ["429 with Retry-After", { endpoint: "list", kind: "rateLimit", retryAfter: 0 }, BaktaApiError],
    ["a dropped connection", { endpoint: "list", kind: "drop" }, BaktaNetworkError],
    ["a truncated answer", { endpoint: "list", kind: "truncate" }, BaktaNetworkError],
    ["a slow answer", { endpoint: "list", kind: "delay", ms: 1_500 }, BaktaTimeoutError],
  ];
  await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
  const setup = fastClient(standIn.baseUrl);
  const { job } = await setup.client.init("g");
  await setup.client.upload((await setup.client.init("h")).uploadLinkFasta, ">c\nA\n");
  await setup.client.start(job, buildJobConfig({}));
  for (const [label, fault, errorType] of cases) {
    await t.step(label, async () => {
      const { client, retries } = fastClient(standIn.baseUrl, { timeoutMs: 300 });
      const before = standIn.requestsTo("list").length;
      standIn.setFault(fault);
      const answer = await client.list([job]);
      assert.equal(answer.jobs[0].jobStatus, "RUNNING");
      assert.equal(standIn.requestsTo("list").length - before, 2);
      assert.equal(retries.length, 1);
      assert.ok(retries[0].error instanceof errorType, `${retries[0].error}`);
      assert.equal(retries[0].endpoint, "list");
      assert.equal(retries[0].jobId, job.jobID);
      if (fault.kind === "status") {
        assert.match(
          retries[0].error.message,
          new RegExp(`HTTP ${fault.status} "${fault.status} `),
        );
      }
    });
  }
});

Deno.test("BaktaClient gives up after the configured attempts with a clear BaktaApiError", async () => {
  await using standIn = await startBaktaStandIn();
  const { client, retries, sleeps } = fastClient(standIn.baseUrl, {
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 1_000 },
    random: () => 0.5,
  });
  standIn.setFault({ endpoint: "version", kind: "status", status: 503, times: 5 });
  const error = await rejection(client.version(), BaktaApiError);
  assert.equal(error.status, 503);
  assert.equal(error.attempts, 3);
  assert.equal(error.serviceMessage, "503 Service Temporarily Unavailable");
  assert.equal(
    error.message,
    'Cannot get the service version: HTTP 503 "503 Service Temporarily Unavailable" (after 3 attempts)',
  );
  assert.equal(standIn.requestsTo("version").length, 3);
  assert.equal(retries.length, 2);
  assert.deepEqual(sleeps, [5, 10], "full jitter: 0.5 × 10 ms, then 0.5 × 20 ms");
});

Deno.test("BaktaClient never retries other 4xx answers", async (t) => {
  await using standIn = await startBaktaStandIn();
  for (const status of [400, 401, 403, 404, 409, 422]) {
    await t.step(String(status), async () => {
      const { client, retries } = fastClient(standIn.baseUrl);
      const before = standIn.requestsTo("version").length;
      standIn.setFault({ endpoint: "version", kind: "status", status, body: '"Nope"' });
      const error = await rejection(client.version(), BaktaApiError);
      assert.equal(error.status, status);
      assert.equal(error.serviceMessage, "Nope");
      assert.equal(error.message, `Cannot get the service version: HTTP ${status} "Nope"`);
      assert.equal(standIn.requestsTo("version").length - before, 1);
      assert.equal(retries.length, 0);
    });
  }
  await t.step("415 for a request without a JSON content type", async () => {
    const answer = await fetch(`${standIn.baseUrl}/job/init`, { method: "POST", body: "{}" });
    await answer.body?.cancel();
    assert.equal(answer.status, 415);
  });
});

Deno.test("BaktaClient honours Retry-After seconds and HTTP dates", async (t) => {
  await using standIn = await startBaktaStandIn();
  await t.step("seconds", async () => {
    const { client, sleeps, retries } = fastClient(standIn.baseUrl);
    standIn.setFault({ endpoint: "version", kind: "rateLimit", retryAfter: 3 });
    await client.version();
    assert.deepEqual(sleeps, [3_000]);
    assert.equal(retries[0].fromRetryAfter, true);
    assert.equal((retries[0].error as BaktaApiError).status, 429);
  });
  await t.step("an HTTP date", async () => {
    const now = Date.parse("2025-03-01T12:00:00Z");
    const { client, sleeps } = fastClient(standIn.baseUrl, { now: () => now });
    standIn.setFault({
      endpoint: "version",
      kind: "rateLimit",
      retryAfter: new Date(now + 5_000),
    });
    await client.version();
    assert.deepEqual(sleeps, [5_000]);
  });
  await t.step("on a 503 too", async () => {
    const { client, sleeps } = fastClient(standIn.baseUrl);
    standIn.setFault({
      endpoint: "version",
      kind: "status",
      status: 503,
      headers: { "retry-after": "2" },
    });
    await client.version();
    assert.deepEqual(sleeps, [2_000]);
  });
  await t.step("longer than maxRetryAfterMs ends the retries", async () => {
    const { client, sleeps } = fastClient(standIn.baseUrl, {
      retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 60_000 },
    });
    const before = standIn.requestsTo("version").length;
    standIn.setFault({ endpoint: "version", kind: "rateLimit", retryAfter: 3_600 });
    const error = await rejection(client.version(), BaktaApiError);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.match(error.message, /^Cannot get the service version: HTTP 429 /);
    assert.deepEqual(sleeps, []);
    assert.equal(standIn.requestsTo("version").length - before, 1);
  });
});

Deno.test("BaktaClient times out slow answers, retries, and reports a BaktaTimeoutError", async () => {
  await using standIn = await startBaktaStandIn();
  const { client, retries } = fastClient(standIn.baseUrl, {
    timeoutMs: 50,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
  });
  // Answers 20 s late: a client that waited for them would take 40 s; one that timed out takes
  // 2 × 50 ms plus scheduling, far below the 10 s bound whatever the machine's load.
  standIn.setFault({ endpoint: "version", kind: "delay", ms: 20_000, times: 2 });
  const started = performance.now();
  const error = await rejection(client.version(), BaktaTimeoutError);
  assert.ok(error instanceof BaktaNetworkError);
  assert.equal(error.timeoutMs, 50);
  assert.equal(error.attempts, 2);
  assert.equal(
    error.message,
    "Cannot get the service version: no answer within 0.05 s (after 2 attempts)",
  );
  assert.equal(retries.length, 1);
  assert.ok(performance.now() - started < 10_000, "the client did not wait for the slow answers");
  assert.equal(standIn.requestsTo("version").length, 2);
});

Deno.test("BaktaClient stops at once when the caller aborts, with the caller's reason", async (t) => {
  await using standIn = await startBaktaStandIn();
  await t.step("during a request", async () => {
    const { client, retries } = fastClient(standIn.baseUrl);
    const before = standIn.requestsTo("version").length;
    standIn.setFault({ endpoint: "version", kind: "delay", ms: 300 });
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 30);
    await assert.rejects(
      client.version({ signal: controller.signal }),
      (error) => error === reason,
    );
    assert.equal(retries.length, 0);
    assert.equal(standIn.requestsTo("version").length - before, 1);
  });
  await t.step("during the backoff sleep", async () => {
    const controller = new AbortController();
    const { client } = fastClient(standIn.baseUrl, {
      retry: { attempts: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 },
      random: () => 0.9,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
          controller.abort("stop");
        }),
    });
    standIn.setFault({ endpoint: "version", kind: "status", status: 503 });
    await assert.rejects(
      client.version({ signal: controller.signal }),
      (error) => error === "stop",
    );
  });
  await t.step("before anything is sent", async () => {
    const { client } = fastClient(standIn.baseUrl);
    const before = standIn.requests.length;
    await assert.rejects(
      client.version({ signal: AbortSignal.abort("early") }),
      (e) => e === "early",
    );
    assert.equal(standIn.requests.length, before);
  });
  await t.step("while waiting for jobs", async () => {
    const { client } = fastClient(standIn.baseUrl);
    const { job } = await client.init("w");
    const controller = new AbortController();
    const waiting = client.waitForJobs([job], {
      intervalMs: 1,
      unlistedPolls: 1_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort("enough"), 20);
    await assert.rejects(waiting, (error) => error === "enough");
  });
});

Deno.test("BaktaClient.start() does not submit twice when an ambiguous failure hid a success", async (t) => {
  for (
    const fault of [
      { endpoint: "start", kind: "drop", after: true },
      { endpoint: "start", kind: "status", status: 502, after: true },
    ] as StandInFault[]
  ) {
    await t.step(`${fault.kind} after handling`, async () => {
      await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
      const { client, retries } = fastClient(standIn.baseUrl);
      const { job, uploadLinkFasta } = await client.init("g");
      await client.upload(uploadLinkFasta, ">c\nACGT\n");
      standIn.setFault(fault);
      await client.start(job, buildJobConfig({}));
      assert.equal(standIn.jobs.get(job.jobID)?.submissions, 1);
      assert.equal(standIn.requestsTo("start").length, 1);
      assert.equal(standIn.requestsTo("list").length, 1, "the client checked the job's state");
      assert.equal(retries.length, 1);
    });
  }
  await t.step(
    "a timeout on a slow server: checked again until it took effect, submits once",
    async () => {
      await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
      // The server runs the first start 2.5 s after it came in; the client gives up after 1 s.
      const { client } = fastClient(standIn.baseUrl, { timeoutMs: 1_000 });
      const { job, uploadLinkFasta } = await client.init("g");
      await client.upload(uploadLinkFasta, ">c\nACGT\n");
      standIn.setFault({ endpoint: "start", kind: "delay", ms: 2_500 });
      await client.start(job, buildJobConfig({}));
      // Wait for the late first start itself (not a fixed time): the one submission there is.
      await until("the late first start", () => standIn.jobs.get(job.jobID)!.submissions > 0);
      assert.equal(standIn.jobs.get(job.jobID)?.submissions, 1, "started once");
      assert.equal(standIn.requestsTo("start").length, 1, "not sent again");
    },
  );
  await t.step("a failure before handling is retried and submits once", async () => {
    await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
    const { client } = fastClient(standIn.baseUrl);
    const { job, uploadLinkFasta } = await client.init("g");
    await client.upload(uploadLinkFasta, ">c\nACGT\n");
    standIn.setFault({ endpoint: "start", kind: "status", status: 503, times: 2 });
    await client.start(job, buildJobConfig({}));
    assert.equal(standIn.jobs.get(job.jobID)?.submissions, 1);
    assert.equal(standIn.requestsTo("start").length, 3);
  });
  await t.step(
    "if the check itself fails, the client stops rather than risk a second run",
    async () => {
      await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
      const { client } = fastClient(standIn.baseUrl, {
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const { job } = await client.init("g");
      standIn.setFault({ endpoint: "start", kind: "status", status: 502, after: true });
      standIn.setFault({ endpoint: "list", kind: "status", status: 500, times: 5 });
      const error = await rejection(client.start(job, buildJobConfig({})), BaktaApiError);
      assert.equal(error.endpoint, "start");
      assert.equal(error.status, 502);
      assert.match(error.message, new RegExp(`^Cannot start job "${job.jobID}": HTTP 502`));
      assert.equal(standIn.jobs.get(job.jobID)?.submissions, 1);
    },
  );
});

Deno.test("BaktaClient.upload() retries a failed PUT with the same bytes", async () => {
  await using standIn = await startBaktaStandIn();
  const { client, retries } = fastClient(standIn.baseUrl);
  const { job, uploadLinkFasta } = await client.init("g");
  standIn.setFault({ endpoint: "upload", kind: "status", status: 500 });
  standIn.setFault({ endpoint: "upload", kind: "drop", times: 1 });
  const stream = ReadableStream.from([
    new TextEncoder().encode(">c1\nAC"),
    new TextEncoder().encode("GT\n"),
  ]);
  await client.upload(uploadLinkFasta, stream);
  assert.equal(retries.length, 1, "the 500 and the drop fired on the same request");
  assert.equal(
    new TextDecoder().decode(standIn.jobs.get(job.jobID)?.uploads.get("fasta")),
    ">c1\nACGT\n",
  );
  assert.deepEqual(standIn.requestsTo("upload").map((request) => request.bodyBytes), [9, 9]);
});

Deno.test({
  name: "BaktaClient.download() resumes a truncated or dropped download with Range requests",
  ignore: !origin.present,
  async fn(t) {
    await using standIn = await startBaktaStandIn({ runningMs: 0, resultsDir: origin.url });
    const { client } = fastClient(standIn.baseUrl);
    const { job, uploadLinkFasta } = await client.init("TEST_6");
    await client.upload(uploadLinkFasta, await Deno.readFile(new URL("TEST_6.fna", origin.url)));
    await client.start(job, buildJobConfig({}));
    await client.waitForJobs([job], { intervalMs: 1 });
    const { ResultFiles } = await client.result(job);
    const json = await Deno.readFile(new URL("TEST_6.json", origin.url));

    await t.step("truncated after 1000 bytes", async () => {
      const before = standIn.requestsTo("download").length;
      standIn.setFault({ endpoint: "download", kind: "truncate", bytes: 1_000 });
      const bytes = await readAll(await client.download(ResultFiles.JSON!));
      assert.deepEqual(bytes, json);
      const requests = standIn.requestsTo("download").slice(before);
      assert.equal(requests.length, 2);
      assert.equal(requests[0].headers["range"], undefined);
      assert.equal(requests[1].headers["range"], "bytes=1000-");
      assert.ok(requests[1].headers["if-range"], "the resume is tied to the object's ETag");
      assert.equal(requests[1].status, 206);
    });
    await t.step("dropped before any byte", async () => {
      standIn.setFault({ endpoint: "download", kind: "drop" });
      assert.deepEqual(await readAll(await client.download(ResultFiles.JSON!)), json);
    });
    await t.step("a 503 before the body", async () => {
      standIn.setFault({ endpoint: "download", kind: "status", status: 503 });
      assert.deepEqual(await readAll(await client.download(ResultFiles.JSON!)), json);
    });
    await t.step("without resume the stream fails with a BaktaNetworkError", async () => {
      standIn.setFault({ endpoint: "download", kind: "truncate", bytes: 10 });
      const stream = await client.download(ResultFiles.JSON!, { resume: false });
      const error = await rejection(readAll(stream), BaktaNetworkError);
      assert.equal(
        error.message,
        `Cannot download "TEST_6.json": the connection broke after 10 of ${json.length} bytes`,
      );
    });
    await t.step(
      "every resume truncated: the stream fails once the attempts are spent",
      async () => {
        standIn.setFault({ endpoint: "download", kind: "truncate", bytes: 5, times: 10 });
        const stream = await client.download(ResultFiles.JSON!);
        const error = await rejection(readAll(stream), BaktaNetworkError);
        assert.match(error.message, /the connection broke after 20 of 5123 bytes/);
        standIn.clearFaults();
      },
    );
    await t.step("an AbortSignal cancels a download in progress", async () => {
      const controller = new AbortController();
      const stream = await client.download(ResultFiles.JSON!, controller.signal);
      const reader = stream.getReader();
      await reader.read();
      controller.abort("stop reading");
      await assert.rejects(
        (async () => {
          while (!(await reader.read()).done);
        })(),
        (error) => error === "stop reading",
      );
    });
  },
});

Deno.test("BaktaClient survives a seeded 30 % rate of 503s on list", async () => {
  await using standIn = await startBaktaStandIn({ runningMs: 60_000, seed: 2024 });
  const { client, retries } = fastClient(standIn.baseUrl, {
    retry: { attempts: 8, baseDelayMs: 1, maxDelayMs: 2 },
  });
  const { job } = await client.init("g");
  standIn.setFault({ endpoint: "list", kind: "status", status: 503, probability: 0.3 });
  for (let i = 0; i < 20; i++) assert.deepEqual((await client.list([job])).unlisted, [job.jobID]);
  const failures = standIn.requestsTo("list").filter((request) => request.status === 503).length;
  assert.equal(retries.length, failures);
  assert.ok(failures > 0, "the seed produced failures");
  assert.equal(standIn.requestsTo("list").length, 20 + failures);
});

Deno.test("BaktaClient.download() notices a body that ends cleanly short of its Content-Length", async () => {
  const full = new TextEncoder().encode("0123456789");
  const calls: (string | null)[] = [];
  const client = new BaktaClient({
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    fetch: (_input, init) => {
      const range = new Headers(init?.headers).get("range");
      calls.push(range);
      // the first answer announces 10 bytes and ends after 4; the resume ignores Range (200)
      const body = range === null ? full.subarray(0, 4) : full;
      return Promise.resolve(
        new Response(ReadableStream.from([body]), { headers: { "content-length": "10" } }),
      );
    },
  });
  const bytes = await readAll(await client.download("http://127.0.0.1:9/x/result.json"));
  assert.deepEqual(bytes, full, "the 200 resume skipped the 4 bytes already delivered");
  assert.deepEqual(calls, [null, "bytes=4-"]);
  const once = new BaktaClient({
    retry: { attempts: 1 },
    fetch: () =>
      Promise.resolve(
        new Response(ReadableStream.from([full.subarray(0, 4)]), {
          headers: { "content-length": "10" },
        }),
      ),
  });
  const error = await rejection(
    readAll(await once.download("http://127.0.0.1:9/x/result.json")),
    BaktaNetworkError,
  );
  assert.equal(
    error.message,
    "Cannot download http://127.0.0.1:9/x/result.json: the body ended after 4 of 10 bytes",
  );
});
