/**
 * Benchmarks of gene–trait association (`traitAssociation`, `associateFamilies`) next to the
 * presence/absence table it reads, at 1,000 and 10,000 genomes.
 *
 * - **Arithmetic** (`associateFamilies`): a synthetic presence matrix of 6,000 families (1,500
 *   near-core at 95–100 %, the others at 0.2–90 %), a random binary trait and, for the stratified
 *   case, five lineages; at 1,000 and 10,000 genomes. This is the part the issue bounds (< 1 s at
 *   1,000, < 10 s at 10,000).
 * - **Whole association on a database** (`traitAssociation`, and `presenceAbsence` beside it): a
 *   database of `BAKTADB_ASSOC_BENCH_GENOMES` genomes (default 1,000) × 2,000 CDSs whose families
 *   are stored (`features.family`), built once with plain inserts (no Bakta files: about 20 s for
 *   1,000 genomes) into `<tmp>/baktadb-association-bench-<genomes>.sqlite` and reused.
 *
 * Run: `deno task bench bench/association_bench.ts`.
 *
 * @module
 */

import type { Kysely } from "kysely";
import { associateFamilies } from "../src/analysis/associate_families.ts";
import { presenceAbsence } from "../src/analysis/gene_families.ts";
import { traitAssociation } from "../src/analysis/trait_association.ts";
import { openDatabase } from "../src/db/open_database.ts";
import type { Database } from "../src/db/schema.ts";
import { SeededRandom } from "../src/testing/factory/mod.ts";
import { bulkInsert } from "../src/store/_bulk_insert.ts";

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

const DB_GENOMES = Number(Deno.env.get("BAKTADB_ASSOC_BENCH_GENOMES") ?? 1000);
const CDS_PER_GENOME = 2000;
const POOL = 4000;
const TMP = Deno.env.get("TMPDIR") ?? "/tmp";
const PATH = `${TMP}/baktadb-association-bench-${DB_GENOMES}.sqlite`;

/** Builds (once) a database of genomes whose CDSs carry stored families, with two traits. */
async function build(db: Kysely<Database>): Promise<void> {
  const have = await db.selectFrom("genomes").select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(have.n) >= DB_GENOMES) return;
  const random = new SeededRandom(7);
  const started = performance.now();
  for (let g = Number(have.n); g < DB_GENOMES; g++) {
    await db.transaction().execute(async (trx) => {
      const name = `G${String(g + 1).padStart(5, "0")}`;
      const genome = await trx.insertInto("genomes").values({ name }).returning("id")
        .executeTakeFirstOrThrow();
      const sequence = await trx.insertInto("sequences").values({
        genome_id: genome.id,
        version: 1,
        seq_id: "contig_1",
        length: CDS_PER_GENOME * 1000,
      }).returning("id").executeTakeFirstOrThrow();
      const annotation = await trx.insertInto("annotations").values({
        genome_id: genome.id,
        sequence_version: 1,
        source: "files",
        fingerprint: name,
      }).returning("id").executeTakeFirstOrThrow();
      const lineage = g % 5;
      const rows = Array.from({ length: CDS_PER_GENOME }, (_, i) => {
        // The first 1,500 families in (almost) every genome, the rest drawn from the pool.
        const family = i < NEAR_CORE && random.chance(0.98)
          ? i
          : NEAR_CORE + Math.floor(random.next() ** (1 + lineage / 4) * (POOL - NEAR_CORE));
        return [
          annotation.id,
          sequence.id,
          "cds",
          i * 1000 + 1,
          i * 1000 + 900,
          "+",
          "{}",
          `UniRef90_X${family}`,
        ];
      });
      await bulkInsert(
        trx,
        "features",
        [
          "annotation_id",
          "sequence_id",
          "type",
          "start",
          "stop",
          "strand",
          "original_json",
          "family",
        ],
        rows,
      );
      await trx.insertInto("genome_traits").values([
        {
          genome_id: genome.id,
          key: "resistant",
          value: random.chance(0.2 + 0.15 * lineage) ? "R" : "S",
        },
        { genome_id: genome.id, key: "lineage", value: String(lineage) },
      ]).execute();
    });
  }
  console.log(`built ${PATH} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const db = await openDatabase(PATH);
await build(db);
globalThis.addEventListener("unload", () => void db.destroy());

Deno.bench({
  name: `presenceAbsence(): the table association reads, ${
    DB_GENOMES.toLocaleString("en-US")
  } genomes`,
  group: "database",
  n: 3,
  async fn() {
    await presenceAbsence(db, { pseudogenes: "absent" });
  },
});

Deno.bench({
  name: `traitAssociation(): the whole association, ${DB_GENOMES.toLocaleString("en-US")} genomes`,
  group: "database",
  baseline: true,
  n: 3,
  async fn() {
    await traitAssociation(db, { trait: "resistant" });
  },
});

Deno.bench({
  name: `traitAssociation(): with --strata lineage, ${DB_GENOMES.toLocaleString("en-US")} genomes`,
  group: "database",
  n: 3,
  async fn() {
    await traitAssociation(db, { trait: "resistant", strata: "lineage" });
  },
});
