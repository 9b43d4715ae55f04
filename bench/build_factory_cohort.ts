/**
 * A resumable builder of the benchmarks' factory cohort: genome `G0001`, `G0002`, … made by
 * `makeRun` from a fixed seed (one pool of 4,000 gene families, the first 1,800 offered to every
 * genome, the others at 15 %), written as Bakta JSON files into a scratch folder a batch at a time
 * and imported with `importRuns` (which reads and prepares the next run in a worker while the
 * current one is written). Genomes already in the database are not made again, so an interrupted
 * build resumes where it stopped; every genome is deterministic from its seed.
 *
 * Run on its own (prints the build rate):
 *
 * ```sh
 * BAKTADB_BENCH_GENOMES=1000 BAKTADB_BENCH_DB=/tmp/baktadb-query-bench-1000.sqlite \
 *   nice deno run -A bench/build_factory_cohort.ts
 * ```
 *
 * @module
 */

import type { Kysely } from "../src/deps/kysely.ts";
import type { Database } from "../src/db/schema.ts";
import { openDatabase } from "../src/db/open_database.ts";
import { importRuns } from "../src/store/import_runs.ts";
import {
  formatRunAsBaktaJson,
  type GeneFamily,
  makeFamilyPool,
  makeRun,
  SeededRandom,
} from "../src/testing/factory/mod.ts";

/** The cohort's constants: a pool of 4,000 families, 1,800 in every genome, the others at 15 %. */
export const FACTORY_COHORT = Object.freeze({
  poolSize: 4000,
  core: 1800,
  accessoryRate: 0.15,
  seed: 20_261_129,
  /** Bases per family offered: about 15 % of them are left out (hypothetical proteins instead). */
  basesPerFamily: 1050,
});

/** Options of {@linkcode buildFactoryCohort}. */
export interface BuildFactoryCohortOptions {
  /** How many genomes the database should hold when done. */
  genomes: number;
  /**
   * How many genomes are made, written and imported together.
   * @default 20
   */
  batch?: number;
  /**
   * How many child processes make the runs of a batch (while the batch before is imported).
   * @default 2
   */
  makers?: number;
  /** Called after each batch. */
  onBatch?: (progress: { have: number; built: number; features: number; ms: number }) => void;
}

/** The name of genome `index` (0-based): `G0001`, …. */
export function factoryGenomeName(index: number): string {
  return `G${String(index + 1).padStart(4, "0")}`;
}

/**
 * Makes the run of genome `index` of the factory cohort (deterministic from the seed).
 *
 * @param pool The family pool (`makeFamilyPool` with the cohort's seed and size).
 * @param index The genome (0-based).
 * @returns The run.
 */
export function makeFactoryGenome(pool: readonly GeneFamily[], index: number) {
  const { core, accessoryRate, seed, basesPerFamily } = FACTORY_COHORT;
  const random = new SeededRandom(seed + index);
  const families = pool.filter((_, i) => i < core || random.chance(accessoryRate));
  return makeRun({
    seed: seed + index,
    families,
    genomeSize: Math.round(families.length * basesPerFamily),
    strain: factoryGenomeName(index),
  });
}

/**
 * Brings the database up to `genomes` factory genomes, importing only the missing ones. Making a
 * run is the slow part (most of a genome's build time), so each batch is made by `makers` child
 * processes (`Deno.Command` running this file with `--make`) while the batch before it is
 * imported.
 *
 * @param db The database.
 * @param options How many genomes, the batch size, the makers and a progress callback.
 * @returns How many genomes were imported now.
 * @throws {RangeError} When `genomes`, `batch` or `makers` is not a positive integer.
 * @throws {Error} When a maker fails or a run of a batch fails to import.
 */
