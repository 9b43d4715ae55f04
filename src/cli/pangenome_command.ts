/**
 * `baktadb pangenome [GENOMES…]`: the cohort's gene families with their core/soft-core/shell/cloud
 * class, Roary-style presence/absence rows (`--tsv`), the class summary (`--classes`) and Roary's
 * `gene_presence_absence.csv` (`--format roary --out FILE`).
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { pangenomeClasses, pangenomeSummary } from "../analysis/pangenome_classes.ts";
import { cohortSpecies, mixedSpeciesWarning } from "../analysis/cohort_species.ts";
import {
  formatRoaryCsv,
  roaryPresenceAbsence,
  type RoaryTable,
} from "../analysis/roary_presence_absence.ts";
import { writeTextFileAtomic } from "../fs/write_text_file_atomic.ts";
import { CliError, type CliIo, EXIT, withDatabase } from "./cli_context.ts";
import {
  addCohortOptions,
  type CohortCommandOptions,
  cohortFromArguments,
  parseChoice,
  parseTypesOption,
  WHERE_HELP,
} from "./_cohort_options.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";

interface PangenomeOptions extends CohortCommandOptions {
  classes?: boolean;
  format?: string;
  out?: string;
  types?: string;
  pseudo: string;
}

/** The columns of `pangenome --tsv` before the genome columns. */
const TSV_COLUMNS = ["family", "gene", "annotation", "isolates", "sequences"] as const;

/**
 * Roary-style presence/absence rows as TSV: family, gene, annotation, isolates, sequences, then
 * one column per genome with its locus tags (comma-separated; empty when absent).
 *
 * @param table The Roary table.
 * @returns The text.
 *
 * @example Locus tags in the cells
 * ```ts
 * import assert from "node:assert/strict";
 * import { presenceAbsenceTsv } from "./pangenome_command.ts";
 * const tsv = presenceAbsenceTsv({ genomes: ["G1", "G2"], rows: [{
 *   family: "UniRef90_A", gene: "dnaA", nonUniqueGene: "", annotation: "replication initiator",
 *   isolates: 1, sequences: 2, minLength: 9, maxLength: 9, avgLength: 9,
 *   members: new Map([["G2", ["G2_1", "G2_7"]]]),
 * }] });
 * assert.equal(tsv.split("\n")[1], "UniRef90_A\tdnaA\treplication initiator\t1\t2\t\tG2_1,G2_7");
 * ```
 */
export function presenceAbsenceTsv(table: RoaryTable): string {
  return formatTsv(
    [...TSV_COLUMNS, ...table.genomes],
    table.rows.map((r) => [
      r.family,
      r.gene === r.family ? r.nonUniqueGene : r.gene,
      r.annotation,
      r.isolates,
      r.sequences,
      ...table.genomes.map((g) => (r.members.get(g) ?? []).join(",")),
    ]),
  );
}

function presenceAbsenceJson(table: RoaryTable): string {
  return toJsonText({
    genomes: table.genomes,
    families: table.rows.map((r) => ({
      family: r.family,
      gene: r.gene === r.family ? (r.nonUniqueGene || null) : r.gene,
      annotation: r.annotation,
      isolates: r.isolates,
      sequences: r.sequences,
      members: Object.fromEntries(r.members),
    })),
  });
}

/**
 * Adds `baktadb pangenome`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerPangenome(program: Command, io: CliIo): void {
  addCohortOptions(
    program.command("pangenome")
      .description("gene families across genomes: classes, presence/absence, Roary's CSV")
      .argument("[genomes...]", "genome names (or ids); default: every annotated genome")
      .option("--classes", "the core/soft-core/shell/cloud summary (Roary's thresholds)")
      .option("--format <roary>", "write Roary's gene_presence_absence.csv")
      .option("--out <file>", "with --format roary: the file to write (default: standard output)")
      .option("--types <list>", "feature types forming families: cds, sorf or cds,sorf", "cds")
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
    )
    .action(async (genomes: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<PangenomeOptions>();
      if (options.format !== undefined && options.format !== "roary") {
        throw new CliError(`--format: expected roary, got "${options.format}"`, EXIT.USAGE);
      }
      if (options.out !== undefined && options.format === undefined) {
        throw new CliError("--out goes with --format roary", EXIT.USAGE);
      }
      const pseudogenes = parseChoice(options.pseudo, "--pseudo", ["present", "absent"] as const);
      const types = parseTypesOption(options.types);
      await withDatabase(options, async (db) => {
        const cohort = { ...(await cohortFromArguments(db, genomes, options)), types, pseudogenes };
        if (options.classes || (options.format === undefined && !options.tsv && !options.json)) {
          // Core, shell and cloud are asked for: say so when the genomes are of several species.
          const warning = mixedSpeciesWarning(await cohortSpecies(db, cohort));
          if (warning !== undefined) io.err(`Warning: ${warning}\n`);
        }
        if (options.classes) {
          const summary = await pangenomeSummary(db, cohort);
          const rows = summary.objects() as { class: string; families: number }[];
          if (options.json) io.out(toJsonText(rows));
          else if (options.tsv) io.out(formatTsv(["class", "families"], rows.map(Object.values)));
          else {io.out(
              formatTable(["class", "families"], rows.map(Object.values) as [string, number][]),
            );}
        } else if (options.format === "roary" || options.tsv || options.json) {
          const table = await roaryPresenceAbsence(db, cohort);
          const text = options.format === "roary"
            ? formatRoaryCsv(table)
            : options.tsv
            ? presenceAbsenceTsv(table)
            : presenceAbsenceJson(table);
          if (options.out !== undefined) {
            await writeTextFileAtomic(options.out, text);
            io.err(
              `Wrote ${table.rows.length} families x ${table.genomes.length} genomes to ${options.out}\n`,
            );
          } else {
            io.out(text);
          }
        } else {
          const classes = await pangenomeClasses(db, cohort);
          const rows = classes.objects() as Record<string, string | number | null>[];
          io.out(
            rows.length === 0 ? "(no gene families)\n" : formatTable(
              ["family", "gene", "product", "genomes", "class"],
              rows.map((r) => [r.family, r.gene, r.product, r.genomes, r.class]),
            ),
          );
        }
      });
    });
}
