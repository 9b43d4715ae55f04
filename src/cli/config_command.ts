/**
 * `baktadb config save NAME [options]` and `baktadb config list`: named, reusable job settings.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
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
  declareConfigSave(config).action((name: string, _options, command: Command) =>
    configSaveAction(name, command.optsWithGlobals<GlobalOptions & JobOptionFlags>(), io)
  );
  declareConfigList(config).action((_options, command: Command) =>
    configListAction(command.optsWithGlobals<GlobalOptions & { json?: boolean }>(), io)
  );
}

/** The `config save` subcommand: its argument, the job flags and help. */
function declareConfigSave(config: Command): Command {
  const save = config.command("save")
    .description("save (or replace) a named configuration")
    .argument("<name>", "the configuration's name");
  return addJobOptionFlags(save)
    .addHelpText(
      "after",
      `
Examples:
  baktadb config save ecoli --genus Escherichia --species coli --locus-tag ECO
  baktadb config save plasmids --complete --translation-table 11 --replicons replicons.tsv

The options are checked as submit checks them. Options given to submit override saved ones.
`,
    );
}

/** The `config list` subcommand: its flags and help. */
function declareConfigList(config: Command): Command {
  return config.command("list")
    .description("list the saved configurations")
    .option("--json", "print them as JSON")
    .addHelpText("after", "\nExamples:\n  baktadb config list\n  baktadb config list --json\n");
}

/** What `config save` does: the options checked as `submit` checks them, then saved. */
async function configSaveAction(
  name: string,
  options: GlobalOptions & JobOptionFlags,
  io: CliIo,
): Promise<void> {
  if (name.trim() === "") {
    throw new CliError("Invalid configuration name: expected a non-empty name", EXIT.USAGE);
  }
  const jobOptions: JobOptions = jobOptionsFrom(options);
  // Saved paths must still name the same files when submit runs from another folder.
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
}

/** What `config list` does: the saved configurations as JSON or a table. */
async function configListAction(
  options: GlobalOptions & { json?: boolean },
  io: CliIo,
): Promise<void> {
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
    configs.map((saved) => [
      saved.name,
      saved.updatedAt.replace("T", " ").replace(/\.\d+Z$|Z$/, ""),
      describeOptions(saved.options as JobOptions),
    ]),
  ));
}

function describeOptions(options: JobOptions): string {
  const entries = Object.entries(options).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return "(defaults)";
  return entries.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(" ");
}
