/**
 * `baktadb report [GENOME…] --out report.html`: one self-contained HTML report of genomes.
 * What it does is in `_report_action.ts`, loaded when the command runs.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { SafeCliIo } from "./cli_context.ts";
import type { ReportCommandOptions } from "./_report_action.ts";

/** The file `baktadb report` writes when `--out` is not given. */
export const DEFAULT_REPORT_FILE = "report.html";

/**
 * Adds `baktadb report`.
 *
 * @param program The program.
 * @param io Where to write (`--out -` writes the HTML page to `io.raw`, as the file would hold it).
 */
export function registerReport(program: Command, io: SafeCliIo): void {
  program.command("report")
    .description("write one self-contained HTML report: summary, figures, cohort comparison")
    .argument("[genomes...]", "the genomes to report (default: every annotated genome)")
    .option(
      "-o, --out <file>",
      `the HTML file to write, or - for standard output`,
      DEFAULT_REPORT_FILE,
    )
    .option("--title <text>", "the page title", "baktadb report")
    .option("--no-gc", "leave out the GC rings of the circular maps (faster)")
    .option("--max-families <n>", "most gene families drawn in the presence/absence figure", "800")
    .option("--json", "write the report's data (the model the page is drawn from) as JSON instead")
    .addHelpText(
      "after",
      `
Examples:
  baktadb report --out report.html              # every annotated genome
  baktadb report C22 C320 --out pair.html       # two genomes, compared
  baktadb report --db cohort.sqlite --title "S. pneumoniae cohort" -o cohort.html
  baktadb report --json -o report.json          # the data behind the page

The page needs no network to be viewed: figures are inline SVG, the style and one small script
(sortable, filterable tables; SVG, PNG and TSV downloads) are inline. With two genomes or more it
compares them (COG categories, presence/absence, pangenome classes) and warns when they are of
several species.
`,
    )
    .action(async (genomes: string[], _options, command: Command) => {
      const { reportAction } = await import("./_report_action.ts");
      await reportAction(genomes, command.optsWithGlobals<ReportCommandOptions>(), io);
    });
}
