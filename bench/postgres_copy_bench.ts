/**
 * Profiles `copyDatabase` from a SQLite file (opened read-only) into a new PostgreSQL database:
 * the time of every step (each table's COPY, each key, index and foreign key built after the
 * load, `analyze`, the count and SHA-256 checks), rows/s, and the process's peak resident memory
 * (sampled at every chunk and step), with the load average at the start and the end.
 *
 * ```sh
 * # SQLITE: the source; URL: a server where the role may create databases; NAME: the new database
 * nice -n 10 deno run -A bench/postgres_copy_bench.ts SQLITE URL NAME
 * # e.g. the factory cohort into the kept cluster (tests/_postgres_cluster.ts serve DIR prints URL):
 * nice -n 10 deno run -A bench/postgres_copy_bench.ts \
 *   /tmp/keep/h-summaries-query-bench-1000.sqlite "$URL" factory1000
 * ```
 *
 * NAME is dropped first when it exists. The copy is left in place for the query benches
 * (`bench/engines_bench.ts` with `BAKTADB_BENCH_FACTORY_PG=NAME`).
 *
 * @module
 */

import pg from "pg";
import { openDatabase } from "../src/db/open_database.ts";
import { copyDatabase } from "../src/store/copy_database.ts";

const [source, serverUrl, name] = Deno.args;
if (source === undefined || serverUrl === undefined || name === undefined) {
  console.error("usage: deno run -A bench/postgres_copy_bench.ts SQLITE URL NAME");
  Deno.exit(2);
}
if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
  console.error(`NAME must be a plain lower-case identifier, got "${name}"`);
  Deno.exit(2);
}

const load = () => Deno.loadavg().map((x) => x.toFixed(1)).join(" ");
console.log(`load at start: ${load()}`);
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`drop database if exists ${name}`);
await admin.query(`create database ${name}`);
await admin.end();
const target = new URL(serverUrl);
target.pathname = `/${name}`;

const from = await openDatabase(source, { migrate: false, readOnly: true });
const to = await openDatabase(target.href, { migrate: false });
let peakRss = 0;
const sampleRss = () => peakRss = Math.max(peakRss, Deno.memoryUsage().rss);
const steps: { step: string; ms: number }[] = [];
let current = { step: "check and migrate", at: performance.now() };
const endStep = () => steps.push({ step: current.step, ms: performance.now() - current.at });
const started = performance.now();
const result = await copyDatabase(from, to, {
  onStep: (step) => {
    sampleRss();
    endStep();
    current = { step, at: performance.now() };
  },
  onProgress: sampleRss,
});
endStep();
const totalMs = performance.now() - started;
await from.destroy();
await to.destroy();

const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(8);
console.log(`\n${"step".padEnd(60)} ${"s".padStart(8)}  rows`);
for (const { step, ms } of steps) {
  const table = step.startsWith("copy ") ? step.slice(5) : undefined;
  const n = table === undefined ? "" : result.rows[table].toLocaleString("en-US");
  console.log(`${step.slice(0, 60).padEnd(60)} ${seconds(ms)}  ${n}`);
}
const phase = (prefix: string) =>
  steps.filter((s) => s.step.startsWith(prefix)).reduce((a, s) => a + s.ms, 0);
console.log(
  `\ntotal ${seconds(totalMs).trim()} s: copy ${seconds(phase("copy ")).trim()} s, ` +
    `build ${seconds(phase("build ")).trim()} s, analyze ${seconds(phase("analyze")).trim()} s, ` +
    `checks ${seconds(phase("check ")).trim()} s; ${rows.toLocaleString("en-US")} rows ` +
    `(${Math.round(rows / (totalMs / 1000)).toLocaleString("en-US")} rows/s), ` +
    `${result.filesVerified} files equal by SHA-256; peak RSS ${
      (peakRss / 2 ** 20).toFixed(0)
    } MiB`,
);
console.log(`load at end: ${load()}`);
