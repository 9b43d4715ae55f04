import assert from "node:assert/strict";
import { dirname } from "node:path";
import { type Kysely, sql } from "../../src/deps/kysely.ts";
import type { Database } from "../../src/db/schema.ts";
import { withCheckpointInterval } from "../../src/db/wal_checkpoint_interval.ts";
import { importRuns, listGenomes } from "../../src/store/mod.ts";
import { formatRunAsBaktaJson, makeRun } from "../../src/testing/factory/mod.ts";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import { freshDatabase, freshDatabaseLocation } from "../_fresh_database.ts";

async function autocheckpoint(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
  return rows[0].wal_autocheckpoint;
}

Deno.test("withCheckpointInterval restores the setting when the work fails", async () => {
  await using db = await freshDatabase({ storage: "file" });
  await assert.rejects(
    withCheckpointInterval(db, 7000, async () => {
      assert.equal(await autocheckpoint(db), 7000);
      throw new Error("planted");
    }),
    /planted/,
  );
  assert.equal(await autocheckpoint(db), 1000);
});

Deno.test("withCheckpointInterval refuses an interval that is not a positive integer", async () => {
  await using db = await freshDatabase({ storage: "file" });
  await assert.rejects(
    withCheckpointInterval(db, 0, () => Promise.resolve()),
    (e: Error) => e instanceof RangeError && /checkpoint interval.*got 0/.test(e.message),
  );
});

Deno.test("a batch import checkpoints less often while it writes, then restores the setting", async () => {
  await using db = await freshDatabase({ storage: "file" });
  const dir = dirname(freshDatabaseLocation(db));
  const seen: number[] = [];
  for (const seed of [1, 2]) {
    await Deno.writeTextFile(
      `${dir}/g${seed}.json`,
      formatRunAsBaktaJson(makeRun({ seed, sequences: 1, featuresPerSequence: 3 })),
    );
  }
  const result = await importRuns(db, [`${dir}/g1.json`, `${dir}/g2.json`], {
    // The reader runs on this thread between the batch's writes: the setting it sees is the batch's.
    readRun: async (paths) => {
      seen.push(await autocheckpoint(db));
      return await readResultFolder(paths);
    },
  });
  assert.equal(result.imported, 2);
  assert.equal((await listGenomes(db)).length, 2);
  assert.ok(seen.length > 0 && seen.every((pages) => pages === 10_000), `seen ${seen}`);
  assert.equal(await autocheckpoint(db), 1000);
});
