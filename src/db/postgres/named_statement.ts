/**
 * Named prepared statements on PostgreSQL: a fixed statement that the `pg` driver sends as
 * `{ name, text, values }`, so that each pooled connection parses it once and then only binds
 * and executes it (the server keeps its plan; after five executions a generic plan, when that is
 * no dearer than the custom ones, is planned no more). The statement goes through Kysely like any
 * other, carrying its name and values as a single {@linkcode NamedStatementValues} parameter that
 * the pool's connections (see `openPostgres`) unwrap.
 *
 * @module
 */

import { CompiledQuery } from "../../deps/kysely.ts";

/** The name and values of one execution of a named statement, passed as its only parameter. */
export class NamedStatementValues {
  /** The statement's name, unique per statement text within a connection. */
  readonly name: string;
  /** The values of `$1`, `$2`, … */
  readonly values: readonly unknown[];

  /**
   * @param name The statement's name.
   * @param values The values of its parameters.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { NamedStatementValues } from "./named_statement.ts";
   * const values = new NamedStatementValues("baktadb_region", ["g1", null]);
   * assert.deepEqual(values.values, ["g1", null]);
   * ```
   */
  constructor(name: string, values: readonly unknown[]) {
    this.name = name;
    this.values = Object.freeze([...values]);
  }
}

/**
 * A query that runs `text` as the named prepared statement `name` with `values` on a database
 * opened with `openPostgres` (on another engine it fails: the parameter is not a value). Execute
 * it with `db.executeQuery(…)`.
 *
 * @param name The statement's name (one per text: the driver refuses a name reused for another
 *   text on the same connection).
 * @param text The statement, with `$1`, `$2`, … placeholders.
 * @param values The values of the placeholders.
 * @returns The compiled query.
 * @throws {TypeError} When `name` is not a non-empty string.
 *
 * @example The query carries the name and values as one parameter
 * ```ts
 * import assert from "node:assert/strict";
 * import { isNamedStatement, namedStatement } from "./named_statement.ts";
 * const query = namedStatement("baktadb_answer", "select $1::int + 1 as n", [41]);
 * assert.equal(query.sql, "select $1::int + 1 as n");
 * assert.ok(isNamedStatement(query.parameters));
 * assert.deepEqual(query.parameters[0].values, [41]);
 * ```
 */
export function namedStatement(
  name: string,
  text: string,
  values: readonly unknown[],
): CompiledQuery & { parameters: [NamedStatementValues] } {
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`Invalid statement name: expected a non-empty string, got ${name}`);
  }
  return CompiledQuery.raw(text, [new NamedStatementValues(name, values)]) as
    & CompiledQuery
    & { parameters: [NamedStatementValues] };
}

/**
 * Whether a query's parameters are those of a named statement.
 *
 * @param parameters The query's parameters.
 * @returns True for exactly one {@linkcode NamedStatementValues}.
 *
 * @example
 * ```ts
 * import { isNamedStatement, NamedStatementValues } from "./named_statement.ts";
 * if (!isNamedStatement([new NamedStatementValues("s", [])])) throw new Error("named expected");
 * if (isNamedStatement(["s"])) throw new Error("a plain value");
 * ```
 */
export function isNamedStatement(
  parameters: readonly unknown[] | undefined,
): parameters is [NamedStatementValues] {
  return parameters?.length === 1 && parameters[0] instanceof NamedStatementValues;
}
