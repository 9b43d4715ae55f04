import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { sql } from "../../src/deps/kysely.ts";
import {
  BusyError,
  openDatabase,
  transaction,
  type TransactionOptions,
  withWriteLock,
} from "../../src/db/mod.ts";
import { holdWriteLock } from "./_write_lock_holder.ts";
import { freshDatabase } from "../_fresh_database.ts";

async function withFile(
  test: (path: string, db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>,
  busyTimeoutMs = 0,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-trx-" });
  const path = `${dir}/busy.sqlite`;
  const db = await openDatabase(path, { busyTimeoutMs });
  try {
    await test(path, db);
  } finally {
    await db.destroy();
    await Deno.remove(dir, { recursive: true });
  }
}

async function names(db: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  return (await db.selectFrom("genomes").select("name").orderBy("name").execute())
    .map((row) => row.name);
}

Deno.test("transaction() rolls back every write when the work throws", async () => {
  await using db = await freshDatabase();
  await assert.rejects(
    transaction(db, async (trx) => {
      await trx.insertInto("genomes").values({ name: "a" }).execute();
      throw new Error("boom");
    }),
    /boom/,
  );
  assert.equal((await db.selectFrom("genomes").selectAll().execute()).length, 0);
});

Deno.test("transaction() waits for another process's write lock with back-off, then commits", async () => {
  await withFile(async (path, db) => {
    const holder = await holdWriteLock(path, 300);
    const retries: number[] = [];
    let tries = 0;
    await transaction(db, async (trx) => {
      tries++;
      await trx.insertInto("genomes").values({ name: "mine" }).execute();
    }, { baseDelayMs: 10, maxDelayMs: 20, onRetry: (attempt) => retries.push(attempt) });
    assert.equal(await holder.done, 0);
    assert.ok(retries.length >= 1, "expected at least one retry (busy timeout 0)");
    assert.equal(tries, 1, "the work never ran while the lock was held");
    assert.deepEqual(await names(db), ["held", "mine"]);
  });
});

Deno.test("transaction() begins immediate: a read before the write never meets a stale snapshot", async () => {
  // With Kysely's deferred `begin`, the select takes a snapshot while the other process writes;
  // once it commits, the insert cannot upgrade that snapshot (SQLITE_BUSY_SNAPSHOT) and the work
  // runs again. Begun immediate, the work waits for the lock first and runs once.
  await withFile(async (path, db) => {
    const holder = await holdWriteLock(path, 300);
    let tries = 0;
    const retried: BusyError[] = [];
    await transaction(db, async (trx) => {
      tries++;
      const seen = await trx.selectFrom("genomes").select("name").execute();
      await trx.insertInto("genomes").values({ name: `after-${seen.length}` }).execute();
    }, { onRetry: (_attempt, _delay, error) => retried.push(error) });
    assert.equal(await holder.done, 0);
    assert.equal(tries, 1);
    assert.deepEqual(retried, []);
    assert.deepEqual(await names(db), ["after-1", "held"]);
  }, 10_000);
});

Deno.test("transaction() gives up after maxWaitMs with a BusyError naming the file", async () => {
  await withFile(async (path, db) => {
    const other = new DatabaseSync(path);
    other.exec("begin immediate; insert into genomes (name) values ('held')");
    try {
      const delays: number[] = [];
      const options: TransactionOptions = {
        // Room for three sleeps even when a loaded machine's timers fire late.
        maxWaitMs: 500,
        baseDelayMs: 10,
        maxDelayMs: 40,
        random: () => 1,
        onRetry: (_attempt, delayMs) => delays.push(delayMs),
      };
      let tries = 0;
      const work = transaction(db, async (trx) => {
        tries++;
        await trx.insertInto("genomes").values({ name: "mine" }).execute();
      }, options);
      await assert.rejects(work, (error: unknown) => {
        assert.ok(error instanceof BusyError);
        assert.match(
          error.message,
          /^Cannot write to database "[^"]*busy\.sqlite": another process/,
        );
        assert.match(error.message, /: database is locked$/);
        return true;
      });
      assert.equal(tries, 0, "the work never ran without the lock");
      assert.deepEqual(delays.slice(0, 3), [10, 20, 40], "the delay doubles up to maxDelayMs");
      assert.ok(delays.reduce((a, b) => a + b, 0) <= 500, "never sleeps past maxWaitMs");
    } finally {
      other.exec("rollback");
      other.close();
    }
    assert.deepEqual(await names(db), []);
  });
});

