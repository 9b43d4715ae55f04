/**
 * PostgreSQL beside SQLite in the same run: the same factory cohort (the recipe of
 * `bench/query_bench.ts`) imported into a SQLite file and a PostgreSQL database, then the same
 * import, region, search and cohort-table benchmarks on each, grouped so that `deno bench` prints
 * PostgreSQL's time relative to SQLite's.
 *
 * Environment:
 * - `BAKTADB_BENCH_GENOMES` — genomes in the cohort (default 100);
 * - `BAKTADB_BENCH_DIR` — where the SQLite cohort is kept (default
 *   `/tmp/baktadb-engines-bench-<genomes>`);
 * - `BAKTADB_BENCH_POSTGRES` — a server URL with rights to create databases: the cohort is kept
 *   in its database `baktadb_bench_<genomes>`. Without it a throwaway cluster is started
 *   (`tests/_postgres_cluster.ts`, PostgreSQL server binaries needed) and the PostgreSQL cohort is
 *   built again each run.
 *
 * The build is resumable: each run imports only the genomes a database lacks (a 1,000-genome build
 * interrupted half-way goes on where it stopped) and prints that engine's import rate and the
 * bytes per genome. Run: `deno bench -A bench/engines_bench.ts`.
 *
 * @module
 */

import pg from "pg";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { openDatabase } from "../src/db/open_database.ts";
import type { Database } from "../src/db/schema.ts";
import { importRun } from "../src/store/import_run.ts";
import { deleteGenome } from "../src/store/genomes_repository.ts";
import { makeFamilyPool, makeRun, SeededRandom } from "../src/testing/factory/mod.ts";
import type { BaktaRun } from "../src/formats/model.ts";
import { featuresInRegion, searchFeatures } from "../src/query/mod.ts";
import { genomeSummary, pangenomeClasses, presenceAbsence } from "../src/analysis/mod.ts";
import { startChildCluster } from "../tests/_postgres_cluster.ts";

const GENOMES = Number(Deno.env.get("BAKTADB_BENCH_GENOMES") ?? 100);
if (!Number.isInteger(GENOMES) || GENOMES < 1) {
  throw new RangeError(`BAKTADB_BENCH_GENOMES must be a positive integer, got ${GENOMES}`);
}
const SEED = 20_261_129;
const POOL = makeFamilyPool({ seed: SEED, size: 4000 });
/** Extra runs imported by the import benchmark (not part of the cohort). */
const IMPORT_RUNS = 3;
/** Where the SQLite cohort is kept between runs. */
const DIR = Deno.env.get("BAKTADB_BENCH_DIR") ?? `/tmp/baktadb-engines-bench-${GENOMES}`;

/** The name of the cohort's genome `g` (0-based). */
function genomeName(g: number): string {
  return `G${String(g + 1).padStart(5, "0")}`;
}

function cohortRun(g: number): { name: string; run: BaktaRun } {
  const random = new SeededRandom(SEED + g);
  const families = POOL.filter((_, i) => i < 1800 || random.chance(0.15));
  const name = genomeName(g);
  const run = makeRun({
    seed: SEED + g,
    families,
    genomeSize: Math.round(families.length * 1050),
    strain: name,
  });
  return { name, run };
}

