import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { BusyError, translateSqliteError } from "../../src/db/mod.ts";

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
