/**
 * `baktadb sync [JOB…]`: bring the recorded jobs forward — resume interrupted submissions, poll
 * the service, store the logs of failed jobs, import the results of finished ones.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import {
  CliError,
  type CliIo,
  EXIT,
  type GlobalOptions,
  type SafeCliIo,
  withDatabase,
} from "./cli_context.ts";
import { clientFactory, jobLabel, jobReporter, oneLine, parseIntervalSeconds } from "./_job_cli.ts";
import { toJsonText } from "./_table.ts";
import { DEFAULT_POLL_INTERVAL_MS } from "../client/client_config.ts";
import { findJob } from "../client/job_service/find_job.ts";
import { syncJobs, type SyncJobsResult } from "../client/job_service/sync_jobs.ts";

interface SyncCommandOptions extends GlobalOptions {
  wait?: boolean;
  interval?: string;
  json?: boolean;
}

/**
 * Adds `baktadb sync`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerSync(program: Command, io: SafeCliIo): void {
  program.command("sync")
    .description("resume, poll and import the recorded Bakta jobs")
    .argument(
      "[jobs...]",
      "only these jobs (number or service job id); default: every unfinished job",
    )
    .option("--wait", "keep polling until every job is imported or failed")
    .option("--interval <seconds>", "seconds between two status polls with --wait", "30")
    .option("--json", "print the outcome as JSON (no live lines)")
    .addHelpText(
      "after",
      `
Examples:
  baktadb sync                  # one round: resume, poll once, import what is finished
  baktadb sync --wait           # until every job is imported or failed
  baktadb sync 3 7 --wait --interval 10

One status request covers all unfinished jobs of a service. A job whose step fails (network,
changed FASTA, damaged download) stays where it was and the next sync tries again.
Exit code 4 when some jobs failed and others did not, 1 when all failed.
`,
    )
    .action(async (references: string[], _options, cmd: Command) => {
      const options = cmd.optsWithGlobals<SyncCommandOptions>();
      const intervalMs = options.interval === undefined
        ? DEFAULT_POLL_INTERVAL_MS
        : parseIntervalSeconds(options.interval);
      const reporter = jobReporter(io, { quiet: options.json === true });
      await withDatabase(options, async (db) => {
        const ids = references.length === 0
          ? undefined
          : await Promise.all(references.map(async (ref) => (await findJob(db, ref)).id));
        const result = await syncJobs(db, clientFactory(io, options.verbose === true), {
          jobs: ids,
          wait: options.wait === true,
          intervalMs,
          onStatus: (event) => reporter.onStatus(event),
          onProgress: (event) => reporter.onProgress(event),
          onNote: (job, note) => reporter.onNote(job, note),
        });
        reporter.finish();
        if (options.json) io.out(toJsonText(result));
        else printSyncSummary(result, io);
        const error = syncExitError(result);
        if (error) throw error;
      }, { create: true });
    });
}

/**
 * Prints one line per job and a total line.
 *
 * @param result The sync's result set.
 * @param io Where to write.
 */
export function printSyncSummary(result: SyncJobsResult, io: CliIo): void {
  for (const item of result.jobs) {
    const detail = item.outcome === "imported"
      ? `annotation ${item.job.annotationId}` +
        (item.features > 0 ? `, ${item.features.toLocaleString("en-US")} features` : "")
      : item.outcome === "pending"
      ? item.job.status + (item.error ? `: ${oneLine(item.error)}` : "")
      : item.outcome === "skipped"
      ? `on another service (${item.job.apiUrl})`
      : `${item.job.status}: ${oneLine(item.error ?? item.job.error ?? "failed")}`;
    io.out(`${item.outcome.padEnd(9)} ${jobLabel(item.job)}: ${detail}\n`);
  }
  io.out(
    `Imported ${result.imported}, failed ${result.failed}, pending ${result.pending}` +
      (result.skipped > 0 ? `, skipped ${result.skipped}` : "") +
      ` of ${result.jobs.length} job(s); ${result.features.toLocaleString("en-US")} features ` +
      `imported in ${(result.durationMs / 1000).toFixed(1)} s\n`,
  );
  if (result.jobs.length === 0) io.out("No unfinished jobs\n");
}

/**
 * The error a sync ends with: all jobs failed (exit 1) or some (exit 4); nothing when every job
 * is imported or still pending.
 *
 * @param result The sync's result set.
 * @returns The error to throw, or `undefined`.
 */
export function syncExitError(result: SyncJobsResult): CliError | undefined {
  if (result.failed === 0) return undefined;
  const considered = result.jobs.length - result.skipped;
  if (result.failed === considered) {
    return new CliError(
      considered === 1
        ? `Job failed: ${oneLine(result.jobs.find((j) => j.outcome === "failed")?.error ?? "")}`
        : `All ${considered} jobs failed`,
      EXIT.FAILURE,
    );
  }
  return new CliError(`${result.failed} of ${considered} jobs failed`, EXIT.PARTIAL);
}
