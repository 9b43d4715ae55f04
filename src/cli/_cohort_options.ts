/**
 * What the cohort commands share (`pangenome`, `cog`, `search`, `associate`, `traits`): genome
 * names as arguments, repeatable `--where FIELD OP VALUE` clauses, `--types`, and turning them
 * into the library's cohort options.
 *
 * @module
 */

import { type Command, Option } from "../deps/commander.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import type { CohortOptions } from "../analysis/_cohort.ts";
import { checkWhere } from "../query/select_genomes.ts";
import { WHERE_SHORT_NAMES } from "../query/where_clause.ts";
import { resolveGenome } from "../store/genomes_repository.ts";
import { CliError, EXIT, type GlobalOptions } from "./cli_context.ts";

/** The options every cohort command takes. */
export interface CohortCommandOptions extends GlobalOptions {
  /** `--where` clauses. */
  where?: string[];
  /** `--json`. */
  json?: boolean;
  /** `--tsv`. */
  tsv?: boolean;
}

/** Help text on `--where`, shown after each cohort command's examples. */
export const WHERE_HELP =
  "\n--where FIELD OP VALUE selects genomes by trait (repeat it: the clauses AND). OP is one of\n" +
  "= != < <= > >= and ~ (contains, ignoring case); numbers compare as numbers. FIELD is a sample-\n" +
  `sheet column or one of: ${Object.keys(WHERE_SHORT_NAMES).join(", ")}.\n` +
  "species and genus fall back to Bakta's organism when GTDB-Tk gave none.\n";

/**
 * Adds `--where` (repeatable) and `--json`/`--tsv` to a command.
 *
 * @param command The command.
 * @returns The command.
 *
 * @example --where repeats
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "../deps/commander.ts";
 * import { addCohortOptions } from "./_cohort_options.ts";
 * const command = addCohortOptions(new Command("x")).exitOverride();
 * command.parse(["--where", "st=1", "--where", "lineage=2", "--tsv"], { from: "user" });
 * assert.deepEqual(command.opts(), { where: ["st=1", "lineage=2"], tsv: true });
 * ```
 */
export function addCohortOptions(command: Command): Command {
  return command
    .option(
      "--where <clause>",
      "only genomes where FIELD OP VALUE holds, e.g. st=180 (repeatable)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--json", "print JSON")
    .option("--tsv", "print tab-separated values");
}

/**
 * The cohort the arguments name: genome names (or ids) checked to exist, and the where clauses
 * checked to parse.
 *
 * @param db The database.
 * @param genomes The genome arguments (empty for every genome).
 * @param options The command's options.
 * @returns The library's cohort options.
 * @throws {CliError} USAGE when a clause cannot be read or both `--json` and `--tsv` are given.
 * @throws {NotFoundError} When a genome does not exist.
 *
 * @example Names checked, clauses kept
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { cohortFromArguments } from "./_cohort_options.ts";
 * const db = await openDatabase(":memory:");
 * await db.insertInto("genomes").values({ name: "G1" }).execute();
 * assert.deepEqual(await cohortFromArguments(db, ["G1"], { where: ["st=1"] }), {
 *   genomes: ["G1"], where: ["st=1"],
 * });
 * await assert.rejects(() => cohortFromArguments(db, ["G2"], {}), /No genome "G2"/);
 * await db.destroy();
 * ```
 */
export async function cohortFromArguments(
  db: Kysely<Database>,
  genomes: readonly string[],
  options: CohortCommandOptions,
): Promise<CohortOptions> {
  checkOutputFormat(options);
  const where = parseWhereOption(options.where);
  const names: string[] = [];
  for (const genome of genomes) names.push((await resolveGenome(db, genome)).name);
  return {
    ...(names.length > 0 ? { genomes: names } : {}),
    ...(where.length > 0 ? { where } : {}),
  };
}

