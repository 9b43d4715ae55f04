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
import { familyKey, presenceAbsence } from "../../src/analysis/gene_families.ts";
import { cogMatrix } from "../../src/analysis/cog_matrix.ts";
import { featureTypeCounts } from "../../src/analysis/feature_type_counts.ts";
import { featuresByXref } from "../../src/query/features_by_xref.ts";
import { featuresInRegion } from "../../src/query/features_in_region.ts";
import { findFeatures } from "../../src/query/find_features.ts";
import { searchFeatures } from "../../src/query/search_features.ts";
import { importRun, type ImportRunResult, loadRun } from "../../src/store/mod.ts";
import { type Engine, engineTest } from "../_engines.ts";
import type { Database } from "../../src/db/schema.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { writeRunAtV3 } from "./_schema_v3.ts";
import { freshDatabase } from "../_fresh_database.ts";

engineTest("migrateToLatest() creates every table of the schema", async () => {
  await using db = await freshDatabase({ migrate: false });
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
      "xref_term_features",
      "genome_traits",
    ]
  ) {
    assert.ok(tables.includes(table), `missing table ${table}`);
  }
});

engineTest(
  "rows written at schema 0001 survive the migration to 0002, and down/up keeps them",
  async () => {
    await using db = await freshDatabase({ migrate: false });
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
    await using db = await freshDatabase({ migrate: false });
    await migrateTo(db, "0002_genome_traits");
    const ids = await writeFeaturesAt0002(db);
    const steps = await migrateTo(db, "0003_feature_family");
    assert.deepEqual(steps.map((s) => [s.name, s.status]), [["0003_feature_family", "Success"]]);
    const rows = await db.selectFrom("features")
      .select(["id", "family", "locus_tag"]).orderBy("id").execute();
    assert.deepEqual(rows.map((row) => [row.id, row.family]), [
      [ids.two90, "UniRef90_B"],
      [ids.only50, "UniRef50_C"],
      [ids.md5, "MD5:aa3"],
      [ids.xrefOnly, "UniRef90_Q"],
      [ids.none, null],
    ]);
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
    await migrateTo(db, "0003_feature_family");
    const again = await db.selectFrom("features").select("family").where("id", "=", ids.two90)
      .executeTakeFirstOrThrow();
    assert.equal(again.family, "UniRef90_B");
    // familyKey() (which reads the cross-references of the latest schema) agrees with the
    // families the migration stored, once the cross-references are in their latest form.
    await migrateToLatest(db);
    const computed = await db.selectFrom("features")
      .select(["family", "locus_tag", familyKey(db).as("computed")]).orderBy("id").execute();
    for (const row of computed) {
      assert.equal(row.family, row.computed, `feature ${row.locus_tag}`);
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
  await using db = await freshDatabase();
  await sql`insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01')`
    .execute(db);
  await assert.rejects(
    migrationStatus(db),
    (error: unknown) =>
      error instanceof MigrationError &&
      /^The database is at schema 9999_future, newer than this baktadb knows/.test(error.message),
  );
});

engineTest("migrateTo() names the known migrations when given an unknown one", async () => {
  await using db = await freshDatabase();
  await assert.rejects(migrateTo(db, "0003_nope"), /no such migration \(known: 0001_initial/);
});

const v3Present = reportSamples("tests/db/migrator_test.ts");
const COHORT = "v1.9.2-spneumoniae-cohort";

/**
 * A query's rows without the surrogate ids that a merge may change, and without FTS5's bm25
 * `rank`, which depends on the whole corpus (the merged duplicate's rows leave it).
 */
function withoutIds(rows: readonly object[]): unknown[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).filter(([key]) =>
        !["id", "annotationId", "feature_id", "rank"].includes(key)
      ),
    )
  );
}

