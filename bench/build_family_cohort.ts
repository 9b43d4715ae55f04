/**
 * A resumable builder of a large cohort for the family-table benchmarks, written with plain bulk
 * inserts (no Bakta files, no cross-references, no full-text or region index rows): each genome
 * has the CDS shape of the factory cohort of `bench/build_factory_cohort.ts` — a pool of 4,000
 * families, the first 1,800 offered to every genome and the others at 15 %, each offered family
 * present with chance 0.85 (else the CDS is a hypothetical protein with a family of its own, an
 * `MD5:` singleton), 2 % of the present families in two copies, 1 % of the CDSs pseudogenes —
 * and two traits, `resistant` (R/S, more often R in higher lineages) and `lineage` (0–4).
 *
 * At 1,000 genomes: about 2.1 million CDSs and 0.3 million families, as the factory cohort; it
 * takes a minute or two to build where the factory cohort takes 1.5–13 s a genome (making the
 * runs). The family tables read nothing else, so their timings on the two agree.
 *
 * ```sh
 * nice deno run -A bench/build_family_cohort.ts 1000 /tmp/baktadb-family-cohort-1000.sqlite
 * ```
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import type { Database } from "../src/db/schema.ts";
import { openDatabase } from "../src/db/open_database.ts";
import { bulkInsert } from "../src/store/_bulk_insert.ts";
import { SeededRandom } from "../src/testing/factory/mod.ts";

/** The cohort's shape (see the module). */
export const FAMILY_COHORT = Object.freeze({
  pool: 4000,
  core: 1800,
  accessoryRate: 0.15,
  presentRate: 0.85,
  paralogRate: 0.02,
  pseudoRate: 0.01,
  seed: 7,
});

/** The columns written per CDS. */
const COLUMNS = [
  "annotation_id",
  "sequence_id",
  "type",
  "start",
  "stop",
  "strand",
  "original_json",
  "family",
  "pseudo",
  "product",
] as const;

/**
 * Brings the database up to `genomes` genomes (`F00001`, …), each in its own transaction.
 *
 * @param db The database.
 * @param genomes How many genomes.
 * @returns How many were written now.
 * @throws {RangeError} When `genomes` is not a positive integer.
 */
export async function buildFamilyCohort(db: Kysely<Database>, genomes: number): Promise<number> {
  if (!Number.isSafeInteger(genomes) || genomes < 1) {
    throw new RangeError(`Invalid option "genomes": expected a positive integer, got ${genomes}`);
  }
  const have = new Set(
    (await db.selectFrom("genomes").select("name").execute()).map((r) => r.name),
  );
  let built = 0;
  for (let g = 0; g < genomes; g++) {
    const name = `F${String(g + 1).padStart(5, "0")}`;
    if (have.has(name)) continue;
    await db.transaction().execute((trx) => writeGenome(trx, g, name));
    built++;
  }
  return built;
}

/** Writes genome `g`: its sequence, annotation, CDSs and traits. */
async function writeGenome(trx: Kysely<Database>, g: number, name: string): Promise<void> {
  const random = new SeededRandom(FAMILY_COHORT.seed * 1_000_003 + g);
  const genome = await trx.insertInto("genomes").values({ name }).returning("id")
    .executeTakeFirstOrThrow();
  const families = familiesOf(random, g);
  const sequence = await trx.insertInto("sequences").values({
    genome_id: genome.id,
    version: 1,
    seq_id: "contig_1",
    length: families.length * 1000,
  }).returning("id").executeTakeFirstOrThrow();
  const annotation = await trx.insertInto("annotations").values({
    genome_id: genome.id,
    sequence_version: 1,
    source: "files",
    fingerprint: name,
  }).returning("id").executeTakeFirstOrThrow();
  const rows = families.map((family, i) => [
    annotation.id,
    sequence.id,
    "cds",
    i * 1000 + 1,
    i * 1000 + 900,
    "+",
    "{}",
    family,
    random.chance(FAMILY_COHORT.pseudoRate) ? 1 : 0,
    family.startsWith("MD5:") ? "hypothetical protein" : `protein of ${family}`,
  ]);
  // The full-text and region triggers are held off (as the store does while it writes) and the
  // two indexes are not filled: the family tables do not read them.
  await sql`update features_index_state set deferred = 1`.execute(trx);
  await bulkInsert(trx, "features", [...COLUMNS], rows);
  await sql`update features_index_state set deferred = 0`.execute(trx);
  const lineage = g % 5;
  await trx.insertInto("genome_traits").values([
    {
      genome_id: genome.id,
      key: "resistant",
      value: random.chance(0.2 + 0.15 * lineage) ? "R" : "S",
    },
    { genome_id: genome.id, key: "lineage", value: String(lineage) },
  ]).execute();
}

/** The families of genome `g`'s CDSs, in gene order. */
function familiesOf(random: SeededRandom, g: number): string[] {
  const { pool, core, accessoryRate, presentRate, paralogRate } = FAMILY_COHORT;
  const families: string[] = [];
  for (let f = 0; f < pool; f++) {
    if (f >= core && !random.chance(accessoryRate)) continue;
    if (!random.chance(presentRate)) {
      families.push(`MD5:${g.toString(16)}x${families.length.toString(16)}`);
      continue;
    }
    const family = `UniRef90_P${String(f).padStart(5, "0")}`;
    families.push(family);
    if (random.chance(paralogRate)) families.push(family);
  }
  return families;
}

if (import.meta.main) {
  const genomes = Number(Deno.args[0] ?? 1000);
  const path = Deno.args[1] ?? `/tmp/baktadb-family-cohort-${genomes}.sqlite`;
  const db = await openDatabase(path);
  try {
    const started = performance.now();
    const built = await buildFamilyCohort(db, genomes);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${path}: ${built} genomes written in ${seconds.toFixed(1)} s (${genomes} wanted)`);
  } finally {
    await db.destroy();
  }
}
