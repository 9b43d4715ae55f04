/**
 * What the family-table benches share: the database to read (a given file opened read-only, or
 * the family cohort built once), and the machine's load and the process's peak memory, printed
 * when the bench ends so that every figure is read next to them.
 *
 * @module
 */

import type { Kysely } from "../src/deps/kysely.ts";
import type { Database } from "../src/db/schema.ts";
import { openDatabase } from "../src/db/open_database.ts";
import { buildFamilyCohort } from "./build_family_cohort.ts";

/**
 * Opens `BAKTADB_BENCH_DB` read-only when set (used as it is: the 10,000-genome family cohort, the
 * factory cohort); else builds (once, resumable) the family cohort of `genomes` genomes into
 * `<tmp>/baktadb-family-cohort-<genomes>.sqlite`. Prints the load now and, at the end, the load
 * and the peak resident memory seen by {@linkcode notePeakMemory}.
 *
 * @param genomes The family cohort's size when no file is given.
 * @returns The database and its path.
 */
export async function openBenchDatabase(
  genomes: number,
): Promise<{ db: Kysely<Database>; path: string }> {
  const given = Deno.env.get("BAKTADB_BENCH_DB");
  const path = given ??
    `${Deno.env.get("TMPDIR") ?? "/tmp"}/baktadb-family-cohort-${genomes}.sqlite`;
  const db = await openDatabase(path, given === undefined ? {} : { readOnly: true });
  if (given === undefined) await buildFamilyCohort(db, genomes);
  console.log(`${path}; ${loadText()} at the start`);
  globalThis.addEventListener("unload", () => {
    console.log(`${loadText()} at the end; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
    void db.destroy();
  });
  return { db, path };
}

let peak = 0;

/** Records the resident memory now (call it at the end of a bench case, before the result goes). */
export function notePeakMemory(): void {
  peak = Math.max(peak, Deno.memoryUsage().rss);
}

/**
 * Registers one bench case that reads the database: few iterations on a large cohort (none to
 * warm up), and the peak memory noted while its result is still held.
 *
 * @param name The case's name, as `deno bench` prints it.
 * @param options The group, whether the case is the group's baseline, and whether the cohort is
 * large (over 2,000 genomes).
 * @param fn The work timed.
 */
export function databaseBench(
  name: string,
  options: { group: string; baseline: boolean; large: boolean },
  fn: () => Promise<unknown>,
): void {
  Deno.bench({
    name,
    group: options.group,
    baseline: options.baseline,
    n: options.large ? 2 : 5,
    warmup: options.large ? 0 : 1,
    async fn() {
      const result = await fn();
      notePeakMemory();
      void result;
    },
  });
}

/**
 * The load averages over 1, 5 and 15 minutes, as text.
 *
 * @returns E.g. `load average 1.2, 1.4, 1.3 (2 cores)`.
 */
export function loadText(): string {
  return `load average ${
    Deno.loadavg().map((x) => x.toFixed(1)).join(", ")
  } (${navigator.hardwareConcurrency} cores)`;
}

/**
 * The median of the values; of an even count, the upper of the two middle ones (a value that was
 * measured, not a mean of two).
 *
 * @param values The measures (not changed).
 * @returns Their median.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
