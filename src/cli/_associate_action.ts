/**
 * What `baktadb associate` does, loaded on first use (it brings in Arquero): check the flags, test
 * the cohort's gene families against the trait, print the header and the table. The command itself
 * (arguments, flags, help) is declared in `associate_command.ts`.
 *
 * @module
 */

import {
  ASSOCIATION_COLUMNS,
  type TraitAssociation,
  traitAssociation,
} from "../analysis/trait_association.ts";
import { CliError, type CliIo, EXIT, withDatabase } from "./cli_context.ts";
import {
  type CohortCommandOptions,
  cohortFromArguments,
  parseChoice,
  parseTypesOption,
} from "./_cohort_options.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";

/** The flags of `baktadb associate`, as commander parses them (with the global ones). */
export interface AssociateOptions extends CohortCommandOptions {
  /** `--threshold`: a continuous trait's value at or above which a genome has it, as typed. */
  threshold?: string;
  /** `--strata`: the trait whose values form the strata of the Cochran–Mantel–Haenszel test. */
  strata?: string;
  /** `--pseudo`: how a family carried only as pseudogenes counts (`absent` or `present`). */
  pseudo: string;
  /** `--types`: the feature types forming families, as typed (`cds`, `sorf`, `cds,sorf`). */
  types?: string;
  /** `--family-level`: `uniref90` or `uniref50`. */
  familyLevel: string;
  /** `--limit`: rows in the text table, as typed (`0` for all). */
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
 * import { associationHeader } from "./_associate_action.ts";
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
 * What `associate` does: check the flags, test the cohort, print as asked.
 *
 * @param trait The trait's name.
 * @param genomes The genome names (or ids) given; none for every annotated genome.
 * @param options The flags.
 * @param io Where to write.
 * @throws {CliError} With `EXIT.USAGE` for a bad flag, before the database is opened.
 *
 * @example A negative --limit is refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { associateAction } from "./_associate_action.ts";
 * const io = { out: () => {}, err: () => {}, isTerminal: false };
 * const flags = { pseudo: "absent", familyLevel: "uniref90", limit: "-1" };
 * await assert.rejects(
 *   associateAction("penicillin", [], flags, io),
 *   /--limit: expected an integer >= 0, got "-1"/,
 * );
 * ```
 */
export async function associateAction(
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
