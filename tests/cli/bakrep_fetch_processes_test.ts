/**
 * `baktadb bakrep fetch` as real processes against the stand-in in this test process: killed with
 * SIGKILL in the middle of a download, then run again (only what is missing is fetched, nothing is
 * imported twice); and two processes fetching the same datasets at the same time.
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import { genomeMetadata, listGenomes } from "../../src/store/mod.ts";
import {
  type BakrepStandIn,
  startBakrepStandIn,
} from "../../src/testing/bakrep_stand_in/bakrep_stand_in.ts";
import { spawnCli, until } from "../_cli_process.ts";

function spawnFetch(args: string[]) {
  return spawnCli(["bakrep", "fetch", ...args]);
}

/** A temporary folder and the fetch arguments that use it, removed after `work`. */
async function inTempDir(
  standIn: BakrepStandIn,
  work: (dir: string, args: string[]) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  const args = [
    ...standIn.ids,
    "--api",
    standIn.url,
    "--db",
    `${dir}/b.sqlite`,
    "--dir",
    `${dir}/dl`,
  ];
  try {
    await work(dir, args);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function storedGenomes(db: string) {
  const database = await openDatabase(db);
  try {
    const genomes = await listGenomes(database);
    const metadata = await genomeMetadata(database);
    return genomes.map((g) => [g.name, g.annotations, metadata.get(g.id)?.["bakrep.id"]]);
  } finally {
    await database.destroy();
  }
}

Deno.test("baktadb bakrep fetch killed mid-download resumes: the missing files only, each genome once", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 4 });
  await inTempDir(standIn, async (dir, args) => {
    const last = standIn.ids[3];
    const slowPath = `/files/${last}/${last}.bakta.json.gz`;
    standIn.faults.slowMs.set(slowPath, 30_000);
    const first = spawnFetch([...args, "--concurrency", "1"]);
    await until("the slow download", () => standIn.requests.includes(`GET ${slowPath}`));
    first.child.kill("SIGKILL");
    await first.output;
    standIn.faults.slowMs.clear();
    const before = standIn.requests.filter((r) => r.startsWith("GET /files/")).length;
    assert.equal(before, 16, "three datasets of five files, and the slow one");

    const second = await spawnFetch(args).output;
    assert.equal(second.code, 0, second.stderr);
    const fetched = standIn.requests.filter((r) => r.startsWith("GET /files/")).slice(before);
    assert.ok(fetched.length > 0, "the second fetch asked for the unfinished dataset");
    assert.ok(fetched.every((r) => r.includes(`/files/${last}/`)), fetched.join());
    assert.equal(fetched.length, 5);
    assert.deepStrictEqual(
      await storedGenomes(`${dir}/b.sqlite`),
      standIn.ids.map((id) => [id, 1, id]),
    );
  });
});

Deno.test("two baktadb bakrep fetch processes on the same datasets store each genome once", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 3 });
  await inTempDir(standIn, async (dir, args) => {
    // A migrated database first: two processes migrating one fresh file at once is another matter.
    const init = await spawnCli(["init", "--db", `${dir}/b.sqlite`]).output;
    assert.equal(init.code, 0, init.stderr);
    const [a, b] = await Promise.all([spawnFetch(args).output, spawnFetch(args).output]);
    assert.equal(a.code, 0, a.stdout + a.stderr);
    assert.equal(b.code, 0, b.stdout + b.stderr);
    assert.deepStrictEqual(
      await storedGenomes(`${dir}/b.sqlite`),
      standIn.ids.map((id) => [id, 1, id]),
    );
  });
});
