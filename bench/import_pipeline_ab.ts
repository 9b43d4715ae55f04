/**
 * The import pipeline A/B: `importRuns` of the 12 GFF3s of `bench/import_vs_gffutils.ts` into a
 * fresh database file, this tree against another checkout (main by default), each import in its
 * own process, the two alternated round by round; prints each import's wall and CPU time (user +
 * system of the whole process, the prepare worker included, from `process.cpuUsage()`), the CPU
 * time of the writer's thread alone (the main thread's, from `/proc/self/task/<pid>/stat`, in 10 ms
 * ticks; Linux only), the medians, the ratios of the same run, and the load at the start and the
 * end. The writer's CPU is the figure to trust on a shared machine: the import's bottleneck is that
 * thread, and its CPU time does not count the time another process held the core.
 *
 * Run: `nice -n 10 deno run -A bench/import_pipeline_ab.ts [OTHER_TREE] [ROUNDS] [CONCURRENCY]`
 * (defaults: `/work/main`, 3 rounds, each tree's default concurrency). Prints a SKIPPED line when
 * the samples are missing. One import alone: `deno run -A bench/import_pipeline_ab.ts --child TREE
 * [CONCURRENCY]` prints its figures as JSON.
 *
 * @module
 */

import process from "node:process";
import { inputFiles } from "./import_vs_gffutils.ts";
import { loadText, median } from "./_bench_context.ts";

/** One import's figures, as a child prints them. */
interface Figures {
  wallMs: number;
  cpuMs: number;
  /** The writer's (main) thread's CPU time, where `/proc` tells it. */
  writerCpuMs?: number;
  features: number;
}

/** The CPU time (user + system) of this process's main thread, in ms; undefined without `/proc`. */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/self/task/${Deno.pid}/stat`);
    // Fields after the command name (in parentheses): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Child mode: one import with the tree's `importRuns`, its figures printed as JSON. */
async function child(given: string, concurrency: number | undefined): Promise<void> {
  const tree = Deno.realPathSync(given);
  const { openDatabase } = await import(`${tree}/src/db/open_database.ts`);
  const { importRuns } = await import(`${tree}/src/store/import_runs.ts`);
  const files = inputFiles();
  const dir = await Deno.makeTempDir({ prefix: "h-prepare-ab-" });
  try {
    const db = await openDatabase(`${dir}/ab.sqlite`);
    const cpu = process.cpuUsage();
    const writer = mainThreadCpuMs();
    const started = performance.now();
    const result = await importRuns(db, files, concurrency === undefined ? {} : { concurrency });
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const writerAfter = mainThreadCpuMs();
    await db.destroy();
    if (result.imported !== files.length) throw new Error(`imported ${result.imported} runs`);
    const figures: Figures = {
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      features: result.features,
    };
    if (writer !== undefined && writerAfter !== undefined) {
      figures.writerCpuMs = writerAfter - writer;
    }
    console.log(JSON.stringify(figures));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function measure(tree: string, concurrency: string | undefined): Promise<Figures> {
  const args = ["run", "-A", new URL(import.meta.url).pathname, "--child", tree];
  if (concurrency !== undefined) args.push(concurrency);
  const output = await new Deno.Command(Deno.execPath(), { args, stderr: "inherit" }).output();
  if (!output.success) throw new Error(`the import with ${tree} failed`);
  const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

async function main(): Promise<void> {
  const here = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
  const [other = "/work/main", rounds = "3", concurrency] = Deno.args;
  try {
    inputFiles();
  } catch {
    console.log("SKIPPED: the samples of bench/import_vs_gffutils.ts are missing");
    return;
  }
  console.log(`A = ${here}, B = ${other}; ${loadText()} at the start`);
  const runs: Record<"A" | "B", Figures[]> = { A: [], B: [] };
  for (let round = 0; round < Number(rounds); round++) {
    const order: ("A" | "B")[] = round % 2 === 0 ? ["A", "B"] : ["B", "A"];
    for (const side of order) {
      const figures = await measure(side === "A" ? here : other, concurrency);
      runs[side].push(figures);
      console.log(
        `round ${round + 1} ${side}: wall ${figures.wallMs.toFixed(0)} ms, CPU ${
          figures.cpuMs.toFixed(0)
        } ms, writer CPU ${
          figures.writerCpuMs ?? "?"
        } ms, ${figures.features} features; ${loadText()}`,
      );
    }
  }
  const wall = (side: "A" | "B") => median(runs[side].map((f) => f.wallMs));
  const cpu = (side: "A" | "B") => median(runs[side].map((f) => f.cpuMs));
  const writer = (side: "A" | "B") => median(runs[side].map((f) => f.writerCpuMs ?? NaN));
  console.log(
    `median wall A ${wall("A").toFixed(0)} ms, B ${wall("B").toFixed(0)} ms: A/B ${
      (wall("A") / wall("B")).toFixed(2)
    }; median CPU A ${cpu("A").toFixed(0)} ms, B ${cpu("B").toFixed(0)} ms: A/B ${
      (cpu("A") / cpu("B")).toFixed(2)
    }; median writer CPU A ${writer("A")} ms, B ${writer("B")} ms: A/B ${
      (writer("A") / writer("B")).toFixed(2)
    }; ${loadText()} at the end`,
  );
}

if (Deno.args[0] === "--child") {
  await child(Deno.args[1], Deno.args[2] === undefined ? undefined : Number(Deno.args[2]));
} else {
  await main();
}
