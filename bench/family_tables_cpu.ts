/**
 * The family tables' process CPU time next to the floor's, in one process: for a loaded machine,
 * where wall times swing several-fold between calls (`node:sqlite` runs in the calling thread, so
 * the CPU time includes SQLite's). One call each of the floor (`bench/_family_floor.ts`, twice,
 * the first warms the cache), `familyPresence`, `pangenomeClasses` (with and without names),
 * `traitAssociation` (plain and `--strata lineage`), then the floor again; each line gives CPU,
 * wall, the ratio to the warm floor's CPU and the load; the peak RSS at the end.
 *
 * Run (the database opened read-only; the family cohorts of `bench/build_family_cohort.ts`, with
 * the traits `resistant` and `lineage`, at the current schema):
 *
 * ```sh
 * nice deno run -A bench/family_tables_cpu.ts /tmp/keep/fam10k.sqlite
 * ```
 *
 * @module
 */

import process from "node:process";
import { openDatabase } from "../src/db/open_database.ts";
import { familyPresence } from "../src/analysis/gene_families.ts";
import { pangenomeClasses } from "../src/analysis/pangenome_classes.ts";
import { traitAssociation } from "../src/analysis/trait_association.ts";
import { readFamilyFloor } from "./_family_floor.ts";

const path = Deno.args[0];
if (path === undefined) throw new RangeError("Usage: family_tables_cpu.ts DATABASE");
const db = await openDatabase(path, { readOnly: true });
let peak = 0;
let floor = NaN;

/** Runs one case and prints its CPU and wall time. */
async function measure(name: string, fn: () => Promise<unknown>): Promise<number> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  peak = Math.max(peak, Deno.memoryUsage().rss);
  void result;
  const seconds = (used.user + used.system) / 1e6;
  console.log(
    `${name.padEnd(26)} CPU ${seconds.toFixed(2)} s (${(seconds / floor).toFixed(1)}x floor)` +
      `  wall ${((performance.now() - start) / 1000).toFixed(1)} s  load ${
        Deno.loadavg()[0].toFixed(1)
      }`,
  );
  return seconds;
}

await measure("floor (cold)", () => readFamilyFloor(db));
floor = await measure("floor", () => readFamilyFloor(db));
await measure("familyPresence", () => familyPresence(db));
await measure("pangenomeClasses", () => pangenomeClasses(db));
await measure("pangenomeClasses, no names", () => pangenomeClasses(db, { describe: false }));
await measure("traitAssociation", () => traitAssociation(db, { trait: "resistant" }));
await measure(
  "traitAssociation, strata",
  () => traitAssociation(db, { trait: "resistant", strata: "lineage" }),
);
await measure("floor", () => readFamilyFloor(db));
console.log(`peak RSS ${(peak / 2 ** 30).toFixed(2)} GiB`);
await db.destroy();
