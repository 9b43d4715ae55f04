/**
 * The cohort tables next to their floor, in the same run: reading every stored family of the
 * cohort's CDSs from an index of `features` (`bench/_family_floor.ts`), then `familyPresence` (the
 * one read the tables share), `presenceAbsence`, `pangenomeClasses` (with and without describing the families),
 * `pangenomeSummary` and `cogMatrix`. The load average is printed at the start and the end, with
 * the peak resident memory (sampled at the end of every case, its result still held).
 *
 * The database: `BAKTADB_BENCH_DB` when set (opened read-only and used as it is: the 10,000-genome
 * family cohort, the factory cohort of `bench/build_factory_cohort.ts` for `cogMatrix`); else the
 * family cohort of `bench/build_family_cohort.ts` with `BAKTADB_BENCH_GENOMES` genomes (default
 * 1,000), built once into `<tmp>/baktadb-family-cohort-<genomes>.sqlite` and reused.
 *
 * Run (1,000 genomes, then 10,000, then the factory cohort; the files of session 6, schema 10):
 *
 * ```sh
 * BAKTADB_BENCH_DB=/tmp/keep/h-summaries-family-cohort-1000.sqlite nice deno task bench bench/cohort_tables_bench.ts
 * BAKTADB_BENCH_DB=/tmp/keep/fam10k.sqlite nice deno task bench bench/cohort_tables_bench.ts
 * BAKTADB_BENCH_DB=/tmp/keep/h-summaries-query-bench-1000.sqlite nice deno task bench bench/cohort_tables_bench.ts
 * ```
 *
 * Without `BAKTADB_BENCH_DB` the family cohort is built (once) as said above.
 *
 * @module
 */

import {
  cogMatrix,
  familyPresence,
  pangenomeClasses,
  pangenomeSummary,
  presenceAbsence,
} from "../src/analysis/mod.ts";
import { familyMembersQuery } from "../src/analysis/gene_families.ts";
import { readFamilyPresence } from "../src/analysis/_family_presence.ts";
import type { Kysely } from "../src/deps/kysely.ts";
import type { Database } from "../src/db/schema.ts";
import { readFamilyFloor } from "./_family_floor.ts";
import { databaseBench, openBenchDatabase } from "./_bench_context.ts";

const { db } = await openBenchDatabase(Number(Deno.env.get("BAKTADB_BENCH_GENOMES") ?? 1000));

const presence = await familyPresence(db);
const large = presence.genomes.length > 2000;
const label =
  `${presence.genomes.length} genomes, ${presence.families.length} families, ${presence.genome.length} cells`;
console.log(label);

const cases: [string, () => Promise<unknown>][] = [
  ["floor: read every CDS's family and genome from the index", () => readFamilyFloor(db)],
  ["familyPresence (the one read behind the tables)", () => familyPresence(db)],
  ["familyPresence from the features (as before schema 10)", () => presenceFromFeatures(db)],
  ["presenceAbsence", () => presenceAbsence(db)],
  ["pangenomeClasses", () => pangenomeClasses(db)],
  ["pangenomeClasses, describe: false", () => pangenomeClasses(db, { describe: false })],
  ["pangenomeSummary", () => pangenomeSummary(db)],
  ["cogMatrix", () => cogMatrix(db)],
];
for (const [i, [name, fn]] of cases.entries()) {
  databaseBench(`${name}: ${label}`, { group: "cohort", baseline: i === 0, large }, fn);
}

/** The presence read from the features, ignoring the family sets (the path before schema 10). */
function presenceFromFeatures(db: Kysely<Database>) {
  return readFamilyPresence(db, {
    cohort: {},
    types: ["cds"],
    pseudogenes: "present",
    computeAll: false,
    computed: familyMembersQuery(db),
    summaries: false,
  });
}
