/**
 * Benchmarks of the query helpers (region, full-text search, per-genome summaries) on a large
 * cohort: by default 1,000 factory-made genomes (about 2.3 million features), built once by
 * `bench/build_factory_cohort.ts` into a database file in the temp folder and reused by later
 * runs. The family tables have their own bench, `bench/cohort_tables_bench.ts`.
 *
 * Environment:
 * - `BAKTADB_BENCH_GENOMES` — the number of genomes (default 1000). Building takes 1.5 s a genome
 *   on a quiet machine and 13–17 s on one shared by eight builds (making the runs is most of it).
 * - `BAKTADB_BENCH_DB` — the database file (default `<tmp>/baktadb-query-bench-<genomes>.sqlite`).
 *   An interrupted build resumes where it stopped (the genomes present are not made again; each
 *   is deterministic from its seed).
 *
 * The cohort: one pool of 4,000 gene families, the first 1,800 offered to every genome and the
 * others at 15 %; each genome's size is 1,050 bp per family offered, which leaves about 15 % of
 * them out (the factory fills the rest with hypothetical proteins), so no family reaches Roary's
 * core here and the unique hypothetical proteins make ~300,000 singleton (MD5) families. The
 * timings are about the amount of data (2.0 million CDSs), not the class mix; class correctness is
 * tested against brute force in `tests/analysis/`.
 *
 * Run: `deno task bench bench/query_bench.ts`.
 *
 * @module
 */

import { openDatabase } from "../src/db/open_database.ts";
import { SeededRandom } from "../src/testing/factory/mod.ts";
import { featuresInRegion, searchFeatures } from "../src/query/mod.ts";
import { featureTypeCounts, genomeSummary } from "../src/analysis/mod.ts";
import { buildFactoryCohort } from "./build_factory_cohort.ts";

const GENOMES = Number(Deno.env.get("BAKTADB_BENCH_GENOMES") ?? 1000);
if (!Number.isInteger(GENOMES) || GENOMES < 1) {
  throw new RangeError(`BAKTADB_BENCH_GENOMES must be a positive integer, got ${GENOMES}`);
}
const TMP = Deno.env.get("TMPDIR") ?? "/tmp";
const PATH = Deno.env.get("BAKTADB_BENCH_DB") ?? `${TMP}/baktadb-query-bench-${GENOMES}.sqlite`;

// Opening brings the schema up to date (on an older database: its migrations, timed here).
const opening = performance.now();
const db = await openDatabase(PATH);
console.log(
  `opened ${PATH} (migrations included) in ${((performance.now() - opening) / 1000).toFixed(1)} s`,
);
const built = await buildFactoryCohort(db, { genomes: GENOMES });
console.log(`bench database ${PATH}: ${GENOMES} genomes (${built} built now)`);

// Windows for the region query: 10 kb on the chromosome of a genome, one in ten across the origin.
const chromosomes = await db.selectFrom("sequences")
  .innerJoin("genomes", "genomes.id", "sequences.genome_id")
  .select(["genomes.name as genome", "sequences.seq_id", "sequences.length"])
  .where("sequences.seq_id", "=", "contig_1")
  .execute();
const windowRandom = new SeededRandom(7);
const windows = Array.from({ length: 200 }, (_, i) => {
  const chromosome = chromosomes[windowRandom.int(0, chromosomes.length - 1)];
  const from = i % 10 === 0
    ? chromosome.length - 4000
    : windowRandom.int(1, chromosome.length - 10_000);
  const to = i % 10 === 0 ? 6000 : from + 9_999;
  return { genome: chromosome.genome, sequence: chromosome.seq_id, from, to };
});
let next = 0;

Deno.bench({
  name: "featuresInRegion: 10 kb window (look-up + R*Tree query)",
  group: "query",
  async fn() {
    const query = await featuresInRegion(db, windows[next++ % windows.length]);
    await query.execute();
  },
});

Deno.bench({
  name: "featuresInRegion: 10 kb window, portable b-tree form",
  group: "query",
  async fn() {
    const query = await featuresInRegion(db, {
      ...windows[next++ % windows.length],
      index: "btree",
    });
    await query.execute();
  },
});

Deno.bench({
  name: "searchFeatures: 'polymerase' in one genome",
  group: "query",
  async fn() {
    await searchFeatures(db, "polymerase", { genome: windows[next++ % windows.length].genome })
      .execute();
  },
});

Deno.bench({
  name: "searchFeatures: 'dna pol*' across the cohort, first 100",
  group: "query",
  async fn() {
    await searchFeatures(db, "dna pol", { prefix: true }).limit(100).execute();
  },
});

Deno.bench({
  name: `genomeSummary: ${GENOMES} genomes`,
  group: "cohort",
  n: 3,
  warmup: 1,
  async fn() {
    await genomeSummary(db);
  },
});

Deno.bench({
  name: `featureTypeCounts: ${GENOMES} genomes`,
  group: "cohort",
  n: 3,
  warmup: 1,
  async fn() {
    await featureTypeCounts(db);
  },
});

globalThis.addEventListener("unload", () => {
  db.destroy();
});
