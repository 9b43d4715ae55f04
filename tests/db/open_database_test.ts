import assert from "node:assert/strict";
import { sql } from "kysely";
import {
  DatabaseError,
  DEFAULT_DATABASE_PATH,
  openDatabase,
  resolveDatabaseLocation,
  toSqlitePath,
} from "../../src/db/mod.ts";

Deno.test("openDatabase() sets foreign keys, WAL, synchronous NORMAL and the busy timeout", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const db = await openDatabase(`${dir}/x.sqlite`, { busyTimeoutMs: 1234 });
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    assert.equal(await pragma("foreign_keys"), 1);
    assert.equal(await pragma("journal_mode"), "wal");
    assert.equal(await pragma("synchronous"), 1);
    assert.equal(await pragma("busy_timeout"), 1234);
    await db.destroy();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openDatabase() names the file when it is not a database", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/junk.sqlite`,
      "this is not a database at all, just text\n".repeat(100),
    );
    await assert.rejects(
      openDatabase(`${dir}/junk.sqlite`),
      (error: unknown) => error instanceof DatabaseError && error.message.includes("junk.sqlite"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("resolveDatabaseLocation() prefers --db, then BAKTADB_DATABASE, then the default", () => {
  const saved = Deno.env.get("BAKTADB_DATABASE");
  try {
    Deno.env.delete("BAKTADB_DATABASE");
    assert.equal(resolveDatabaseLocation(), DEFAULT_DATABASE_PATH);
    Deno.env.set("BAKTADB_DATABASE", "/tmp/env.sqlite");
    assert.equal(resolveDatabaseLocation(), "/tmp/env.sqlite");
    assert.equal(resolveDatabaseLocation("cli.sqlite"), "cli.sqlite");
  } finally {
    if (saved === undefined) Deno.env.delete("BAKTADB_DATABASE");
    else Deno.env.set("BAKTADB_DATABASE", saved);
  }
});

Deno.test("toSqlitePath() accepts paths and file:/sqlite: URLs and refuses other engines", () => {
  assert.equal(toSqlitePath("a/b.sqlite"), "a/b.sqlite");
  assert.equal(toSqlitePath("file:///tmp/a%20b.sqlite"), "/tmp/a b.sqlite");
  assert.equal(toSqlitePath("sqlite:x.sqlite"), "x.sqlite");
  assert.throws(
    () => toSqlitePath("postgres://user:pw@host/db"),
    (error: unknown) => error instanceof RangeError && !error.message.includes("pw"),
  );
});
