/**
 * Turning `--where` clauses into a BakRep query, checked against the searchable fields before any
 * search is sent.
 *
 * @module
 */

import type { WhereClause } from "../query/where_clause.ts";
import { BakrepQueryError } from "./bakrep_error.ts";
import type { BakrepQuery, BakrepSearchField, BakrepSort } from "./bakrep_types.ts";

/** Short names users type, mapped to BakRep field paths (full paths work too). */
export const BAKREP_SHORT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  domain: "gtdbtk.classification.domain",
  phylum: "gtdbtk.classification.phylum",
  class: "gtdbtk.classification.class",
  order: "gtdbtk.classification.order",
  family: "gtdbtk.classification.family",
  genus: "gtdbtk.classification.genus",
  species: "gtdbtk.classification.species",
  st: "mlst.sequence_type",
  completeness: "checkm2.quality.completeness",
  contamination: "checkm2.quality.contamination",
  size: "bakta.stats.size",
  contigs: "bakta.stats.no_sequences",
  gc: "bakta.stats.gc",
  n50: "bakta.stats.n50",
  coding_ratio: "bakta.stats.coding_ratio",
  country: "metadata.country",
  host: "metadata.host",
  collection_date: "metadata.collection_date",
  isolation_source: "metadata.isolation_source",
});

/** `--where` operators and BakRep's. */
const OPERATORS: Record<WhereClause["op"], string> = {
  "=": "==",
  "!=": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "~": "~",
};

/**
 * The BakRep field path a typed field names: a short name's path, else the field as typed.
 *
 * @param field The field as typed.
 * @returns The path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bakrepFieldOf } from "./bakrep_query.ts";
 * assert.equal(bakrepFieldOf("st"), "mlst.sequence_type");
 * assert.equal(bakrepFieldOf("metadata.host"), "metadata.host");
 * ```
 */
export function bakrepFieldOf(field: string): string {
  return Object.hasOwn(BAKREP_SHORT_NAMES, field) ? BAKREP_SHORT_NAMES[field] : field;
}

/**
 * Builds the BakRep query of where clauses (all must hold): each field must be searchable and take
 * the operator; numbers are sent as numbers; a field inside a `nested` field is wrapped in a
 * `nested` query.
 *
 * @param clauses The parsed clauses.
 * @param fields The searchable fields (`/search/_info`).
 * @returns `{op: "and", value: [...]}`.
 * @throws {BakrepQueryError} For an unknown field, an operator it does not take, or a number
 * field's value that is not a number; the message lists what is valid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bakrepQuery } from "./bakrep_query.ts";
 * const fields = [{ field: "checkm2.quality.completeness", ops: [">=", "<="], type: "number" as const }];
 * assert.deepEqual(bakrepQuery([{ field: "completeness", op: ">=", value: "95" }], fields), {
 *   op: "and", value: [{ field: "checkm2.quality.completeness", op: ">=", value: 95 }],
 * });
 * assert.throws(() => bakrepQuery([{ field: "colour", op: "=", value: "red" }], fields), /Unknown BakRep field "colour"/);
 * ```
 */
export function bakrepQuery(
  clauses: readonly WhereClause[],
  fields: readonly BakrepSearchField[],
): BakrepQuery {
  const byPath = new Map(fields.map((f) => [f.field, f]));
  return { op: "and", value: clauses.map((clause) => leafOf(clause, byPath)) };
}

function leafOf(clause: WhereClause, byPath: Map<string, BakrepSearchField>): BakrepQuery {
  const path = bakrepFieldOf(clause.field);
  const info = byPath.get(path);
  if (info === undefined || info.type === "nested") throw unknownField(clause.field, byPath);
  const op = OPERATORS[clause.op];
  if (!info.ops.includes(op)) {
    throw new BakrepQueryError(
      `BakRep field "${path}" does not take "${clause.op}": it takes ${info.ops.join(" ")}`,
      clause.field,
    );
  }
  let value: string | number = clause.value;
  if (info.type === "number") {
    value = Number(clause.value);
    if (!Number.isFinite(value)) {
      throw new BakrepQueryError(
        `BakRep field "${path}" is a number: "${clause.value}" is not one`,
        clause.field,
      );
    }
  }
  const leaf: BakrepQuery = { field: path, op, value };
  const parent = [...byPath.values()].find((f) =>
    f.type === "nested" && path.startsWith(`${f.field}.`)
  );
  return parent === undefined ? leaf : { op: "nested", field: parent.field, value: leaf };
}

function unknownField(field: string, byPath: Map<string, BakrepSearchField>): BakrepQueryError {
  const paths = [...byPath.values()].filter((f) => f.type !== "nested").map((f) => f.field);
  const shorts = Object.entries(BAKREP_SHORT_NAMES).filter(([, p]) => byPath.has(p))
    .map(([short]) => short);
  return new BakrepQueryError(
    `Unknown BakRep field "${field}": use a short name (${shorts.join(", ")}) or a field ` +
      `(${paths.join(", ")})`,
    field,
  );
}

/**
 * Parses `--sort FIELD[:asc|desc]` against the searchable fields.
 *
 * @param text E.g. `completeness:desc`.
 * @param fields The searchable fields.
 * @returns The sort key.
 * @throws {BakrepQueryError} For an unknown field or order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bakrepSort } from "./bakrep_query.ts";
 * const fields = [{ field: "checkm2.quality.completeness", ops: [">="], type: "number" as const }];
 * assert.deepEqual(bakrepSort("completeness:desc", fields), { field: "checkm2.quality.completeness", ord: "desc" });
 * ```
 */
export function bakrepSort(text: string, fields: readonly BakrepSearchField[]): BakrepSort {
  const [field, ord = "asc"] = text.split(":");
  const byPath = new Map(fields.map((f) => [f.field, f]));
  const path = bakrepFieldOf(field);
  if (!byPath.has(path) && path !== "id") throw unknownField(field, byPath);
  if (ord !== "asc" && ord !== "desc") {
    throw new BakrepQueryError(`Unknown sort order "${ord}": use asc or desc`, field);
  }
  return { field: path, ord };
}
