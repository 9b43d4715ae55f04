/**
 * The region benches' windows on a cohort: 10 kb on the chromosome (`contig_1`) of a genome drawn
 * at random (seed 7), one in ten across the origin (`length − 4000 … 6000`) when the chromosome is
 * circular (the family cohort's sequences have no topology).
 *
 * @module
 */

import type { Kysely } from "../src/deps/kysely.ts";
import type { Database } from "../src/db/schema.ts";
import { SeededRandom } from "../src/testing/factory/mod.ts";

/** A window, as `regionFeatures` takes it. */
export interface BenchWindow {
  /** The genome's name. */
  genome: string;
  /** The sequence id. */
  sequence: string;
  /** The first base, 1-based. */
  from: number;
  /** The last base, 1-based (below `from` across the origin). */
  to: number;
}

/**
 * Draws the windows.
 *
 * @param db The cohort.
 * @param count How many windows.
 * @returns The windows.
 */
export async function regionWindows(
  db: Kysely<Database>,
  count = 200,
): Promise<BenchWindow[]> {
  const chromosomes = await db.selectFrom("sequences")
    .innerJoin("genomes", "genomes.id", "sequences.genome_id")
    .select(["genomes.name as genome", "sequences.seq_id", "sequences.length", "topology"])
    .where("sequences.seq_id", "=", "contig_1")
    .execute();
  const random = new SeededRandom(7);
  return Array.from({ length: count }, (_, i) => {
    const chromosome = chromosomes[random.int(0, chromosomes.length - 1)];
    const across = i % 10 === 0 && chromosome.topology === "circular";
    const from = across ? chromosome.length - 4000 : random.int(1, chromosome.length - 10_000);
    const to = across ? 6000 : from + 9_999;
    return { genome: chromosome.genome, sequence: chromosome.seq_id, from, to };
  });
}