/**
 * Parses the `--where` clauses, as a usage error when one cannot be read.
 *
 * @param where The clauses.
 * @returns The texts, checked.
 *
 * @example A clause without an operator
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseWhereOption } from "./_cohort_options.ts";
 * assert.deepEqual(parseWhereOption(["st=180"]), ["st=180"]);
 * assert.throws(() => parseWhereOption(["st"]), /--where: Cannot read the where clause/);
 * ```
 * @throws {CliError} USAGE naming the clause.
 */
export function parseWhereOption(where: readonly string[] | undefined): string[] {
  try {
    checkWhere(where ?? []);
  } catch (error) {
    throw new CliError(`--where: ${(error as Error).message}`, EXIT.USAGE);
  }
  return [...(where ?? [])];
}

/**
 * Throws a usage error when both `--json` and `--tsv` are given.
 *
 * @example The two formats together
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkOutputFormat } from "./_cohort_options.ts";
 * assert.throws(() => checkOutputFormat({ json: true, tsv: true }), /Choose one/);
 * ```
 * @param options The command's options.
 * @throws {CliError} USAGE.
 */
export function checkOutputFormat(options: { json?: boolean; tsv?: boolean }): void {
  if (options.json && options.tsv) throw new CliError("Choose one of --json and --tsv", EXIT.USAGE);
}

/**
 * `--types <list>`, the feature types that form gene families (`cds`, `sorf` or `cds,sorf`;
 * default `cds`), as `pangenome`, `associate` and `compare` declare it; read it with
 * {@linkcode parseTypesOption}.
 *
 * @returns A new option, to pass to `command.addOption()`.
 *
 * @example The flag's default
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "../deps/commander.ts";
 * import { familyTypesOption } from "./_cohort_options.ts";
 * const command = new Command("x").addOption(familyTypesOption()).exitOverride();
 * command.parse([], { from: "user" });
 * assert.deepEqual(command.opts(), { types: "cds" });
 * ```
 */
export function familyTypesOption(): Option {
  return new Option("--types <list>", "feature types forming families: cds, sorf or cds,sorf")
    .default("cds");
}

/**
 * Parses `--types cds,sorf`.
 *
 * @param text The option's value.
 * @returns The types.
 *
 * @example Both spellings of sORF
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTypesOption } from "./_cohort_options.ts";
 * assert.deepEqual(parseTypesOption("cds, SORF"), ["cds", "sorf"]);
 * assert.throws(() => parseTypesOption("rna"), /"rna" is not cds or sorf/);
 * ```
 * @throws {CliError} USAGE when a type is not `cds` or `sorf`.
 */
export function parseTypesOption(text: string | undefined): ("cds" | "sorf")[] | undefined {
  if (text === undefined) return undefined;
  const types = text.split(",").map((t) => t.trim().toLowerCase()).filter((t) => t !== "");
  for (const type of types) {
    if (type !== "cds" && type !== "sorf") {
      throw new CliError(`--types: "${type}" is not cds or sorf`, EXIT.USAGE);
    }
  }
  if (types.length === 0) throw new CliError("--types: expected cds, sorf or cds,sorf", EXIT.USAGE);
  return [...new Set(types)] as ("cds" | "sorf")[];
}

/**
 * Checks an option whose value is one of a few words.
 *
 * @param text The value.
 * @param option The option, e.g. `--pseudo`.
 * @param choices The allowed values.
 * @returns The value.
 *
 * @example A word of the list
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseChoice } from "./_cohort_options.ts";
 * assert.equal(parseChoice("absent", "--pseudo", ["absent", "present"]), "absent");
 * assert.throws(() => parseChoice("no", "--pseudo", ["absent", "present"]), /--pseudo: expected absent or present/);
 * ```
 * @throws {CliError} USAGE naming the option and the choices.
 */
export function parseChoice<T extends string>(
  text: string,
  option: string,
  choices: readonly T[],
): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new CliError(`${option}: expected ${choices.join(" or ")}, got "${text}"`, EXIT.USAGE);
  }
  return text as T;
}
