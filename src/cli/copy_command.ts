/**
 * `baktadb copy --from DB --to DB`: move a whole database to another file or server, e.g. from
 * one SQLite file to the lab's PostgreSQL, or back.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { CliIo } from "./cli_context.ts";
import { openDatabase } from "../db/open_database.ts";
import { redactDatabaseUrl } from "../db/postgres/postgres_url.ts";
import { copyDatabase } from "../store/copy_database.ts";
import { migrateToLatest } from "../db/migrator.ts";

/** The options of `baktadb copy`. */
interface CopyOptions {
  /** The source database (path or URL). */
  from: string;
  /** The destination database (path or URL); created and migrated when new, must be empty. */
  to: string;
}

/**
 * Adds `baktadb copy`.
 *
 * @param program The program.
 * @param io Where to write.
 *
 * @example
 * ```ts
 * import { Command } from "../deps/commander.ts";
 * import { registerCopy } from "./copy_command.ts";
 * const program = new Command();
 * registerCopy(program, { out: () => {}, err: () => {}, isTerminal: false });
 * if (program.commands[0].name() !== "copy") throw new Error("not registered");
 * ```
 */
export function registerCopy(program: Command, io: CliIo): void {
  program.command("copy")
    .description("copy a whole database into an empty one (SQLite file or PostgreSQL), verified")
    .requiredOption("--from <db>", "the database to copy (file or postgres:// URL)")
    .requiredOption("--to <db>", "an empty or new database (file or postgres:// URL)")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb copy --from baktadb.sqlite --to postgres://lab@db.example/cohort\n" +
        "  baktadb copy --from postgres://lab@db.example/cohort --to snapshot.sqlite\n" +
        "\nEvery table is copied with its ids in one transaction; then the row counts and the\n" +
        "SHA-256 of every original file are compared, and the copy is migrated to this baktadb's\n" +
        "schema (the source is only read: it may be older, or read-only). Passwords come from\n" +
        "the URL, $PGPASSWORD or ~/.pgpass and are never printed.\n",
    )
    .action(async (options: CopyOptions) => {
      const from = await openDatabase(options.from, { migrate: false, readOnly: true });
      try {
        const to = await openDatabase(options.to, { migrate: false });
        try {
          let last = "";
          const result = await copyDatabase(from, to, {
            onProgress: (table) => {
              if (table !== last && io.isTerminal) io.err(`copying ${table}…\n`);
              last = table;
            },
          });
          const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
          io.out(
            `Copied ${total.toLocaleString("en-US")} rows from ${
              redactDatabaseUrl(options.from)
            } ` +
              `to ${redactDatabaseUrl(options.to)}; counts equal, ` +
              `${result.filesVerified} original file(s) equal by SHA-256\n`,
          );
          for (const [table, rows] of Object.entries(result.rows)) {
            io.out(`  ${table.padEnd(17)} ${rows.toLocaleString("en-US").padStart(12)}\n`);
          }
          const steps = await migrateToLatest(to);
          if (steps.length > 0) io.out(`Migrated the copy to ${steps.at(-1)!.name}\n`);
        } finally {
          await to.destroy();
        }
      } finally {
        await from.destroy();
      }
    });
}
