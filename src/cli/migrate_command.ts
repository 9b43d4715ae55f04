/**
 * `baktadb init` and `baktadb migrate [status|up|down|to NAME]`.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import {
  CliError,
  type CliIo,
  EXIT,
  explainDatabaseError,
  type GlobalOptions,
  openCliDatabase,
} from "./cli_context.ts";
import { redactDatabaseUrl } from "../db/postgres/postgres_url.ts";
import {
  migrateDown,
  migrateTo,
  migrateToLatest,
  migrationStatus,
  type MigrationStep,
} from "../db/migrator.ts";

/**
 * Adds `baktadb init`: create (or bring up to date) the database file.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerInit(program: Command, io: CliIo): void {
  program.command("init")
    .description("create the database (every table) or bring it up to date")
    .addHelpText("after", "\nExamples:\n  baktadb init\n  baktadb init --db cohort.sqlite\n")
    .action(async (_options, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const { db, location } = await openCliDatabase(global, { create: true, migrate: false });
      const shown = redactDatabaseUrl(location);
      try {
        const steps = await migrateToLatest(db);
        const status = await migrationStatus(db);
        io.out(
          steps.length > 0
            ? `Initialised ${shown} at schema ${status.current} (${steps.length} migration(s) ran)\n`
            : `${shown} is already at the latest schema ${status.current}\n`,
        );
      } catch (error) {
        throw explainDatabaseError(error, location);
      } finally {
        await db.destroy();
      }
    });
}

/**
 * Adds `baktadb migrate`: show the status, go up to the latest, down one, or to a named migration.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerMigrate(program: Command, io: CliIo): void {
  program.command("migrate")
    .description("show the schema status, or migrate up to the latest, down one, or to NAME")
    .argument("[action]", "status | up | down | to", "status")
    .argument("[name]", "the migration for `to`")
    .option("--json", "print the status as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  baktadb migrate            # status\n  baktadb migrate up\n" +
        "  baktadb migrate down\n  baktadb migrate to 0001_initial\n",
    )
    .action(async (action: string, name: string | undefined, options, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const { db, location } = await openCliDatabase(global, { migrate: false });
      try {
        let steps: MigrationStep[] = [];
        if (action === "up") steps = await migrateToLatest(db);
        else if (action === "down") steps = await migrateDown(db);
        else if (action === "to") {
          if (!name) throw new CliError("migrate to needs a migration name", EXIT.USAGE);
          steps = await migrateTo(db, name);
        } else if (action !== "status") {
          throw new CliError(
            `Unknown migrate action "${action}": use status, up, down or to`,
            EXIT.USAGE,
          );
        }
        for (const step of steps) {
          io.out(`${step.direction === "Up" ? "up  " : "down"} ${step.name}: ${step.status}\n`);
        }
        const status = await migrationStatus(db);
        if (options.json) {
          io.out(`${JSON.stringify(status, null, 2)}\n`);
          return;
        }
        for (const m of status.migrations) {
          io.out(
            `${m.executedAt ? "[x]" : "[ ]"} ${m.name}${
              m.executedAt ? `  ${m.executedAt.toISOString()}` : ""
            }\n`,
          );
        }
        io.out(
          status.pending.length === 0
            ? `Schema is up to date (${status.current})\n`
            : `${status.pending.length} pending: run \`baktadb migrate up\`\n`,
        );
      } catch (error) {
        throw explainDatabaseError(error, location);
      } finally {
        await db.destroy();
      }
    });
}
