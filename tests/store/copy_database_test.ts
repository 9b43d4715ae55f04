/**
 * `copyDatabase()` and `baktadb copy`: a SQLite file → PostgreSQL → a new SQLite file round trip
 * keeps every row of every table equal, and every original file byte for byte (its SHA-256 equals
 * the SHA-256 of the sample file on disk).
 */

import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { readFeatureTermIds } from "../../src/db/feature_term_ids.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import type { Database } from "../../src/db/schema.ts";
import { runCli } from "../../src/cli/main.ts";
import { copyDatabase } from "../../src/store/copy_database.ts";
import { importRun } from "../../src/store/import_run.ts";
import { deleteGenome } from "../../src/store/genomes_repository.ts";
import { getResultFile } from "../../src/store/result_files_repository.ts";
import { searchFeatures } from "../../src/query/search_features.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import { freshPostgresUrl, POSTGRES_AVAILABLE } from "../_engines.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { sha256 } from "../_sha256.ts";
import { capture } from "../cli/_helpers.ts";
import { sqlite3 } from "../_sqlite3.ts";
import { migrateTo, MIGRATION_NAMES } from "../../src/db/migrator.ts";

const present = reportSamples("store/copy_database");

const TABLES = [
  "genomes",
  "genome_traits",
  "job_configs",
  "jobs",
  "job_events",
  "sequences",
  "annotations",
  "result_files",
  "features",
  "xref_terms",
  "xref_term_features",
  "families",
  "annotation_families",
  "annotation_cog_sets",
];

