/**
 * The cohort tables at 1,000 genomes next to their floor, in the same run: reading every stored
 * family of the cohort's CDSs from the index `features(type, family, annotation_id, pseudo)`
 * (`bench/_family_floor.ts`), then `familyPresence` (the one read the tables share),
 * `presenceAbsence`, `pangenomeClasses` (with and without describing the families),
 * `pangenomeSummary` and `cogMatrix`.
 *
 * The database: `BAKTADB_BENCH_DB` when set (used as it is, e.g. the factory cohort of
 * `bench/build_factory_cohort.ts`); else the family cohort of `bench/build_family_cohort.ts`
 * with `BAKTADB_BENCH_GENOMES` genomes (default 1,000), built once into
 * `<tmp>/baktadb-family-cohort-<genomes>.sqlite` and reused.
 *
 * Run: `deno task bench bench/cohort_tables_bench.ts`.
 *
 * @module
 */

import { openDatabase } from "../src/db/open_database.ts";
import {
  cogMatrix,
  familyPresence,
  pangenomeClasses,
  pangenomeSummary,
  presenceAbsence,
} from "../src/analysis/mod.ts";
import { buildFamilyCohort } from "./build_family_cohort.ts";
import { readFamilyFloor } from "./_family_floor.ts";

const GENOMES = Number(Deno.env.get("BAKTADB_BENCH_GENOMES") ?? 1000);
const given = Deno.env.get("BAKTADB_BENCH_DB");
const PATH = given ??
  `${Deno.env.get("TMPDIR") ?? "/tmp"}/baktadb-family-cohort-${GENOMES}.sqlite`;
const db = await openDatabase(PATH);
if (given === undefined) await buildFamilyCohort(db, GENOMES);
globalThis.addEventListener("unload", () => void db.destroy());

const presence = await familyPresence(db);
const cells = presence.genome.length;
const label =
  `${presence.genomes.length} genomes, ${presence.families.length} families, ${cells} cells`;
console.log(`${PATH}: ${label}`);

const cases: [string, () => Promise<void>][] = [
  [
    "floor: read every CDS's family and genome from the index",
    async () => void await readFamilyFloor(db),
  ],
  ["familyPresence (the one read behind the tables)", async () => void await familyPresence(db)],
  ["presenceAbsence", async () => void await presenceAbsence(db)],
  ["pangenomeClasses", async () => void await pangenomeClasses(db)],
  [
    "pangenomeClasses, describe: false",
    async () => void await pangenomeClasses(db, { describe: false }),
  ],
  ["pangenomeSummary", async () => void await pangenomeSummary(db)],
  ["cogMatrix", async () => void await cogMatrix(db)],
];
for (const [i, [name, fn]] of cases.entries()) {
  Deno.bench({
    name: `${name}: ${label}`,
    group: "cohort",
    baseline: i === 0,
    n: 5,
    warmup: 1,
    fn,
  });
}