export async function buildFactoryCohort(
  db: Kysely<Database>,
  options: BuildFactoryCohortOptions,
): Promise<number> {
  const { genomes, batch = 20, makers = 2, onBatch } = options;
  for (
    const [name, value] of [["genomes", genomes], ["batch", batch], ["makers", makers]] as const
  ) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Invalid option "${name}": expected a positive integer, got ${value}`);
    }
  }
  const present = new Set(
    (await db.selectFrom("genomes").select("name").execute()).map((row) => row.name),
  );
  const missing = Array.from({ length: genomes }, (_, i) => i)
    .filter((i) => !present.has(factoryGenomeName(i)));
  const batches = Array.from(
    { length: Math.ceil(missing.length / batch) },
    (_, b) => missing.slice(b * batch, (b + 1) * batch),
  );
  const started = performance.now();
  let built = 0;
  let features = 0;
  let making = batches.length > 0 ? makeBatch(batches[0], makers) : undefined;
  for (let b = 0; b < batches.length; b++) {
    const dir = await making!;
    making = b + 1 < batches.length ? makeBatch(batches[b + 1], makers) : undefined;
    try {
      features += await importBatch(db, dir);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
    built += batches[b].length;
    onBatch?.({ have: present.size + built, built, features, ms: performance.now() - started });
  }
  return built;
}

/** Makes the runs of a batch as Bakta JSON files in a new folder, in `makers` child processes. */
async function makeBatch(indices: readonly number[], makers: number): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-factory-cohort-" });
  const shares = Array.from(
    { length: makers },
    (_, m) => indices.filter((_, i) => i % makers === m),
  )
    .filter((share) => share.length > 0);
  const outputs = await Promise.all(shares.map((share) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", import.meta.filename!, "--make", dir, share.join(",")],
      stdout: "null",
      stderr: "piped",
    }).output()
  ));
  for (const output of outputs) {
    if (!output.success) {
      throw new Error(
        `Cannot make the factory genomes: ${new TextDecoder().decode(output.stderr).trim()}`,
      );
    }
  }
  return dir;
}

/** Writes the runs of genomes `indices` as `<dir>/G0001.json`, … (the `--make` mode). */
async function writeGenomes(dir: string, indices: readonly number[]): Promise<void> {
  const pool = makeFamilyPool({ seed: FACTORY_COHORT.seed, size: FACTORY_COHORT.poolSize });
  for (const index of indices) {
    const file = `${dir}/${factoryGenomeName(index)}.json`;
    await Deno.writeTextFile(`${file}.part`, formatRunAsBaktaJson(makeFactoryGenome(pool, index)));
    await Deno.rename(`${file}.part`, file);
  }
}

/** Imports the runs of one made batch; returns the features written. */
async function importBatch(db: Kysely<Database>, dir: string): Promise<number> {
  const files = [...Deno.readDirSync(dir)].map((entry) => `${dir}/${entry.name}`).sort();
  const result = await importRuns(db, files);
  const failed = result.items.find((item) => item.status === "failed");
  if (failed !== undefined) {
    throw new Error(`Cannot build the factory cohort: ${failed.item}: ${failed.error?.message}`);
  }
  return result.features;
}

if (import.meta.main && Deno.args[0] === "--make") {
  await writeGenomes(Deno.args[1], Deno.args[2].split(",").map(Number));
} else if (import.meta.main) {
  const genomes = Number(Deno.env.get("BAKTADB_BENCH_GENOMES") ?? 1000);
  const path = Deno.env.get("BAKTADB_BENCH_DB") ??
    `${Deno.env.get("TMPDIR") ?? "/tmp"}/baktadb-query-bench-${genomes}.sqlite`;
  const db = await openDatabase(path);
  try {
    const built = await buildFactoryCohort(db, {
      genomes,
      batch: Number(Deno.env.get("BAKTADB_BENCH_BATCH") ?? 20),
      makers: Number(Deno.env.get("BAKTADB_BENCH_MAKERS") ?? 2),
      onBatch: ({ have, built, features, ms }) =>
        console.log(
          `${new Date().toISOString()} ${have}/${genomes} genomes (${built} now, ${features} ` +
            `features) in ${(ms / 1000).toFixed(0)} s: ${
              (ms / 1000 / built).toFixed(2)
            } s a genome`,
        ),
    });
    console.log(`${path}: ${built} genomes imported, ${genomes} wanted`);
  } finally {
    await db.destroy();
  }
}
