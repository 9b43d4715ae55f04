/**
 * Region queries before and after schema 13 (the R*Tree dropped, `src/db/region_bound.ts`), in
 * the same run: the base revision's code (a checkout of it, e.g. `main` before the change) on a
 * database at its schema, and this tree's code on one at schema 13, with the same 10 kb windows,
 * interleaved round by round. Printed: ms per window of `regionFeatures` (one prepared statement)
 * and `featuresInRegion` (a Kysely builder) on each side, the ratio after/before, and the load.
 *
 * - One genome: `CI-8050.gff3` (E. faecalis, 2.6 Mb chromosome, as `bench/region_vs_gffutils.ts`)
 *   imported by each side into its own temporary file, 500 windows, 5 rounds; gffutils'
 *   `db.region()` on the same windows for the aim (≤ 0.5× gffutils' time).
 * - 1,000 genomes (when both files are given): the base side reads `BEFORE.sqlite` (schema 11 or
 *   12, with the R*Tree; opened read-only), this side `AFTER.sqlite` (a copy migrated with
 *   `baktadb migrate up`; opened read-only), 200 windows as `bench/query_bench.ts` draws them (one
 *   in ten across the origin), 10 rounds (aim < 0.5 ms a window).
 *
 * Run (the base checkout made once with `git worktree add --detach /tmp/base main`):
 *
 * ```sh
 * cp /tmp/keep/h-summaries-query-bench-1000.sqlite /tmp/after-1000.sqlite
 * deno run -A src/cli/main.ts migrate up --db /tmp/after-1000.sqlite
 * BAKTADB_BENCH_BASE=/tmp/base nice -n 10 deno run -A bench/region_ab.ts \
 *   /tmp/keep/h-summaries-query-bench-1000.sqlite /tmp/after-1000.sqlite
 * ```
 *
 * Prints a SKIPPED line when `BAKTADB_BENCH_BASE` or the sample is missing.
 *
 * @module
 */

import type { Kysely } from "../src/deps/kysely.ts";
import type { Database } from "../src/db/schema.ts";
import { openDatabase } from "../src/db/open_database.ts";
import { importRun } from "../src/store/import_run.ts";
import { featuresInRegion, regionFeatures } from "../src/query/mod.ts";
import { SeededRandom } from "../src/testing/factory/mod.ts";
import { regionWindows } from "./_region_windows.ts";

const GFF3 = decodeURIComponent(
  new URL("../../shared/bakta-samples/v1.9.4-efaecalis-CI-8050/CI-8050.gff3", import.meta.url)
    .pathname,
);
const PYTHON = "/usr/bin/python3";

type Window = { genome: string; sequence: string; from: number; to: number };
/** One side: its database and its two region functions. */
interface Side {
  name: string;
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>;
  fast: (w: Window) => Promise<unknown[]>;
  builder: (w: Window) => Promise<unknown[]>;
}

/** This tree's side. */
function ours(db: Kysely<Database>): Side {
  return {
    name: "after",
    db,
    fast: (w) => regionFeatures(db, w),
    builder: async (w) => await (await featuresInRegion(db, w)).execute(),
  };
}

/** The base checkout's side: its own modules, its own connection. */
async function base(root: string, path: string, options: object): Promise<Side> {
  const open = await import(`${root}/src/db/open_database.ts`);
  const query = await import(`${root}/src/query/mod.ts`);
  const db = await open.openDatabase(path, options);
  return {
    name: "before",
    db,
    fast: (w) => query.regionFeatures(db, w),
    builder: async (w) => await (await query.featuresInRegion(db, w)).execute(),
  };
}

/** ms per window of each side's two functions, rounds interleaved; checks both sides agree. */
async function race(sides: Side[], windows: Window[], rounds: number) {
  const totals = sides.map(() => ({ fast: 0, builder: 0, hits: 0 }));
  for (const [i, side] of sides.entries()) {
    for (const w of windows) totals[i].hits += (await side.fast(w)).length;
  }
  if (totals[0].hits !== totals[1].hits) {
    throw new Error(`The sides disagree: ${totals[0].hits} and ${totals[1].hits} features`);
  }
  for (let round = 0; round < rounds; round++) {
    for (const [i, side] of sides.entries()) {
      for (const kind of ["fast", "builder"] as const) {
        const start = performance.now();
        for (const w of windows) await side[kind](w);
        totals[i][kind] += performance.now() - start;
      }
    }
  }
  const per = (ms: number) => ms / (rounds * windows.length);
  return totals.map((t) => ({ fast: per(t.fast), builder: per(t.builder), hits: t.hits }));
}

