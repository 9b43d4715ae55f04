/**
 * `baktadb traits`: genome traits — import a sample sheet (`traits import sheet.csv --key sample`)
 * and list the traits of the genomes (`traits list`).
 *
 * @module
 */

import { basename } from "node:path";
import type { Command } from "../deps/commander.ts";
import { readSampleSheet } from "../formats/sample_sheet/read_sample_sheet.ts";
import { selectGenomes } from "../query/select_genomes.ts";
import {
  importSampleSheet,
  listTraits,
  type SampleSheetImport,
} from "../store/traits_repository.ts";
import { CliError, type CliIo, EXIT, type GlobalOptions, withDatabase } from "./cli_context.ts";
import {
  addCohortOptions,
  type CohortCommandOptions,
  cohortFromArguments,
  WHERE_HELP,
} from "./_cohort_options.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";

interface ImportOptions extends GlobalOptions {
  key: string;
  delimiter?: string;
  json?: boolean;
}

interface ListOptions extends CohortCommandOptions {
  key?: string[];
}

/**
 * The report of a sheet import: what was set, then each row that matched no genome.
 *
 * @param file The sheet's name.
 * @param result What the import did.
 *
 * @example One row naming no genome
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatSheetImport } from "./traits_command.ts";
 * const text = formatSheetImport("s.csv", {
 *   matched: [{ genome: "G1", line: 2, traits: 2 }], unmatched: [{ key: "G9", line: 3 }],
 * });
 * assert.equal(text, "Set 2 trait value(s) of 1 genome(s) from s.csv\n1 row(s) name no genome and were skipped:\n  line 3: G9\n");
 * ```
 * @returns The text.
 */
export function formatSheetImport(file: string, result: SampleSheetImport): string {
  const traits = result.matched.reduce((sum, m) => sum + m.traits, 0);
  const lines = [
    `Set ${traits} trait value(s) of ${result.matched.length} genome(s) from ${file}`,
  ];
  if (result.unmatched.length > 0) {
    lines.push(`${result.unmatched.length} row(s) name no genome and were skipped:`);
    for (const row of result.unmatched) lines.push(`  line ${row.line}: ${row.key}`);
  }
  return lines.join("\n") + "\n";
}

function delimiterOf(option: string | undefined): "," | "\t" | undefined {
  if (option === undefined) return undefined;
  if (option === "tab" || option === "\\t" || option === "\t") return "\t";
  if (option === "comma" || option === ",") return ",";
  throw new CliError(`--delimiter: expected comma or tab, got "${option}"`, EXIT.USAGE);
}

/**
 * Adds `baktadb traits` with `import` and `list`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerTraits(program: Command, io: CliIo): void {
  const traits = program.command("traits")
    .description("genome traits: import a sample sheet, list traits")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb traits import samplesheet.csv --key sample\n" +
        "  baktadb traits list --key penicillin --key lineage\n" +
        "  baktadb traits list --where lineage=3 --tsv\n",
    );

  declareTraitsImport(traits).action((sheetPath: string, _options, command: Command) =>
    traitsImportAction(sheetPath, command.optsWithGlobals<ImportOptions>(), io)
  );
  declareTraitsList(traits).action((genomes: string[], _options, command: Command) =>
    traitsListAction(genomes, command.optsWithGlobals<ListOptions>(), io)
  );
}

/** The `traits import` subcommand: its argument, flags and help. */
function declareTraitsImport(traits: Command): Command {
  return traits.command("import")
    .description("store the columns of a CSV/TSV sample sheet as traits of the genomes it names")
    .argument("<sheet>", "the sample sheet (.csv, or .tsv/.tab for tab-separated)")
    .requiredOption("--key <column>", "the column holding genome names")
    .option("--delimiter <comma|tab>", "the field separator (default: from the file name)")
    .option("--json", "print what was imported as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb traits import samplesheet.csv --key sample\n" +
        "  baktadb traits import phenotypes.tsv --key isolate\n" +
        "\nEvery other column becomes a trait (empty cells are skipped). Rows whose key names no\n" +
        "genome are listed and skipped; the rest are imported.\n",
    );
}

/** The `traits list` subcommand (the default): its arguments, flags and help. */
function declareTraitsList(traits: Command): Command {
  return addCohortOptions(
    traits.command("list", { isDefault: true })
      .description("list the traits of the genomes (default)")
      .argument("[genomes...]", "genome names (or ids); default: every genome")
      .option(
        "--key <key>",
        "only this trait (repeatable)",
        (value: string, previous: string[] = []) => [...previous, value],
      ),
  )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb traits list\n" +
        "  baktadb traits list 7622-3-93 --json\n" +
        "  baktadb traits list --key penicillin --where lineage=3\n" + WHERE_HELP,
    );
}

/** What `traits import` does: read the sheet, store its columns, print what went in. */
async function traitsImportAction(
  sheetPath: string,
  options: ImportOptions,
  io: CliIo,
): Promise<void> {
  const file = basename(sheetPath);
  const sheet = readSampleSheet(await Deno.readTextFile(sheetPath), {
    key: options.key,
    file,
    delimiter: delimiterOf(options.delimiter),
  });
  const result = await withDatabase(options, (db) => importSampleSheet(db, sheet));
  io.out(options.json ? toJsonText(result) : formatSheetImport(file, result));
}

/** What `traits list` does: the traits of the selected genomes as JSON, TSV or a table. */
async function traitsListAction(
  genomes: string[],
  options: ListOptions,
  io: CliIo,
): Promise<void> {
  const rows = await withDatabase(options, async (db) => {
    const cohort = await cohortFromArguments(db, genomes, options);
    const selected = await selectGenomes(db, cohort);
    return await listTraits(db, { genomes: selected.map((g) => g.name), keys: options.key });
  });
  const columns = ["genome", "key", "value"];
  if (options.json) io.out(toJsonText(rows));
  else if (options.tsv) io.out(formatTsv(columns, rows.map(Object.values)));
  else if (rows.length === 0) io.out("(no traits)\n");
  else io.out(formatTable(columns, rows.map((row) => [row.genome, row.key, row.value])));
}
