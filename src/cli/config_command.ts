/**
 * `baktadb config save NAME [options]` and `baktadb config list`: named, reusable job settings.
 *
 * @module
 */

import type { Command } from "commander";
import { escaped } from "./escape_control.ts";
import { CliError, type CliIo, EXIT, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { addJobOptionFlags, errorLine, type JobOptionFlags, jobOptionsFrom } from "./_job_cli.ts";
import { formatTable, toJsonText } from "./_table.ts";
import { listJobConfigs, saveJobConfig } from "../store/job_configs_repository.ts";
import { buildJobConfig, type JobOptions } from "../client/build_job_config.ts";
import { BaktaValidationError } from "../client/bakta_error.ts";
import { resolve as toAbsolutePath } from "node:path";

/**
 * Adds `baktadb config`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerConfig(program: Command, io: CliIo): void {
  const config = program.command("config")
    .description("save and list named job configurations (for submit --config)")
    .addHelpText(
      "after",
      `
Examples:
  baktadb config save ecoli --genus Escherichia --species coli --gram - --locus-tag ECO
  baktadb config list
  baktadb submit genome.fna --config ecoli --strain K-12
`,
    );
  const save = config.command("save")
    .description("save (or replace) a named configuration")
    .argument("<name>", "the configuration's name");
  addJobOptionFlags(save)
    .addHelpText(
      "after",
      `
Examples:
  baktadb config save ecoli --genus Escherichia --species coli --locus-tag ECO
  baktadb config save plasmids --complete --translation-table 11 --replicons replicons.tsv

The options are checked as submit checks them. Options given to submit override saved ones.
`,
    )
    .action(async (name: string, _options, cmd: Command) => {
      const options = cmd.optsWithGlobals<GlobalOptions & JobOptionFlags>();
      if (name.trim() === "") {
        throw new CliError("Invalid configuration name: expected a non-empty name", EXIT.USAGE);
      }
      const jobOptions: JobOptions = jobOptionsFrom(options);
      if (typeof jobOptions.repliconTable === "string") {
        jobOptions.repliconTable = toAbsolutePath(jobOptions.repliconTable);
      }
      if (typeof jobOptions.prodigalTrainingFile === "string") {
        jobOptions.prodigalTrainingFile = toAbsolutePath(jobOptions.prodigalTrainingFile);
      }
      try {
        buildJobConfig(jobOptions);
      } catch (error) {
        if (error instanceof BaktaValidationError) {
          throw new CliError(errorLine(error), EXIT.USAGE);
        }
        throw error;
      }
      const saved = await withDatabase(options, (db) => saveJobConfig(db, name.trim(), jobOptions));
      io.out(escaped`Saved configuration "${saved.name}": ${describeOptions(jobOptions)}\n`);
    });
  config.command("list")
    .description("list the saved configurations")
    .option("--json", "print them as JSON")
    .addHelpText("after", "\nExamples:\n  baktadb config list\n  baktadb config list --json\n")
    .action(async (_options, cmd: Command) => {
      const options = cmd.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const configs = await withDatabase(options, (db) => listJobConfigs(db));
      if (options.json) {
        io.out(toJsonText(configs));
        return;
      }
      if (configs.length === 0) {
        io.out("No saved configurations (add one with `baktadb config save NAME …`)\n");
        return;
      }
      io.out(formatTable(
        ["NAME", "UPDATED", "OPTIONS"],
        configs.map((c) => [
          c.name,
          c.updatedAt.replace("T", " ").replace(/\.\d+Z$|Z$/, ""),
          describeOptions(c.options as JobOptions),
        ]),
      ));
    });
}

function describeOptions(options: JobOptions): string {
  const entries = Object.entries(options).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return "(defaults)";
  return entries.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(" ");
}
