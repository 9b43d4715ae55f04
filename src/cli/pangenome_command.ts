/**
 * `baktadb pangenome [GENOMES…]`: the cohort's gene families with their core/soft-core/shell/cloud
 * class, Roary-style presence/absence rows (`--tsv`), the class summary (`--classes`) and Roary's
 * `gene_presence_absence.csv` (`--format roary --out FILE`). What it does is in
 * `_pangenome_action.ts`, loaded when the command runs.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { CliIo } from "./cli_context.ts";
import { addCohortOptions, familyTypesOption, WHERE_HELP } from "./_cohort_options.ts";
import type { PangenomeOptions } from "./_pangenome_action.ts";

/**
 * Adds `baktadb pangenome`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerPangenome(program: Command, io: CliIo): void {
  declarePangenome(program).action(async (genomes: string[], _options, command: Command) => {
    const { pangenomeAction } = await import("./_pangenome_action.ts");
    await pangenomeAction(genomes, command.optsWithGlobals<PangenomeOptions>(), io);
  });
}

/** The `pangenome` command: its arguments, flags and help. */
function declarePangenome(program: Command): Command {
  return addCohortOptions(
    program.command("pangenome")
      .description("gene families across genomes: classes, presence/absence, Roary's CSV")
      .argument("[genomes...]", "genome names (or ids); default: every annotated genome")
      .option("--classes", "the core/soft-core/shell/cloud summary (Roary's thresholds)")
      .option("--format <roary>", "write Roary's gene_presence_absence.csv")
      .option("--out <file>", "with --format roary: the file to write (default: standard output)")
      .addOption(familyTypesOption())
      .option("--pseudo <present|absent>", "whether pseudogenes make a family present", "present"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb pangenome                         # families with their class\n" +
        "  baktadb pangenome --classes               # core/soft-core/shell/cloud counts\n" +
        "  baktadb pangenome --tsv > presence.tsv    # locus tags per family and genome\n" +
        "  baktadb pangenome --format roary --out gene_presence_absence.csv\n" +
        "  scoary -g gene_presence_absence.csv -t traits.csv   # Roary consumers read it\n" +
        "  baktadb pangenome --where lineage=3 --classes --json\n" +
        "\nFamilies: UniRef90 cluster, else UniRef50, else identical protein (MD5). Classes: core\n" +
        ">= 99% of genomes, soft-core 95-99%, shell 15-95%, cloud < 15%.\n" + WHERE_HELP,
    );
}
