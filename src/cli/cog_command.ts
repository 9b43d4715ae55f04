/**
 * `baktadb cog [GENOMES…]`: COG functional categories per genome, as a genomes × categories table.
 *
 * @module
 */

import type { Command } from "commander";
import { COG_CATEGORY_LETTERS, cogMatrix } from "../analysis/cog_matrix.ts";
import { type CliIo, withDatabase } from "./cli_context.ts";
import {
  addCohortOptions,
  type CohortCommandOptions,
  cohortFromArguments,
  WHERE_HELP,
} from "./_cohort_options.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";

interface CogOptions extends CohortCommandOptions {
  fraction?: boolean;
}

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
      .option("--fraction", "fractions of the categorized CDSs instead of counts"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb cog\n" +
        "  baktadb cog C22 C320 --fraction\n" +
        "  baktadb cog --where lineage=3 --tsv > cog.tsv\n" +
        "\nOne row per genome, one column per COG category letter; a CDS with several categories\n" +
        "counts in each.\n" + WHERE_HELP,
    )
    .action(async (genomes: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<CogOptions>();
      const matrix = await withDatabase(options, async (db) =>
        cogMatrix(db, {
          ...(await cohortFromArguments(db, genomes, options)),
          value: options.fraction ? "fraction" : "count",
        }));
      const rows = matrix.objects() as Record<string, string | number>[];
      const header = ["genome", ...COG_CATEGORY_LETTERS];
      if (options.json) io.out(toJsonText(rows));
      else if (options.tsv) io.out(formatTsv(header, rows.map((r) => header.map((c) => r[c]))));
      else if (rows.length === 0) io.out("(no annotated genomes)\n");
      else {
        const cell = (v: string | number) =>
          typeof v === "number" && options.fraction ? (v * 100).toFixed(1) : v;
        io.out(formatTable(header, rows.map((r) => header.map((c) => cell(r[c])))));
      }
    });
}
