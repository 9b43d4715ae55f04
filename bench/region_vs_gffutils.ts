/**
 * Region queries: baktadb `regionFeatures` (one prepared statement) and `featuresInRegion` (a
 * Kysely builder) against gffutils `FeatureDB.region()` on the same real genome and the same random
 * 10 kb windows, in the same run. gffutils is timed inside `/usr/bin/python3` (its database built
 * first, not timed); each side answers every window once to warm up, then `ROUNDS` times.
 *
 * Genome: `../shared/bakta-samples/v1.9.4-efaecalis-CI-8050/CI-8050.gff3` (E. faecalis, 2.6 Mb
 * chromosome, 2,617 features). Prints a SKIPPED line when the sample or gffutils is missing.
 *
 * Run: `deno run -A bench/region_vs_gffutils.ts`
 *
 * @module
 */

import { openDatabase } from "../src/db/open_database.ts";
import { importRun } from "../src/store/import_run.ts";
import { SeededRandom } from "../src/testing/factory/mod.ts";
import { featuresInRegion, regionFeatures } from "../src/query/mod.ts";

const GFF3 = decodeURIComponent(
  new URL(
    "../../shared/bakta-samples/v1.9.4-efaecalis-CI-8050/CI-8050.gff3",
    import.meta.url,
  ).pathname,
);
const PYTHON = "/usr/bin/python3";
const WINDOWS = 500;
const ROUNDS = 5;

const GFFUTILS = `
import json, sys, time, gffutils
db = gffutils.create_db(sys.argv[1], sys.argv[2], force=True, merge_strategy="create_unique",
                        disable_infer_genes=True, disable_infer_transcripts=True)
windows = json.loads(sys.argv[3])
rounds = int(sys.argv[4])
hits = sum(len(list(db.region(region=(s, a, b)))) for s, a, b in windows)
t0 = time.perf_counter()
for _ in range(rounds):
    for s, a, b in windows:
        list(db.region(region=(s, a, b)))
print((time.perf_counter() - t0) * 1000 / (rounds * len(windows)), hits)
`;

async function ready(): Promise<boolean> {
  try {
    await Deno.stat(GFF3);
    const probe = await new Deno.Command(PYTHON, { args: ["-c", "import gffutils"] }).output();
    return probe.success;
  } catch {
    return false;
  }
}

/** ms per query over every window, `ROUNDS` times, after one warm-up pass. */
async function timeDeno(query: (w: Window) => Promise<unknown[]>): Promise<[number, number]> {
  let hits = 0;
  for (const w of windows) hits += (await query(w)).length;
  const start = performance.now();
  for (let round = 0; round < ROUNDS; round++) for (const w of windows) await query(w);
  return [(performance.now() - start) / (ROUNDS * windows.length), hits];
}

type Window = { genome: string; sequence: string; from: number; to: number };
let windows: Window[] = [];

if (!(await ready())) {
  console.log(`SKIPPED region_vs_gffutils: ${GFF3} or ${PYTHON} with gffutils is missing`);
  Deno.exit(0);
}
const dir = await Deno.makeTempDir({ prefix: "baktadb-region-bench-" });
try {
  const db = await openDatabase(`${dir}/bench.sqlite`);
  const { genome } = await importRun(db, GFF3);
  const chromosome = await db.selectFrom("sequences").select(["seq_id", "length"])
    .orderBy("length", "desc").executeTakeFirstOrThrow();
  const random = new SeededRandom(16);
  windows = Array.from({ length: WINDOWS }, () => {
    const from = random.int(1, chromosome.length - 10_000);
    return { genome, sequence: chromosome.seq_id, from, to: from + 9_999 };
  });
  const python = await new Deno.Command(PYTHON, {
    args: [
      "-c",
      GFFUTILS,
      GFF3,
      `${dir}/gffutils.db`,
      JSON.stringify(windows.map((w) => [w.sequence, w.from, w.to])),
      String(ROUNDS),
    ],
  }).output();
  if (!python.success) throw new Error(new TextDecoder().decode(python.stderr));
  const [gffMs, gffHits] = new TextDecoder().decode(python.stdout).trim().split(" ").map(Number);
  const [fastMs, fastHits] = await timeDeno((w) => regionFeatures(db, w));
  const [builderMs] = await timeDeno(async (w) => await (await featuresInRegion(db, w)).execute());
  const load = Deno.loadavg().map((x) => x.toFixed(1)).join(" ");
  console.log(
    `load average ${load}; ${WINDOWS} windows of 10 kb on ${chromosome.seq_id}, ${ROUNDS} rounds`,
  );
  console.log(`gffutils db.region():      ${gffMs.toFixed(4)} ms/query (${gffHits} features)`);
  console.log(
    `baktadb regionFeatures():  ${fastMs.toFixed(4)} ms/query (${fastHits} features): ${
      (fastMs / gffMs).toFixed(2)
    }× gffutils' time (aim ≤ 0.5×)`,
  );
  console.log(
    `baktadb featuresInRegion(): ${builderMs.toFixed(4)} ms/query: ${
      (builderMs / gffMs).toFixed(2)
    }× gffutils' time`,
  );
  await db.destroy();
} finally {
  await Deno.remove(dir, { recursive: true });
}
