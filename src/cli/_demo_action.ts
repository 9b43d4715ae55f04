/**
 * What `baktadb demo` does, loaded on first use (it brings in the Bakta stand-in, the run factory
 * and, for the figures, Observable Plot): start the stand-in on 127.0.0.1, submit the demo genomes,
 * wait for them, import the results, print each genome's feature counts and write two figures. The
 * command itself (flags, help) is declared in `demo_command.ts`.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import {
  type CliIo,
  databaseLocation,
  type GlobalOptions,
  type SafeCliIo,
  withDatabase,
} from "./cli_context.ts";
import { errorLine, jobReporter } from "./_job_cli.ts";
import { formatTable } from "./_table.ts";
import type { Database } from "../db/schema.ts";
import { redactDatabaseUrl } from "../db/postgres/postgres_url.ts";
import { BaktaClient } from "../client/bakta_client.ts";
import { submitGenomes } from "../client/job_service/submit_genome.ts";
import { syncJobs } from "../client/job_service/sync_jobs.ts";
import type { PublicJob } from "../client/job_service/job_state.ts";
import { startBaktaStandIn } from "../testing/bakta_stand_in/bakta_stand_in.ts";
import { makeRun } from "../testing/factory/make_run.ts";
import { formatRunAsBaktaJson } from "../testing/factory/format_run_as_bakta_json.ts";

/** Where the demo looks for the real Bakta samples by default (next to the repository). */
export const DEFAULT_DEMO_SAMPLES = new URL("../../../shared/bakta-samples/", import.meta.url);

/** One genome of the demo: its input FASTA and the folder of Bakta outputs the stand-in serves. */
export interface DemoGenome {
  /** The genome's name. */
  genome: string;
  /** The input FASTA. */
  fasta: string;
  /** The folder of Bakta outputs served as its results. */
  results: string;
  /** Where it comes from, for the output. */
  origin: string;
}

/** The real runs the demo uses when the samples folder is present: [genome, folder, input FASTA]. */
const SAMPLE_GENOMES: readonly [string, string, string][] = [
  ["assembly", "v1.11.4-assembly", "assembly.input.fasta"],
  ["TEST_6", "v1.8.1-origin-spanning", "TEST_6.fna"],
  ["CI-8050", "v1.9.4-efaecalis-CI-8050", "CI-8050.input.fasta.gz"],
];

/** The flags of `baktadb demo`, as commander parses them (with the global ones). */
export interface DemoCommandOptions extends GlobalOptions {
  /** `--out`: the folder the figures are written to. */
  out: string;
  /** `--samples`: the folder of real Bakta samples (default: `DEFAULT_DEMO_SAMPLES`). */
  samples?: string;
  /** `--no-figures` sets it false: write no figures. */
  figures?: boolean;
}

/**
 * The genomes of the demo: the real samples that are present, else three factory-made runs written
 * to `scratch` (a Bakta JSON per genome and its FASTA).
 *
 * @param samples The samples folder.
 * @param scratch A folder to write factory runs into.
 * @returns The genomes.
 *
 * @example Without the samples: three factory runs
 * ```ts
 * import assert from "node:assert/strict";
 * import { demoGenomes } from "./_demo_action.ts";
 * const scratch = await Deno.makeTempDir();
 * const genomes = await demoGenomes(`${scratch}/no-samples`, scratch);
 * assert.equal(genomes.length, 3);
 * assert.match(genomes[0].origin, /^factory run \(seed 101\)$/);
 * await Deno.remove(scratch, { recursive: true });
 * ```
 */
export async function demoGenomes(samples: string, scratch: string): Promise<DemoGenome[]> {
  const found: DemoGenome[] = [];
  const samplesFolder = samples.replace(/\/+$/, "");
  for (const [genome, folder, fasta] of SAMPLE_GENOMES) {
    const path = `${samplesFolder}/${folder}/${fasta}`;
    if (await exists(path)) {
      found.push({
        genome,
        fasta: path,
        results: `${samplesFolder}/${folder}`,
        origin: `sample ${folder}`,
      });
    }
  }
  if (found.length > 0) return found;
  for (const [index, genome] of ["demo-alpha", "demo-beta", "demo-gamma"].entries()) {
    const run = makeRun({ seed: 101 + index, sequences: 2, genomeSize: 24_000 + index * 6_000 });
    const results = `${scratch}/${genome}`;
    await Deno.mkdir(results, { recursive: true });
    await Deno.writeTextFile(`${results}/${genome}.json`, formatRunAsBaktaJson(run));
    const fasta = `${scratch}/${genome}.fna`;
    await Deno.writeTextFile(
      fasta,
      run.sequences.map((s) => `>${s.id}\n${(s.nt ?? "").replace(/(.{80})/g, "$1\n")}\n`)
        .join("").replace(/\n\n/g, "\n"),
    );
    found.push({ genome, fasta, results, origin: `factory run (seed ${101 + index})` });
  }
  return found;
}

/**
 * What `demo` does: the whole job on a local stand-in, then the feature counts and the figures.
 *
 * @param io Where to write.
 * @param options The flags.
 *
 * @example Behaviour is tested end to end
 * ```ts
 * import assert from "node:assert/strict";
 * import { demoAction } from "./_demo_action.ts";
 * // tests/cli/demo_command_test.ts runs it against a database; here only its shape is checked.
 * assert.equal(typeof demoAction, "function");
 * ```
 */
