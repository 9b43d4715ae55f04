/**
 * CLI start-up: the CPU time (user + system, as `/usr/bin/time` reports it) of `baktadb --version`,
 * `baktadb --help` and `baktadb genomes` on a small database, for this working tree and for a
 * git revision exported beside it, run in turns so both see the same load. Prints a Markdown
 * table with the mean and minimum of each and the ratio this tree / the revision, and the load.
 *
 * Run (from the repository root; about a minute on a quiet machine):
 *
 * ```sh
 * deno run -A bench/cli_startup.ts 9875a96 10   # the revision to compare with, runs per command
 * ```
 *
 * @module
 */

import { importRun } from "../src/store/import_run.ts";
import { openDatabase } from "../src/db/open_database.ts";
import { migrateTo } from "../src/db/migrator.ts";
import { makeRun } from "../src/testing/factory/make_run.ts";

const [revision = "main", runsText = "10"] = Deno.args;
const runs = Number(runsText);
if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`Invalid runs "${runsText}"`);

const COMMANDS: readonly (readonly string[])[] = [["--version"], ["--help"], ["genomes"]];

/** Runs a command under `/usr/bin/time` and returns its CPU seconds (user + system). */
async function cpuSeconds(cwd: string, args: readonly string[]): Promise<number> {
  const { success, stderr } = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "CPU %U %S", Deno.execPath(), "run", "-A", "src/cli/main.ts", ...args],
    cwd,
    stdout: "null",
    stderr: "piped",
  }).output();
  const match = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(new TextDecoder().decode(stderr));
  if (!success || match === null) throw new Error(`baktadb ${args.join(" ")} failed in ${cwd}`);
  return Number(match[1]) + Number(match[2]);
}

/** The newest migration of an exported tree (its database must not be newer than it can open). */
async function newestMigration(tree: string): Promise<string> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(`${tree}/migrations`)) {
    const match = /^(\d{4}_\w+)\.ts$/.exec(entry.name);
    if (match) names.push(match[1]);
  }
  return names.sort().at(-1)!;
}

/** Makes a one-genome database at the schema of `tree`. */
async function smallDatabase(path: string, tree: string): Promise<void> {
  await using db = await openDatabase(path);
  await importRun(db, makeRun({ seed: 1 }), { genome: "G1" });
  await migrateTo(db, await newestMigration(tree));
}

/** Exports `revision` of this repository into a new folder, with this tree's `node_modules`. */
async function exportRevision(folder: string): Promise<void> {
  const archive = await new Deno.Command("git", {
    args: ["archive", "--format=tar", revision],
    stdout: "piped",
  }).output();
  if (!archive.success) throw new Error(`git archive ${revision} failed`);
  const tar = new Deno.Command("tar", { args: ["-x", "-C", folder], stdin: "piped" }).spawn();
  const writer = tar.stdin.getWriter();
  await writer.write(archive.stdout);
  await writer.close();
  if (!(await tar.status).success) throw new Error("tar failed");
  await Deno.symlink(`${Deno.cwd()}/node_modules`, `${folder}/node_modules`);
}

const scratch = await Deno.makeTempDir({ prefix: "baktadb-cli-startup-" });
try {
  const before = `${scratch}/tree`;
  await Deno.mkdir(before);
  await exportRevision(before);
  const databases = { before: `${scratch}/before.sqlite`, after: `${scratch}/after.sqlite` };
  await smallDatabase(databases.before, before);
  await smallDatabase(databases.after, Deno.cwd());
  const times = new Map<string, number[]>();
  for (let i = 0; i < runs; i++) {
    for (const args of COMMANDS) {
      for (const [tree, cwd] of [["before", before], ["after", Deno.cwd()]] as const) {
        const full = args[0] === "genomes" ? [...args, "--db", databases[tree]] : args;
        const key = `${args.join(" ")}\0${tree}`;
        times.set(key, [...(times.get(key) ?? []), await cpuSeconds(cwd, full)]);
      }
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`load average ${Deno.loadavg().join(", ")}; ${runs} runs each; before = ${revision}`);
  console.log("| command | before mean (min) s | this tree mean (min) s | ratio |");
  console.log("| --- | --- | --- | --- |");
  for (const args of COMMANDS) {
    const b = times.get(`${args.join(" ")}\0before`)!;
    const a = times.get(`${args.join(" ")}\0after`)!;
    console.log(
      `| baktadb ${args.join(" ")} | ${mean(b).toFixed(2)} (${Math.min(...b).toFixed(2)}) | ` +
        `${mean(a).toFixed(2)} (${Math.min(...a).toFixed(2)}) | ${
          (mean(a) / mean(b)).toFixed(2)
        } |`,
    );
  }
} finally {
  await Deno.remove(scratch, { recursive: true });
}
