/**
 * `baktadb search TEXT [GENOMES…]`: full-text search of locus tags, genes and products across the
 * cohort's latest annotations.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { searchFeatures } from "../query/search_features.ts";
import { selectGenomes } from "../query/select_genomes.ts";
import { CliError, type CliIo, EXIT, withDatabase } from "./cli_context.ts";
import {
  addCohortOptions,
  type CohortCommandOptions,
  cohortFromArguments,
  WHERE_HELP,
} from "./_cohort_options.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";
import { outputColumns } from "./_output_columns.ts";

interface SearchOptions extends CohortCommandOptions {
  prefix?: boolean;
  limit: string;
}

const COLUMNS: readonly (keyof SearchListing)[] = [
  "genome",
  "locus_tag",
  "type",
  "gene",
  "product",
  "sequence",
  "start",
  "stop",
  "strand",
];

/** A hit in the documented output columns of `search`. */
interface SearchListing {
  genome: string;
  locus_tag: string | null;
  type: string;
  gene: string | null;
  product: string | null;
  sequence: string;
  start: number;
  stop: number;
  strand: string;
}

/**
 * Adds `baktadb search`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerSearch(program: Command, io: CliIo): void {
  addCohortOptions(
    program.command("search")
      .description("search locus tags, genes and products across the cohort's genomes")
      .argument("<text>", "the words to find (all of them; quote several)")
      .argument("[genomes...]", "genome names (or ids); default: every annotated genome")
      .option("--prefix", "let the last word match as a prefix (dna finds dnaA)")
      .option("--limit <n>", "at most this many hits (0 for all)", "50"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb search 'beta-lactamase'\n" +
        "  baktadb search pbp --prefix --where lineage=3\n" +
        "  baktadb search 'penicillin-binding protein' C22 C320 --tsv\n" +
        "\nEach genome's latest annotation is searched; hits are ranked by relevance.\n" +
        WHERE_HELP,
    )
    .action(async (text: string, genomes: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<SearchOptions>();
      const limit = Number(options.limit);
      if (!/^\d+$/.test(options.limit) || !Number.isSafeInteger(limit)) {
        throw new CliError(`--limit: expected an integer >= 0, got "${options.limit}"`, EXIT.USAGE);
      }
      const hits = await withDatabase(options, async (db) => {
        const cohort = await cohortFromArguments(db, genomes, options);
        const names = (await selectGenomes(db, cohort)).map((g) => g.name);
        const query = searchFeatures(db, text, {
          genomes: names,
          prefix: options.prefix,
          order: "rank",
        });
        return await (limit > 0 ? query.limit(limit) : query).execute();
      });
      const objects: SearchListing[] = hits.map((hit) => outputColumns(hit, COLUMNS));
      const rows = objects.map((o) => COLUMNS.map((c) => o[c]));
      if (options.json) {
        io.out(toJsonText(objects));
      } else if (options.tsv) io.out(formatTsv(COLUMNS, rows));
      else if (rows.length === 0) io.out("(no hits)\n");
      else io.out(formatTable(COLUMNS, rows));
    });
}
