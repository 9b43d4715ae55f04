/**
 * Benchmarks of gene–trait association (`traitAssociation`, `associateFamilies`) next to the
 * presence/absence table it reads, at 1,000 and 10,000 genomes.
 *
 * - **Arithmetic** (`associateFamilies`): a synthetic presence matrix of 6,000 families (1,500
 *   near-core at 95–100 %, the others at 0.2–90 %), a random binary trait and, for the stratified
 *   case, five lineages; at 1,000 and 10,000 genomes. This is the part the issue bounds (< 1 s at
 *   1,000, < 10 s at 10,000).
 * - **Whole association on a database** (`traitAssociation`, next to the floor of reading every
 *   CDS's family from the index and the presence read it makes): the family cohort of
 *   `bench/build_family_cohort.ts` with `BAKTADB_ASSOC_BENCH_GENOMES` genomes (default 1,000;
 *   about 2.1 million CDSs, 0.3 million families, traits `resistant` and `lineage`), built once
 *   into `<tmp>/baktadb-family-cohort-<genomes>.sqlite` and reused (the cohort tables' bench uses
 *   the same file); or `BAKTADB_BENCH_DB`, opened read-only (the 10,000-genome family cohort).
 *   The load is printed at the start and the end, with the peak resident memory.
 *
 * Run:
 *
 * ```sh
 * BAKTADB_BENCH_DB=/tmp/keep/h-summaries-family-cohort-1000.sqlite nice deno task bench bench/association_bench.ts
 * BAKTADB_BENCH_DB=/tmp/keep/fam10k.sqlite nice deno task bench --filter "/floor|familyPresence|traitAssociation/" bench/association_bench.ts
 * ```
 *
 * (the filter leaves out the synthetic arithmetic cases; without `BAKTADB_BENCH_DB` the
 * family cohort is built once, as said above.)
 *
 * @module
 */

import { associateFamilies } from "../src/analysis/associate_families.ts";
import { familyPresence } from "../src/analysis/gene_families.ts";
import { traitAssociation } from "../src/analysis/trait_association.ts";
import { SeededRandom } from "../src/testing/factory/mod.ts";
import { readFamilyFloor } from "./_family_floor.ts";
import { databaseBench, openBenchDatabase } from "./_bench_context.ts";

const FAMILIES = 6000;
const NEAR_CORE = 1500;

/** A synthetic presence matrix (columns by genome), trait and strata. */
function synthetic(genomes: number, seed: number) {
  const random = new SeededRandom(seed);
  const prevalence = Float64Array.from(
    { length: FAMILIES },
    (_, f) => f < NEAR_CORE ? 0.95 + 0.05 * random.next() : 0.002 + 0.9 * random.next() ** 2,
  );
  const strata = Int32Array.from({ length: genomes }, () => Math.floor(random.next() * 5));
  const trait = Uint8Array.from(strata, (s) => (random.chance(0.2 + 0.15 * s) ? 1 : 0));
  const columns = Array.from({ length: genomes }, () => {
    const column = new Uint8Array(FAMILIES);
    for (let f = 0; f < FAMILIES; f++) column[f] = random.chance(prevalence[f]) ? 1 : 0;
    return column;
  });
  const families = Array.from({ length: FAMILIES }, (_, f) => `F${f}`);
  return { families, columns, trait, strata };
}

for (const genomes of [1000, 10000]) {
  const input = synthetic(genomes, genomes);
  Deno.bench({
    name: `associateFamilies(): ${FAMILIES.toLocaleString("en-US")} families x ${
      genomes.toLocaleString("en-US")
    } genomes`,
    group: `arithmetic ${genomes}`,
    baseline: true,
    n: genomes > 1000 ? 3 : 10,
    fn() {
      associateFamilies({ families: input.families, columns: input.columns, trait: input.trait });
    },
  });
  Deno.bench({
    name: `associateFamilies(): with 5 strata (CMH), ${genomes.toLocaleString("en-US")} genomes`,
    group: `arithmetic ${genomes}`,
    n: genomes > 1000 ? 3 : 10,
    fn() {
      associateFamilies(input);
    },
  });
}

const { db } = await openBenchDatabase(
  Number(Deno.env.get("BAKTADB_ASSOC_BENCH_GENOMES") ?? 1000),
);
// The cohort's size, counted without a presence read of its own before the cases.
const genomes = Number(
  (await db.selectFrom("genomes").select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow()).n,
);
const large = genomes > 2000;
const size = `${genomes.toLocaleString("en-US")} genomes`;

/** A database case of this cohort. */
function databaseCase(name: string, baseline: boolean, fn: () => Promise<unknown>): void {
  databaseBench(`${name}, ${size}`, { group: "database", baseline, large }, fn);
}

databaseCase(
  "floor: read every CDS's family and genome from the index",
  true,
  () => readFamilyFloor(db),
);
databaseCase(
  "familyPresence(): the presence read association makes",
  false,
  () => familyPresence(db, { pseudogenes: "absent" }),
);
databaseCase(
  "traitAssociation(): the whole association",
  false,
  () => traitAssociation(db, { trait: "resistant" }),
);
databaseCase(
  "traitAssociation(): with --strata lineage",
  false,
  () => traitAssociation(db, { trait: "resistant", strata: "lineage" }),
);
