/**
 * The size of a genome in the store: the 12 GFF3s of `bench/import_vs_gffutils.ts` imported with
 * `importRuns` into a fresh database file, then every table and index measured with SQLite's
 * `dbstat` (through `/usr/bin/sqlite3`, which has it), in MB and per genome.
 *
 * Run: `nice -n 10 deno run -A bench/store_size.ts [KEEP.sqlite]` (with a path, the database is
 * built there and kept, for `EXPLAIN QUERY PLAN` or a second look; without, in a temporary folder
 * that is removed). Prints a SKIPPED line when the samples or `sqlite3` are missing.
 *
 * @module
 */

import { openDatabase } from "../src/db/open_database.ts";
import { importRuns } from "../src/store/import_runs.ts";
import { inputFiles } from "./import_vs_gffutils.ts";
import { loadText } from "./_bench_context.ts";

const SQLITE3 = "/usr/bin/sqlite3";
const MB = 1e6;

/** Bytes per table or index (`dbstat`'s pages, so free space counts), largest first. */
async function sizes(path: string): Promise<Array<[string, number]>> {
  const sql = "select name, sum(pgsize) from dbstat group by name order by 2 desc;";
  const out = await new Deno.Command(SQLITE3, { args: ["-readonly", path, sql] }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).trim().split("\n").map((line) => {
    const [name, bytes] = line.split("|");
    return [name, Number(bytes)];
  });
}

async function main() {
  const paths = (() => {
    try {
      return inputFiles();
    } catch {
      return [];
    }
  })();
  if (paths.length === 0) {
    console.log("SKIPPED store size: ../shared/bakta-samples/ is absent");
    return;
  }
  const kept = Deno.args[0];
  const dir = kept === undefined ? await Deno.makeTempDir({ prefix: "baktadb-size-" }) : undefined;
  const file = kept ?? `${dir}/size.sqlite`;
  const db = await openDatabase(file);
  try {
    const result = await importRuns(db, paths);
    if (result.failed > 0) throw new Error(`import failed: ${result.failed} run(s)`);
    await db.destroy();
    const rows = await sizes(file);
    const total = Deno.statSync(file).size;
    const n = paths.length;
    console.log(
      `${n} genomes, ${result.features} features; the file ${(total / MB).toFixed(2)} MB`,
    );
    for (const [name, bytes] of rows) {
      if (bytes < 0.005 * MB) continue;
      console.log(
        `${name.padEnd(36)} ${(bytes / MB).toFixed(2).padStart(6)} MB ` +
          `${(bytes / n / MB).toFixed(3).padStart(6)} MB a genome`,
      );
    }
    console.log(`total per genome: ${(total / n / MB).toFixed(3)} MB (aim <= 2.0); ${loadText()}`);
  } finally {
    if (dir !== undefined) await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) await main();