/** A database with a row in every table: a real folder (when present), a factory run, a job. */
async function fillSource(db: Kysely<Database>): Promise<void> {
  if (present) await importRun(db, samplePath("v1.11.4-assembly"), { genome: "assembly" });
  await importRun(db, makeRun({ seed: 5, sequences: 2, featuresPerSequence: 40 }), {
    genome: "factory",
  });
  const genome = await db.selectFrom("genomes").select("id").where("name", "=", "factory")
    .executeTakeFirstOrThrow();
  await db.insertInto("genome_traits").values([
    { genome_id: genome.id, key: "host", value: "human" },
    { genome_id: genome.id, key: "gc_note", value: null },
  ]).execute();
  const config = await db.insertInto("job_configs")
    .values({ name: "strict", options_json: '{"complete":true}' }).returning("id")
    .executeTakeFirstOrThrow();
  const job = await db.insertInto("jobs").values({
    job_id: "job-1",
    secret: "job-secret-never-printed",
    name: "factory",
    genome_id: genome.id,
    config_id: config.id,
    config_json: "{}",
    api_url: "http://127.0.0.1:1/api/v1",
    status: "RUNNING",
  }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("job_events").values({ job_id: job.id, status: "RUNNING", detail: "é ✓" })
    .execute();
}

/**
 * Every index and constraint of a PostgreSQL database's tables, sorted (from `pg_indexes` and
 * `pg_constraint`: name, table and definition, and whether a constraint is validated), and the
 * storage of every column.
 */
async function postgresSchema(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`
    select indexdef as line from pg_indexes where schemaname = current_schema()
    union all
    select format('%s on %s: %s (validated %s)', k.conname, t.relname,
      pg_get_constraintdef(k.oid), k.convalidated)
    from pg_constraint k join pg_class t on t.oid = k.conrelid
    where t.relnamespace = current_schema()::regnamespace
    union all
    select format('%s.%s storage %s', t.relname, a.attname, a.attstorage)
    from pg_attribute a join pg_class t on t.oid = a.attrelid
    where t.relnamespace = current_schema()::regnamespace and t.relkind = 'r' and a.attnum > 0
    order by 1`.execute(db);
  return rows.map((row) => row.line);
}

/**
 * A value as both engines can compare it: a feature's term ids as the list they stand for (packed
 * bytes on SQLite, an array on PostgreSQL), other bytes by their SHA-256.
 */
function plain(column: string, value: unknown): unknown {
  if (column === "xref_ids") return readFeatureTermIds(value);
  return value instanceof Uint8Array ? sha256(value) : value;
}

/** Every row of every table, in key order, as plain values. */
async function dump(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`
      .execute(db);
    out[table] = rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).sort(([a], [b]) => a < b ? -1 : 1)
          .map(([k, v]) => [k, plain(k, v)]),
      )
    ).sort((a, b) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  }
  return out;
}

Deno.test({
  name: "copyDatabase() SQLite → PostgreSQL → SQLite keeps every row and every file byte for byte",
  ignore: !POSTGRES_AVAILABLE,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const source = await openDatabase(`${dir}/source.sqlite`);
      await fillSource(source);
      const before = await dump(source);
      const pgUrl = await freshPostgresUrl();
      const pg = await openDatabase(pgUrl);
      const schema = await postgresSchema(pg);
      const steps: string[] = [];
      const progress: string[] = [];
      const there = await copyDatabase(source, pg, {
        chunkKeys: 37,
        chunkBytes: 4096,
        onStep: (step) => steps.push(step),
        onProgress: (table, rows) => progress.push(`${table} ${rows}`),
      });
      // The keys, indexes and foreign keys dropped for the copy are built again, as the
      // migrations made them.
      assert.deepEqual(await postgresSchema(pg), schema);
      for (
        const kind of ["gist", "gin", "FOREIGN KEY", "PRIMARY KEY", "UNIQUE", "content storage x"]
      ) {
        assert.ok(schema.some((line) => line.includes(kind)), kind);
      }
      assert.ok(steps.includes("build features_pkey") && steps.includes("check files"), `${steps}`);
      // Chunks of 4 KiB: the files (most larger) are read one or two at a time.
      const fileChunks = progress.filter((p) => p.startsWith("result_files "));
      assert.ok(fileChunks.length > before.result_files.length / 2, `${fileChunks}`);
      assert.equal(fileChunks.at(-1), `result_files ${before.result_files.length}`);
      for (const table of TABLES) {
        assert.equal(there.rows[table], before[table].length, table);
        assert.ok(there.rows[table] > 0, `${table} has rows`);
      }
      assert.deepEqual(await dump(pg), before, "PostgreSQL holds the same rows");
      // Original files byte for byte: the bytes given back equal the sample files on disk.
      if (present) {
        for (const name of ["assembly.json", "assembly.gff3", "assembly.fna"]) {
          const back = await getResultFile(pg, { genome: "assembly", fileName: name });
          assert.equal(
            sha256(back.bytes),
            sha256(Deno.readFileSync(samplePath(`v1.11.4-assembly/${name}`))),
            name,
          );
        }
      }
      // The indexes answer on the copy as on the source, and new rows get new ids.
      const hits = async (db: Kysely<Database>) =>
        (await searchFeatures(db, "protein").execute()).map((h) => h.id).sort((a, b) => a - b);
      assert.deepEqual(await hits(pg), await hits(source));
      await importRun(pg, makeRun({ seed: 6, sequences: 1, featuresPerSequence: 5 }), {
        genome: "later",
      });
      await assert.rejects(copyDatabase(source, pg), {
        name: "RangeError",
        message: /^Cannot copy into a database that is not empty: table "\w+" has \d+ rows/,
      });
      await pg.destroy();

      const back = await openDatabase(`${dir}/back.sqlite`);
      const pgAgain = await openDatabase(pgUrl);
      // Through the store: its terms no other genome shares go with it.
      await deleteGenome(pgAgain, "later");
      await copyDatabase(pgAgain, back);
      assert.deepEqual(await dump(back), before, "the round trip is lossless");
      await pgAgain.destroy();
      await back.destroy();
      await source.destroy();
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "copyDatabase() into PostgreSQL checks the foreign keys after the load and keeps nothing",
  ignore: !POSTGRES_AVAILABLE,
  async fn() {
    const source = await openDatabase(":memory:");
    await importRun(source, makeRun({ seed: 3, sequences: 1, featuresPerSequence: 4 }), {
      genome: "g",
    });
    // A link to a term that does not exist (written with the checks off).
    await sql`pragma foreign_keys = off`.execute(source);
    const feature = await source.selectFrom("features").select("id").executeTakeFirstOrThrow();
    await source.insertInto("xref_term_features").values({
      feature_id: feature.id,
      term_id: 999_999,
    })
      .execute();
    const pg = await openDatabase(await freshPostgresUrl());
    try {
      await assert.rejects(copyDatabase(source, pg), /xref_term_features_term_id_fk|foreign key/);
      const left = await pg.selectFrom("features").select(sql<number>`count(*)`.as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(left.n), 0, "the failed copy is rolled back");
      assert.ok((await postgresSchema(pg)).some((line) => line.includes("FOREIGN KEY")));
    } finally {
      await pg.destroy();
      await source.destroy();
    }
  },
});

Deno.test({
  name: "baktadb copy moves a database to PostgreSQL and never prints the password",
  ignore: !POSTGRES_AVAILABLE,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const file = `${dir}/lab.sqlite`;
      const source = await openDatabase(file);
      await importRun(source, makeRun({ seed: 8, sequences: 1, featuresPerSequence: 10 }), {
        genome: "g",
      });
      await source.destroy();
      const url = await freshPostgresUrl({ migrated: false });
      const password = decodeURIComponent(new URL(url).password);
      const { io, out, err } = capture();
      assert.equal(await runCli(["copy", "--from", file, "--to", url], io), 0, err());
      assert.match(out(), /^Copied \d[\d,]* rows from .*lab\.sqlite to postgres:\/\/[^:]+:\*\*\*@/);
      assert.match(out(), /counts equal, 0 original file\(s\) equal by SHA-256/);
      assert.match(out(), /^ {2}features +10$/m);
      assert.ok(!out().includes(password) && !err().includes(password));
      const again = capture();
      assert.equal(await runCli(["copy", "--from", file, "--to", url], again.io), 1);
      assert.match(again.err(), /not empty/);
      assert.ok(!again.err().includes(password));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("baktadb copy reads an older source without writing to it and migrates the copy", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/old.sqlite`;
    const old = await openDatabase(file, { migrate: false });
    await migrateTo(old, "0004_run_identity");
    await old.insertInto("genomes").values([{ name: "a" }, { name: "b" }]).execute();
    await old.insertInto("genome_traits").values({ genome_id: 2, key: "host", value: "cow" })
      .execute();
    await old.destroy();
    await Deno.chmod(file, 0o400); // read-only: the copy must not write to it
    const before = sha256(await Deno.readFile(file));
    const { io, out, err } = capture();
    assert.equal(
      await runCli(["copy", "--from", file, "--to", `${dir}/new.sqlite`], io),
      0,
      err(),
    );
    assert.match(out(), new RegExp(`Migrated the copy to ${MIGRATION_NAMES.at(-1)}`));
    assert.equal(sha256(await Deno.readFile(file)), before, "the source is untouched");
    const copy = await sqlite3(
      `${dir}/new.sqlite`,
      "select g.name, t.value from genomes g left join genome_traits t on t.genome_id = g.id " +
        "order by g.id; select max(name) from kysely_migration",
    );
    assert.deepEqual(copy, ["a|", "b|cow", MIGRATION_NAMES.at(-1)]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