/** The cohort's PostgreSQL database on the server: created when missing, reused otherwise. */
async function postgresLocation(): Promise<string> {
  const server = Deno.env.get("BAKTADB_BENCH_POSTGRES") ?? (await startChildCluster()).url;
  const name = `baktadb_bench_${GENOMES}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  const found = await client.query("select 1 from pg_database where datname = $1", [name]);
  if (found.rowCount === 0) await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.href;
}

/**
 * Imports the cohort's genomes that `db` lacks (a build interrupted earlier resumes), making each
 * run only when it is imported; prints features/s of what it imported.
 */
async function build(label: string, db: Kysely<Database>) {
  const have = new Set(
    (await db.selectFrom("genomes").select("name").execute()).map((r) => r.name),
  );
  const started = performance.now();
  let features = 0;
  let imported = 0;
  for (let g = 0; g < GENOMES; g++) {
    if (have.has(genomeName(g))) continue;
    const { name, run } = cohortRun(g);
    features += (await importRun(db, run, { genome: name })).counts.features;
    if (++imported % 50 === 0) console.log(`${label}: ${imported} genomes imported`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    imported === 0
      ? `${label}: reused the ${GENOMES} genomes built before`
      : `${label}: imported ${imported} genomes, ${features} features in ${seconds.toFixed(1)} s ` +
        `(${Math.round(features / seconds)} features/s, run generation included)`,
  );
}

await Deno.mkdir(DIR, { recursive: true });
const sqlitePath = `${DIR}/cohort.sqlite`;
const engines: Record<"sqlite" | "postgres", Kysely<Database>> = {
  sqlite: await openDatabase(sqlitePath),
  postgres: await openDatabase(await postgresLocation()),
};
// Deno may run a few more iterations than n + warmup: a margin of spare runs per engine. The
// import benchmark's genomes of an earlier run are removed first, so the cohort stays as built.
const extra = Array.from({ length: (IMPORT_RUNS + 4) * 2 }, (_, g) => cohortRun(GENOMES + g));
/** Removes the import benchmark's genomes, so that the next run finds the cohort as built. */
async function removeImported(): Promise<void> {
  const names = extra.map((e) => e.name);
  for (const db of Object.values(engines)) {
    for (const name of names) await deleteGenome(db, name).catch(() => undefined);
  }
}

for (const [label, db] of Object.entries(engines)) await build(label, db);
await removeImported();
// Fresh planner statistics on both, as autovacuum (PostgreSQL) and `pragma optimize` (SQLite)
// would make them some time after a bulk load: stale ones made genomeSummary 13.5x slower.
await sql`analyze`.execute(engines.postgres);
await sql`analyze`.execute(engines.sqlite);
await sql`pragma wal_checkpoint(truncate)`.execute(engines.sqlite);
console.log(`load average before the benchmarks: ${Deno.loadavg().join(", ")}`);
const sqliteBytes = Deno.statSync(sqlitePath).size;
const pgBytes = Number(
  (await sql<{ n: number }>`select pg_database_size(current_database()) as n`
    .execute(engines.postgres)).rows[0].n,
);
console.log(
  `bytes per genome: SQLite ${Math.round(sqliteBytes / GENOMES)}, ` +
    `PostgreSQL ${Math.round(pgBytes / GENOMES)} (whole database / ${GENOMES})`,
);

// 10 kb windows on the chromosomes, one in ten across the origin (as in query_bench.ts).
const chromosomes = await engines.sqlite.selectFrom("sequences")
  .innerJoin("genomes", "genomes.id", "sequences.genome_id")
  .select(["genomes.name as genome", "sequences.seq_id", "sequences.length"])
  .where("sequences.seq_id", "=", "contig_1").execute();
const random = new SeededRandom(7);
const windows = Array.from({ length: 200 }, (_, i) => {
  const c = chromosomes[random.int(0, chromosomes.length - 1)];
  const from = i % 10 === 0 ? c.length - 4000 : random.int(1, c.length - 10_000);
  return { genome: c.genome, sequence: c.seq_id, from, to: i % 10 === 0 ? 6000 : from + 9_999 };
});

for (const [engine, db] of Object.entries(engines)) {
  const baseline = engine === "sqlite";
  let next = 0;
  const importQueue = extra.slice(engine === "sqlite" ? 0 : extra.length / 2);
  Deno.bench({
    name: `${engine}: importRun, one ~2,300-feature genome`,
    group: "import",
    baseline,
    n: IMPORT_RUNS,
    warmup: 1,
    async fn() {
      const { name, run } = importQueue.shift()!;
      await importRun(db, run, { genome: name });
    },
  });
  Deno.bench({
    name: `${engine}: featuresInRegion, 10 kb window`,
    group: "region",
    baseline,
    async fn() {
      await (await featuresInRegion(db, windows[next++ % windows.length])).execute();
    },
  });
  Deno.bench({
    name: `${engine}: searchFeatures 'polymerase' in one genome`,
    group: "search",
    baseline,
    async fn() {
      const genome = windows[next++ % windows.length].genome;
      await searchFeatures(db, "polymerase", { genome }).execute();
    },
  });
  for (const table of [genomeSummary, presenceAbsence, pangenomeClasses]) {
    Deno.bench({
      name: `${engine}: ${table.name}, ${GENOMES} genomes`,
      group: table.name,
      baseline,
      n: 3,
      warmup: 1,
      async fn() {
        await table(db);
      },
    });
  }
}
