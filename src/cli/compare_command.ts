/**
 * `baktadb compare A B`: the gene families one genome has and the other lacks, or with
 * `--annotations` what changed between two annotations (by id). What it does is in
 * `_compare_action.ts`, loaded when the command runs.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { CliIo } from "./cli_context.ts";
import { familyTypesOption } from "./_cohort_options.ts";
import type { CompareOptions } from "./_compare_action.ts";

/**
 * Adds `baktadb compare`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerCompare(program: Command, io: CliIo): void {
  program.command("compare")
    .description("families gained and lost between two genomes, or changes between annotations")
    .argument("<a>", "the genome compared from (or, with --annotations, an annotation id)")
    .argument("<b>", "the genome compared to (or, with --annotations, an annotation id)")
    .option("--annotations", "A and B are annotation ids: compare features by position")
    .option("--all", "also list shared families (unchanged features with --annotations)")
    .addOption(familyTypesOption())
    .option("--json", "print JSON")
    .option("--tsv", "print tab-separated values")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb compare C22 C320             # families only C320 has (gained) or lacks (lost)\n" +
        "  baktadb compare C22 C320 --tsv --all\n" +
        "  baktadb history C22                  # lists the annotation ids\n" +
        "  baktadb compare 3 7 --annotations    # re-annotation: added, removed, changed features\n",
    )
    .action(async (a: string, b: string, _options, command: Command) => {
      const { compareAction } = await import("./_compare_action.ts");
      await compareAction(a, b, command.optsWithGlobals<CompareOptions>(), io);
    });
}
