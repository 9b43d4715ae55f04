import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { migrateTo, migrateToLatest } from "../../src/db/mod.ts";
import type { Database } from "../../src/db/schema.ts";
import { longFeatureWhere, REGION_SPAN_BOUND } from "../../src/db/region_bound.ts";
import { featuresInRegion, type RegionOptions } from "../../src/query/features_in_region.ts";
import { regionFeatures } from "../../src/query/region_features.ts";
import { familyMembersQuery, familyPresence } from "../../src/analysis/gene_families.ts";
import { readFamilyPresence } from "../../src/analysis/_family_presence.ts";
import { deleteGenome } from "../../src/store/genomes_repository.ts";
import { importRuns } from "../../src/store/import_runs.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { freshDatabase } from "../_fresh_database.ts";
import { engineTest } from "../_engines.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/mod.ts";

const present = reportSamples("tests/db/migration_0013_test.ts");

/** S. aureus (a 17,078-base CDS: longer than the bound) and Bakta 1.8.1's origin-spanning CDS. */
const SAMPLES = ["v1.5.1-saureus-pair/C22.gff3.gz", "v1.8.1-origin-spanning/TEST_6.gff3"];

/**
 * Per sequence, 12 windows of 1 to 30 kb spread over it, on a circular one 3 across the origin,
 * 100 bases in the middle of each long feature (whose start is then out of the scan's reach) and
 * the last base of the sequence for each origin-spanning one.
 */
async function windows(db: Kysely<Database>): Promise<RegionOptions[]> {
  const rows = await db.selectFrom("sequences")
    .innerJoin("genomes", "genomes.id", "sequences.genome_id")
    .select([
      "sequences.id",
      "genomes.name",
      "sequences.seq_id",
      "sequences.length",
      "sequences.topology",
    ])
    .orderBy("sequences.id").execute();
  const long = await db.selectFrom("features").select(["sequence_id", "start", "stop", "edge"])
    .where(sql.raw<boolean>(longFeatureWhere(""))).execute();
  return rows.flatMap((s) => {
    const at = (k: number) => 1 + (k * 104729) % s.length;
    const spread = Array.from({ length: 12 }, (_, k) => {
      const from = at(k);
      return { from, to: Math.min(s.length, from + (k * 2503) % 30000) };
    });
    const across = s.topology !== "circular" ? [] : [0, 400, 20000].map((before) => ({
      from: Math.max(1, s.length - before),
      to: Math.min(s.length, 1 + (before * 3) % 25000),
    }));
    const inside = long.filter((f) => f.sequence_id === s.id).map((f) => {
      if (f.edge === 1) return { from: s.length, to: s.length };
      const middle = Math.floor((f.start + f.stop) / 2);
      return { from: middle, to: middle + 100 };
    });
    return [...spread, ...across, ...inside].map((w) => ({
      genome: s.name,
      sequence: s.seq_id,
      ...w,
    }));
  });
}

/** Every window's features (ids in answer order) from both region functions and the portable form. */
async function answers(db: Kysely<Database>, asked: RegionOptions[]): Promise<number[][]> {
  const result: number[][] = [];
  for (const options of asked) {
    const ids = (await (await featuresInRegion(db, options)).execute()).map((f) => f.id);
    const fast = (await regionFeatures(db, options)).map((f) => f.id);
    const portable = await (await featuresInRegion(db, { ...options, index: "btree" })).execute();
    assert.deepEqual(fast, ids, JSON.stringify(options));
    assert.deepEqual(portable.map((f) => f.id), ids, JSON.stringify(options));
    result.push(ids);
  }
  return result;
}

/** The family tables' one read, from the family sets and from the features. */
async function families(db: Kysely<Database>) {
  const fromFeatures = await readFamilyPresence(db, {
    cohort: {},
    types: ["cds", "sorf"],
    pseudogenes: "present",
    computeAll: false,
    computed: familyMembersQuery(db),
    summaries: false,
  });
  return { sets: await familyPresence(db), fromFeatures };
}

/**
 * Asserts that every family's representative is its lowest member (`cds` or `sorf`), by brute
 * force over the features, and that the dictionary has no other family; returns its size.
 */
async function assertLowestRepresentatives(db: Kysely<Database>): Promise<number> {
  const members = await db.selectFrom("features").select(["id", "family"])
    .where("type", "in", ["cds", "sorf"]).where("family", "is not", null).orderBy("id").execute();
  const lowest = new Map<string, number>();
  for (const f of members) if (!lowest.has(f.family!)) lowest.set(f.family!, Number(f.id));
  const dictionary = await db.selectFrom("families").select(["name", "feature_id"]).execute();
  assert.deepEqual(new Map(dictionary.map((d) => [d.name, Number(d.feature_id)])), lowest);
  return dictionary.length;
}

