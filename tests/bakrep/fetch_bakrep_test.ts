import assert from "node:assert/strict";
import { BakrepClient } from "../../src/bakrep/bakrep_client.ts";
import { fetchBakrep } from "../../src/bakrep/fetch_bakrep.ts";
import { genomeMetadata, listGenomes } from "../../src/store/mod.ts";
import { startBakrepStandIn } from "../../src/testing/bakrep_stand_in/bakrep_stand_in.ts";
import { rowCounts } from "../store/_helpers.ts";
import { freshDatabase } from "../_fresh_database.ts";

const FAST = { baseDelayMs: 1, maxDelayMs: 4, attempts: 3 };

function fileRequests(requests: string[]): string[] {
  return requests.filter((r) => r.startsWith("GET /files/"));
}

Deno.test("fetchBakrep() downloads what the store needs, imports genomes <id> with metadata, and a second run does nothing twice", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 3 });
  const client = new BakrepClient({ baseUrl: standIn.url, retry: FAST });
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const result = await fetchBakrep(db, client, standIn.ids, { dir, concurrency: 2 });
    assert.deepStrictEqual(result.items.map((i) => [i.id, i.status, i.downloaded]), [
      [standIn.ids[0], "imported", 5],
      [standIn.ids[1], "imported", 5],
      [standIn.ids[2], "imported", 5],
    ]);
    // the Bakta JSON and the four side files; not the GFF3
    assert.ok(fileRequests(standIn.requests).every((r) => !r.includes(".bakta.gff3")));
    const genomes = await listGenomes(db);
    const metadata = await genomeMetadata(db);
    for (const id of standIn.ids) {
      const fixture = standIn.datasets.get(id)!;
      const genome = genomes.find((g) => g.name === id)!;
      assert.equal(genome.features, fixture.run.features.length);
      const m = metadata.get(genome.id)!;
      assert.equal(m["bakrep.id"], id);
      assert.equal(m["source"], "bakrep");
      assert.equal(m["gtdbtk.species"], fixture.fields["gtdbtk.classification.species"]);
      assert.equal(
        m["checkm2.completeness"],
        String(fixture.fields["checkm2.quality.completeness"]),
      );
      assert.equal(m["mlst.sequence_type"], fixture.fields["mlst.sequence_type"]);
    }
    const counts = await rowCounts(db);
    const before = fileRequests(standIn.requests).length;
    const again = await fetchBakrep(db, client, standIn.ids, { dir });
    assert.deepStrictEqual(again.items.map((i) => [i.status, i.downloaded]), [
      ["skipped", 0],
      ["skipped", 0],
      ["skipped", 0],
    ]);
    assert.equal(fileRequests(standIn.requests).length, before);
    assert.deepStrictEqual(await rowCounts(db), counts);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fetchBakrep() resumes after an interruption: only the missing files are fetched", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 2 });
  const client = new BakrepClient({ baseUrl: standIn.url, retry: FAST });
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const [first, second] = standIn.ids;
    // An interrupted run: the first dataset complete, the second with one file and a partial one.
    const half = standIn.datasets.get(second)!;
    await Deno.mkdir(`${dir}/${second}`, { recursive: true });
    const json = `${second}.bakta.json.gz`;
    await Deno.writeFile(
      `${dir}/${second}/${second}.mlst.json.gz`,
      half.files.get(`${second}.mlst.json.gz`)!,
    );
    await Deno.writeFile(`${dir}/${second}/${json}.part`, half.files.get(json)!.subarray(0, 100));
    await fetchBakrep(db, client, [first], { dir });
    const before = fileRequests(standIn.requests).length;
    const result = await fetchBakrep(db, client, [first, second], { dir });
    assert.deepStrictEqual(result.items.map((i) => [i.status, i.downloaded]), [
      ["skipped", 0],
      ["imported", 4],
    ]);
    const fetched = fileRequests(standIn.requests).slice(before);
    assert.equal(fetched.length, 4);
    assert.ok(!fetched.some((r) => r.endsWith(".mlst.json.gz")));
    assert.deepStrictEqual((await listGenomes(db)).map((g) => g.name), [first, second]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fetchBakrep(): an unknown id and a file with a wrong MD5 fail alone; 500s are retried", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 3 });
  const client = new BakrepClient({ baseUrl: standIn.url, retry: FAST });
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const [ok, corrupt, flaky] = standIn.ids;
    standIn.faults.corrupt.add(`${corrupt}.checkm2.json.gz`);
    standIn.faults.fail500.set(`/api/v2/datasets/${flaky}`, 2);
    const result = await fetchBakrep(db, client, [ok, "SAMN_UNKNOWN", corrupt, flaky], { dir });
    assert.deepStrictEqual(result.items.map((i) => [i.id, i.status]), [
      [ok, "imported"],
      ["SAMN_UNKNOWN", "failed"],
      [corrupt, "failed"],
      [flaky, "imported"],
    ]);
    assert.match(result.items[1].error!.message, /"SAMN_UNKNOWN": HTTP 404/);
    assert.match(
      result.items[2].error!.message,
      /checkm2\.json\.gz\.\d+\.part: its MD5 is .* the dataset record says/,
    );
    assert.equal(result.failed, 2);
    assert.deepStrictEqual((await listGenomes(db)).map((g) => g.name).sort(), [ok, flaky].sort());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fetchBakrep() with files: all downloads every file; bad options are refused", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 1 });
  const client = new BakrepClient({ baseUrl: standIn.url, retry: FAST });
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const result = await fetchBakrep(db, client, standIn.ids, { dir, files: "all" });
    assert.equal(result.items[0].downloaded, 6);
    const names = [];
    for await (const e of Deno.readDir(`${dir}/${standIn.ids[0]}`)) names.push(e.name);
    assert.equal(names.filter((n) => n.includes(".bakta.")).length, 2);
    await assert.rejects(fetchBakrep(db, client, [], { concurrency: 0 }), /Invalid concurrency 0/);
    await assert.rejects(
      fetchBakrep(db, client, [], { files: "some" as "all" }),
      /Invalid files "some"/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
