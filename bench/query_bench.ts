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
 * - `BAKTADB_BENCH_READONLY=1` — open the database read-only and build nothing (for a database
 *   another process owns, e.g. the lead's `/tmp/baktadb-query-bench-1000.sqlite`).
 *
 * Run: `deno task bench bench/query_bench.ts`; on a finished shared database:
 * `BAKTADB_BENCH_READONLY=1 deno bench -A bench/query_bench.ts` (one group:
 * `… --filter search`). The load average is printed first and last: compare cases of one run
 * (ratios), not figures of runs under different load. The search cases rotate through the
 * realistic searches listed at the start (products, gene symbols, a locus tag, prefixes), one per
 * call, so each average is over the set.
 *
 * @module
 */

import { openDatabase } from "../src/db/open_database.ts";
import {
  featuresByXref,
  featuresInRegion,
  findFeatures,
  genomeStatistics,
  pseudogenes,
  regionFeatures,
  searchFeatures,
  searchHits,
  selectGenomes,
} from "../src/query/mod.ts";
import { featureTypeCounts, genomeSummary } from "../src/analysis/mod.ts";
import { buildFactoryCohort } from "./build_factory_cohort.ts";
import { regionWindows } from "./_region_windows.ts";

const GENOMES = Number(Deno.env.get("BAKTADB_BENCH_GENOMES") ?? 1000);
if (!Number.isInteger(GENOMES) || GENOMES < 1) {
  throw new RangeError(`BAKTADB_BENCH_GENOMES must be a positive integer, got ${GENOMES}`);
}
const TMP = Deno.env.get("TMPDIR") ?? "/tmp";
const PATH = Deno.env.get("BAKTADB_BENCH_DB") ?? `${TMP}/baktadb-query-bench-${GENOMES}.sqlite`;

// Opening brings the schema up to date (on an older database: its migrations, timed here).
const opening = performance.now();
const READONLY = Deno.env.get("BAKTADB_BENCH_READONLY") === "1";
const db = await openDatabase(PATH, { readOnly: READONLY });
console.log(
  `opened ${PATH} (migrations included) in ${((performance.now() - opening) / 1000).toFixed(1)} s`,
);
const built = READONLY ? 0 : await buildFactoryCohort(db, { genomes: GENOMES });
console.log(`bench database ${PATH}: ${GENOMES} genomes (${built} built now)`);
console.log(`load average ${Deno.loadavg().map((x) => x.toFixed(1)).join(" ")}`);

// Windows for the region query: 10 kb on the chromosome of a genome, one in ten across the origin.
const windows = await regionWindows(db);
let next = 0;

Deno.bench({
  name: "featuresInRegion: 10 kb window (look-up + query)",
  group: "query",
  async fn() {
    const query = await featuresInRegion(db, windows[next++ % windows.length]);
    await query.execute();
  },
});

Deno.bench({
  name: "regionFeatures: 10 kb window (one prepared statement)",
  group: "query",
  baseline: true,
  async fn() {
    await regionFeatures(db, windows[next++ % windows.length]);
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

// Realistic searches (issue #16: products, gene symbols, locus tags, prefixes). Cross-reference
// accessions are not in the full-text index (`featuresByXref` finds them, below).
const SEARCHES: readonly (readonly [string, { prefix?: boolean }])[] = [
  ["polymerase", {}], // a product word (~1 in 30 features)
  ["ribosomal protein", {}], // two product words
  ["ABC transporter", {}],
  ["hypothetical protein", {}], // a sixth of all features
  ["DNA gyrase subunit B", {}], // a whole product
  ["beta-lactamase", {}], // a phrase of two tokens
  ["kinase", {}],
  ["trnA", {}], // gene symbols
  ["rpoB", {}],
  ["dnaA", {}],
  ["dna pol", { prefix: true }], // prefixes
  ["elong", { prefix: true }],
  ["ribo", { prefix: true }],
];
const searchLocus = (await db.selectFrom("features").select("locus_tag").where("id", "=", 1_000_000)
  .executeTakeFirst())?.locus_tag;
const searches = searchLocus ? [...SEARCHES, [searchLocus, {}] as const] : SEARCHES; // a locus tag
console.log(`searches: ${searches.map(([t, o]) => (o.prefix ? `${t}*` : t)).join(", ")}`);
let nextSearch = 0;
const search = () => searches[nextSearch++ % searches.length];

Deno.bench({
  name: "searchHits: first 100, stored order, across the cohort (the aim: < 20 ms)",
  group: "search",
  baseline: true,
  async fn() {
    const [text, options] = search();
    await searchHits(db, text, options);
  },
});

Deno.bench({
  name: "searchFeatures().limit(100): stored order (the default), across the cohort",
  group: "search",
  async fn() {
    const [text, options] = search();
    await searchFeatures(db, text, options).limit(100).execute();
  },
});

Deno.bench({
  name: 'searchHits: first 100 by rank (order: "rank", bm25 of every match)',
  group: "search",
  n: 28,
  warmup: 2,
  async fn() {
    const [text, options] = search();
    await searchHits(db, text, { ...options, order: "rank" });
  },
});

Deno.bench({
  name: "searchHits: 'polymerase' in one genome",
  group: "search",
  async fn() {
    await searchHits(db, "polymerase", { genome: windows[next++ % windows.length].genome });
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

// What a notebook cell over the cohort calls (each aim: under a second).
const firstGenome = windows[0].genome;

Deno.bench({
  name: `genomeStatistics: ${GENOMES} genomes`,
  group: "notebook",
  n: 3,
  warmup: 1,
  async fn() {
    await genomeStatistics(db).execute();
  },
});

Deno.bench({
  name: "findFeatures: one genome's CDSs on the + strand",
  group: "notebook",
  async fn() {
    await findFeatures(db, { genome: firstGenome, type: "cds", strand: "+" }).execute();
  },
});

Deno.bench({
  name: "findFeatures: the cohort's tRNAs",
  group: "notebook",
  n: 3,
  warmup: 1,
  async fn() {
    await findFeatures(db, { type: "tRNA" }).execute();
  },
});

Deno.bench({
  name: "the floor of the tRNAs: SQLite counting their columns (no rows to JavaScript)",
  group: "notebook",
  n: 3,
  warmup: 1,
  async fn() {
    await findFeatures(db, { type: "tRNA" }).clearSelect().clearOrderBy()
      .select((eb) => [
        eb.fn.count("features.product").as("products"),
        eb.fn.count("sequences.seq_id").as("sequences"),
      ]).execute();
  },
});

Deno.bench({
  name: "featuresByXref: COG category J in one genome",
  group: "notebook",
  async fn() {
    await featuresByXref(db, { genome: firstGenome, db: "COG", accession: "J" }).execute();
  },
});

Deno.bench({
  name: "featuresByXref: one COG id across the cohort",
  group: "notebook",
  n: 3,
  warmup: 1,
  async fn() {
    await featuresByXref(db, { db: "COG", accession: "COG0001" }).execute();
  },
});

Deno.bench({
  name: "pseudogenes: across the cohort",
  group: "notebook",
  n: 3,
  warmup: 1,
  async fn() {
    await pseudogenes(db).execute();
  },
});

Deno.bench({
  name: "selectGenomes: every genome",
  group: "notebook",
  async fn() {
    await selectGenomes(db, {});
  },
});

globalThis.addEventListener("unload", () => {
  console.log(`load average at the end ${Deno.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  db.destroy();
});
