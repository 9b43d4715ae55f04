import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { BusyError, openDatabase, transaction } from "../../src/db/mod.ts";

Deno.test("transaction() rolls back every write when the work throws", async () => {
  const db = await openDatabase(":memory:");
  try {
    await assert.rejects(
      transaction(db, async (trx) => {
        await trx.insertInto("genomes").values({ name: "a" }).execute();
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.equal((await db.selectFrom("genomes").selectAll().execute()).length, 0);
  } finally {
    await db.destroy();
  }
});

Deno.test("transaction() retries while another connection holds the write lock, then commits", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/busy.sqlite`;
  const db = await openDatabase(path, { busyTimeoutMs: 0 });
  const other = new DatabaseSync(path);
  try {
    other.exec("begin immediate; insert into genomes (name) values ('held')");
    const retries: number[] = [];
    setTimeout(() => other.exec("commit"), 120);
    await transaction(db, async (trx) => {
      await trx.insertInto("genomes").values({ name: "mine" }).execute();
    }, {
      attempts: 50,
      baseDelayMs: 10,
      maxDelayMs: 20,
      onRetry: (attempt) => retries.push(attempt),
    });
    assert.ok(retries.length >= 1, "expected at least one retry");
    const names = (await db.selectFrom("genomes").select("name").orderBy("name").execute())
      .map((r) => r.name);
    assert.deepEqual(names, ["held", "mine"]);
  } finally {
    other.close();
    await db.destroy();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("transaction() gives up with BusyError after the last attempt", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/busy.sqlite`;
  const db = await openDatabase(path, { busyTimeoutMs: 0 });
  const other = new DatabaseSync(path);
  try {
    other.exec("begin immediate; insert into genomes (name) values ('held')");
    let tries = 0;
    await assert.rejects(
      transaction(db, async (trx) => {
        tries++;
        await trx.insertInto("genomes").values({ name: "mine" }).execute();
      }, { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 }),
      BusyError,
    );
    assert.equal(tries, 3);
    other.exec("rollback");
  } finally {
    other.close();
    await db.destroy();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("transaction() does not retry errors other than busy", async () => {
  const db = await openDatabase(":memory:");
  try {
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
  } finally {
    await db.destroy();
  }
});

Deno.test("transaction() rejects a non-positive attempts option", async () => {
  const db = await openDatabase(":memory:");
  try {
    await assert.rejects(transaction(db, () => Promise.resolve(), { attempts: 0 }), RangeError);
  } finally {
    await db.destroy();
  }
});
