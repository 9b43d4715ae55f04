import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Kysely, sql, SqliteDialect } from "kysely";
import { adaptSqlite, BusyError, translateSqliteError } from "../../src/db/mod.ts";

Deno.test("translateSqliteError() recognises a busy database from exec() and from statements", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-busy-" });
  const holder = new DatabaseSync(`${dir}/x.sqlite`);
  const waiter = new DatabaseSync(`${dir}/x.sqlite`);
  try {
    holder.exec("pragma journal_mode = wal; create table t (x)");
    waiter.exec("pragma busy_timeout = 0");
    holder.exec("begin immediate; insert into t values (1)");
    const cases: [string, () => unknown][] = [
      // exec() errors carry only the message: no errcode, no errstr
      ["exec() begin immediate", () => waiter.exec("begin immediate")],
      ["exec() insert", () => waiter.exec("insert into t values (2)")],
      ["a prepared statement", () => waiter.prepare("insert into t values (3)").run()],
    ];
    for (const [name, run] of cases) {
      await t.step(name, () => {
        let thrown: unknown;
        try {
          run();
        } catch (error) {
          thrown = error;
        }
        assert.ok(thrown instanceof Error, "the driver did not refuse");
        const translated = translateSqliteError(thrown, "sql");
        assert.ok(translated instanceof BusyError, `not a BusyError: ${String(translated)}`);
        assert.equal(translated.message, "database is locked");
        assert.equal(translated.cause, thrown);
      });
    }
  } finally {
    holder.exec("rollback");
    holder.close();
    waiter.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("translateSqliteError() leaves other driver errors without a code alone", () => {
  const native = new DatabaseSync(":memory:");
  try {
    let thrown: unknown;
    try {
      native.exec("select * from missing_table");
    } catch (error) {
      thrown = error;
    }
    assert.equal(translateSqliteError(thrown), thrown);
  } finally {
    native.close();
  }
});

Deno.test("adaptSqlite() gives rows as plain objects keyed by column name, also when streamed and after a schema change", async (t) => {
  const native = new DatabaseSync(":memory:");
  const db = new Kysely<{ t: { a: number; b: string | null } }>({
    dialect: new SqliteDialect({ database: adaptSqlite(native) }),
  });
  try {
    native.exec("create table t (a integer, b text); insert into t values (1, 'x'), (2, null)");
    await t.step("the values of node:sqlite's own objects, with Object's prototype", async () => {
      const { rows } =
        await sql`select a, b, a * 2 as "two a", 'é"\\' as "odd ""name"" é" from t order by a`
          .execute(db);
      const expected = native.prepare(
        `select a, b, a * 2 as "two a", 'é"\\' as "odd ""name"" é" from t order by a`,
      ).all().map((row) => ({ ...row }));
      assert.deepEqual(rows, expected);
      assert.ok(rows.every((row) => Object.getPrototypeOf(row) === Object.prototype));
    });
    await t.step("a later column of the same name wins, as in node:sqlite", async () => {
      const { rows } = await sql`select 1 as x, 2 as x`.execute(db);
      assert.deepEqual(rows, [{ x: 2 }]);
      assert.deepEqual({ ...native.prepare("select 1 as x, 2 as x").get() }, { x: 2 });
    });
    await t.step("a streamed select gives the same objects", async () => {
      const streamed = [];
      for await (const row of db.selectFrom("t").select(["a", "b"]).orderBy("a").stream()) {
        streamed.push(row);
      }
      assert.deepEqual(streamed, [{ a: 1, b: "x" }, { a: 2, b: null }]);
    });
    await t.step("a cached statement's new columns are seen after an alter table", async () => {
      const select = sql`select * from t order by a limit 1`;
      assert.deepEqual((await select.execute(db)).rows, [{ a: 1, b: "x" }]);
      native.exec("alter table t add column c integer default 7");
      // The execution that re-prepares it reads its former columns, as node:sqlite's objects do.
      assert.deepEqual((await select.execute(db)).rows, [{ a: 1, b: "x" }]);
      assert.deepEqual((await select.execute(db)).rows, [{ a: 1, b: "x", c: 7 }]);
      native.exec("alter table t rename column b to renamed");
      await select.execute(db);
      assert.deepEqual((await select.execute(db)).rows, [{ a: 1, renamed: "x", c: 7 }]);
    });
  } finally {
    await db.destroy();
  }
});

Deno.test("adaptSqlite() binds booleans as 0/1, undefined as null and dates as ISO text", async () => {
  const db = new Kysely<Record<string, never>>({
    dialect: new SqliteDialect({ database: adaptSqlite(new DatabaseSync(":memory:")) }),
  });
  try {
    const date = new Date(Date.UTC(2026, 11, 7, 12, 0, 0));
    const plain = ["a", 2, null, new Uint8Array([1])];
    // Each converted value alone among plain ones, and none at all (given without a copy).
    for (
      const [value, stored] of [[true, 1], [false, 0], [undefined, null], [
        date,
        date.toISOString(),
      ]]
    ) {
      const { rows } = await sql<{ v: unknown; t: string }>`select ${value} as v, ${plain[0]} as t`
        .execute(db);
      assert.deepEqual(rows, [{ v: stored, t: "a" }], String(value));
    }
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select ${plain[0]}, ${
      plain[1]
    }, ${plain[2]}, ${plain[3]})`.execute(db);
    assert.deepEqual(rows, [{ n: 1 }]);
  } finally {
    await db.destroy();
  }
});
