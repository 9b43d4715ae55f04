import assert from "node:assert/strict";
import {
  migrateDown,
  migrateTo,
  migrateToLatest,
  MIGRATION_NAMES,
  MigrationError,
  migrationStatus,
  openDatabase,
} from "../../src/db/mod.ts";
import { sql } from "kysely";

Deno.test("migrateToLatest() creates every table of the schema", async () => {
  const db = await openDatabase(":memory:", { migrate: false });
  try {
    const steps = await migrateToLatest(db);
    assert.deepEqual(steps.map((s) => s.name), [...MIGRATION_NAMES]);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    for (
      const table of [
        "genomes",
        "sequences",
        "jobs",
        "job_events",
        "job_configs",
        "annotations",
        "result_files",
        "features",
        "feature_xrefs",
        "genome_traits",
      ]
    ) {
      assert.ok(tables.includes(table), `missing table ${table}`);
    }
  } finally {
    await db.destroy();
  }
});

Deno.test("rows written at schema 0001 survive the migration to 0002, and down/up keeps them", async () => {
  const db = await openDatabase(":memory:", { migrate: false });
  try {
    await migrateTo(db, "0001_initial");
    assert.equal((await migrationStatus(db)).current, "0001_initial");
    await db.insertInto("genomes").values({ name: "kept", genus: "Enterococcus" }).execute();
    await migrateToLatest(db);
    const { id } = await db.selectFrom("genomes").select("id").where("name", "=", "kept")
      .executeTakeFirstOrThrow();
    await db.insertInto("genome_traits").values({ genome_id: id, key: "penicillin", value: "1" })
      .execute();
    const down = await migrateDown(db);
    assert.deepEqual(down.map((s) => [s.name, s.direction, s.status]), [[
      "0002_genome_traits",
      "Down",
      "Success",
    ]]);
    await migrateToLatest(db);
    const genomes = await db.selectFrom("genomes").select(["name", "genus"]).execute();
    assert.deepEqual(genomes, [{ name: "kept", genus: "Enterococcus" }]);
    assert.deepEqual((await migrationStatus(db)).pending, []);
  } finally {
    await db.destroy();
  }
});

Deno.test("openDatabase() on an older file migrates it, or with migrate 'check' says what to run", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/old.sqlite`;
  try {
    const old = await openDatabase(path, { migrate: false });
    await migrateTo(old, "0001_initial");
    await old.insertInto("genomes").values({ name: "g" }).execute();
    await old.destroy();
    await assert.rejects(
      openDatabase(path, { migrate: "check" }),
      (error: unknown) =>
        error instanceof MigrationError && /is at 0001_initial/.test(error.message) &&
        /baktadb migrate up --db/.test(error.message),
    );
    const db = await openDatabase(path);
    assert.deepEqual((await migrationStatus(db)).pending, []);
    assert.equal((await db.selectFrom("genomes").selectAll().execute()).length, 1);
    await db.destroy();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("migrationStatus() refuses a database migrated by a newer baktadb", async () => {
  const db = await openDatabase(":memory:");
  try {
    await sql`insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01')`
      .execute(db);
    await assert.rejects(migrationStatus(db), MigrationError);
  } finally {
    await db.destroy();
  }
});

Deno.test("migrateTo() names the known migrations when given an unknown one", async () => {
  const db = await openDatabase(":memory:");
  try {
    await assert.rejects(migrateTo(db, "0003_nope"), /no such migration \(known: 0001_initial/);
  } finally {
    await db.destroy();
  }
});