/** The schema's objects that the migration changes, by name, with their SQL. */
async function regionSchema(db: Kysely<Database>): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_schema
    where name in ('features_rtree', 'features_long_idx', 'features_ai', 'features_ad',
      'features_au', 'features_type_family_idx') order by name`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.sql]));
}

Deno.test({
  name:
    "migration 0013 drops the R*Tree and the family index and keeps every region answer and family table, there and back",
  ignore: !present,
  fn: async () => {
    await using db = await freshDatabase({ migrate: false });
    await migrateTo(db, "0012_packed_xrefs");
    const imported = await importRuns(db, SAMPLES.map(samplePath));
    assert.equal(imported.failed, 0);
    const asked = await windows(db);
    const before = await answers(db, asked);
    assert.ok(asked.length > 20 && before.filter((ids) => ids.length > 0).length > 15);
    const long = await db.selectFrom("features").select("id")
      .where(sql.raw<boolean>(longFeatureWhere(""))).execute();
    assert.ok(long.length >= 3, "long and origin-spanning features are part of the answers");
    const found = new Set(before.flat());
    assert.ok(long.every((f) => found.has(f.id)), "every one of them is in some window");
    assert.match((await regionSchema(db)).features_ai, /features_rtree/);
    const familiesBefore = await families(db);
    assert.ok(familiesBefore.sets.families.length > 1000);

    await migrateToLatest(db);
    const after = await regionSchema(db);
    assert.deepEqual(Object.keys(after), [
      "features_ad",
      "features_ai",
      "features_au",
      "features_long_idx",
    ]);
    for (const name of ["features_ad", "features_ai", "features_au"]) {
      assert.doesNotMatch(after[name], /rtree/, name);
      assert.match(after[name], /features_fts/, name);
    }
    assert.ok(after.features_long_idx.includes(longFeatureWhere("")), "the query's condition");
    assert.ok(after.features_long_idx.includes(String(REGION_SPAN_BOUND)));
    assert.deepEqual(await answers(db, asked), before);
    assert.deepEqual(await families(db), familiesBefore);

    await migrateTo(db, "0012_packed_xrefs");
    const back = await regionSchema(db);
    assert.match(back.features_ai, /features_rtree/);
    assert.equal(back.features_long_idx, undefined);
    assert.match(back.features_type_family_idx, /"type", "family", "annotation_id", "pseudo"/);
    const { rows } = await sql<{ n: number; f: number }>`select
      (select count(*) from features_rtree) as n, (select count(*) from features) as f`.execute(db);
    assert.equal(Number(rows[0].n), Number(rows[0].f), "the R*Tree refilled, one entry each");
    assert.deepEqual(await answers(db, asked), before);

    // At v13 again, rm re-picks representatives without the family index: each family's lowest
    // remaining member, by brute force over the features.
    await migrateToLatest(db);
    await deleteGenome(db, "C22");
    await assertLowestRepresentatives(db);
  },
});

/** Whether the family index of 0006 exists: SQLite's `sqlite_schema`, PostgreSQL's `pg_indexes`. */
async function hasFamilyIndex(db: Kysely<Database>, engine: string): Promise<boolean> {
  const { rows } = engine === "sqlite"
    ? await sql`select 1 from sqlite_schema where name = 'features_type_family_idx'`.execute(db)
    : await sql`select 1 from pg_indexes where indexname = 'features_type_family_idx'`.execute(db);
  return rows.length > 0;
}

engineTest(
  "migration 0013 drops the family index on both engines, there and back, and rm still re-picks",
  async (_t, engine) => {
    await using db = await freshDatabase({ migrate: false });
    await migrateTo(db, "0012_packed_xrefs");
    const cohort = makeCohort({ seed: 13, genomes: 3, familiesPool: 30, coreFamilies: 8 });
    for (const m of cohort.members) await importRun(db, m.run, { genome: m.name });
    const before = await families(db);
    assert.ok(await hasFamilyIndex(db, engine));
    await migrateToLatest(db);
    assert.ok(!(await hasFamilyIndex(db, engine)));
    assert.deepEqual(await families(db), before);
    await migrateTo(db, "0012_packed_xrefs");
    assert.ok(await hasFamilyIndex(db, engine));
    await migrateToLatest(db);
    await deleteGenome(db, cohort.members[0].name);
    assert.ok((await assertLowestRepresentatives(db)) > 10);
  },
);
