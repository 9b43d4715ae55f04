/**
 * Benchmarks of the query helpers and cohort tables on a large cohort: by default 1,000
 * factory-made genomes (about 2.3 million features, about 9 GB with every feature's original JSON
 * record), built once into a database file in the temp folder and reused by later runs.
 *
 * Environment:
 * - `BAKTADB_BENCH_GENOMES` — the number of genomes (default 1000). Building takes about 1.5 s per
 *   genome (making the run ~0.8 s, `importRun` ~0.7 s), so ~25 minutes for 1,000 the first time.
 * - `BAKTADB_BENCH_DB` — the database file (default `<tmp>/baktadb-query-bench-<genomes>.sqlite`).
 *   An interrupted build resumes where it stopped (every genome is imported in its own
 *   transaction, deterministically from its seed).
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
import { importRun } from "../src/store/import_run.ts";
import { makeFamilyPool, makeRun, SeededRandom } from "../src/testing/factory/mod.ts";
import { featuresInRegion, searchFeatures } from "../src/query/mod.ts";
import {
  cogMatrix,
  featureTypeCounts,
  genomeSummary,
  pangenomeClasses,
  pangenomeSummary,
  presenceAbsence,
} from "../src/analysis/mod.ts";

const GENOMES = Number(Deno.env.get("BAKTADB_BENCH_GENOMES") ?? 1000);
if (!Number.isInteger(GENOMES) || GENOMES < 1) {
  throw new RangeError(`BAKTADB_BENCH_GENOMES must be a positive integer, got ${GENOMES}`);
}
const TMP = Deno.env.get("TMPDIR") ?? "/tmp";
const PATH = Deno.env.get("BAKTADB_BENCH_DB") ?? `${TMP}/baktadb-query-bench-${GENOMES}.sqlite`;

/** The cohort: one pool of 4,000 families, 1,800 in every genome, the others at 15 %. */
const POOL_SIZE = 4000;
const CORE = 1800;
const ACCESSORY_RATE = 0.15;
const SEED = 20_261_129;

// Opening brings the schema up to date; on a database built by an older baktadb that is the
// migrations (0003 fills `features.family` for every feature), so the time is printed.
const opening = performance.now();
const db = await openDatabase(PATH);
console.log(
  `opened ${PATH} (migrations included) in ${((performance.now() - opening) / 1000).toFixed(1)} s`,
);
await build();

async function build(): Promise<void> {
  const have = Number(
    (await db.selectFrom("genomes").select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow())
      .n,
  );
  if (have >= GENOMES) {
    console.log(`bench database ${PATH}: ${have} genomes (reused)`);
    return;
  }
  const started = performance.now();
  const pool = makeFamilyPool({ seed: SEED, size: POOL_SIZE });
  let features = 0;
  for (let g = have; g < GENOMES; g++) {
    const random = new SeededRandom(SEED + g);
    const families = pool.filter((_, i) => i < CORE || random.chance(ACCESSORY_RATE));
    const name = `G${String(g + 1).padStart(4, "0")}`;
    const run = makeRun({
      seed: SEED + g,
      families,
      genomeSize: Math.round(families.length * 1050),
      strain: name,
    });
    const result = await importRun(db, run, { genome: name });
    features += result.counts.features;
    if ((g + 1) % 50 === 0 || g + 1 === GENOMES) {
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `built ${g + 1}/${GENOMES} genomes, ${features} features, ${seconds.toFixed(0)} s`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `bench database ${PATH}: built ${GENOMES - have} genomes (${features} features) in ${
      seconds.toFixed(1)
    } s`,
  );
}

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

Deno.bench({
  name: `cogMatrix: ${GENOMES} genomes`,
  group: "cohort",
  n: 3,
  warmup: 1,
  async fn() {
    await cogMatrix(db);
  },
});

Deno.bench({
  name: `presenceAbsence: ${GENOMES} genomes`,
  group: "cohort",
  n: 3,
  warmup: 1,
  async fn() {
    await presenceAbsence(db);
  },
});

Deno.bench({
  name: `pangenomeClasses: ${GENOMES} genomes`,
  group: "cohort",
  n: 3,
  warmup: 1,
  async fn() {
    await pangenomeClasses(db);
  },
});

Deno.bench({
  name: `pangenomeSummary: ${GENOMES} genomes`,
  group: "cohort",
  n: 3,
  warmup: 1,
  async fn() {
    await pangenomeSummary(db);
  },
});

globalThis.addEventListener("unload", () => {
  db.destroy();
});
