/**
 * `baktadb logs JOB`: print Bakta's console output of a job (from the service, or the copy stored
 * when it failed).
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { CliIo, GlobalOptions } from "./cli_context.ts";
import { withDatabase } from "./cli_context.ts";
import { clientFactory, errorLine } from "./_job_cli.ts";
import { findJob } from "../client/job_service/find_job.ts";
import { jobLogs } from "../client/job_service/job_logs.ts";

/**
 * Adds `baktadb logs`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerLogs(program: Command, io: CliIo): void {
  program.command("logs")
    .description("print a job's Bakta logs")
    .argument("<job>", "the job: its number, service job id, or the start of the id")
    .addHelpText(
      "after",
      `
Examples:
  baktadb logs 3
  baktadb logs 0f1e2d3c

The logs come from the service; when it no longer has them, the copy stored when the job failed
is printed (with a note on standard error).
`,
    )
    .action(async (reference: string, _options, cmd: Command) => {
      const options = cmd.optsWithGlobals<GlobalOptions>();
      await withDatabase(options, async (db) => {
        const row = await findJob(db, reference);
        const logs = await jobLogs(db, clientFactory(io, options.verbose === true), row);
        if (logs.source === "stored") {
          io.err(
            `note: the logs stored when job ${row.id} failed` +
              (logs.serviceError
                ? ` (the service: ${errorLine(logs.serviceError, [row.secret])})`
                : "") +
              "\n",
          );
        }
        io.out(logs.text === "" ? "(no logs: the job has not run yet)\n" : logs.text);
        if (logs.text !== "" && !logs.text.endsWith("\n")) io.out("\n");
      });
    });
}
