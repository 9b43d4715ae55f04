/**
 * What `baktadb cog` does, loaded on first use (it brings in Arquero): read the cohort's COG
 * category counts (per genome, or summed per trait value with `--by`) and print them. The command
 * itself (arguments, flags, help) is declared in `cog_command.ts`.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import type { CohortOptions } from "../analysis/_cohort.ts";
import {
  COG_CATEGORY_LETTERS,
  cogCategoryCounts,
  type CogCategoryCountsRow,
  cogMatrix,
} from "../analysis/cog_matrix.ts";
import { traitTable } from "../analysis/trait_table.ts";
import { type CliIo, withDatabase } from "./cli_context.ts";
import { type CohortCommandOptions, cohortFromArguments } from "./_cohort_options.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";

/** The flags of `baktadb cog`, as commander parses them (with the global ones). */
export interface CogOptions extends CohortCommandOptions {
  /** `--fraction`: shares of the categorized CDSs instead of counts. */
  fraction?: boolean;
  /** `--by`: one row per value of this trait, the genomes of each value summed. */
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
 * import { cogByTrait } from "./_cog_action.ts";
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
 * What `cog` does: read the counts (per genome, or per trait value with `--by`), print them as
 * JSON, TSV or a text table (percentages with `--fraction`).
 *
 * @param genomes The genome names (or ids) given; none for every annotated genome.
 * @param options The flags.
 * @param io Where to write.
 * @throws {CliError} When the database is missing (`cog` never creates one).
 *
 * @example A database that is not there
 * ```ts
 * import assert from "node:assert/strict";
 * import { cogAction } from "./_cog_action.ts";
 * const io = { out: () => {}, err: () => {}, isTerminal: false };
 * const db = `${await Deno.makeTempDir()}/none.sqlite`;
 * await assert.rejects(cogAction([], { db }, io), /No database at ".*none\.sqlite"/);
 * ```
 */
export async function cogAction(genomes: string[], options: CogOptions, io: CliIo): Promise<void> {
  const { rows, header } = await withDatabase(
    options,
    async (db) => cogRows(db, await cohortFromArguments(db, genomes, options), options),
  );
  if (options.json) io.out(toJsonText(rows));
  else if (options.tsv) io.out(formatTsv(header, rows.map((r) => header.map((c) => r[c]))));
  else if (rows.length === 0) io.out("(no annotated genomes)\n");
  else {
    const letters = new Set(COG_CATEGORY_LETTERS);
    const cell = (v: string | number, column: string) =>
      typeof v === "number" && options.fraction && letters.has(column) ? (v * 100).toFixed(1) : v;
    io.out(formatTable(header, rows.map((r) => header.map((c) => cell(r[c], c)))));
  }
}

/** The rows `cog` prints and their columns: per trait value with `--by`, else per genome. */
async function cogRows(
  db: Kysely<Database>,
  cohort: CohortOptions,
  options: CogOptions,
): Promise<{ rows: Record<string, string | number>[]; header: string[] }> {
  if (options.by !== undefined) {
    const traits = await traitTable(db, { ...cohort, traits: [options.by] });
    const groupOf = new Map(
      (traits.objects() as Record<string, string | null>[]).map((r) => [r.genome!, r[options.by!]]),
    );
    const counts = (await cogCategoryCounts(db, cohort)).objects() as CogCategoryCountsRow[];
    const rows = cogByTrait(counts, groupOf, Boolean(options.fraction));
    return { rows, header: ["value", "genomes", ...COG_CATEGORY_LETTERS] };
  }
  const matrix = await cogMatrix(db, { ...cohort, value: options.fraction ? "fraction" : "count" });
  return {
    rows: matrix.objects() as Record<string, string | number>[],
    header: ["genome", ...COG_CATEGORY_LETTERS],
  };
}
