import assert from "node:assert/strict";
import { formatRunAsGff3, makeRun } from "../../src/testing/factory/mod.ts";
import { PrepareWorker } from "../../src/store/prepare_worker.ts";
import { loadRunFiles, parseRunFiles, slimForWriting } from "../../src/store/prepare_run.ts";

Deno.test("PrepareWorker parses a run with a new file in the load trip, and waits for a stored one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-prepare-worker-" });
  const worker = new PrepareWorker();
  try {
    const paths = [1, 2].map((seed) => `${dir}/r${seed}.gff3`);
    for (const [i, path] of paths.entries()) {
      await Deno.writeTextFile(
        path,
        formatRunAsGff3(makeRun({ seed: i + 1, featuresPerSequence: 9 })),
      );
    }
    // The same files prepared on this thread: what the worker must give back.
    const here = await Promise.all(paths.map(async (path) => {
      const loaded = await loadRunFiles([path]);
      loaded.prefix = path === paths[0] ? "r1" : "r2";
      loaded.where = dir;
      return slimForWriting(await parseRunFiles(loaded));
    }));
    // Before the worker knows the stored files, it only loads (the old two-trip protocol).
    const untold = await worker.load([paths[0]], "r1", dir);
    assert.equal(untold.prepared, undefined);
    // The whole run comes back as prepared here: rows, terms, links, files' and residues' bytes.
    assert.deepEqual(await worker.parse(untold), here[0]);
    // r1's file is stored: loaded only, for the writer to check; r2's is new: parsed at once.
    await worker.storedFiles(untold.checksums);
    const stored = await worker.load([paths[0]], "r1", dir);
    assert.equal(stored.prepared, undefined);
    assert.deepEqual(stored.checksums, untold.checksums);
    await worker.drop(stored);
    const fresh = await worker.load([paths[1]], "r2", dir);
    assert.ok(fresh.prepared !== undefined);
    assert.deepEqual(fresh.prepared, here[1]);
    await assert.rejects(worker.parse(fresh), /Cannot parse run \d+: it was not loaded/);
  } finally {
    worker.close();
    await Deno.remove(dir, { recursive: true });
  }
});
