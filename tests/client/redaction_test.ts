/**
 * No error of the client, in any form (message, stack, String, JSON, Deno.inspect, cause chain,
 * retry events), holds a job secret or a presigned signature.
 */

import assert from "node:assert/strict";
import {
  BaktaApiError,
  BaktaClient,
  type BaktaJob,
  BaktaNetworkError,
  BaktaTimeoutError,
  buildJobConfig,
  redactSecrets,
  redactText,
  redactUrl,
} from "../../src/client/mod.ts";
import { startBaktaStandIn } from "../../src/testing/bakta_stand_in/mod.ts";
import { fastClient, rejection } from "./_helpers.ts";

/** Every text form of an error, its causes included. */
function forms(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    if (current instanceof Error) {
      texts.push(current.message, current.stack ?? "", String(current));
    }
    texts.push(JSON.stringify(current) ?? "", Deno.inspect(current, { depth: 10 }));
    current = current instanceof Error ? current.cause : undefined;
  }
  return texts;
}

function assertClean(error: unknown, secrets: string[]): void {
  for (const text of forms(error)) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
    }
  }
}

const ENDPOINTS = ["start", "list", "result", "logs", "delete"] as const;

function callEndpoint(client: BaktaClient, endpoint: typeof ENDPOINTS[number], job: BaktaJob) {
  switch (endpoint) {
    case "start":
      return client.start(job, buildJobConfig({}));
    case "list":
      return client.list([job]);
    case "result":
      return client.result(job);
    case "logs":
      return client.logs(job);
    case "delete":
      return client.delete(job);
  }
}

Deno.test("BaktaClient keeps job secrets out of every error of every job endpoint", async (t) => {
  await using standIn = await startBaktaStandIn({ runningMs: 60_000 });
  const { client: setup } = fastClient(standIn.baseUrl);
  const { job } = await setup.init("secretive");
  for (const endpoint of ENDPOINTS) {
    for (
      const [label, fault, type] of [
        ["500 exhausted", { kind: "status", status: 500, times: 10 }, BaktaApiError],
        ["dropped exhausted", { kind: "drop", times: 10 }, BaktaNetworkError],
        ["timed out", { kind: "delay", ms: 1_500, times: 10 }, BaktaTimeoutError],
        ["unauthorized", { kind: "unauthorized", times: 1 }, BaktaApiError],
      ] as const
    ) {
      if (label === "unauthorized" && endpoint === "list") continue; // a per-job outcome, not an error
      await t.step(`${endpoint}: ${label}`, async () => {
        const retried: unknown[] = [];
        const { client } = fastClient(standIn.baseUrl, {
          timeoutMs: 150,
          retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
          onRetry: (event) => retried.push(event.error, JSON.stringify(event)),
        });
        standIn.clearFaults();
        standIn.setFault({ endpoint, ...fault } as Parameters<typeof standIn.setFault>[0]);
        const error = await rejection(callEndpoint(client, endpoint, job), type);
        standIn.clearFaults();
        assertClean(error, [job.secret]);
        for (const event of retried) assertClean(event, [job.secret]);
        if (endpoint === "logs" || endpoint === "delete") {
          assert.match(error.url ?? "", /secret=\*\*\*/);
          assert.ok(error.url?.includes(`jobID=${job.jobID}`), "the job id stays visible");
        }
        assert.equal(error.jobId, job.jobID);
      });
    }
  }
});

Deno.test("BaktaClient redacts secrets from connection errors after the service is gone", async () => {
  const standIn = await startBaktaStandIn();
  const { client } = fastClient(standIn.baseUrl, {
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const { job } = await client.init("gone");
  await standIn.close();
  for (const call of [() => client.logs(job), () => client.delete(job), () => client.result(job)]) {
    const error = await rejection(call(), BaktaNetworkError);
    assert.match(error.message, /connection failed/);
    assertClean(error, [job.secret]);
  }
});

Deno.test("BaktaClient redacts a secret the service echoes back in its error", async () => {
  const secret = "EchoedSecret0123456789abcdefghij";
  const client = new BaktaClient({
    baseUrl: "http://127.0.0.1:9/api/v1",
    fetch: () =>
      Promise.resolve(
        new Response(JSON.stringify(`Unauthorized: secret ${secret} does not match`), {
          status: 400,
        }),
      ),
  });
  const error = await rejection(client.logs({ jobID: "j", secret }), BaktaApiError);
  assert.equal(error.serviceMessage, "Unauthorized: secret *** does not match");
  assertClean(error, [secret]);
});

Deno.test("BaktaClient redacts fetch failures that quote the URL", async () => {
  const secret = "QuotedSecret0123456789abcdefghij";
  const client = new BaktaClient({
    baseUrl: "http://127.0.0.1:9/api/v1",
    retry: { attempts: 1 },
    fetch: (input) =>
      Promise.reject(
        new TypeError(`error sending request for url (${input})`, {
          cause: new Error(`connect refused while fetching ${input}`),
        }),
      ),
  });
  const error = await rejection(client.delete({ jobID: "j", secret }), BaktaNetworkError);
  assert.match(error.message, /secret=\*\*\*/);
  assert.equal(error.cause instanceof Error && error.cause.name, "TypeError");
  assertClean(error, [secret]);
});

Deno.test("BaktaClient keeps presigned signatures out of upload and download errors", async () => {
  await using standIn = await startBaktaStandIn();
  const { client } = fastClient(standIn.baseUrl);
  const { uploadLinkFasta, job } = await client.init("g");
  const signature = new URL(uploadLinkFasta).searchParams.get("X-Amz-Signature")!;
  const credential = new URL(uploadLinkFasta).searchParams.get("X-Amz-Credential")!;
  standIn.setFault({ endpoint: "upload", kind: "status", status: 500, times: 10 });
  const error = await rejection(client.upload(uploadLinkFasta, ">c\nA\n"), BaktaApiError);
  assertClean(error, [signature, credential, job.secret]);
  assert.match(error.message, /X-Amz-Signature=\*\*\*/);
  const result = await client.result(job);
  const link = result.ResultFiles.GFF3!;
  const downloadSignature = new URL(link).searchParams.get("X-Amz-Signature")!;
  const missing = await rejection(client.download(link), BaktaApiError);
  assertClean(missing, [downloadSignature, job.secret]);
});

Deno.test("redactSecrets(), redactUrl() and redactText() mask secrets and credentials", () => {
  const secret = "abcdefghijklmnopqrstuvwxyz012345";
  assert.equal(redactSecrets(`a ${secret} b ${secret}`, [secret]), "a *** b ***");
  assert.equal(
    redactSecrets("short key", ["key"]),
    "short key",
    "secrets under 8 characters are ignored",
  );
  assert.equal(
    redactUrl(`https://h/api/v1/job/logs?jobID=1&secret=${secret}#x`, []),
    "https://h/api/v1/job/logs?jobID=1&secret=***#x",
  );
  assert.equal(
    redactUrl(
      "https://b/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=ff&response-content-disposition=a",
      [],
    ),
    "https://b/k?X-Amz-Credential=***&X-Amz-Signature=***&response-content-disposition=a",
  );
  assert.equal(redactUrl("not a url with " + secret, [secret]), "not a url with ***");
  assert.equal(
    redactText(`GET http://h/x?secret=${secret} failed; secret=${secret}`, []),
    "GET http://h/x?secret=*** failed; secret=***",
  );
});
