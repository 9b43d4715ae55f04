/**
 * `baktadb cog [GENOMES…]`: COG functional categories per genome, as a genomes × categories table.
 *
 * @module
 */

import type { Command } from "commander";
import {
  COG_CATEGORY_LETTERS,
  cogCategoryCounts,
  type CogCategoryCountsRow,
  cogMatrix,
} from "../analysis/cog_matrix.ts";
import { traitTable } from "../analysis/trait_table.ts";
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
  by?: string;
}

/**
 * COG counts summed over the genomes of each trait value: one row per value (`(none)` for genomes
 * without one) with `genomes` and a count per category letter, or with `fraction` the share of the
 * group's categorized CDSs.
 *
 * @param counts The long counts (`cogCategoryCounts` rows).
 * @param groupOf Each genome's trait value.
 * @param fraction Shares instead of counts.
 * @returns The rows, by trait value.
 *
 * @example Shares of the group's categorized CDSs
 * ```ts
 * import assert from "node:assert/strict";
 * import { cogByTrait } from "./cog_command.ts";
 * const rows = cogByTrait([
 *   { genome: "G1", category: "J", count: 2, fraction: 0.5, assigned: 4, cdss: 5 },
 *   { genome: "G2", category: "J", count: 1, fraction: 0.25, assigned: 4, cdss: 4 },
 * ], new Map([["G1", "R"], ["G2", "R"]]), true);
 * assert.equal(rows[0].J, 3 / 8);
 * ```
 */
export function cogByTrait(
  counts: readonly CogCategoryCountsRow[],
  groupOf: ReadonlyMap<string, string | null>,
  fraction: boolean,
): Record<string, string | number>[] {
  const groups = new Map<
    string,
    { genomes: Set<string>; assigned: number; letters: Map<string, number> }
  >();
  for (const row of counts) {
    const value = groupOf.get(row.genome) ?? "(none)";
    const group = groups.get(value) ?? { genomes: new Set(), assigned: 0, letters: new Map() };
    groups.set(value, group);
    if (!group.genomes.has(row.genome)) {
      group.genomes.add(row.genome);
      group.assigned += row.assigned;
    }
    group.letters.set(row.category, (group.letters.get(row.category) ?? 0) + row.count);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, group]) => ({
    value,
    genomes: group.genomes.size,
    ...Object.fromEntries(COG_CATEGORY_LETTERS.map((letter) => {
      const count = group.letters.get(letter) ?? 0;
      return [letter, fraction ? (group.assigned > 0 ? count / group.assigned : 0) : count];
    })),
  }));
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
      .option("--fraction", "fractions of the categorized CDSs instead of counts")
      .option("--by <trait>", "one row per value of a trait (genomes summed), e.g. penicillin"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb cog\n" +
        "  baktadb cog C22 C320 --fraction\n" +
        "  baktadb cog --where lineage=3 --tsv > cog.tsv\n" +
        "  baktadb cog --by penicillin --fraction    # resistant vs susceptible isolates\n" +
        "\nOne row per genome, one column per COG category letter; a CDS with several categories\n" +
        "counts in each.\n" + WHERE_HELP,
    )
    .action(async (genomes: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<CogOptions>();
      const { rows, header } = await withDatabase(options, async (db) => {
        const cohort = await cohortFromArguments(db, genomes, options);
        if (options.by !== undefined) {
          const traits = await traitTable(db, { ...cohort, traits: [options.by] });
          const groupOf = new Map(
            (traits.objects() as Record<string, string | null>[]).map((
              r,
            ) => [r.genome!, r[options.by!]]),
          );
          const counts = (await cogCategoryCounts(db, cohort)).objects() as CogCategoryCountsRow[];
          const rows = cogByTrait(counts, groupOf, Boolean(options.fraction));
          return { rows, header: ["value", "genomes", ...COG_CATEGORY_LETTERS] };
        }
        const matrix = await cogMatrix(db, {
          ...cohort,
          value: options.fraction ? "fraction" : "count",
        });
        return {
          rows: matrix.objects() as Record<string, string | number>[],
          header: ["genome", ...COG_CATEGORY_LETTERS],
        };
      });
      if (options.json) io.out(toJsonText(rows));
      else if (options.tsv) io.out(formatTsv(header, rows.map((r) => header.map((c) => r[c]))));
      else if (rows.length === 0) io.out("(no annotated genomes)\n");
      else {
        const letters = new Set(COG_CATEGORY_LETTERS);
        const cell = (v: string | number, column: string) =>
          typeof v === "number" && options.fraction && letters.has(column)
            ? (v * 100).toFixed(1)
            : v;
        io.out(formatTable(header, rows.map((r) => header.map((c) => cell(r[c], c)))));
      }
    });
}
