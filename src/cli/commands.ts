/**
 * The registry of `baktadb` subcommands: each file of `src/cli/` exports a `register…` function
 * that adds its command to the program; this list wires them in, in the order `--help` shows them.
 *
 * @module
 */

import type { Command } from "commander";
import type { CliIo } from "./cli_context.ts";
import { registerInit, registerMigrate } from "./migrate_command.ts";

/** A function that adds one command to the program. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** Every command, in help order. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerInit,
  registerMigrate,
];
