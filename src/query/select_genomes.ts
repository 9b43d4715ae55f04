/**
 * Which genomes a cohort command works on: genome names and `--where` clauses over genome traits
 * (sample-sheet columns, BakRep/GTDB-Tk/CheckM2/MLST metadata), combined with AND. Every cohort
 * table, the trait association and the cohort CLI commands select genomes through this module.
 *
 * @module
 */

import {
  type Expression,
  type Kysely,
  type SelectQueryBuilder,
  sql,
  type SqlBool,
} from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { GENOME_METADATA_KEYS as K } from "../formats/genome_metadata_keys.ts";
import { checkNames, show } from "./_validate.ts";
import { isPostgres } from "./_sqlite_indexes.ts";
import {
  parseWhereClause,
  traitKeyOf,
  type WhereClause,
  type WhereOperator,
} from "./where_clause.ts";

/** Options of the genome selection. */
export interface SelectGenomesOptions {
  /**
   * Only these genomes (by name).
   * @default undefined (every genome)
   */
  genomes?: readonly string[];
  /**
   * Only the genomes every clause holds for (`FIELD OP VALUE` text, as `--where` takes it, or
   * parsed clauses). A genome without the field's trait fails the clause, whatever the operator.
   * @default undefined (no condition)
   */
  where?: readonly (string | WhereClause)[];
}

const OPERATORS: ReadonlySet<string> = new Set(["=", "!=", "<", "<=", ">", ">=", "~"]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses and checks the `where` option: text clauses are parsed with `parseWhereClause`.
 *
 * @param where The clauses.
 * @returns The parsed clauses (empty when none).
 * @throws {SyntaxError} When a text clause is not `FIELD OP VALUE`.
 * @throws {RangeError} When a parsed clause has an unknown operator or an empty field.
 *
 * @example Text clauses are parsed
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkWhere } from "./select_genomes.ts";
 * assert.deepEqual(checkWhere(["st=180"]), [{ field: "st", op: "=", value: "180" }]);
 * ```
 */
export function checkWhere(where: unknown): WhereClause[] {
  if (where === undefined) return [];
  if (!Array.isArray(where)) {
    throw new RangeError(
      `Invalid option "where": expected an array of clauses, got ${show(where)}`,
    );
  }
  return where.map((clause: unknown) => {
    if (typeof clause === "string") return parseWhereClause(clause);
    const c = clause as Partial<WhereClause> | null;
    if (
      c === null || typeof c !== "object" || typeof c.field !== "string" || c.field === "" ||
      typeof c.op !== "string" || !OPERATORS.has(c.op) || typeof c.value !== "string"
    ) {
      throw new RangeError(
        `Invalid option "where": ${
          show(clause)
        } is not a clause { field, op, value } with op one of = != < <= > >= ~`,
      );
    }
    return { field: c.field, op: c.op, value: c.value };
  });
}

/**
 * The value a where field reads for the genome in scope (`"genomes"`): its trait under
 * `traitKeyOf(field)`; for `species` and `genus` without a GTDB-Tk trait, the organism Bakta
 * recorded (`genomes.genus` and `genomes.species`).
 */
function fieldValue(field: string): Expression<string | null> {
  const key = traitKeyOf(field);
  const trait = sql<string | null>`(select ${sql.ref("t.value")} from ${
    sql.table("genome_traits")
  } as ${sql.id("t")} where ${sql.ref("t.genome_id")} = ${sql.ref("genomes.id")} and ${
    sql.ref("t.key")
  } = ${key})`;
  if (key === K.gtdbSpecies) {
    return sql`coalesce(${trait}, nullif(trim(coalesce(${
      sql.ref("genomes.genus")
    }, '') || ' ' || coalesce(${sql.ref("genomes.species")}, '')), ''))`;
  }
  if (key === K.gtdbGenus) return sql`coalesce(${trait}, ${sql.ref("genomes.genus")})`;
  return trait;
}

/**
 * Whether a stored text reads as a number (digits with an optional sign, point and exponent), in
 * SQL; an approximation of {@linkcode NUMBER} with GLOB patterns.
 */
function isNumber(value: Expression<string | null>): Expression<SqlBool> {
  return sql<
    SqlBool
  >`(${value} glob '[0-9+.-]*' and ${value} glob '*[0-9]*' and ${value} not glob '*[^0-9.eE+-]*' and (${value} glob '*[0-9]' or ${value} glob '*.'))`;
}

/** The stored value as a number where it reads as one, in PostgreSQL (its regular expressions). */
const PG_NUMBER = String.raw`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`;

/**
 * One clause as an SQL condition on the genome in scope: SQLite's `instr`/`glob` forms, or on
 * PostgreSQL `strpos` and a regular expression (with `double precision`, not `real`, and text
 * compared by code point as SQLite does).
 */
function clauseCondition(clause: WhereClause, postgres: boolean): Expression<SqlBool> {
  const value = fieldValue(clause.field);
  if (clause.op === "~") {
    const find = postgres ? sql.raw("strpos") : sql.raw("instr");
    return sql<SqlBool>`${find}(lower(${value}), lower(${clause.value})) > 0`;
  }
  const op = sql.raw(clause.op satisfies WhereOperator);
  const text = postgres
    ? sql<SqlBool>`${value} collate "C" ${op} ${clause.value}`
    : sql<SqlBool>`${value} ${op} ${clause.value}`;
  if (!NUMBER.test(clause.value)) return text;
  const number = Number(clause.value);
  if (postgres) {
    return sql<
      SqlBool
    >`(case when ${value} ~ ${PG_NUMBER} then cast(${value} as double precision) ${op} ${number} else ${text} end)`;
  }
  return sql<SqlBool>`(case when ${
    isNumber(value)
  } then cast(${value} as real) ${op} ${number} else ${text} end)`;
}

/**
 * The where clauses as one SQL condition on the genome in scope (a query over `genomes`):
 * `=`, `!=`, `<`, `<=`, `>`, `>=` compare numbers when both the clause's value and the stored
 * value read as numbers, else text (case-sensitive); `~` is "contains, ignoring case" (ASCII).
 * A genome without the trait fails every clause on it.
 *
 * The SQL emitted for `completeness>=95` (one subquery per clause):
 *
 * ```sql
 * (case when (v glob '[0-9+.-]*' and …) then cast(v as real) >= ? else v >= ? end)
 * -- where v is (select "t"."value" from "genome_traits" as "t"
 * --   where "t"."genome_id" = "genomes"."id" and "t"."key" = 'checkm2.completeness')
 * ```
 *
 * On PostgreSQL (`db` given and on PostgreSQL) the same clauses use `strpos` for `~`, a regular
 * expression for "reads as a number", `double precision` and `collate "C"`.
 *
 * @param where The clauses (text or parsed).
 * @param db The database the condition is for (its dialect); SQLite's SQL without it.
 * @returns The condition, or undefined when there is no clause.
 * @throws {SyntaxError} When a text clause is not `FIELD OP VALUE`.
 * @throws {RangeError} When a clause is malformed.
 *
 * @example Genomes of a sequence type, in a query of one's own
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { genomeCondition } from "./select_genomes.ts";
 * const db = await openDatabase(":memory:");
 * for (const [name, st] of [["G1", "180"], ["G2", "36"]]) {
 *   const { id } = await db.insertInto("genomes").values({ name }).returning("id").executeTakeFirstOrThrow();
 *   await db.insertInto("genome_traits").values({ genome_id: id, key: "mlst.sequence_type", value: st }).execute();
 * }
 * const rows = await db.selectFrom("genomes").select("name").where(genomeCondition(["st>100"])!).execute();
 * assert.deepEqual(rows, [{ name: "G1" }]); // 180 > 100 as numbers, though "36" > "100" as text
 * await db.destroy();
 * ```
 */