function load(): string {
  return Deno.loadavg().map((x) => x.toFixed(1)).join(" ");
}

function report(title: string, sides: Side[], result: Awaited<ReturnType<typeof race>>) {
  console.log(`${title} (load average ${load()}; ${result[0].hits} features in all windows)`);
  for (const kind of ["fast", "builder"] as const) {
    const label = kind === "fast" ? "regionFeatures()  " : "featuresInRegion()";
    const [before, after] = result.map((r) => r[kind]);
    console.log(
      `  ${label} ${sides[0].name} ${before.toFixed(4)} ms, ${sides[1].name} ${
        after.toFixed(4)
      } ms: after/before ${(after / before).toFixed(2)}`,
    );
  }
}

/** gffutils' ms per window (its database built first, not timed). */
async function gffutils(dir: string, windows: Window[], rounds: number): Promise<number> {
  const script = `
import json, sys, time, gffutils
db = gffutils.create_db(sys.argv[1], sys.argv[2], force=True, merge_strategy="create_unique",
                        disable_infer_genes=True, disable_infer_transcripts=True)
windows = json.loads(sys.argv[3])
for s, a, b in windows: list(db.region(region=(s, a, b)))
t0 = time.perf_counter()
for _ in range(int(sys.argv[4])):
    for s, a, b in windows: list(db.region(region=(s, a, b)))
print((time.perf_counter() - t0) * 1000 / (int(sys.argv[4]) * len(windows)))
`;
  const args = ["-c", script, GFF3, `${dir}/gffutils.db`];
  args.push(JSON.stringify(windows.map((w) => [w.sequence, w.from, w.to])), String(rounds));
  const out = await new Deno.Command(PYTHON, { args }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return Number(new TextDecoder().decode(out.stdout).trim());
}

/** One genome, both sides and gffutils. */
async function oneGenome(root: string): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-region-ab-" });
  try {
    const before = await base(root, `${dir}/before.sqlite`, {});
    const importBase = await import(`${root}/src/store/import_run.ts`);
    await importBase.importRun(before.db, GFF3);
    const db = await openDatabase(`${dir}/after.sqlite`);
    const { genome } = await importRun(db, GFF3);
    const chromosome = await db.selectFrom("sequences").select(["seq_id", "length"])
      .orderBy("length", "desc").executeTakeFirstOrThrow();
    const random = new SeededRandom(16);
    const windows = Array.from({ length: 500 }, () => {
      const from = random.int(1, chromosome.length - 10_000);
      return { genome, sequence: chromosome.seq_id, from, to: from + 9_999 };
    });
    const sides = [before, ours(db)];
    const result = await race(sides, windows, 5);
    const gff = await gffutils(dir, windows, 5);
    report("One genome (CI-8050), 500 windows of 10 kb, 5 rounds", sides, result);
    console.log(
      `  gffutils db.region() ${gff.toFixed(4)} ms: regionFeatures after/gffutils ${
        (result[1].fast / gff).toFixed(2)
      } (aim ≤ 0.5), before/gffutils ${(result[0].fast / gff).toFixed(2)}`,
    );
    for (const side of sides) await side.db.destroy();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The cohort, both sides. */
async function cohort(root: string, beforePath: string, afterPath: string): Promise<void> {
  const before = await base(root, beforePath, { readOnly: true });
  const db = await openDatabase(afterPath, { readOnly: true });
  const windows = await regionWindows(db);
  const sides = [before, ours(db)];
  report("1,000 genomes, 200 windows of 10 kb, 10 rounds", sides, await race(sides, windows, 10));
  for (const side of sides) await side.db.destroy();
}

if (import.meta.main) {
  const root = Deno.env.get("BAKTADB_BENCH_BASE");
  const missing = root === undefined
    ? "BAKTADB_BENCH_BASE (a checkout of the base revision) is not set"
    : await Deno.stat(GFF3).then(() => undefined, () => `${GFF3} is missing`);
  if (missing !== undefined) {
    console.log(`SKIPPED region_ab: ${missing}`);
    Deno.exit(0);
  }
  console.log(`load average ${load()} at the start`);
  await oneGenome(root!);
  if (Deno.args.length === 2) await cohort(root!, Deno.args[0], Deno.args[1]);
  console.log(`load average ${load()} at the end`);
}
