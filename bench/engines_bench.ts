/**
 * PostgreSQL beside SQLite in the same run, on the same cohorts: each SQLite cohort file is
 * copied once into a PostgreSQL database (`copyDatabase`, COPY) and a later run reuses it. Then,
 * with the load average printed at the start and the end (`deno bench` prints each group's
 * same-run ratios against its SQLite baseline):
 *
 * - import: `importRun` of fresh factory genomes into a new SQLite file and a new PostgreSQL
 *   database (features/s: ~`label` features a genome over the time per genome);
 * - on each factory cohort (`BAKTADB_BENCH_FACTORY`: SQLite files separated by commas, default
 *   the 1,000-genome `/tmp/baktadb-query-bench-1000.sqlite`; e.g. a 100-genome one and the
 *   1,000-genome one): a 10 kb window end to end from Deno with `regionFeatures` (one statement:
 *   on PostgreSQL a named prepared statement, one round trip) and with `featuresInRegion` (the
 *   look-up, then the query Kysely compiles); `searchFeatures` in one genome and the first 100
 *   hits across the cohort (by rank, and in stored order); the cohort tables `familyPresence`,
 *   `presenceAbsence`, `pangenomeClasses`, `pangenomeSummary`, `cogMatrix`;
 * - on the family cohort (`BAKTADB_BENCH_FAMILY`, default the 1,000-genome
 *   `/tmp/baktadb-family-cohort-1000.sqlite`, with traits `resistant` and `lineage`): the same
 *   cohort tables and `traitAssociation`;
 * - bytes per genome of each cohort on each engine, and the copy's time and rows/s when it runs.
 *
 * The SQLite files are opened read-only and never migrated (they may be another bench's).
 * Environment: `BAKTADB_BENCH_FACTORY`, `BAKTADB_BENCH_FAMILY` (SQLite files; a missing one skips
 * its groups), `BAKTADB_BENCH_FACTORY_PG`, `BAKTADB_BENCH_FAMILY_PG` (the names of their
 * PostgreSQL copies, default `baktadb_` and the file's name; a copy made with `baktadb copy` is
 * used as it is), `BAKTADB_BENCH_TABLE_RUNS` (runs of each cohort table, default 3),
 * `BAKTADB_BENCH_POSTGRES` (a server URL with rights to create databases; default: the kept
 * cluster in `BAKTADB_BENCH_CLUSTER`, default `/tmp/baktadb-pg-bench`, started by
 * `tests/_postgres_cluster.ts serve` and left running). One command, at 1,000 genomes (the first
 * run copies both cohorts: tens of minutes):
 *
 * ```sh
 * nice deno bench -A bench/engines_bench.ts
 * deno run -A tests/_postgres_cluster.ts halt /tmp/baktadb-pg-bench   # when done
 * ```
 *
 * Session 6's run (copies made by `bench/postgres_copy_bench.ts` into the kept cluster
 * `/tmp/h-postgres-pg`; `$URL` as `tests/_postgres_cluster.ts serve /tmp/h-postgres-pg` prints it):
 *
 * ```sh
 * BAKTADB_BENCH_POSTGRES="$URL" \
 *   BAKTADB_BENCH_FACTORY=/tmp/h-postgres-factory-100.sqlite,/tmp/keep/h-summaries-query-bench-1000.sqlite \
 *   BAKTADB_BENCH_FACTORY_PG=factory100,factory1000 \
 *   BAKTADB_BENCH_FAMILY=/tmp/keep/h-summaries-family-cohort-1000.sqlite BAKTADB_BENCH_FAMILY_PG=family1000 \
 *   nice -n 10 deno bench -A bench/engines_bench.ts
 * ```
 *
 * @module
 */

import pg from "pg";
import { type Kysely, sql } from "kysely";
import { openDatabase } from "../src/db/open_database.ts";
import { migrateToLatest, migrationStatus } from "../src/db/migrator.ts";
import type { Database } from "../src/db/schema.ts";
import { copyDatabase } from "../src/store/copy_database.ts";
import { importRun } from "../src/store/import_run.ts";
import { makeFamilyPool, makeRun, SeededRandom } from "../src/testing/factory/mod.ts";
import { regionWindows } from "./_region_windows.ts";
import { featuresInRegion, regionFeatures, searchFeatures } from "../src/query/mod.ts";
import {
  cogMatrix,
  familyPresence,
  pangenomeClasses,
  pangenomeSummary,
  presenceAbsence,
  traitAssociation,
} from "../src/analysis/mod.ts";
import { serveKeptCluster } from "../tests/_postgres_cluster.ts";

const FACTORY = (Deno.env.get("BAKTADB_BENCH_FACTORY") ?? "/tmp/baktadb-query-bench-1000.sqlite")
  .split(",");
