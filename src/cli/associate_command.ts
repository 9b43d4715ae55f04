/**
 * `baktadb associate TRAIT`: which gene families go with a binary trait of the genomes (Fisher's
 * exact test, corrected p-values, and with `--strata` the Cochran–Mantel–Haenszel test). What it
 * does is in `_associate_action.ts`, loaded when the command runs.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { CliIo } from "./cli_context.ts";
import { addCohortOptions, familyTypesOption, WHERE_HELP } from "./_cohort_options.ts";
import type { AssociateOptions } from "./_associate_action.ts";

/**
 * Adds `baktadb associate`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerAssociate(program: Command, io: CliIo): void {
  declareAssociate(program).action(
    async (trait: string, genomes: string[], _options, command: Command) => {
      const { associateAction } = await import("./_associate_action.ts");
      await associateAction(trait, genomes, command.optsWithGlobals<AssociateOptions>(), io);
    },
  );
}

/** The `associate` command: its arguments, flags and help. */
function declareAssociate(program: Command): Command {
  return addCohortOptions(
    program.command("associate")
      .description("gene families associated with a binary trait (Fisher's exact test)")
      .argument("<trait>", "the trait: a sample-sheet column (e.g. penicillin) or a --where name")
      .argument("[genomes...]", "genome names (or ids); default: every annotated genome")
      .option("--threshold <number>", "read a continuous trait: value >= threshold is 'yes'")
      .option("--strata <trait>", "also test within strata of this trait (e.g. lineage), by CMH")
      .option(
        "--pseudo <absent|present>",
        "how a family carried only as pseudogenes counts",
        "absent",
      )
      .addOption(familyTypesOption())
      .option("--family-level <level>", "uniref90 or uniref50", "uniref90")
      .option("--limit <n>", "rows in the text table (0 for all)", "20"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb traits import samplesheet.csv --key sample\n" +
        "  baktadb associate penicillin\n" +
        "  baktadb associate penicillin --strata lineage --tsv > penicillin.tsv\n" +
        "  baktadb associate mic --threshold 0.25 --where species~pneumoniae\n" +
        "  baktadb associate penicillin --pseudo present --types cds,sorf --json\n" +
        "\nEvery family present in some but not all tested genomes gets its 2x2 table (trait yes/no x\n" +
        "present/absent), odds ratio, two-sided Fisher p, Benjamini-Hochberg and Bonferroni p,\n" +
        "sensitivity and specificity, sorted by p. Trait values read as binary: 1/0, yes/no,\n" +
        "true/false, R/S; NA, '.', '-' and empty are left out (and counted in the header). By default a\n" +
        "genome whose only copies of a family are pseudogenes lacks it (loss of function).\n" +
        WHERE_HELP,
    );
}
