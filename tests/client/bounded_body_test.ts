/**
 * The client's size caps: `maxResponseBytes` for API answers (announced or not) and
 * `maxDownloadBytes` for result files, against the stand-in's oversize fault.
 */

import assert from "node:assert/strict";
import { readUpTo } from "../../src/client/_bounded_body.ts";
import { BaktaApiError, BaktaNetworkError, buildJobConfig } from "../../src/client/mod.ts";
import { startBaktaStandIn } from "../../src/testing/bakta_stand_in/mod.ts";
import { fastClient, readAll, rejection } from "./_helpers.ts";

Deno.test("readUpTo() stops at the cap and says the body had more", async (t) => {
  const stream = (sizes: number[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const size of sizes) controller.enqueue(new Uint8Array(size).fill(7));
        controller.close();
      },
    });
  for (
    const [name, sizes, cap, length, exceeded] of [
      ["under the cap", [3, 4], 10, 7, false],
      ["exactly the cap", [5, 5], 10, 10, false],
      ["one byte over", [5, 6], 10, 10, true],
      ["one huge chunk", [1_000_000], 16, 16, true],
    ] as const
  ) {
    await t.step(name, async () => {
      const read = await readUpTo(stream([...sizes]), cap);
      assert.equal(read.bytes.byteLength, length);
      assert.equal(read.exceeded, exceeded);
    });
  }
});

Deno.test("BaktaClient refuses an API answer over maxResponseBytes, announced or chunked, without retrying", async (t) => {
  await using standIn = await startBaktaStandIn({ runningMs: 0 });
  for (const announce of [true, false]) {
    await t.step(announce ? "Content-Length over the cap" : "chunked past the cap", async () => {
      const { client, retries } = fastClient(standIn.baseUrl, { maxResponseBytes: 4096 });
      const { job, uploadLinkFasta } = await client.init("g.fna", "TSV");
      await client.upload(uploadLinkFasta, ">c1\nACGT\n");
      await client.start(job, { ...buildJobConfig({}), hasReplicons: false });
      standIn.setFault({ endpoint: "list", kind: "oversize", bytes: 1_000_000, announce });
      const error = await rejection(client.list([job]), BaktaApiError);
      assert.match(error.message, /^Cannot list job "[0-9a-f-]{36}": the answer is too large/);
      assert.match(error.message, /maxResponseBytes is 4,096/);
      assert.equal(retries.length, 0, "a too-large answer is not retried");
    });
  }
});

Deno.test("BaktaClient.download() fails a file over maxDownloadBytes naming the job, and passes one under it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/x.json`,
      JSON.stringify({ features: [], pad: "y".repeat(5000) }),
    );
    await using standIn = await startBaktaStandIn({ runningMs: 0, resultsDir: dir });
    const { job, uploadLinkFasta, client } = await (async () => {
      const { client } = fastClient(standIn.baseUrl, { maxDownloadBytes: 4096 });
      const init = await client.init("g.fna", "TSV");
      return { ...init, client };
    })();
    await client.upload(uploadLinkFasta, ">c1\nACGT\n");
    await client.start(job, { ...buildJobConfig({}), hasReplicons: false });
    await client.waitForJobs([job], { intervalMs: 5 });
    const link = (await client.result(job)).ResultFiles.JSON!;
    const body = await client.download(link, { jobId: job.jobID });
    const error = await rejection(readAll(body), BaktaNetworkError);
    assert.match(
      error.message,
      new RegExp(`of job "${job.jobID}": the file is larger than the cap`),
    );
    const roomy = fastClient(standIn.baseUrl, { maxDownloadBytes: 1_000_000 }).client;
    const bytes = await readAll(await roomy.download(link));
    assert.equal(JSON.parse(new TextDecoder().decode(bytes)).pad.length, 5000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
