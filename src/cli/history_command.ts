/**
 * `baktadb history GENOME`: a genome's assembly versions and annotations in time order.
 *
 * @module
 */

import type { Command } from "commander";
import { escaped } from "./escape_control.ts";
import { type CliIo, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { genomeHistory } from "../store/genome_history.ts";
import { toJsonText } from "./_table.ts";

/**
 * Adds `baktadb history`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerHistory(program: Command, io: CliIo): void {
  program.command("history")
    .description("show a genome's assembly versions and annotations in time order")
    .argument("<genome>", "the genome's name (or id)")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  baktadb history CI-8050\n  baktadb history C22 --json\n")
    .action(async (genome: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const history = await withDatabase(options, (db) => genomeHistory(db, genome));
      if (options.json) {
        io.out(toJsonText(history));
        return;
      }
      io.out(escaped`History of ${history.genome.name}:\n`);
      for (const event of history.events) {
        if (event.kind === "version") {
          const v = event.version;
          io.out(
            `${event.at}  assembly version ${v.version}: ${v.sequences} sequence(s), ${
              v.totalLength.toLocaleString("en-US")
            } bp${v.supersededBy ? ` (superseded by version ${v.supersededBy})` : " (current)"}\n`,
          );
        } else {
          const a = event.annotation;
          const run = a.mode === "proteins" ? "(proteins run)" : `of version ${a.sequenceVersion}`;
          io.out(
            escaped`${event.at}  annotation #${a.id} ${run}: Bakta ${a.baktaVersion ?? "?"}, ` +
              escaped`database ${a.dbVersion ?? "?"}, from ${a.source}\n`,
          );
        }
      }
    });
}