/** Every query's answer over the database, ids left out. */
// deno-lint-ignore no-explicit-any
async function answers(db: Kysely<any>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const genome of ["c1", "c2", "assembly"]) {
    out[`find ${genome}`] = withoutIds(await findFeatures(db, { genome }).execute());
    out[`cds+ ${genome}`] = withoutIds(
      await findFeatures(db, { genome, type: "cds", strand: "+" }).execute(),
    );
  }
  const [c1] = await findFeatures(db, { genome: "c1" }).execute();
  out.region = withoutIds(
    await (await featuresInRegion(db, {
      genome: "c1",
      sequence: c1.sequence,
      from: 1_000,
      to: 60_000,
    })).execute(),
  );
  out.search = withoutIds(await searchFeatures(db, "kinase").execute());
  out.searchGene = withoutIds(await searchFeatures(db, "dnaA").execute());
  out.xrefCog = withoutIds(await featuresByXref(db, { db: "COG", accession: "K" }).execute());
  out.xrefGo = withoutIds(
    await featuresByXref(db, { db: "GO", accession: "GO:0005524" }).execute(),
  );
  out.types = (await featureTypeCounts(db)).objects();
  out.cog = (await cogMatrix(db)).objects();
  out.families = (await presenceAbsence(db)).objects();
  return out;
}