const FACTORY_PG = Deno.env.get("BAKTADB_BENCH_FACTORY_PG")?.split(",") ?? [];
const FAMILY = Deno.env.get("BAKTADB_BENCH_FAMILY") ?? "/tmp/baktadb-family-cohort-1000.sqlite";
const SERVER = Deno.env.get("BAKTADB_BENCH_POSTGRES") ??
  (await serveKeptCluster(Deno.env.get("BAKTADB_BENCH_CLUSTER") ?? "/tmp/baktadb-pg-bench")).url;
/** Runs of each cohort table per engine (`BAKTADB_BENCH_TABLE_RUNS`, default 3; 1 warm-up). */
const TABLE_RUNS = Number(Deno.env.get("BAKTADB_BENCH_TABLE_RUNS") ?? 3);
/** Factory genomes imported by the import benchmark, per engine (Deno may run a few more). */
const IMPORT_RUNS = 3;

/** The two engines' copies of one cohort. */
interface Pair {
  sqlite: Kysely<Database>;
  postgres: Kysely<Database>;
  /** The PostgreSQL database's URL. */
  url: string;
  genomes: number;
  label: string;
}

/** Runs one statement on the server's maintenance database. */
async function onServer(statement: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    return await client.query(statement, values);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the server, created when missing. */
async function databaseUrl(name: string, fresh = false): Promise<string> {
  if (fresh) await onServer(`drop database if exists ${name}`);
  const found = await onServer("select 1 from pg_database where datname = $1", [name]);
  if (found.rowCount === 0) await onServer(`create database ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.href;
}

/**
 * Opens a SQLite cohort read-only and its PostgreSQL copy, copying it first when the copy has no
 * genomes yet (then migrating the copy and refreshing its planner statistics).
 */
async function openPair(path: string, pgName?: string): Promise<Pair | undefined> {
  if (!(await Deno.stat(path).then(() => true, () => false))) {
    console.log(`SKIPPED ${path}: no such file`);
    return undefined;
  }
  const sqlite = await openDatabase(path, { readOnly: true, migrate: false });
  const name = pgName ??
    `baktadb_${path.replace(/^.*\//, "").replace(/\.sqlite$/, "").replace(/\W/g, "_")}`;
  const url = await databaseUrl(name);
  const postgres = await openDatabase(url, { migrate: false });
  const status = await migrationStatus(postgres);
  const count = async (db: Kysely<Database>) =>
    Number(
      (await db.selectFrom("genomes").select(sql<number>`count(*)`.as("n"))
        .executeTakeFirstOrThrow()).n,
    );
  if (status.current === null || await count(postgres) === 0) {
    const started = performance.now();
    const { rows } = await copyDatabase(sqlite, postgres);
    const seconds = (performance.now() - started) / 1000;
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    console.log(
      `copied ${path} to ${name}: ${total} rows (${rows.features} features) in ` +
        `${seconds.toFixed(0)} s, ${Math.round(total / seconds)} rows/s, load ${load()}`,
    );
    await migrateToLatest(postgres);
    await sql`analyze`.execute(postgres);
  }
  const genomes = await count(sqlite);
  const sqliteBytes = (await Deno.stat(path)).size;
  const { rows: [size] } = await sql<{ n: number }>`select pg_database_size(current_database())
    as n`.execute(postgres);
  console.log(
    `${path}: ${genomes} genomes; bytes per genome: SQLite ${Math.round(sqliteBytes / genomes)}, ` +
      `PostgreSQL ${Math.round(Number(size.n) / genomes)} (whole database / genomes)`,
  );
  const cohort = path.includes("family") ? "family cohort" : "factory cohort";
  return { sqlite, postgres, url, genomes, label: `${genomes} genomes, ${cohort}` };
}

/** The load average, as printed beside every figure. */
function load(): string {
  return Deno.loadavg().map((x) => x.toFixed(1)).join(" ");
}

/** Registers one benchmark per engine, SQLite the baseline; `n` runs when given. */
function benchBoth(
  group: string,
  pair: Pair,
  fn: (db: Kysely<Database>, engine: "sqlite" | "postgres") => Promise<unknown>,
  n?: number,
): void {
  for (const engine of ["sqlite", "postgres"] as const) {
    Deno.bench({
      name: `${engine}: ${group}, ${pair.label}`,
      group: `${group}, ${pair.label}`,
      baseline: engine === "sqlite",
      ...(n === undefined ? {} : { n, warmup: 1 }),
      async fn() {
        await fn(pair[engine], engine);
      },
    });
  }
}

/** Fresh factory genomes (not in any cohort), imported into new databases of both engines. */
async function benchImport(): Promise<void> {
  const pool = makeFamilyPool({ seed: 20_261_129, size: 4000 });
  const runs = Array.from({ length: (IMPORT_RUNS + 4) * 2 }, (_, g) => {
    const random = new SeededRandom(g);
    const families = pool.filter((_, i) => i < 1800 || random.chance(0.15));
    const genomeSize = families.length * 1050;
    return { name: `I${g}`, run: makeRun({ seed: g, families, genomeSize, strain: `I${g}` }) };
  });
  const dir = await Deno.makeTempDir({ prefix: "baktadb-engines-import-" });
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  const url = await databaseUrl("baktadb_bench_import", true);
  const pair: Pair = {
    sqlite: await openDatabase(`${dir}/import.sqlite`),
    postgres: await openDatabase(url),
    url,
    genomes: 0,
    label: `~${runs[0].run.features.length} features a genome`,
  };
  const queues = { sqlite: runs.slice(0, runs.length / 2), postgres: runs.slice(runs.length / 2) };
  benchBoth("importRun, one factory genome", pair, async (db, engine) => {
    const { name, run } = queues[engine].shift()!;
    await importRun(db, run, { genome: name });
  }, IMPORT_RUNS);
}

/** Whether a SQLite cohort has rows in `table` (a cohort built by bulk inserts has no index rows). */
async function hasRows(db: Kysely<Database>, table: string): Promise<boolean> {
  const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
  return rows.length > 0;
}

/**
 * On one connection: the region statement run for 20 windows, then how the server planned it
 * (`pg_prepared_statements`: generic plans are planned once) and its server time on one more
 * window (`explain analyze execute`).
 */
async function printRegionPlan(
  db: Kysely<Database>,
  windows: Awaited<ReturnType<typeof regionWindows>>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const window of windows.slice(0, 20)) await regionFeatures(trx, window);
    const { rows: [plans] } = await sql<{ generic: number; custom: number }>`select
      generic_plans as generic, custom_plans as custom from pg_prepared_statements
      where name = 'baktadb_region_features_v4'`.execute(trx);
    const w = windows[20];
    const { rows } = await sql<{ "QUERY PLAN": string }>`explain (analyze, buffers)
      execute baktadb_region_features_v4(${sql.lit(w.genome)}, null, ${sql.lit(w.sequence)}, ${
      sql.lit(w.from)
    }, ${sql.lit(w.to)})`
      .execute(trx);
    const lines = rows.map((r) => r["QUERY PLAN"]);
    console.log(
      `PostgreSQL region statement after 20 windows: ${plans.generic} generic and ` +
        `${plans.custom} custom plans; one more window on the server: ` +
        lines.filter((l) => /^(Planning|Execution) Time/.test(l)).join(", ") +
        `; index scans: ${
          lines.filter((l) => /Index|Bitmap/.test(l)).map((l) =>
            l.trim().split(" on ")[1]?.split(" ")[0] ?? l.trim()
          ).join(", ")
        }`,
    );
  });
}

/** Region and search. On a SQLite cohort without FTS5 rows the search groups are left out. */
async function benchQueries(pair: Pair): Promise<void> {
  const windows = await regionWindows(pair.sqlite);
  await printRegionPlan(pair.postgres, windows);
  let next = 0;
  benchBoth("regionFeatures, 10 kb window, one statement", pair, async (db) => {
    await regionFeatures(db, windows[next++ % windows.length]);
  });
  benchBoth("featuresInRegion, 10 kb window, look-up + query", pair, async (db) => {
    await (await featuresInRegion(db, windows[next++ % windows.length])).execute();
  });
  if (!(await hasRows(pair.sqlite, "features_fts"))) return;
  benchBoth("searchFeatures 'polymerase' in one genome", pair, async (db) => {
    await searchFeatures(db, "polymerase", { genome: windows[next++ % windows.length].genome })
      .execute();
  });
  benchBoth("searchFeatures 'dna pol*' across the cohort, first 100 by rank", pair, async (db) => {
    await searchFeatures(db, "dna pol", { prefix: true }).limit(100).execute();
  }, TABLE_RUNS);
  benchBoth(
    "searchFeatures 'dna pol*' across the cohort, first 100 in stored order",
    pair,
    async (db) => {
      await searchFeatures(db, "dna pol", { prefix: true, order: "feature" }).limit(100).execute();
    },
  );
}

/** The cohort tables (and, where the cohort has the trait, the association). */
function benchCohortTables(pair: Pair, association: boolean): void {
  const tables = [familyPresence, presenceAbsence, pangenomeClasses, pangenomeSummary, cogMatrix];
  for (const table of tables) {
    benchBoth(table.name, pair, async (db) => await table(db), TABLE_RUNS);
  }
  if (!association) return;
  benchBoth("traitAssociation 'resistant'", pair, async (db) => {
    await traitAssociation(db, { trait: "resistant" });
  }, TABLE_RUNS);
}

await benchImport();
for (const [i, path] of FACTORY.entries()) {
  const factory = await openPair(path, FACTORY_PG[i]);
  if (factory === undefined) continue;
  await benchQueries(factory);
  benchCohortTables(factory, false);
}
const family = await openPair(FAMILY, Deno.env.get("BAKTADB_BENCH_FAMILY_PG"));
if (family !== undefined) benchCohortTables(family, true);
console.log(`load average before the benchmarks: ${load()}`);
globalThis.addEventListener("unload", () => console.log(`load average at the end: ${load()}`));
