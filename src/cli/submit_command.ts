/**
 * `baktadb submit FASTA…`: submit genomes to the Bakta web API, each step recorded in the
 * database; with `--wait`, follow the jobs live and import their results.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { CliError, EXIT, type GlobalOptions, type SafeCliIo, withDatabase } from "./cli_context.ts";
import {
  addJobOptionFlags,
  clientFactory,
  errorLine,
  jobLabel,
  type JobOptionFlags,
  jobOptionsFrom,
  jobReporter,
  parseIntervalSeconds,
} from "./_job_cli.ts";
import { toJsonText } from "./_table.ts";
import { resolveApiUrl } from "../client/resolve_api_url.ts";
import { BaktaValidationError } from "../client/bakta_error.ts";
import { DEFAULT_POLL_INTERVAL_MS } from "../client/client_config.ts";
import { submitGenomes, type SubmitGenomesResult } from "../client/job_service/submit_genome.ts";
import type { JobOptions } from "../client/build_job_config.ts";
import { syncJobs, type SyncJobsResult } from "../client/job_service/sync_jobs.ts";
import { printSyncSummary, syncExitError } from "./sync_command.ts";

interface SubmitCommandOptions extends GlobalOptions, JobOptionFlags {
  genome?: string;
  config?: string;
  wait?: boolean;
  api?: string;
  interval?: string;
  json?: boolean;
}

/**
 * Adds `baktadb submit`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerSubmit(program: Command, io: SafeCliIo): void {
  declareSubmit(program).action((files: string[], _options, command: Command) =>
    submitAction(files, command.optsWithGlobals<SubmitCommandOptions>(), io)
  );
}

/** The `submit` command: its arguments, flags and help. */
function declareSubmit(program: Command): Command {
  const command = program.command("submit")
    .description("submit genomes to the Bakta web API (one job per FASTA file)")
    .argument("<fasta...>", "genome FASTA files (plain or .gz), one genome each")
    .option("--genome <name>", "the genome's name (one FASTA only; default: the file name)")
    .option("--config <name>", "start from a saved configuration (see `baktadb config`)");
  return addJobOptionFlags(command)
    .option("--wait", "follow the jobs live until every one is imported or failed")
    .option("--interval <seconds>", "seconds between two status polls with --wait", "30")
    .option("--api <url>", "the service's API URL (default: $BAKTA_API_URL or the public service)")
    .option("--json", "print the outcome as JSON (no live lines)")
    .addHelpText(
      "after",
      `
Examples:
  baktadb submit genome.fna --genus Escherichia --species coli --locus-tag ECO
  baktadb submit a.fna b.fna.gz c.fasta --config my-settings --wait
  baktadb submit plasmid.fna --genome pX1 --complete --translation-table 11
  BAKTA_API_URL=http://127.0.0.1:8080/api/v1 baktadb submit g.fna --wait --interval 2

Every FASTA and option is checked before anything is sent. Each job is recorded before its
upload; if submit is interrupted, \`baktadb sync\` finishes every job (nothing is started twice).
The job secret stays in the database and is never printed.
`,
    );
}

/** What `submit` does: check the flags, submit (and with `--wait` follow), print, exit code. */
async function submitAction(
  files: string[],
  options: SubmitCommandOptions,
  io: SafeCliIo,
): Promise<void> {
  const settings = submitSettings(files, options);
  const clients = clientFactory(io, options.verbose === true);
  const reporter = jobReporter(io, { quiet: options.json === true });
  await withDatabase(options, async (db) => {
    const submitted = await submitGenomes(
      db,
      clients(settings.apiUrl),
      files.map((fasta) => ({
        fasta,
        genome: options.genome,
        options: settings.jobOptions,
        config: options.config,
      })),
      {
        onStatus: (event) => reporter.onStatus(event),
        onProgress: (event) => reporter.onProgress(event),
      },
    ).catch((error) => {
      throw asUsageError(error);
    });
    reporter.finish();
    let synced: SyncJobsResult | undefined;
    if (options.wait) {
      synced = await syncJobs(db, clients, {
        jobs: submitted.items.map((item) => item.job.id),
        wait: true,
        intervalMs: settings.intervalMs,
        onStatus: (event) => reporter.onStatus(event),
        onProgress: (event) => reporter.onProgress(event),
        onNote: (job, note) => reporter.onNote(job, note),
      });
      reporter.finish();
    }
    printSubmitOutcome(submitted, synced, options.json === true, io);
    const error = synced ? syncExitError(synced) : submitExitError(submitted);
    if (error) throw error;
  }, { create: true });
}

/** The flags `submit` checks before anything is read or sent. */
interface SubmitSettings {
  /** The service's API URL. */
  apiUrl: string;
  /** Milliseconds between two status polls with `--wait`. */
  intervalMs: number;
  /** The Bakta job options the flags give. */
  jobOptions: JobOptions;
}

function submitSettings(files: string[], options: SubmitCommandOptions): SubmitSettings {
  if (options.genome !== undefined && files.length > 1) {
    throw new CliError(
      `Cannot use --genome with ${files.length} FASTA files: each file is its own genome ` +
        "(submit them one by one to name them)",
      EXIT.USAGE,
    );
  }
  const intervalMs = options.interval === undefined
    ? DEFAULT_POLL_INTERVAL_MS
    : parseIntervalSeconds(options.interval);
  let apiUrl: string;
  try {
    apiUrl = resolveApiUrl(options.api);
  } catch (error) {
    throw new CliError(errorLine(error), EXIT.USAGE);
  }
  return { apiUrl, intervalMs, jobOptions: jobOptionsFrom(options) };
}

function printSubmitOutcome(
  submitted: SubmitGenomesResult,
  synced: SyncJobsResult | undefined,
  json: boolean,
  io: SafeCliIo,
): void {
  if (json) {
    io.out(toJsonText({
      submitted: submitted.items.map((item) => ({
        genome: item.genome,
        status: item.status,
        job: item.job,
        ...(item.error ? { error: errorLine(item.error) } : {}),
      })),
      ...(synced ? { sync: synced } : {}),
    }));
    return;
  }
  for (const item of submitted.items) {
    io.out(
      item.status === "submitted"
        ? `submitted ${jobLabel(item.job)} as service job ${item.job.jobId}\n`
        : `failed    ${jobLabel(item.job)}: ${errorLine(item.error)} ` +
          "(recorded; `baktadb sync` resumes it)\n",
    );
  }
  if (synced) printSyncSummary(synced, io);
}

/** Exit 1 when every submission broke off, 4 (partial) when some did, else none. */
function submitExitError(submitted: SubmitGenomesResult): CliError | undefined {
  if (submitted.failed === 0) return undefined;
  return new CliError(
    `${submitted.failed} of ${submitted.items.length} submissions broke off; ` +
      "run `baktadb sync` to resume them",
    submitted.failed === submitted.items.length ? EXIT.FAILURE : EXIT.PARTIAL,
  );
}

/** A bad option is a usage error (exit 2); a bad FASTA or table is a failure (exit 1). */
function asUsageError(error: unknown): unknown {
  if (error instanceof BaktaValidationError) {
    return new CliError(
      errorLine(error),
      error.kind === "InvalidOption" && error.file === undefined ? EXIT.USAGE : EXIT.FAILURE,
    );
  }
  return error;
}
