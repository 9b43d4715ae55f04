/**
 * `baktadb associate TRAIT`: which gene families go with a binary trait of the genomes (Fisher's
 * exact test, corrected p-values, and with `--strata` the Cochran–Mantel–Haenszel test).
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import {
  ASSOCIATION_COLUMNS,
  type TraitAssociation,
  traitAssociation,
} from "../analysis/trait_association.ts";
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

interface AssociateOptions extends CohortCommandOptions {
  threshold?: string;
  strata?: string;
  pseudo: string;
  types?: string;
  familyLevel: string;
  limit: string;
}

/**
 * The header lines of an association: what was tested and how (each line starts with `# `).
 *
 * @param result The association.
 * @returns The lines, each ending in a newline.
 *
 * @example The header of a small association
 * ```ts
 * import assert from "node:assert/strict";
 * import { table } from "../deps/arquero.ts";
 * import { associationHeader } from "./associate_command.ts";
 * const text = associationHeader({
 *   trait: "penicillin", pseudogenes: "absent", types: ["cds"], familyLevel: "uniref90",
 *   genomes: ["a", "b", "c"], hasTrait: [true, false, false], positives: 1, leftOut: ["d"], table: table({ family: [] }),
 * });
 * assert.match(text, /^# genomes tested: 3 \(1 with the trait, 2 without\)$/m);
 * assert.match(text, /^# left out, no value: 1 \(d\)$/m);
 * ```
 */
export function associationHeader(result: TraitAssociation): string {
  const reading = result.threshold === undefined
    ? "binary"
    : `value >= ${result.threshold} counts as having it`;
  const shown = result.leftOut.slice(0, 20).join(", ") + (result.leftOut.length > 20 ? ", …" : "");
  const lines = [
    `trait: ${result.trait} (${reading})`,
    `genomes tested: ${result.genomes.length} (${result.positives} with the trait, ${
      result.genomes.length - result.positives
    } without)`,
    `left out, no value: ${result.leftOut.length}${result.leftOut.length > 0 ? ` (${shown})` : ""}`,
    `pseudogenes: counted as ${result.pseudogenes}${
      result.pseudogenes === "absent" ? " (--pseudo present counts them)" : ""
    }`,
    `feature types: ${result.types.join(",")}; family level: ${result.familyLevel}`,
    ...(result.strata === undefined ? [] : [`strata: ${result.strata} (Cochran-Mantel-Haenszel)`]),
    `families tested: ${result.table.numRows()} (present in some but not all tested genomes)`,
  ];
  return lines.map((line) => `# ${line}\n`).join("");
}

const number = (value: unknown, digits = 3) =>
  typeof value !== "number" || Number.isNaN(value)
    ? "-"
    : !Number.isFinite(value)
    ? (value > 0 ? "inf" : "-inf")
    : value === 0 || (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e4)
    ? value.toFixed(digits)
    : value.toExponential(2);

/** The association's rows as the text table (the first `limit`, 0 for all). */
function associationTable(result: TraitAssociation, limit: number): string {
  const rows = result.table.objects() as Record<string, unknown>[];
  const shown = limit > 0 ? rows.slice(0, limit) : rows;
  const strata = result.strata !== undefined;
  const header = ["family", "gene", "product", "yes+", "no+", "odds ratio", "p", "p BH", "p Bonf."];
  if (strata) header.push("p CMH");
  const text = formatTable(
    header,
    shown.map((r) => [
      r.family as string,
      r.gene as string | null,
      r.product as string | null,
      `${r.pos_present}/${(r.pos_present as number) + (r.pos_absent as number)}`,
      `${r.neg_present}/${(r.neg_present as number) + (r.neg_absent as number)}`,
      number(r.odds_ratio, 2),
      number(r.p),
      number(r.p_bh),
      number(r.p_bonferroni),
      ...(strata ? [number(r.cmh_p)] : []),
    ]),
  );
  const more = rows.length - shown.length;
  return text + (more > 0 ? `(${more} more: --limit 0 shows all, --tsv writes all)\n` : "");
}

function parseNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new CliError(`${option}: expected a number, got "${text}"`, EXIT.USAGE);
  }
  return value;
}

/**
 * Adds `baktadb associate`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerAssociate(program: Command, io: CliIo): void {
  declareAssociate(program).action((trait: string, genomes: string[], _options, command: Command) =>
    associateAction(trait, genomes, command.optsWithGlobals<AssociateOptions>(), io)
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
      .option("--types <list>", "feature types forming families: cds, sorf or cds,sorf", "cds")
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

/** What `associate` does: check the flags, test the cohort, print as asked. */
async function associateAction(
  trait: string,
  genomes: string[],
  options: AssociateOptions,
  io: CliIo,
): Promise<void> {
  const limit = parseNumber(options.limit, "--limit")!;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new CliError(`--limit: expected an integer >= 0, got "${options.limit}"`, EXIT.USAGE);
  }
  const settings = {
    trait,
    threshold: parseNumber(options.threshold, "--threshold"),
    strata: options.strata,
    pseudogenes: parseChoice(options.pseudo, "--pseudo", ["absent", "present"] as const),
    types: parseTypesOption(options.types),
    familyLevel: parseChoice(options.familyLevel, "--family-level", FAMILY_LEVELS),
  };
  const result = await withDatabase(options, async (db) => {
    const cohort = await cohortFromArguments(db, genomes, options);
    try {
      return await traitAssociation(db, { ...cohort, ...settings });
    } catch (error) {
      if (error instanceof RangeError) throw new CliError(error.message, EXIT.FAILURE);
      throw error;
    }
  });
  if (result.genomes.length === 0) {
    io.err(`baktadb: no selected genome has a value of trait "${result.trait}"\n`);
  }
  io.out(formatAssociation(result, options, limit));
}

/** `--family-level` values: the UniRef cluster level that makes a family. */
const FAMILY_LEVELS = ["uniref90", "uniref50"] as const;

/** An association as `--json`, `--tsv` or (by default) a text table of the `limit` best rows. */
function formatAssociation(
  result: TraitAssociation,
  options: AssociateOptions,
  limit: number,
): string {
  if (options.json) {
    const { table, ...header } = result;
    return toJsonText({ ...header, families: table.objects() });
  }
  if (options.tsv) {
    const rows = result.table.objects() as Record<string, unknown>[];
    return associationHeader(result) +
      formatTsv(ASSOCIATION_COLUMNS, rows.map((row) => ASSOCIATION_COLUMNS.map((c) => row[c])));
  }
  return associationHeader(result) + associationTable(result, limit);
}
