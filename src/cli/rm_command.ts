/**
 * `baktadb rm GENOME`: delete a genome with everything stored for it.
 *
 * @module
 */

import type { Command } from "commander";
import { escaped } from "./escape_control.ts";
import { CliError, type CliIo, EXIT, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { deleteGenome, resolveGenome } from "../store/genomes_repository.ts";
import { listSequenceVersions } from "../store/sequences_repository.ts";
import { listAnnotations } from "../store/annotations_repository.ts";

/** A {@linkcode CliIo} that can ask the user a yes/no question. */
export interface ConfirmingCliIo extends CliIo {
  /** Asks a yes/no question; default: `confirm()` on the terminal. */
  confirm?(question: string): boolean | Promise<boolean>;
}

/**
 * Adds `baktadb rm`.
 *
 * @param program The program.
 * @param io Where to write, and how to ask.
 */
export function registerRm(program: Command, io: ConfirmingCliIo): void {
  program.command("rm")
    .description("delete a genome: every assembly version, annotation, feature and stored file")
    .argument("<genome>", "the genome's name (or id)")
    .option("-y, --yes", "do not ask for confirmation")
    .addHelpText(
      "after",
      "\nExamples:\n  baktadb rm C22          # asks first\n  baktadb rm C22 --yes    # in scripts\n" +
        "\nWithout --yes, rm asks on a terminal and refuses when there is none.\n",
    )
    .action(async (genome: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { yes?: boolean }>();
      await withDatabase(options, async (db) => {
        const g = await resolveGenome(db, genome);
        if (!options.yes) {
          const canAsk = io.isTerminal && (io.confirm !== undefined || Deno.stdin.isTerminal());
          if (!canAsk) {
            throw new CliError(
              escaped`Refusing to delete genome "${g.name}" without confirmation: pass --yes`,
              EXIT.USAGE,
            );
          }
          const versions = (await listSequenceVersions(db, g.id)).length;
          const annotations = (await listAnnotations(db, g.id)).length;
          const question =
            escaped`Delete genome "${g.name}" with ${versions} assembly version(s) and ` +
            `${annotations} annotation(s)?`;
          const yes = io.confirm ? await io.confirm(question) : confirm(question);
          if (!yes) {
            io.err("Nothing deleted\n");
            return;
          }
        }
        const deleted = await deleteGenome(db, g.id);
        io.out(
          escaped`Deleted genome "${g.name}": ${deleted.sequences} sequence row(s), ${deleted.annotations} ` +
            `annotation(s), ${
              deleted.features.toLocaleString("en-US")
            } feature(s), ${deleted.files} file(s)\n`,
        );
      });
    });
}
