/**
 * `importRuns` of the 12 GFF3s of `bench/import_vs_gffutils.ts` with the base revision's code (a
 * checkout of it, e.g. `main`) and with this tree's, in the same run: each round imports the files
 * into a fresh database file with one side, then the other (alternating which goes first), each
 * in a child process under `/usr/bin/time`; the median wall and CPU (user + system) seconds per
 * side, every round's, the ratio after/before and the load average are printed. Under load, read
 * the CPU seconds.
 *
 * Run (the base checkout made once with `git worktree add --detach /tmp/base main`):
 *
 * ```sh
 * BAKTADB_BENCH_BASE=/tmp/base nice -n 10 deno run -A bench/import_ab.ts [ROUNDS]
 * ```
 *
 * `ROUNDS` defaults to 5. Prints a SKIPPED line when `BAKTADB_BENCH_BASE` or the samples are
 * missing.
 *
 * @module
 */

import { openDatabase } from "../src/db/open_database.ts";
import { importRuns } from "../src/store/import_runs.ts";
import { inputFiles } from "./import_vs_gffutils.ts";
import { median } from "./_bench_context.ts";

type Import = (path: string, files: string[]) => Promise<number>;

/** One side's import of every file into a fresh file at `path`: the features stored. */
function side(open: typeof openDatabase, run: typeof importRuns): Import {
  return async (path, files) => {
    const db = await open(path);
    try {
      const result = await run(db, files);
      if (result.failed !== 0) throw new Error(`${result.failed} imports failed`);
      const { n } = await db.selectFrom("features")
        .select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      return Number(n);
    } finally {
      await db.destroy();
    }
  };
}

function load(): string {
  return Deno.loadavg().map((x) => x.toFixed(1)).join(" ");
}

/** One import in a child process (`/usr/bin/time` reports its wall and CPU seconds). */
async function child(root: string, path: string): Promise<{ wall: number; cpu: number }> {
  const self = new URL(import.meta.url).pathname;
  const args = ["-f", "%e %U %S", Deno.execPath(), "run", "-A", self, "--one", root, path];
  const out = await new Deno.Command("/usr/bin/time", { args }).output();
  const text = new TextDecoder().decode(out.stderr).trim().split("\n");
  if (!out.success) throw new Error(text.join("\n"));
  const [wall, user, system] = text[text.length - 1].split(" ").map(Number);
  return { wall, cpu: user + system };
}

/** The child: imports the files with the code of `root` ("." for this tree) into `path`. */
async function one(root: string, path: string): Promise<void> {
  const run = root === "." ? side(openDatabase, importRuns) : side(
    (await import(`${root}/src/db/open_database.ts`)).openDatabase,
    (await import(`${root}/src/store/import_runs.ts`)).importRuns,
  );
  console.log(await run(path, inputFiles()));
}

function report(times: Record<string, { wall: number; cpu: number }[]>): void {
  for (const kind of ["wall", "cpu"] as const) {
    const [before, after] = ["before", "after"].map((n) => median(times[n].map((t) => t[kind])));
    const all = (n: string) => times[n].map((t) => t[kind].toFixed(2)).join(" ");
    console.log(
      `${kind}: before median ${before.toFixed(2)} s (${all("before")}), after ${
        after.toFixed(2)
      } s (${all("after")}): after/before ${(after / before).toFixed(2)}`,
    );
  }
}

if (import.meta.main && Deno.args[0] === "--one") {
  await one(Deno.args[1], Deno.args[2]);
} else if (import.meta.main) {
  const root = Deno.env.get("BAKTADB_BENCH_BASE");
  const files = (() => {
    try {
      return inputFiles();
    } catch {
      return [];
    }
  })();
  if (root === undefined || files.length === 0) {
    console.log(`SKIPPED import_ab: BAKTADB_BENCH_BASE or the samples are missing`);
    Deno.exit(0);
  }
  const rounds = Number(Deno.args[0] ?? 5);
  const sides: [string, string][] = [["before", root], ["after", "."]];
  const times: Record<string, { wall: number; cpu: number }[]> = { before: [], after: [] };
  console.log(`load average ${load()} at the start; ${files.length} files, ${rounds} rounds`);
  const dir = await Deno.makeTempDir({ prefix: "baktadb-import-ab-" });
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const [name, code] of order) {
        const path = `${dir}/${name}-${round}.sqlite`;
        times[name].push(await child(code, path));
        await Deno.remove(path);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  report(times);
  console.log(`load average ${load()} at the end`);
}
