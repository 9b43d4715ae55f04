/**
 * Several processes opening one fresh database file at the same time: the journal-mode switch and
 * the migrations of the first open must survive it. Each process is a real OS process; they wait
 * for one common moment before opening, so that the opens truly overlap.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { MIGRATION_NAMES, migrationStatus, openDatabase } from "../../src/db/mod.ts";
import { REPO_DIR } from "../_cli_process.ts";
import { sqlite3 } from "../_sqlite3.ts";

const PROCESSES = 8;

Deno.test("openDatabase() on a fresh file opened by 8 processes at once migrates it exactly once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-open-" });
  const path = `${dir}/fresh.sqlite`;
  try {
    const at = Date.now() + 4_000; // after every process has started and loaded its modules
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) =>
        new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "tests/db/_open_at.ts", path, String(at), `P${i}`],
          cwd: REPO_DIR,
        }).output()),
    );
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    for (const output of outputs) assert.equal(output.code, 0, decode(output.stderr));
    const db = await openDatabase(path, { migrate: false });
    try {
      const status = await migrationStatus(db);
      assert.deepEqual(status.pending, []);
      assert.equal(status.current, MIGRATION_NAMES.at(-1));
      const { rows: ran } = await sql<{ name: string }>`
        select name from kysely_migration order by name`.execute(db);
      assert.deepEqual(ran.map((row) => row.name), [...MIGRATION_NAMES], "each migration once");
      const genomes = await db.selectFrom("genomes").select("name").orderBy("name").execute();
      assert.deepEqual(
        genomes.map((row) => row.name),
        Array.from({ length: PROCESSES }, (_, i) => `P${i}`),
        "every process wrote",
      );
      const { rows: mode } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      assert.equal(mode[0].journal_mode, "wal");
      assert.deepEqual(await sqlite3(path, "pragma integrity_check"), ["ok"]);
    } finally {
      await db.destroy();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