Deno.test("transaction() does not retry errors other than busy", async () => {
  await using db = await freshDatabase();
  let tries = 0;
  await assert.rejects(
    transaction(db, async (trx) => {
      tries++;
      await trx.insertInto("genomes").values({ name: "x" }).execute();
      await trx.insertInto("genomes").values({ name: "x" }).execute();
    }),
    /UNIQUE/,
  );
  assert.equal(tries, 1);
});

Deno.test("transaction() rejects options out of range, naming the option", async (t) => {
  await using db = await freshDatabase();
  for (
    const [name, value] of [
      ["maxWaitMs", -1],
      ["maxWaitMs", Infinity],
      ["baseDelayMs", Number.NaN],
      ["maxDelayMs", -5],
    ] as const
  ) {
    await t.step(`${name} = ${value}`, async () => {
      await assert.rejects(
        transaction(db, () => Promise.resolve(), { [name]: value }),
        (error: unknown) => error instanceof RangeError && error.message.includes(name),
      );
    });
  }
});

Deno.test("readers never block a writer, nor a writer the readers (WAL)", async () => {
  await withFile(async (path, db) => {
    const reader = new DatabaseSync(path);
    try {
      reader.exec("begin");
      assert.equal(reader.prepare("select count(*) as n from genomes").get()?.n, 0);
      let retries = 0;
      await transaction(db, async (trx) => {
        await trx.insertInto("genomes").values({ name: "written" }).execute();
      }, { onRetry: () => retries++ });
      assert.equal(retries, 0, "an open read transaction did not make the writer wait");
      assert.equal(reader.prepare("select count(*) as n from genomes").get()?.n, 0, "snapshot");
      reader.exec("commit");
      await withWriteLock(db, () => {
        assert.equal(reader.prepare("select count(*) as n from genomes").get()?.n, 1);
        return Promise.resolve();
      });
    } finally {
      reader.close();
    }
  });
});

Deno.test("withWriteLock() commits on success and rolls back on error", async () => {
  await withFile(async (_path, db) => {
    await withWriteLock(db, async (conn) => {
      await conn.insertInto("genomes").values({ name: "kept" }).execute();
    });
    await assert.rejects(
      withWriteLock(db, async (conn) => {
        await conn.insertInto("genomes").values({ name: "undone" }).execute();
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.deepEqual(await names(db), ["kept"]);
  });
});

Deno.test("transaction({ foreignKeyChecks: false }) skips parent look-ups for its tries only", async () => {
  await using db = await freshDatabase();
  const dangling = (trx: typeof db) =>
    trx.insertInto("annotations").values({
      genome_id: 999,
      sequence_version: 1,
      source: "files",
      fingerprint: "no-such-genome",
    }).execute();
  // Checked by default: the genome does not exist.
  await assert.rejects(transaction(db, (trx) => dangling(trx)), /FOREIGN KEY constraint failed/);
  await transaction(db, (trx) => dangling(trx), { foreignKeyChecks: false });
  const problems = await sql`pragma foreign_key_check`.execute(db);
  assert.equal(problems.rows.length, 1, "the unchecked row is there, and dangling");
  const checks = async () =>
    (await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0].foreign_keys;
  assert.equal(await checks(), 1, "checks are on again after the transaction");
  await assert.rejects(
    transaction(db, () => Promise.reject(new Error("work failed")), { foreignKeyChecks: false }),
    /work failed/,
  );
  assert.equal(await checks(), 1, "checks are on again after a failed transaction");
  await assert.rejects(
    transaction(db, (trx) => dangling(trx), { foreignKeyChecks: "no" as unknown as boolean }),
    (error: Error) =>
      error instanceof TypeError &&
      error.message === "Cannot run a transaction: foreignKeyChecks must be a boolean, got no",
  );
});