engineTest(
  "migration 0004 keeps every query's answer, merges a run stored twice, and packs the originals",
  async (_t, engine) => {
    await using db = await freshDatabase({ migrate: false });
    await using fresh = await freshDatabase();
    await migrateTo(db, "0003_feature_family");
    const c1 = samplePath(`${COHORT}/6952-4-17.gff3.gz`);
    const c2 = samplePath(`${COHORT}/6999-1-11.gff3.gz`);
    const gff3 = samplePath("v1.11.4-assembly/assembly.gff3");
    const txt = samplePath("v1.11.4-assembly/assembly.txt");
    await writeRunAtV3(db, [c1], "c1");
    await writeRunAtV3(db, [c2], "c2");
    const kept = await writeRunAtV3(db, [gff3], "assembly");
    // The same run again, brought by other files: a duplicate at schema 0003.
    const duplicate = await writeRunAtV3(db, [gff3, txt], "assembly");
    // The queries of the latest schema cannot run on schema 0003: the answers to match are
    // those of a fresh import of the same files at the latest schema.
    const imported: Record<string, ImportRunResult> = {};
    for (const [paths, genome] of [[[c1], "c1"], [[c2], "c2"], [[gff3], "assembly"]] as const) {
      imported[genome] = await importRun(fresh, [...paths], { genome });
    }
    const before = await answers(fresh);
    // The links: `feature_xrefs` up to schema 11, `xref_term_features` since 12.
    const xrefCount = async (links: string, annotation?: number) => {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(links)} x
        join features f on f.id = x.feature_id
        where ${annotation === undefined ? sql`true` : sql`f.annotation_id = ${annotation}`}`
        .execute(db);
      return Number(rows[0].n);
    };
    const xrefsBefore = await xrefCount("feature_xrefs");
    const xrefsOfDuplicate = await xrefCount("feature_xrefs", duplicate);

    const steps = await migrateToLatest(db);
    assert.deepEqual(steps.map((s) => [s.name, s.status]), [
      ["0004_run_identity", "Success"],
      ["0005_xref_terms", "Success"],
      ["0006_feature_family_order", "Success"],
      ["0007_reader_without_secrets", "Success"],
      ["0008_xref_term_key", "Success"],
      ["0009_postgres_fts5_folding", "Success"],
      ["0010_annotation_summaries", "Success"],
      ["0011_partial_gene_index", "Success"],
      ["0012_packed_xrefs", "Success"],
      ["0013_fewer_feature_indexes", "Success"],
    ]);
    assert.deepEqual(await answers(db), before);

    // The duplicate was merged into the first, with its extra file, and reported.
    const merges = await db.selectFrom("annotation_merges")
      .select(["merged_id", "kept_id", "files_moved", "files_dropped"]).execute();
    assert.deepEqual(merges, [{
      merged_id: duplicate,
      kept_id: kept,
      files_moved: 1,
      files_dropped: 1,
    }]);
    const files = await db.selectFrom("result_files").select("file_name")
      .where("annotation_id", "=", kept).orderBy("file_name").execute();
    assert.deepEqual(files.map((f) => f.file_name), ["assembly.gff3", "assembly.txt"]);
    // Every cross-reference of the kept annotations is still there, once; the merged run's went.
    assert.equal(await xrefCount("xref_term_features"), xrefsBefore - xrefsOfDuplicate);
    const orphans = await sql<{ n: number }>`select count(*) as n from xref_term_features
        where feature_id not in (select id from features)`.execute(db);
    assert.equal(Number(orphans.rows[0].n), 0);
    const packed = await db.selectFrom("features").select(sql<number>`count(*)`.as("n"))
      .where("original_json", "<>", "").executeTakeFirstOrThrow();
    assert.equal(Number(packed.n), 0);
    if (engine === "sqlite") {
      const counts = await sql<{ f: number; fts: number }>`select
          (select count(*) from features) as f, (select count(*) from features_fts) as fts`
        .execute(db);
      const c = counts.rows[0];
      assert.equal(Number(c.fts), Number(c.f));
    }

    // The migrated database answers loadRun as a fresh schema-4 import of the same files, and
    // the store recognises the migrated runs by the fingerprints the migration computed.
    for (const [paths, genome] of [[[c1], "c1"], [[c2], "c2"], [[gff3], "assembly"]] as const) {
      const again = await importRun(db, [...paths], { genome });
      assert.equal(again.status, "skipped", `${genome} recognised`);
      assert.equal(again.fingerprint, imported[genome].fingerprint);
      assert.deepEqual(
        await loadRun(db, again.annotationId),
        await loadRun(fresh, imported[genome].annotationId),
      );
    }
  },
  { ignore: !v3Present },
);

/** A trigger that makes every delete from `annotations` fail; returns its removal. */
async function stopDeletes(db: Kysely<Database>, engine: Engine): Promise<() => Promise<void>> {
  if (engine === "sqlite") {
    await sql`create trigger stop_merge before delete on annotations
      begin select raise(abort, 'stopped half-way'); end`.execute(db);
    return async () => void await sql`drop trigger stop_merge`.execute(db);
  }
  await sql`create function stop_merge() returns trigger language plpgsql as
    $$ begin raise exception 'stopped half-way'; end $$`.execute(db);
  await sql`create trigger stop_merge before delete on annotations
    for each row execute function stop_merge()`.execute(db);
  return async () => {
    await sql`drop trigger stop_merge on annotations`.execute(db);
    await sql`drop function stop_merge()`.execute(db);
  };
}

engineTest(
  "migration 0004 that fails half-way leaves schema 0003 as it was, and runs again",
  async (_t, engine) => {
    await using db = await freshDatabase({ migrate: false });
    await migrateTo(db, "0003_feature_family");
    const gff3 = samplePath("v1.11.4-assembly/assembly.gff3");
    await writeRunAtV3(db, [gff3], "assembly");
    await writeRunAtV3(db, [gff3, samplePath("v1.11.4-assembly/assembly.txt")], "assembly");
    // The merge's delete fails after tables were made and files moved.
    const allowDeletes = await stopDeletes(db, engine);
    const snapshot = async () => ({
      files: await db.selectFrom("result_files").select(["annotation_id", "file_name"])
        .orderBy("id").execute(),
      originals: await db.selectFrom("features").select("original_json").orderBy("id").execute(),
      tables: (await db.introspection.getTables()).map((t) => t.name).sort(),
    });
    const before = await snapshot();
    await assert.rejects(
      migrateTo(db, "0004_run_identity"),
      (error: unknown) =>
        error instanceof MigrationError && error.migration === "0004_run_identity" &&
        /^Migration 0004_run_identity failed: /.test(error.message),
    );
    assert.equal((await migrationStatus(db)).current, "0003_feature_family");
    assert.deepEqual(await snapshot(), before);
    await allowDeletes();
    const steps = await migrateTo(db, "0004_run_identity");
    assert.deepEqual(steps.map((s) => s.status), ["Success"]);
    assert.equal((await db.selectFrom("annotations").selectAll().execute()).length, 1);
    // Down unpacks the records into their rows again (the merge stays); up packs them again.
    const packed = await db.selectFrom("features").select("id").orderBy("id").execute();
    await migrateDown(db);
    const unpacked = await db.selectFrom("features").select(["id", "original_json"])
      .orderBy("id").execute();
    assert.deepEqual(unpacked.map((r) => r.id), packed.map((r) => r.id));
    const records = unpacked.map((r) => JSON.parse(r.original_json));
    assert.ok(records.every((r) => r.format === "gff3"), "every record back in its row");
    await migrateTo(db, "0004_run_identity");
    assert.equal(
      (await db.selectFrom("features").select("id").where("original_json", "<>", "").execute())
        .length,
      0,
    );
  },
  { ignore: !v3Present },
);
