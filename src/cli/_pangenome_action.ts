/**
 * What `baktadb pangenome` does, loaded on first use (it brings in Arquero): check the flags, then
 * print the class summary, the presence/absence rows or Roary's CSV, or the families with their
 * class. The command itself (arguments, flags, help) is declared in `pangenome_command.ts`.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
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
  type CohortCommandOptions,
  cohortFromArguments,
  parseChoice,
  parseTypesOption,
} from "./_cohort_options.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";

/** The flags of `baktadb pangenome`, as commander parses them (with the global ones). */
export interface PangenomeOptions extends CohortCommandOptions {
  /** `--classes`: print the core/soft-core/shell/cloud summary. */
  classes?: boolean;
  /** `--format`: `roary` writes Roary's `gene_presence_absence.csv`. */
  format?: string;
  /** `--out`: the file `--format roary` writes (standard output when absent). */
  out?: string;
  /** `--types`: the feature types forming families, as typed (`cds`, `sorf`, `cds,sorf`). */
  types?: string;
  /** `--pseudo`: whether pseudogenes make a family present (`present` or `absent`). */
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
 * import { presenceAbsenceTsv } from "./_pangenome_action.ts";
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

/** The cohort options `pangenome` passes to the analysis functions. */
type PangenomeCohort = Parameters<typeof pangenomeClasses>[1];

/**
 * What `pangenome` does: check the flags, then print classes, presence/absence or families.
 *
 * @param genomes The genome names (or ids) given; none for every annotated genome.
 * @param options The flags.
 * @param io Where to write.
 * @throws {CliError} With `EXIT.USAGE` for a bad flag, before the database is opened.
 *
 * @example A format other than Roary's is refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { pangenomeAction } from "./_pangenome_action.ts";
 * const io = { out: () => {}, err: () => {}, isTerminal: false };
 * await assert.rejects(
 *   pangenomeAction([], { format: "csv", pseudo: "present" }, io),
 *   /--format: expected roary, got "csv"/,
 * );
 * ```
 */
export async function pangenomeAction(
  genomes: string[],
  options: PangenomeOptions,
  io: CliIo,
): Promise<void> {
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
    if (options.classes) await printClassSummary(db, cohort, options, io);
    else if (options.format === "roary" || options.tsv || options.json) {
      await writePresenceAbsence(db, cohort, options, io);
    } else await printFamilyClasses(db, cohort, io);
  });
}

/** `--classes`: families per class, as JSON, TSV or a text table. */
async function printClassSummary(
  db: Kysely<Database>,
  cohort: PangenomeCohort,
  options: PangenomeOptions,
  io: CliIo,
): Promise<void> {
  const summary = await pangenomeSummary(db, cohort);
  const rows = summary.objects() as { class: string; families: number }[];
  if (options.json) io.out(toJsonText(rows));
  else if (options.tsv) io.out(formatTsv(["class", "families"], rows.map(Object.values)));
  else io.out(formatTable(["class", "families"], rows.map(Object.values) as [string, number][]));
}

/** `--format roary`, `--tsv` or `--json`: presence/absence, to `--out` or standard output. */
async function writePresenceAbsence(
  db: Kysely<Database>,
  cohort: PangenomeCohort,
  options: PangenomeOptions,
  io: CliIo,
): Promise<void> {
  const table = await roaryPresenceAbsence(db, cohort);
  const text = options.format === "roary"
    ? formatRoaryCsv(table)
    : options.tsv
    ? presenceAbsenceTsv(table)
    : presenceAbsenceJson(table);
  if (options.out === undefined) {
    io.out(text);
    return;
  }
  await writeTextFileAtomic(options.out, text);
  io.err(
    `Wrote ${table.rows.length} families x ${table.genomes.length} genomes to ${options.out}\n`,
  );
}

/** The default output: each family with its class, as a text table. */
async function printFamilyClasses(
  db: Kysely<Database>,
  cohort: PangenomeCohort,
  io: CliIo,
): Promise<void> {
  const classes = await pangenomeClasses(db, cohort);
  const rows = classes.objects() as Record<string, string | number | null>[];
  io.out(
    rows.length === 0 ? "(no gene families)\n" : formatTable(
      ["family", "gene", "product", "genomes", "class"],
      rows.map((row) => [row.family, row.gene, row.product, row.genomes, row.class]),
    ),
  );
}
