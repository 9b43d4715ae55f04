/**
 * Where an import's write time goes: `importRuns` of the 12 GFF3s of `import_vs_gffutils.ts` into a
 * fresh database file, with every SQLite statement timed by its family (the statement text with
 * its value lists folded), next to the process's CPU time and the wall time. SQLite runs on the
 * writer's thread, so the statement times are that thread's SQL; the rest of its wall time is
 * JavaScript (row translation, cache, Kysely) and waiting for the prepare worker.
 *
 * Run: `nice -n 10 deno run -A bench/import_write_breakdown.ts [here]` (`here`: prepare on the
 * writer's thread instead of the worker). Prints the load average before and after; under load,
 * read the shares, not the milliseconds. Prints a SKIPPED line without the samples.
 *
 * @module
 */

import process from "node:process";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { openDatabase } from "../src/db/open_database.ts";
import { readResultFolder } from "../src/formats/result_folder.ts";
import { importRuns } from "../src/store/import_runs.ts";
import { inputFiles } from "./import_vs_gffutils.ts";
import { loadText } from "./_bench_context.ts";

/** Milliseconds and calls by statement family. */
const TIMES = new Map<string, { ms: number; calls: number }>();

/** A statement's family: whitespace folded, `(?, …), (?, …)` and `in (…)` lists shortened. */
function family(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, "(…)")
    .replace(/ in \([^)]*\)/g, " in (…)").slice(0, 100);
}

/** Wraps `DatabaseSync.prototype.prepare` so that every statement's runs are timed. */
function timeStatements(): void {
  const proto = DatabaseSync.prototype as unknown as {
    prepare: (this: DatabaseSync, text: string) => StatementSync;
  };
  const prepare = proto.prepare;
  proto.prepare = function (text: string) {
    const statement = prepare.call(this, text);
    const key = family(text);
    for (const name of ["run", "all", "get", "iterate"] as const) {
      const call = statement[name].bind(statement) as (...a: unknown[]) => unknown;
      Object.defineProperty(statement, name, {
        value: (...args: unknown[]) => {
          const t0 = performance.now();
          try {
            return call(...args);
          } finally {
            const entry = TIMES.get(key) ?? { ms: 0, calls: 0 };
            entry.ms += performance.now() - t0;
            entry.calls++;
            TIMES.set(key, entry);
          }
        },
      });
    }
    return statement;
  };
}

async function main() {
  let paths: string[] = [];
  try {
    paths = inputFiles().filter((p) => Deno.statSync(p).isFile);
  } catch {
    // absent: skipped below
  }
  if (paths.length !== 12) {
    console.log("SKIPPED import write breakdown: ../shared/bakta-samples/ is absent");
    return;
  }
  const here = Deno.args.includes("here");
  console.log(
    `before: ${loadText()}; prepare ${here ? "on the writer's thread" : "in the worker"}`,
  );
  timeStatements();
  const dir = await Deno.makeTempDir({ prefix: "baktadb-breakdown-" });
  const db = await openDatabase(`${dir}/bench.sqlite`);
  try {
    TIMES.clear();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await importRuns(db, paths, here ? { readRun: (f) => readResultFolder(f) } : {});
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const rows = [...TIMES].sort((a, b) => b[1].ms - a[1].ms);
    const sqlMs = rows.reduce((sum, [, v]) => sum + v.ms, 0);
    console.log(
      `${result.features} features: wall ${wall.toFixed(0)} ms; CPU user ${
        (cpu.user / 1000).toFixed(0)
      } ms, system ${(cpu.system / 1000).toFixed(0)} ms (both threads); SQL ${sqlMs.toFixed(0)} ms`,
    );
    for (const [key, v] of rows.slice(0, 16)) {
      const share = (v.ms / sqlMs * 100).toFixed(1).padStart(5);
      console.log(
        `${v.ms.toFixed(1).padStart(8)} ms ${share} % ${String(v.calls).padStart(5)}x  ${key}`,
      );
    }
  } finally {
    await db.destroy();
    await Deno.remove(dir, { recursive: true });
  }
  console.log(`after: ${loadText()}`);
}

if (import.meta.main) await main();
