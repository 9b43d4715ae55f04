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
import { type Kysely, sql } from "kysely";
import { familyKey } from "../../src/analysis/gene_families.ts";
import { searchFeatures } from "../../src/query/search_features.ts";
import { engineTest, openTestDatabase } from "../_engines.ts";

engineTest("migrateToLatest() creates every table of the schema", async () => {
  const db = await openTestDatabase({ migrate: false });
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

engineTest(
  "rows written at schema 0001 survive the migration to 0002, and down/up keeps them",
  async () => {
    const db = await openTestDatabase({ migrate: false });
    try {
      await migrateTo(db, "0001_initial");
      assert.equal((await migrationStatus(db)).current, "0001_initial");
      await db.insertInto("genomes").values({ name: "kept", genus: "Enterococcus" }).execute();
      await migrateTo(db, "0002_genome_traits");
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
  },
);

/** Writes, at schema 0002, one genome with features whose families cover every rule. */
// deno-lint-ignore no-explicit-any
async function writeFeaturesAt0002(db: Kysely<any>): Promise<Record<string, number>> {
  const g = await db.insertInto("genomes").values({ name: "old" }).returning("id")
    .executeTakeFirstOrThrow();
  const s = await db.insertInto("sequences").values({
    genome_id: g.id,
    version: 1,
    seq_id: "c1",
    length: 10_000,
  }).returning("id").executeTakeFirstOrThrow();
  const a = await db.insertInto("annotations").values({
    genome_id: g.id,
    sequence_version: 1,
    source: "files",
    fingerprint: "old",
  }).returning("id").executeTakeFirstOrThrow();
  const ids: Record<string, number> = {};
  const features: [string, string, string | null, [string, string][]][] = [
    ["two90", "cds", "aa1", [["UniRef", "UniRef90_Z"], ["UniRef", "UniRef90_B"], [
      "UniRef",
      "UniRef50_A",
    ]]],
    ["only50", "cds", "aa2", [["UniRef", "UniRef50_C"], ["UniRef", "UniRef100_A"]]],
    ["md5", "cds", "aa3", [["UniParc", "UniRef90_X"], ["COG", "K"]]],
    ["xrefOnly", "sorf", null, [["UniRef", "UniRef90_Q"]]],
    ["none", "tRNA", null, [["SO", "SO:0000253"]]],
  ];
  let start = 1;
  for (const [name, type, digest, xrefs] of features) {
    const f = await db.insertInto("features").values({
      annotation_id: a.id,
      sequence_id: s.id,
      original_json: "{}",
      type,
      start,
      stop: start + 89,
      strand: "+",
      locus_tag: `OLD_${name}`,
      aa_hexdigest: digest,
    }).returning("id").executeTakeFirstOrThrow();
    start += 100;
    ids[name] = f.id;
    for (const [xdb, accession] of xrefs) {
      await db.insertInto("feature_xrefs").values({ feature_id: f.id, db: xdb, accession })
        .execute();
    }
  }
  return ids;
}

engineTest(
  "migration 0003 backfills features.family as familyKey() computes it, and keeps the row",
  async (_t, engine) => {
    const db = await openTestDatabase({ migrate: false });
    try {
      await migrateTo(db, "0002_genome_traits");
      const ids = await writeFeaturesAt0002(db);
      const steps = await migrateToLatest(db);
      assert.deepEqual(steps.map((s) => [s.name, s.status]), [["0003_feature_family", "Success"]]);
      const rows = await db.selectFrom("features")
        .select(["id", "family", "locus_tag", familyKey().as("computed")]).orderBy("id").execute();
      assert.deepEqual(rows.map((row) => [row.id, row.family]), [
        [ids.two90, "UniRef90_B"],
        [ids.only50, "UniRef50_C"],
        [ids.md5, "MD5:aa3"],
        [ids.xrefOnly, "UniRef90_Q"],
        [ids.none, null],
      ]);
      for (const row of rows) assert.equal(row.family, row.computed, `feature ${row.locus_tag}`);
      // The full-text index still answers (on SQLite: the update trigger was put back).
      const search = async (text: string) =>
        (await searchFeatures(db, text).execute()).map((hit) => hit.id);
      assert.deepEqual(await search("OLD_md5"), [ids.md5]);
      if (engine === "sqlite") {
        const triggers = await sql<{ name: string }>`select name from sqlite_master
        where type = 'trigger' order by name`.execute(db);
        assert.deepEqual(triggers.rows.map((t) => t.name), [
          "features_ad",
          "features_ai",
          "features_au",
        ]);
      }
      await db.updateTable("features").set({ product: "renamed" }).where("id", "=", ids.md5)
        .execute();
      assert.deepEqual(await search("renamed"), [ids.md5]);
      // Down drops the column and keeps the rows; up backfills again.
      await migrateDown(db);
      const columns = (await db.introspection.getTables()).find((t) => t.name === "features")!
        .columns.map((c) => c.name);
      assert.ok(!columns.includes("family"));
      assert.equal((await db.selectFrom("features").select("id").execute()).length, 5);
      await migrateToLatest(db);
      const again = await db.selectFrom("features").select("family").where("id", "=", ids.two90)
        .executeTakeFirstOrThrow();
      assert.equal(again.family, "UniRef90_B");
    } finally {
      await db.destroy();
    }
  },
);

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

engineTest("migrationStatus() refuses a database migrated by a newer baktadb", async () => {
  const db = await openTestDatabase();
  try {
    await sql`insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01')`
      .execute(db);
    await assert.rejects(migrationStatus(db), MigrationError);
  } finally {
    await db.destroy();
  }
});

engineTest("migrateTo() names the known migrations when given an unknown one", async () => {
  const db = await openTestDatabase();
  try {
    await assert.rejects(migrateTo(db, "0003_nope"), /no such migration \(known: 0001_initial/);
  } finally {
    await db.destroy();
  }
});
