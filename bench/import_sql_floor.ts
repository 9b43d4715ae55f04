/**
 * The floor of an import's writes: SQLite's own work for the rows and indexes that
 * `importRuns` writes, with no JavaScript at all. The 12 GFF3s of `import_vs_gffutils.ts` are
 * imported once; then Debian's `sqlite3` shell replays the same rows, run by run and in the same
 * order, from that database (attached) into an empty one at the same schema: the same
 * statements' effect on every table, b-tree, trigger and FTS5 index, each run in its own
 * transaction as the import commits it, and, for comparison, the whole batch in one transaction.
 * The CPU time is the shell's own (`.timer on`, user + system, summed over the statements).
 *
 * gffutils `create_db` of the same files runs in the same process tree first, so that the budget
 * of issue #12's aim (at least 1.5× gffutils' features per second, i.e. at most two thirds of its
 * time for the whole import: reading, parsing and writing) is printed beside the floor.
 *
 * Run: `nice -n 10 deno run -A bench/import_sql_floor.ts [rounds]` (rounds of the replay, default
 * 5, the two forms alternated; prints the load average before and after). Prints a SKIPPED line
 * when the samples, `sqlite3` or `/usr/bin/python3` with gffutils are missing.
 *
 * @module
 */

import process from "node:process";
import { openDatabase } from "../src/db/open_database.ts";
import { importRuns } from "../src/store/import_runs.ts";
import { gffutilsAvailable, inputFiles, runGffutils } from "./import_vs_gffutils.ts";
import { loadText, median } from "./_bench_context.ts";

const ROUNDS = Number(Deno.args[0] ?? 5);

/** One statement of the replay, with the name it is reported under. */
interface ReplayStatement {
  /** What it writes, e.g. `features`. */
  label: string;
  /** The SQL. */
  sql: string;
}

/**
 * Source tables in the imported database that give each run's rows cheaply (an index on the
 * annotation), so that reading them costs the replay little: the links, the terms each run added
 * (by the run of their first link) and the families each run added.
 */
const SOURCE_TABLES = `
  create table replay_links as select f.annotation_id, x.feature_id, x.term_id
    from xref_term_features x join features f on f.id = x.feature_id order by x.feature_id;
  create index replay_links_run on replay_links (annotation_id);
  create table replay_terms as select x.term_id, f.annotation_id
    from (select term_id, min(feature_id) as first from xref_term_features group by term_id) x
    join features f on f.id = x.first;
  create index replay_terms_run on replay_terms (annotation_id);
  create table replay_families as select fa.name, f.annotation_id
    from families fa join features f on f.id = fa.feature_id;
  create index replay_families_run on replay_families (annotation_id);`;

/** The statements that write run `n` (annotation id `n`), in the import's order. */
function runStatements(n: number): ReplayStatement[] {
  const genome = `(select genome_id from a.annotations where id = ${n})`;
  return [
    { label: "genomes", sql: `insert into genomes select * from a.genomes where id = ${genome}` },
    {
      label: "annotations",
      sql: `insert into annotations select * from a.annotations where id = ${n}`,
    },
    {
      label: "sequences",
      sql: `insert into sequences select * from a.sequences where genome_id = ${genome}`,
    },
    {
      label: "result_files",
      sql: `insert into result_files select * from a.result_files where annotation_id = ${n}`,
    },
    {
      label: "xref_terms",
      sql: `insert into xref_terms select t.* from a.xref_terms t join a.replay_terms r
        on r.term_id = t.id where r.annotation_id = ${n} order by t.id`,
    },
    { label: "(index state)", sql: "update features_index_state set deferred = 1" },
    {
      label: "features",
      sql: `insert into features select * from a.features where annotation_id = ${n} order by id`,
    },
    { label: "(index state)", sql: "update features_index_state set deferred = 0" },
    {
      label: "features_fts",
      sql: `insert into features_fts (rowid, locus_tag, gene, product)
        select id, locus_tag, gene, product from features where annotation_id = ${n} order by id`,
    },
    {
      label: "xref_term_features",
      sql: `insert into xref_term_features (feature_id, term_id)
        select feature_id, term_id from a.replay_links where annotation_id = ${n}`,
    },
    {
      label: "families",
      sql: `insert into families select fa.* from a.families fa join a.replay_families r
        on r.name = fa.name where r.annotation_id = ${n}`,
    },
    ...["annotation_families", "annotation_cog_sets", "feature_originals"].map((table) => ({
      label: table,
      sql: `insert into ${table} select * from a.${table} where annotation_id = ${n}`,
    })),
  ];
}

