/**
 * `baktadb report [GENOME…] --out report.html`: one self-contained HTML report of genomes.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { CliError, EXIT, type GlobalOptions, type SafeCliIo, withDatabase } from "./cli_context.ts";
import { collectReport } from "../report/collect_report.ts";
import { renderReportHtml } from "../report/render_report_html.ts";
import { formatBytes } from "./_table.ts";
import { writeTextFileAtomic } from "../fs/write_text_file_atomic.ts";

/** Options of `baktadb report`. */
interface ReportCommandOptions extends GlobalOptions {
  out: string;
  title?: string;
  gc: boolean;
  maxFamilies?: string;
  json?: boolean;
}

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
      const options = command.optsWithGlobals<ReportCommandOptions>();
      const maxFamilies = Number(options.maxFamilies ?? "800");
      if (!Number.isInteger(maxFamilies) || maxFamilies < 1) {
        throw new CliError(
          `Invalid --max-families "${options.maxFamilies}": expected a positive integer`,
          EXIT.USAGE,
        );
      }
      const out = options.out ?? DEFAULT_REPORT_FILE;
      const started = performance.now();
      const model = await withDatabase(options, (db) =>
        collectReport(db, {
          genomes: genomes.length > 0 ? genomes : undefined,
          title: options.title,
          gcRings: options.gc !== false,
          maxPresenceFamilies: maxFamilies,
          onProgress: options.verbose || io.isTerminal
            ? (message) => io.err(`${message}…\n`)
            : undefined,
        }));
      const page = options.json ? `${JSON.stringify(model)}\n` : renderReportHtml(model);
      if (out === "-") {
        // The HTML page byte for byte, as the file would hold it; JSON through the escaping io
        // (DEL and C1 controls as \u escapes: the same JSON value).
        if (options.json) io.out(page);
        else io.raw.out(page);
        return;
      }
      try {
        await writeTextFileAtomic(out, page);
      } catch (error) {
        throw new CliError(`Cannot write report "${out}": ${(error as Error).message}`);
      }
      const genomeCount = model.genomes.length;
      io.err(
        `Wrote ${out}: ${genomeCount} genome${genomeCount === 1 ? "" : "s"}, ${
          formatBytes(new TextEncoder().encode(page).length)
        } in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      if (genomeCount === 0) io.err("The database has no annotated genomes: the report is empty\n");
    });
}
