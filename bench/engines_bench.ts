/**
 * PostgreSQL beside SQLite in the same run: the same factory cohort (the recipe of
 * `bench/query_bench.ts`) imported into a SQLite file and a PostgreSQL database, then the same
 * import, region, search and cohort-table benchmarks on each, grouped so that `deno bench` prints
 * PostgreSQL's time relative to SQLite's.
 *
 * Environment:
 * - `BAKTADB_BENCH_GENOMES` — genomes in the cohort (default 100);
 * - `BAKTADB_BENCH_POSTGRES` — a server URL with rights to create databases; without it a
 *   throwaway cluster is started (`tests/_postgres_cluster.ts`, PostgreSQL server binaries needed).
 *
 * The build prints each engine's import rate and bytes per genome. Run:
 * `deno bench -A bench/engines_bench.ts`.
 *
 * @module
 */

import pg from "pg";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { openDatabase } from "../src/db/open_database.ts";
import type { Database } from "../src/db/schema.ts";
import { importRun } from "../src/store/import_run.ts";
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

function cohortRun(g: number): { name: string; run: BaktaRun } {
  const random = new SeededRandom(SEED + g);
  const families = POOL.filter((_, i) => i < 1800 || random.chance(0.15));
  const name = `G${String(g + 1).padStart(5, "0")}`;
  const run = makeRun({
    seed: SEED + g,
    families,
    genomeSize: Math.round(families.length * 1050),
    strain: name,
  });
  return { name, run };
}

async function postgresLocation(): Promise<string> {
  const server = Deno.env.get("BAKTADB_BENCH_POSTGRES") ?? (await startChildCluster()).url;
  const name = `baktadb_bench_${GENOMES}_${Deno.pid}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.href;
}

/** Imports the cohort into `db`; prints features/s and the import time. */
async function build(label: string, db: Kysely<Database>, runs: ReturnType<typeof cohortRun>[]) {
  const started = performance.now();
  let features = 0;
  for (const { name, run } of runs) {
    features += (await importRun(db, run, { genome: name })).counts.features;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label}: imported ${runs.length} genomes, ${features} features in ${seconds.toFixed(1)} s ` +
      `(${Math.round(features / seconds)} features/s)`,
  );
}

const dir = await Deno.makeTempDir({ prefix: "baktadb-engines-bench-" });
const sqlitePath = `${dir}/cohort.sqlite`;
const engines: Record<"sqlite" | "postgres", Kysely<Database>> = {
  sqlite: await openDatabase(sqlitePath),
  postgres: await openDatabase(await postgresLocation()),
};
const made = performance.now();
const runs = Array.from({ length: GENOMES }, (_, g) => cohortRun(g));
// Deno may run a few more iterations than n + warmup: a margin of spare runs per engine.
const extra = Array.from({ length: (IMPORT_RUNS + 4) * 2 }, (_, g) => cohortRun(GENOMES + g));
console.log(
  `made ${GENOMES + extra.length} runs in ${((performance.now() - made) / 1000).toFixed(0)} s`,
);
for (const [label, db] of Object.entries(engines)) await build(label, db, runs);
await sql`pragma wal_checkpoint(truncate)`.execute(engines.sqlite);
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

globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(dir, { recursive: true });
  } catch { /* best effort */ }
});