/** The replay script: every run in its own transaction, or the batch in one. */
function replayScript(source: string, runs: number, oneTransaction: boolean): ReplayStatement[] {
  const statements: ReplayStatement[] = [
    { label: "(setup)", sql: "pragma synchronous = normal" },
    { label: "(setup)", sql: "pragma foreign_keys = off" },
    { label: "(setup)", sql: `attach '${source}' as a` },
  ];
  const begin = { label: "begin", sql: "begin immediate" };
  const commit = { label: "commit", sql: "commit" };
  if (oneTransaction) statements.push(begin);
  for (let n = 1; n <= runs; n++) {
    if (!oneTransaction) statements.push(begin);
    statements.push(...runStatements(n));
    if (!oneTransaction) statements.push(commit);
  }
  if (oneTransaction) statements.push(commit);
  return statements;
}

/** Runs a replay with `sqlite3` on `target`; CPU ms (user + system) by label, from `.timer`. */
async function replay(target: string, statements: ReplayStatement[]): Promise<Map<string, number>> {
  const script = [".timer on", ...statements.map((s) => s.sql.replace(/\s+/g, " ") + ";")].join(
    "\n",
  );
  const child = new Deno.Command("sqlite3", {
    args: [target],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(script + "\n"));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  if (!success) throw new Error(`sqlite3 replay failed: ${new TextDecoder().decode(stderr)}`);
  const timers = new TextDecoder().decode(stdout).split("\n").filter((l) =>
    l.startsWith("Run Time")
  );
  if (timers.length !== statements.length) {
    throw new Error(`sqlite3 timed ${timers.length} statements of ${statements.length}`);
  }
  const byLabel = new Map<string, number>();
  timers.forEach((line, i) => {
    const [, user, system] = line.match(/user ([0-9.]+) sys ([0-9.]+)/)!;
    const label = statements[i].label;
    byLabel.set(label, (byLabel.get(label) ?? 0) + (Number(user) + Number(system)) * 1000);
  });
  return byLabel;
}

/** The import, timed: wall and whole-process CPU ms. */
async function importInto(path: string, paths: string[]) {
  const db = await openDatabase(path);
  try {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const result = await importRuns(db, paths);
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    if (result.failed > 0) throw new Error(`bench import failed: ${result.failed} run(s)`);
    return {
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      runs: result.imported,
      features: result.features,
    };
  } finally {
    await db.destroy();
  }
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

async function sqlite3Available(): Promise<boolean> {
  try {
    return (await new Deno.Command("sqlite3", { args: ["-version"] }).output()).success;
  } catch {
    return false;
  }
}

async function main() {
  const paths = inputFiles();
  if (paths.length === 0 || !(await sqlite3Available()) || !(await gffutilsAvailable())) {
    console.log("SKIPPED import SQL floor: the samples, sqlite3 or gffutils are missing");
    return;
  }
  console.log(`before: ${loadText()}`);
  const dir = await Deno.makeTempDir({ prefix: "baktadb-sql-floor-" });
  try {
    const gff = await runGffutils(paths);
    const source = `${dir}/imported.sqlite`;
    const ours = await importInto(source, paths);
    const prepare = new Deno.Command("sqlite3", { args: [source, SOURCE_TABLES] });
    if (!(await prepare.output()).success) throw new Error("cannot derive the replay's tables");
    const empty = `${dir}/empty.sqlite`;
    await (await openDatabase(empty)).destroy();
    const forms = { "a transaction per run": false, "one transaction": true } as const;
    const results = new Map<string, Map<string, number>[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, one] of Object.entries(forms)) {
        const target = `${dir}/replay.sqlite`;
        await Deno.copyFile(empty, target);
        const times = await replay(target, replayScript(source, ours.runs, one));
        results.set(name, [...(results.get(name) ?? []), times]);
        for (const suffix of ["", "-wal", "-shm"]) {
          await Deno.remove(target + suffix).catch(() => {});
        }
      }
    }
    report(gff.ms, ours, results);
    console.log(`after: ${loadText()}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function report(
  gffutilsMs: number,
  ours: { wallMs: number; cpuMs: number; features: number },
  results: Map<string, Map<string, number>[]>,
): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
  console.log(`${ours.features.toLocaleString("en-US")} features, ${ROUNDS} rounds`);
  console.log(`gffutils create_db (wall)                     ${s(gffutilsMs)}`);
  console.log(`budget of the aim (2/3 of gffutils, wall)     ${s(gffutilsMs / 1.5)}`);
  console.log(
    `baktadb importRuns                            ${s(ours.wallMs)} wall, ${s(ours.cpuMs)} CPU`,
  );
  for (const [name, rounds] of results) {
    const totals = rounds.map(total);
    console.log(
      `SQLite's own writes, ${name.padEnd(22)} ${s(Math.min(...totals))} CPU fastest, ` +
        `${s(median(totals))} median (${
          (median(totals) / (gffutilsMs / 1.5) * 100).toFixed(0)
        } % of the budget)`,
    );
    const fastest = rounds[totals.indexOf(Math.min(...totals))];
    const rows = [...fastest].filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]);
    console.log("  " + rows.map(([label, ms]) => `${label} ${ms.toFixed(0)}`).join(", ") + " (ms)");
  }
}

if (import.meta.main) await main();
