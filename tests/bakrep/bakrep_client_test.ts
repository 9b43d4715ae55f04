import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { BakrepClient } from "../../src/bakrep/bakrep_client.ts";
import { BakrepError } from "../../src/bakrep/bakrep_error.ts";
import { startBakrepStandIn } from "../../src/testing/bakrep_stand_in/bakrep_stand_in.ts";

const FAST = { baseDelayMs: 1, maxDelayMs: 4 };

Deno.test("BakrepClient.dataset() reads the record; an unknown id is a 404 BakrepError, not retried", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 1 });
  const client = new BakrepClient({ baseUrl: standIn.url, retry: FAST });
  const dataset = await client.dataset(standIn.ids[0]);
  const fixture = standIn.datasets.get(standIn.ids[0])!;
  assert.deepStrictEqual(dataset.files.map((f) => f.name).sort(), [...fixture.files.keys()].sort());
  for (const file of dataset.files) {
    const bytes = fixture.files.get(file.name)!;
    assert.equal(file.md5, createHash("md5").update(bytes).digest("hex"));
  }
  await assert.rejects(client.dataset("SAMN_NOPE"), (e: unknown) => {
    assert.ok(e instanceof BakrepError);
    assert.equal(e.status, 404);
    assert.match(e.message, /Cannot get BakRep dataset "SAMN_NOPE": HTTP 404/);
    return true;
  });
  assert.equal(standIn.requests.filter((r) => r.endsWith("/SAMN_NOPE")).length, 1);
});

Deno.test("BakrepClient retries 5xx with backoff and gives up after the attempts", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 1 });
  const client = new BakrepClient({ baseUrl: standIn.url, retry: { ...FAST, attempts: 3 } });
  standIn.faults.fail500.set("/api/v2/search/_info", 2);
  assert.ok((await client.searchInfo()).length > 5);
  standIn.faults.fail500.set("/api/v2/search/_info", 3);
  await assert.rejects(client.searchInfo(), /HTTP 500 "stand-in fault" \(after 3 attempts\)/);
  assert.equal(standIn.requests.filter((r) => r === "GET /api/v2/search/_info").length, 6);
});

Deno.test("BakrepClient times out a slow answer, retrying it, then fails naming the timeout", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 1 });
  const client = new BakrepClient({
    baseUrl: standIn.url,
    timeoutMs: 50,
    retry: { ...FAST, attempts: 2 },
  });
  standIn.faults.slowMs.set("/api/v2/search/_info", 400);
  await assert.rejects(client.searchInfo(), /no answer within 50 ms/);
  standIn.faults.slowMs.clear();
  assert.ok((await client.searchInfo()).length > 0);
});

Deno.test("BakrepClient.download() resumes a body that breaks off, with Range", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 1 });
  const client = new BakrepClient({ baseUrl: standIn.url, retry: FAST });
  const dataset = await client.dataset(standIn.ids[0]);
  const entry = dataset.files.find((f) => f.name.endsWith(".bakta.json.gz"))!;
  standIn.faults.truncateOnce.add(entry.name);
  const bytes = new Uint8Array(await new Response(await client.download(entry.url)).arrayBuffer());
  assert.equal(bytes.length, entry.size);
  assert.equal(createHash("md5").update(bytes).digest("hex"), entry.md5);
  assert.equal(standIn.requests.filter((r) => r.endsWith(entry.name)).length, 2);
});

Deno.test("BakrepClient.searchTsv() answers TSV rows of the matches", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 3 });
  const client = new BakrepClient({ baseUrl: standIn.url });
  const tsv = await client.searchTsv({ offset: 0, limit: 10, query: { op: "and", value: [] } });
  const lines = tsv.trim().split("\n");
  assert.equal(lines.length, 4);
  assert.equal(lines[0].split("\t")[0], "id");
  assert.deepStrictEqual(lines.slice(1).map((l) => l.split("\t")[0]), standIn.ids);
});

Deno.test("BakrepClient refuses a bad configuration", () => {
  assert.throws(() => new BakrepClient({ baseUrl: "ftp://x" }), {
    name: "RangeError",
    message: /Invalid baseUrl "ftp:\/\/x": expected an http\(s\) URL/,
  });
  assert.throws(() => new BakrepClient({ timeoutMs: 0 }), /Invalid timeoutMs 0/);
  assert.throws(() => new BakrepClient({ retry: { attempts: 0 } }), /retry\.attempts/);
});