export function genomeCondition(
  where: readonly (string | WhereClause)[] | undefined,
  // deno-lint-ignore no-explicit-any
  db?: Kysely<any>,
): Expression<SqlBool> | undefined {
  const clauses = checkWhere(where);
  if (clauses.length === 0) return undefined;
  const postgres = db !== undefined && isPostgres(db);
  const conditions = clauses.map((clause) => clauseCondition(clause, postgres));
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/**
 * The selected genomes as a query over `genomes` (`id`, `name`, ordered by name), to run or to
 * use as a subquery.
 *
 * The SQL emitted: `select "genomes"."id", "genomes"."name" from "genomes"
 * [where "genomes"."name" in (…)] [and (…the clauses…)] order by "genomes"."name"`.
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns The query builder.
 * @throws {TypeError} When `genomes` is not an array of names.
 * @throws {SyntaxError} When a where clause cannot be read.
 * @throws {RangeError} When a where clause is malformed.
 *
 * @example Species by Bakta's organism
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { selectGenomesQuery } from "./select_genomes.ts";
 * const db = await openDatabase(":memory:");
 * await db.insertInto("genomes").values([{ name: "G1", genus: "Streptococcus", species: "pneumoniae" }, { name: "G2" }]).execute();
 * const rows = await selectGenomesQuery(db, { where: ["species~pneumo"] }).execute();
 * assert.deepEqual(rows.map((r) => r.name), ["G1"]);
 * await db.destroy();
 * ```
 */
export function selectGenomesQuery(
  db: Kysely<Database>,
  options: SelectGenomesOptions = {},
): SelectQueryBuilder<Database, "genomes", { id: number; name: string }> {
  const { genomes } = options;
  checkNames(genomes, "genomes");
  let query = db.selectFrom("genomes").select(["genomes.id", "genomes.name"]);
  if (genomes !== undefined) {
    query = genomes.length === 0
      ? query.where(sql<boolean>`1 = 0`)
      : query.where("genomes.name", "in", [...genomes]);
  }
  const condition = genomeCondition(options.where, db);
  if (condition !== undefined) query = query.where(condition);
  return query.orderBy("genomes.name");
}

/**
 * The selected genomes (`id`, `name`, by name). Unlike the query, names that are no genome's are
 * an error.
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns The genomes.
 * @throws {NotFoundError} When a named genome does not exist.
 * @throws {SyntaxError} When a where clause cannot be read.
 *
 * @example By trait, numerically
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { setTraits } from "../store/traits_repository.ts";
 * import { selectGenomes } from "./select_genomes.ts";
 * const db = await openDatabase(":memory:");
 * for (const [name, completeness] of [["G1", "99.5"], ["G2", "80"]]) {
 *   const { id } = await db.insertInto("genomes").values({ name }).returning("id").executeTakeFirstOrThrow();
 *   await setTraits(db, id, { "checkm2.completeness": completeness });
 * }
 * const selected = await selectGenomes(db, { where: ["completeness>=95"] });
 * assert.deepEqual(selected.map((g) => g.name), ["G1"]);
 * await db.destroy();
 * ```
 */
export async function selectGenomes(
  db: Kysely<Database>,
  options: SelectGenomesOptions = {},
): Promise<{ id: number; name: string }[]> {
  const rows = await selectGenomesQuery(db, options).execute();
  if (options.genomes !== undefined && options.genomes.length > 0) {
    const known = await db.selectFrom("genomes").select("name")
      .where("name", "in", [...options.genomes]).execute();
    const names = new Set(known.map((g) => g.name));
    const missing = options.genomes.find((name) => !names.has(name));
    if (missing !== undefined) throw new NotFoundError("genome", missing);
  }
  return rows;
}
