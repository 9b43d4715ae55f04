/**
 * baktadb `importRuns` against gffutils `create_db` on the same GFF3 files, in the same run, next
 * to the bare-INSERT ceiling of the same rows (`bench/_ceiling.ts`).
 *
 * Files: the 8 S. pneumoniae GFF3s of `../shared/bakta-samples/v1.9.2-spneumoniae-cohort/` plus
 * the S. aureus pair, E. faecalis CI-8050 and the v1.11.4 assembly (12 genomes), read by both tools
 * as they are (10 gzipped, 2 plain). gffutils builds one database per file, as
 * `create_db(path, dbfn)`; baktadb imports them all into one fresh database file (checksumming
 * every file, compressing the plain ones, keeping every original). Rates are over the same count:
 * Bakta's features of the files.
 *
 * Run: `nice -n 10 deno run -A bench/import_vs_gffutils.ts` (prints the load average before and
 * after). Prints a SKIPPED line when the samples or
 * `/usr/bin/python3` with gffutils are missing.
 *
 * @module
 */

import { openDatabase } from "../src/db/open_database.ts";
import { readResultFolder } from "../src/formats/result_folder.ts";
import { importRuns } from "../src/store/import_runs.ts";
import { loadRunFiles, parseRunFiles, type PreparedRun } from "../src/store/prepare_run.ts";
import { ceiling } from "./_ceiling.ts";
import { loadText } from "./_bench_context.ts";

const SAMPLES = decodeURIComponent(
  new URL("../../shared/bakta-samples/", import.meta.url).pathname,
);
const COHORT = "v1.9.2-spneumoniae-cohort";
const OTHERS = [
  "v1.5.1-saureus-pair/C22.gff3.gz",
  "v1.5.1-saureus-pair/C320.gff3.gz",
  "v1.9.4-efaecalis-CI-8050/CI-8050.gff3",
  "v1.11.4-assembly/assembly.gff3",
];
const PYTHON = "/usr/bin/python3";

const GFFUTILS = `
import sys, time, gffutils
out = sys.argv[1]
t0 = time.perf_counter()
lines = 0
for i, path in enumerate(sys.argv[2:]):
    db = gffutils.create_db(path, f"{out}/{i}.db", force=True, merge_strategy="create_unique",
                            disable_infer_genes=True, disable_infer_transcripts=True)
    lines += db.count_features_of_type()
print(time.perf_counter() - t0, lines)
`;

/**
 * The bench's input files, as they are (gffutils reads gzipped GFF3 too).
 *
 * @returns The 12 paths.
 */
export function inputFiles(): string[] {
  return [
    ...[...Deno.readDirSync(SAMPLES + COHORT)].map((e) => `${COHORT}/${e.name}`)
      .filter((name) => name.endsWith(".gff3.gz")).sort(),
    ...OTHERS,
  ].map((source) => SAMPLES + source);
}

/** Whether `/usr/bin/python3` can import gffutils. */
export async function gffutilsAvailable(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command(PYTHON, { args: ["-c", "import gffutils"] })
      .output();
    return success;
  } catch {
    return false;
  }
}

/**
 * gffutils `create_db` over every file, one database per file: milliseconds (timed inside
 * Python) and feature lines.
 *
 * @param paths The GFF3 files.
 * @returns The time and the feature lines gffutils counted.
 */
export async function runGffutils(paths: string[]): Promise<{ ms: number; lines: number }> {
  const out = await Deno.makeTempDir({ prefix: "baktadb-gffutils-" });
  try {
    const result = await new Deno.Command(PYTHON, { args: ["-c", GFFUTILS, out, ...paths] })
      .output();
    if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
    const [seconds, lines] = new TextDecoder().decode(result.stdout).trim().split(" ");
    return { ms: Number(seconds) * 1000, lines: Number(lines) };
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

/**
 * baktadb `importRuns` of every file into a fresh database file; `here` prepares on the writer's
 * thread (a custom reader turns the worker off), for comparison.
 */
async function runBaktadb(paths: string[], here = false) {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-import-" });
  const db = await openDatabase(`${dir}/bench.sqlite`);
  try {
    const t0 = performance.now();
    const result = await importRuns(
      db,
      paths,
      here ? { readRun: (files) => readResultFolder(files) } : {},
    );
    const ms = performance.now() - t0;
    if (result.failed > 0) throw new Error(`bench import failed: ${result.failed} run(s)`);
    return { ms, features: result.features, rows: result.rows };
  } finally {
    await db.destroy();
    await Deno.remove(dir, { recursive: true });
  }
}

async function prepareAll(paths: string[]): Promise<{ prepared: PreparedRun[]; ms: number }> {
  const t0 = performance.now();
  const prepared: PreparedRun[] = [];
  for (const path of paths) prepared.push(await parseRunFiles(await loadRunFiles([path])));
  return { prepared, ms: performance.now() - t0 };
}

const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en-US");

async function main() {
  if (!Deno.statSync(SAMPLES).isDirectory) {
    console.log("SKIPPED import vs gffutils: ../shared/bakta-samples/ is absent");
    return;
  }
  if (!(await gffutilsAvailable())) {
    console.log(`SKIPPED import vs gffutils: ${PYTHON} with gffutils is missing`);
    return;
  }
  {
    console.log(`before: ${loadText()}`);
    const paths = inputFiles();
    const gff = await runGffutils(paths);
    const ours = await runBaktadb(paths);
    const oneThread = await runBaktadb(paths, true);
    const { prepared, ms: parseMs } = await prepareAll(paths);
    const bare = await ceiling(prepared, "bare");
    const n = ours.features;
    console.log(
      `${paths.length} GFF3 files, ${n.toLocaleString("en-US")} Bakta features ` +
        `(${gff.lines.toLocaleString("en-US")} GFF3 feature lines), ${ours.rows} rows`,
    );
    const line = (label: string, ms: number) =>
      console.log(
        `${label.padEnd(46)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${
          perSecond(n, ms).padStart(8)
        } features/s`,
      );
    line("gffutils create_db", gff.ms);
    line("baktadb importRuns (read, checksum, parse, write)", ours.ms);
    line("  the same, prepared on the writer's thread", oneThread.ms);
    line("  read + parse alone (serial)", parseMs);
    line("ceiling: bare prepared INSERTs, 1 transaction", bare.ms);
    console.log(
      `baktadb / gffutils: ${(gff.ms / ours.ms).toFixed(2)}x (aim >= 1.5x); ` +
        `of the bare ceiling: ${(bare.ms / ours.ms * 100).toFixed(0)}% (aim >= 50%)`,
    );
    console.log(`after: ${loadText()}`);
  }
}

if (import.meta.main) await main();
