/**
 * The ingest benchmark: imports the 8-genome S. pneumoniae cohort plus E. faecalis CI-8050 (the
 * Bakta samples) into a fresh temp-file database and prints features/s and rows/s next to the
 * ceiling of the same engine: bare prepared INSERTs of the same rows through `node:sqlite`'s
 * `DatabaseSync`, one transaction, one prepared statement per table, reused.
 *
 * Run: `deno run -A bench/import_bench.ts` (figures), or `deno task bench bench/import_bench.ts`
 * (Deno.bench timings of the same steps).
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { openDatabase } from "../src/db/open_database.ts";
import { importRuns } from "../src/store/import_runs.ts";
import { loadRunFiles, parseRunFiles, type PreparedRun } from "../src/store/prepare_run.ts";
import { writePrepared } from "../src/store/import_run.ts";
import { ceiling } from "./_ceiling.ts";
import { collectRunFiles } from "../src/store/run_files.ts";
import { StoreCache } from "../src/store/store_cache.ts";

const SAMPLES = new URL("../../shared/bakta-samples/", import.meta.url);
const ITEMS = [
  decodeURIComponent(new URL("v1.9.2-spneumoniae-cohort/", SAMPLES).pathname),
  decodeURIComponent(new URL("v1.9.4-efaecalis-CI-8050/", SAMPLES).pathname),
];

function present(): boolean {
  try {
    return Deno.statSync(SAMPLES).isDirectory;
  } catch {
    return false;
  }
}

/** Rows an import writes: genomes, sequences, annotations, features, cross-references, files. */
interface Rows {
  genomes: number;
  sequences: number;
  annotations: number;
  features: number;
  xrefs: number;
  files: number;
}

function total(rows: Rows): number {
  return rows.genomes + rows.sequences + rows.annotations + rows.features + rows.xrefs + rows.files;
}

async function tempDatabase(): Promise<{ dir: string; path: string }> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-bench-" });
  return { dir, path: `${dir}/bench.sqlite` };
}

/** End to end: importRuns (read, parse, write) into a fresh file database. */
async function endToEnd(concurrency: number) {
  const { dir, path } = await tempDatabase();
  const db = await openDatabase(path);
  const t0 = performance.now();
  const result = await importRuns(db, ITEMS, { concurrency });
  const ms = performance.now() - t0;
  const failed = result.items.filter((i) => i.status !== "imported");
  if (failed.length > 0) {
    throw new Error(`bench import failed: ${failed.map((f) => f.item).join(", ")}`);
  }
  const rows: Rows = { genomes: 0, sequences: 0, annotations: 0, features: 0, xrefs: 0, files: 0 };
  for (const item of result.items) {
    const c = item.result!.counts;
    rows.genomes += item.result!.versionAction === "new-genome" ? 1 : 0;
    rows.sequences += c.sequences;
    rows.annotations += 1;
    rows.features += c.features;
    rows.xrefs += c.xrefs;
    rows.files += c.files;
  }
  await db.destroy();
  const native = new DatabaseSync(path);
  native.exec("pragma wal_checkpoint(truncate)");
  native.close();
  const size = Deno.statSync(path).size;
  await Deno.remove(dir, { recursive: true });
  return { ms, rows, size, genomes: result.items.length };
}

/** Parses every run first (outside the clock), then times only the writes. */
async function writeOnly(prepared: PreparedRun[]) {
  const { dir, path } = await tempDatabase();
  const db = await openDatabase(path);
  const cache = new StoreCache();
  const t0 = performance.now();
  for (const run of prepared) await writePrepared(db, run, { cache });
  const ms = performance.now() - t0;
  await db.destroy();
  await Deno.remove(dir, { recursive: true });
  return ms;
}

async function prepareAll(): Promise<{ prepared: PreparedRun[]; ms: number }> {
  const t0 = performance.now();
  const { groups } = await collectRunFiles(ITEMS);
  const prepared: PreparedRun[] = [];
  for (const group of groups) {
    const loaded = await loadRunFiles(group.paths);
    prepared.push(await parseRunFiles(loaded));
  }
  return { prepared, ms: performance.now() - t0 };
}

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
const fmt = (n: number) => n.toLocaleString("en-US");

async function main() {
  if (!present()) {
    console.log("SKIPPED import benchmark: ../shared/bakta-samples/ is absent");
    return;
  }
  console.log(`deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} CPU(s)`);
  const e2e = await endToEnd(2);
  const e2e1 = await endToEnd(1);
  const { prepared, ms: parseMs } = await prepareAll();
  const writeMs = await writeOnly(prepared);
  const full = await ceiling(prepared, "full");
  const bare = await ceiling(prepared, "bare");
  const rows = total(e2e.rows);
  if (full.rows !== rows) throw new Error(`ceiling wrote ${full.rows} rows, the import ${rows}`);
  console.log(
    `cohort: ${e2e.genomes} genomes, ${fmt(e2e.rows.features)} features, ${
      fmt(e2e.rows.xrefs)
    } cross-references, ` +
      `${fmt(rows)} rows in all (${fmt(e2e.rows.sequences)} sequences, ${e2e.rows.files} files)`,
  );
  const line = (label: string, ms: number) =>
    console.log(
      `${label.padEnd(48)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${
        fmt(rate(e2e.rows.features, ms)).padStart(9)
      } features/s  ${fmt(rate(rows, ms)).padStart(10)} rows/s`,
    );
  line("importRuns end to end (read+parse+write), conc. 2", e2e.ms);
  line("importRuns end to end, concurrency 1", e2e1.ms);
  line("  read + checksum + compress + parse only", parseMs);
  line("  write only (writePrepared, one transaction/run)", writeMs);
  line("ceiling: prepared INSERTs, same schema, 1 trx", full.ms);
  line("ceiling: prepared INSERTs, bare tables, 1 trx", bare.ms);
  console.log(
    `write path vs ceiling (same schema): ${
      (full.ms / writeMs * 100).toFixed(0)
    }% of the ceiling's rate; ` +
      `end to end: ${(full.ms / e2e.ms * 100).toFixed(0)}%`,
  );
  console.log(
    `database: ${(e2e.size / 1024 / 1024).toFixed(1)} MiB, ${
      (e2e.size / e2e.genomes / 1024 / 1024).toFixed(2)
    } MiB per genome ` +
      `(original files, residues, features with their original records, xrefs, FTS and R*Tree)`,
  );
}

if (import.meta.main) {
  await main();
} else if (present()) {
  const { prepared } = await prepareAll();
  Deno.bench({ name: "importRuns end to end (9 genomes)", n: 3, warmup: 0 }, async () => {
    await endToEnd(2);
  });
  Deno.bench({ name: "write only (9 prepared runs)", n: 3, warmup: 0 }, async () => {
    await writeOnly(prepared);
  });
  Deno.bench({ name: "ceiling: bare prepared INSERTs, same schema", n: 3, warmup: 0 }, async () => {
    await ceiling(prepared, "full");
  });
}
