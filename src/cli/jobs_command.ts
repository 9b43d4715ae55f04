/**
 * `baktadb jobs`: list the recorded Bakta jobs (never their secrets).
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { CliError, type CliIo, EXIT, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { formatJobTable } from "./_job_cli.ts";
import { toJsonText } from "./_table.ts";
import { listJobs } from "../store/jobs_repository.ts";
import {
  FAILED_JOB_STATUSES,
  isLocalJobStatus,
  LOCAL_JOB_STATUSES,
  toPublicJob,
  UNFINISHED_JOB_STATUSES,
} from "../client/job_service/job_state.ts";

interface JobsCommandOptions extends GlobalOptions {
  status?: string;
  json?: boolean;
}

/**
 * Adds `baktadb jobs`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerJobs(program: Command, io: CliIo): void {
  program.command("jobs")
    .description("list the recorded Bakta jobs, newest first")
    .option(
      "--status <statuses>",
      `only these statuses, comma-separated (${LOCAL_JOB_STATUSES.join(", ")}, ` +
        "or: unfinished, failed)",
    )
    .option("--json", "print the jobs as JSON")
    .addHelpText(
      "after",
      `
Examples:
  baktadb jobs
  baktadb jobs --status unfinished
  baktadb jobs --status ERROR,NOT_FOUND --json

Job secrets are never shown, not even with --json.
`,
    )
    .action(async (_options, cmd: Command) => {
      const options = cmd.optsWithGlobals<JobsCommandOptions>();
      const statuses = options.status === undefined ? undefined : parseStatuses(options.status);
      const jobs = await withDatabase(
        options,
        async (db) =>
          (await listJobs(db, { status: statuses, withSecret: false })).map(toPublicJob),
      );
      if (options.json) {
        io.out(toJsonText(jobs));
        return;
      }
      if (jobs.length === 0) {
        io.out(statuses === undefined ? "No jobs recorded\n" : "No jobs with that status\n");
        return;
      }
      io.out(formatJobTable(jobs));
    });
}

function parseStatuses(text: string): string[] {
  const statuses = new Set<string>();
  for (const part of text.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    const upper = part.toUpperCase();
    if (upper === "UNFINISHED") UNFINISHED_JOB_STATUSES.forEach((s) => statuses.add(s));
    else if (upper === "FAILED") FAILED_JOB_STATUSES.forEach((s) => statuses.add(s));
    else if (isLocalJobStatus(upper)) statuses.add(upper);
    else {
      throw new CliError(
        `Invalid --status "${part}": expected one of ${LOCAL_JOB_STATUSES.join(", ")}, ` +
          "unfinished or failed",
        EXIT.USAGE,
      );
    }
  }
  if (statuses.size === 0) {
    throw new CliError(`Invalid --status "${text}": expected at least one status`, EXIT.USAGE);
  }
  return [...statuses];
}
