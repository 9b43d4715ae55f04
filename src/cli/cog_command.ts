/**
 * `baktadb cog [GENOMES…]`: COG functional categories per genome, as a genomes × categories table.
 * What it does is in `_cog_action.ts`, loaded when the command runs.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { CliIo } from "./cli_context.ts";
import { addCohortOptions, WHERE_HELP } from "./_cohort_options.ts";
import type { CogOptions } from "./_cog_action.ts";

/**
 * Adds `baktadb cog`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerCog(program: Command, io: CliIo): void {
  addCohortOptions(
    program.command("cog")
      .description("COG functional categories per genome (CDSs per category letter)")
      .argument("[genomes...]", "genome names (or ids); default: every annotated genome")
      .option("--fraction", "fractions of the categorized CDSs instead of counts")
      .option("--by <trait>", "one row per value of a trait (genomes summed), e.g. penicillin"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb cog\n" +
        "  baktadb cog C22 C320 --fraction\n" +
        "  baktadb cog --where lineage=3 --tsv > cog.tsv\n" +
        "  baktadb cog --by penicillin --fraction    # resistant vs susceptible isolates\n" +
        "\nOne row per genome, one column per COG category letter; a CDS with several categories\n" +
        "counts in each.\n" + WHERE_HELP,
    )
    .action(async (genomes: string[], _options, command: Command) => {
      const { cogAction } = await import("./_cog_action.ts");
      await cogAction(genomes, command.optsWithGlobals<CogOptions>(), io);
    });
}