export async function demoAction(io: SafeCliIo, options: DemoCommandOptions): Promise<void> {
  const samples = options.samples ?? decodeURIComponent(DEFAULT_DEMO_SAMPLES.pathname);
  const scratch = await Deno.makeTempDir({ prefix: "baktadb-demo-" });
  try {
    const genomes = await demoGenomes(samples, scratch);
    if (!(await exists(samples))) {
      io.out(`Samples folder ${samples} not found: using factory-made runs instead\n`);
    }
    const byName = new Map(genomes.map((g) => [g.genome, g.results]));
    await using standIn = await startBaktaStandIn({
      pendingMs: 150,
      runningMs: 400,
      resultsFor: (job) => byName.get(job.requestedName),
    });
    io.out(
      `Started a local stand-in of the Bakta web API at ${standIn.baseUrl} ` +
        "(127.0.0.1 only: no network is used)\n",
    );
    io.out(`Database: ${redactDatabaseUrl(databaseLocation(options))}\n`);
    for (const g of genomes) io.out(`  genome ${g.genome}: ${g.origin}\n`);
    const client = new BaktaClient({ baseUrl: standIn.baseUrl });
    const reporter = jobReporter(io);
    const jobs = await withDatabase(options, async (db) => {
      const submitted = await submitGenomes(
        db,
        client,
        genomes.map((g) => ({ fasta: g.fasta, genome: g.genome })),
        {
          onStatus: (event) => reporter.onStatus(event),
          onProgress: (event) => reporter.onProgress(event),
        },
      );
      reporter.finish();
      const synced = await syncJobs(db, client, {
        jobs: submitted.items.map((item) => item.job.id),
        wait: true,
        intervalMs: 150,
        onStatus: (event) => reporter.onStatus(event),
        onProgress: (event) => reporter.onProgress(event),
        onNote: (job, note) => reporter.onNote(job, note),
      });
      reporter.finish();
      io.out("\n");
      await printSummaries(db, synced.jobs.map((item) => item.job), io);
      return synced.jobs;
    }, { create: true });
    if (options.figures !== false) await writeFigures(options, jobs, io);
    const failed = jobs.filter((job) => job.job.status !== "IMPORTED").length;
    io.out(
      `Demo finished: ${jobs.length - failed} of ${jobs.length} genomes imported. ` +
        "Try `baktadb jobs`, `baktadb genomes` or `baktadb show assembly`.\n",
    );
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

async function featureCounts(
  db: Kysely<Database>,
  annotationId: number,
): Promise<{ type: string; count: number }[]> {
  const rows = await db.selectFrom("features")
    .select(["type", db.fn.countAll<number>().as("count")])
    .where("annotation_id", "=", annotationId)
    .groupBy("type").orderBy("type").execute();
  return rows.map((row) => ({ type: row.type, count: Number(row.count) }));
}

async function printSummaries(db: Kysely<Database>, jobs: PublicJob[], io: CliIo): Promise<void> {
  io.out("Feature counts per genome (from the database):\n");
  for (const job of jobs) {
    if (job.annotationId === null) {
      io.out(`\n${job.name}: not imported (${job.status}${job.error ? `: ${job.error}` : ""})\n`);
      continue;
    }
    const counts = await featureCounts(db, job.annotationId);
    const total = counts.reduce((sum, row) => sum + row.count, 0);
    io.out(
      `\n${job.name} (annotation ${job.annotationId}, job ${job.id}): ` +
        `${total.toLocaleString("en-US")} features\n`,
    );
    io.out(
      formatTable(["TYPE", "COUNT"], counts.map((row) => [row.type, row.count]))
        .split("\n").map((line) => (line === "" ? line : `  ${line}`)).join("\n"),
    );
  }
  io.out("\n");
}

async function writeFigures(
  options: DemoCommandOptions,
  jobs: { job: PublicJob }[],
  io: CliIo,
): Promise<void> {
  const out = options.out;
  let plot: typeof import("../plot/mod.ts");
  try {
    plot = await import("../plot/mod.ts");
  } catch (error) {
    io.out(`Figures skipped: the plotting module cannot be loaded (${errorLine(error)})\n`);
    return;
  }
  if (typeof plot.featureTypesPlot !== "function" || typeof plot.savePlot !== "function") {
    io.out("Figures skipped: this baktadb has no featureTypesPlot/savePlot\n");
    return;
  }
  const rows = await withDatabase(options, async (db) => {
    const all: { genome: string; type: string; count: number }[] = [];
    for (const { job } of jobs) {
      if (job.annotationId === null) continue;
      for (const row of await featureCounts(db, job.annotationId)) {
        all.push({ genome: job.name, ...row });
      }
    }
    return all;
  });
  if (rows.length === 0) {
    io.out("Figures skipped: nothing was imported\n");
    return;
  }
  await Deno.mkdir(out, { recursive: true });
  const folder = out.replace(/\/+$/, "");
  const counts = `${folder}/feature_types.svg`;
  await plot.savePlot(plot.featureTypesPlot(rows), counts);
  const shares = `${folder}/feature_type_shares.svg`;
  await plot.savePlot(
    plot.featureTypesPlot(rows, { normalize: true, title: "Feature types per genome (share)" }),
    shares,
  );
  io.out(`Wrote ${counts} and ${shares}\n`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
