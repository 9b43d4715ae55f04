/**
 * The registry of `baktadb` subcommands: each file of `src/cli/` exports a `register…` function
 * that adds its command to the program; this list wires them in, in the order `--help` shows them.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { SafeCliIo } from "./cli_context.ts";
import { registerInit, registerMigrate } from "./migrate_command.ts";
import { registerImport } from "./import_command.ts";
import { registerGenomes } from "./genomes_command.ts";
import { registerShow } from "./show_command.ts";
import { registerHistory } from "./history_command.ts";
import { registerFiles } from "./files_command.ts";
import { registerCat } from "./cat_command.ts";
import { registerRm } from "./rm_command.ts";
import { registerFeatures } from "./features_command.ts";
import { registerSummary } from "./summary_command.ts";
import { registerExport } from "./export_command.ts";
import { registerSubmit } from "./submit_command.ts";
import { registerJobs } from "./jobs_command.ts";
import { registerSync } from "./sync_command.ts";
import { registerLogs } from "./logs_command.ts";
import { registerDelete } from "./delete_command.ts";
import { registerServiceVersion } from "./service_version_command.ts";
import { registerConfig } from "./config_command.ts";
import { registerDemo } from "./demo_command.ts";
import { registerReport } from "./report_command.ts";
import { registerCopy } from "./copy_command.ts";
import { registerBakrep } from "./bakrep_command.ts";
import { registerTraits } from "./traits_command.ts";
import { registerPangenome } from "./pangenome_command.ts";
import { registerCog } from "./cog_command.ts";
import { registerCompare } from "./compare_command.ts";
import { registerSearch } from "./search_command.ts";
import { registerAssociate } from "./associate_command.ts";

/**
 * A function that adds one command to the program. Its io escapes control characters in what it
 * writes; `io.raw` is for data written byte for byte.
 */
export type RegisterCommand = (program: Command, io: SafeCliIo) => void;

/** Every command, in help order. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerInit,
  registerMigrate,
  registerImport,
  registerGenomes,
  registerShow,
  registerHistory,
  registerFiles,
  registerCat,
  registerRm,
  registerFeatures,
  registerSummary,
  registerTraits,
  registerPangenome,
  registerCog,
  registerCompare,
  registerSearch,
  registerAssociate,
  registerExport,
  registerSubmit,
  registerJobs,
  registerSync,
  registerLogs,
  registerDelete,
  registerServiceVersion,
  registerConfig,
  registerDemo,
  registerReport,
  registerCopy,
  registerBakrep,
];
