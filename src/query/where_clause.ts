/**
 * `--where` clauses: `species~Streptococcus`, `completeness>=95`, `st=180`, `penicillin=R`. One parser
 * for every command that selects genomes (cohort tables, association, BakRep search), and the short
 * names users type for the stored metadata keys.
 *
 * @module
 */

import { GENOME_METADATA_KEYS as K, GTDB_RANK_KEYS } from "../formats/genome_metadata_keys.ts";

/** A comparison operator of a where clause; `~` means "contains, ignoring case". */
export type WhereOperator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "~";

/** One parsed `FIELD OP VALUE` clause. */
export interface WhereClause {
  /** The field as typed (a short name, a trait key or a full field path). */
  field: string;
  /** The operator; `==` is read as `=`. */
  op: WhereOperator;
  /** The value as typed, surrounding quotes removed. */
  value: string;
}

/**
 * Short names users type, mapped to the stored genome trait keys. Any other field is taken as a
 * trait key as it is (a sample-sheet column such as `penicillin`).
 */
export const WHERE_SHORT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  source: K.source,
  bakrep: K.bakrepId,
  ...GTDB_RANK_KEYS,
  completeness: K.completeness,
  contamination: K.contamination,
  scheme: K.mlstScheme,
  st: K.sequenceType,
  contigs: K.assemblyContigs,
  n50: K.assemblyN50,
});

const CLAUSE = /^\s*([A-Za-z_][\w.\-]*)\s*(==|!=|<=|>=|=|<|>|~)\s*(.*?)\s*$/s;

/**
 * Parses one `FIELD OP VALUE` clause. Operators: `=` (or `==`), `!=`, `<`, `<=`, `>`, `>=` and `~`
 * (contains, ignoring case). A value may be quoted with `"` or `'`.
 *
 * @param text The clause, e.g. `completeness>=95`.
 * @returns The field, operator and value.
 * @throws {SyntaxError} When the text is not `FIELD OP VALUE` or the value is empty.
 *
 * @example A numeric and a text clause
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseWhereClause } from "./where_clause.ts";
 * assert.deepEqual(parseWhereClause("completeness>=95"), { field: "completeness", op: ">=", value: "95" });
 * assert.deepEqual(parseWhereClause('species~"Streptococcus pneumoniae"'), {
 *   field: "species", op: "~", value: "Streptococcus pneumoniae",
 * });
 * ```
 */
export function parseWhereClause(text: string): WhereClause {
  const match = CLAUSE.exec(text);
  if (!match) {
    throw new SyntaxError(
      `Cannot read the where clause ${JSON.stringify(text)}: expected FIELD OP VALUE ` +
        `with OP one of = != < <= > >= ~, e.g. completeness>=95`,
    );
  }
  const value = unquote(match[3]);
  if (value.length === 0) {
    throw new SyntaxError(
      `Cannot read the where clause ${JSON.stringify(text)}: the value is empty`,
    );
  }
  const op = match[2] === "==" ? "=" : match[2] as WhereOperator;
  return { field: match[1], op, value };
}

/**
 * The stored trait key a where field names: a short name's key, else the field itself.
 *
 * @param field The field as typed.
 * @returns The trait key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { traitKeyOf } from "./where_clause.ts";
 * assert.deepEqual(traitKeyOf("st"), "mlst.sequence_type");
 * assert.deepEqual(traitKeyOf("penicillin"), "penicillin");
 * ```
 */
export function traitKeyOf(field: string): string {
  return Object.hasOwn(WHERE_SHORT_NAMES, field) ? WHERE_SHORT_NAMES[field] : field;
}

function unquote(value: string): string {
  const first = value[0];
  if ((first === '"' || first === "'") && value.length >= 2 && value.at(-1) === first) {
    return value.slice(1, -1);
  }
  return value;
}
