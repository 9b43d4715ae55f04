/**
 * `baktadb delete JOB`: delete a job's data on the service (what was imported stays).
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { CliError, type CliIo, EXIT, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { clientFactory, jobLabel } from "./_job_cli.ts";
import { findJob } from "../client/job_service/find_job.ts";
import { deleteServiceJob } from "../client/job_service/delete_service_job.ts";
import { toPublicJob, UNFINISHED_JOB_STATUSES } from "../client/job_service/job_state.ts";

/**
 * Adds `baktadb delete`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerDelete(program: Command, io: CliIo): void {
  program.command("delete")
    .description("delete a job on the Bakta service (its imported annotation is kept)")
    .argument("<job>", "the job: its number, service job id, or the start of the id")
    .option("--force", "also delete a job that is not finished (its results are lost)")
    .option("--local", "only mark the job deleted here, without asking its service")
    .addHelpText(
      "after",
      `
Examples:
  baktadb delete 3              # after its results were imported
  baktadb delete 0f1e2d3c --force
  baktadb delete 5 --force --local  # a job whose service is gone (e.g. an interrupted demo)

The service's terms ask to delete job data when done. The job stays listed as DELETED and its
secret is forgotten.
`,
    )
    .action(async (reference: string, _options, cmd: Command) => {
      const options = cmd.optsWithGlobals<GlobalOptions & { force?: boolean; local?: boolean }>();
      await withDatabase(options, async (db) => {
        const row = await findJob(db, reference);
        if (row.status === "DELETED") {
          io.out(`${jobLabel(toPublicJob(row))} was deleted before\n`);
          return;
        }
        if (UNFINISHED_JOB_STATUSES.includes(row.status as never) && !options.force) {
          throw new CliError(
            `Refusing to delete job ${row.id} ("${row.name}"): it is ${row.status}, not finished; ` +
              "pass --force to delete it anyway",
            EXIT.USAGE,
          );
        }
        const job = await deleteServiceJob(db, clientFactory(io, options.verbose === true), row, {
          localOnly: options.local === true,
        });
        io.out(
          options.local
            ? `Marked ${jobLabel(job)} DELETED (the service was not asked)\n`
            : `Deleted ${jobLabel(job)} on the service; it is now DELETED\n`,
        );
      });
    });
}
