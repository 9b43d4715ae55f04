/**
 * From Kysely queries and row arrays to Arquero tables, with column types kept.
 *
 * @module
 */

import { type ColumnTable, table } from "../deps/arquero.ts";
import type { OperationNode } from "../deps/kysely.ts";

/** Anything executable that returns rows and exposes its operation tree: a Kysely query. */
export interface ExecutableQuery<R> {
  /** Runs the query. */
  execute(): Promise<R[]>;
  /** The query's operation tree (for the column names of an empty result). */
  toOperationNode(): OperationNode;
}

/** Options of {@linkcode toTable} and {@linkcode rowsToTable}. */
export interface ToTableOptions {
  /**
   * The column names and their order. By default: the query's selection (so an empty result keeps
   * its columns), else the first row's keys.
   * @default undefined
   */
  columns?: readonly string[];
}

/**
 * Runs a Kysely query (or takes rows) and returns an Arquero table with one column per selected
 * column, in selection order. Values keep their types: numbers stay numbers, strings strings,
 * `null` stays `null`, blobs stay `Uint8Array`; a `bigint` becomes a number when it is a safe
 * integer and stays a `bigint` otherwise. An empty result of a query keeps the query's columns
 * (read from its selection; a `selectAll()` cannot be read that way: pass `columns`).
 *
 * @param source A Kysely select query (executed here) or an array of row objects.
 * @param options The column names, when neither the selection nor the rows tell.
 * @returns A promise of the table.
 * @throws {TypeError} When `source` is neither a query nor an array of objects.
 *
 * @example A query whose result is empty keeps its columns
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { toTable } from "./to_table.ts";
 *
 * const db = await openDatabase(":memory:");
 * const empty = await toTable(db.selectFrom("genomes").select(["id", "name as genome"]));
 * assert.deepEqual(empty.columnNames(), ["id", "genome"]);
 * assert.equal(empty.numRows(), 0);
 * const rows = await toTable([{ n: 1n, x: null }, { n: 2n, x: 0.5 }]);
 * assert.deepEqual(rows.objects(), [{ n: 1, x: null }, { n: 2, x: 0.5 }]);
 * await db.destroy();
 * ```
 */
export async function toTable<R extends object>(
  source: ExecutableQuery<R> | readonly R[],
  options: ToTableOptions = {},
): Promise<ColumnTable> {
  if (Array.isArray(source)) return rowsToTable(source, options);
  if (isQuery<R>(source)) {
    const rows = await source.execute();
    const columns = options.columns ?? selectionNames(source.toOperationNode());
    return rowsToTable(rows, { columns });
  }
  throw new TypeError(
    `Cannot make a table: expected a Kysely query or an array of rows, got ${
      source === null ? "null" : typeof source
    }`,
  );
}

/**
 * Builds an Arquero table from row objects, converting as {@linkcode toTable} does.
 *
 * @param rows The rows.
 * @param options The column names (default: the first row's keys).
 * @returns The table.
 * @throws {TypeError} When a row is not an object.
 *
 * @example Safe and unsafe bigints
 * ```ts
 * import assert from "node:assert/strict";
 * import { rowsToTable } from "./to_table.ts";
 * const t = rowsToTable([{ a: 2n ** 60n, b: 7n }]);
 * assert.deepEqual(t.objects(), [{ a: 2n ** 60n, b: 7 }]);
 * ```
 */
export function rowsToTable(
  rows: readonly object[],
  options: ToTableOptions = {},
): ColumnTable {
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object") {
      throw new TypeError(`Cannot make a table: row ${i} is ${row === null ? "null" : typeof row}`);
    }
  });
  const names = options.columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  const columns = new Map<string, unknown[]>();
  for (const name of names) {
    const values = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      values[i] = toValue((rows[i] as Record<string, unknown>)[name]);
    }
    columns.set(name, values);
  }
  return table(columns, [...names]);
}

/**
 * The output column names of a select query, read from its operation tree: aliases, and the
 * column name of plain references. `undefined` when a selection cannot be named (a `select *`
 * or an unaliased expression), or when the node is not a select.
 *
 * @param node A query's `toOperationNode()`.
 * @returns The names in selection order, or `undefined`.
 *
 * @example Aliases and columns
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { selectionNames } from "./to_table.ts";
 * const db = await openDatabase(":memory:");
 * const q = db.selectFrom("genomes").select(["genomes.id", "name as genome"]);
 * assert.deepEqual(selectionNames(q.toOperationNode()), ["id", "genome"]);
 * await db.destroy();
 * ```
 */
export function selectionNames(node: OperationNode): string[] | undefined {
  const select = node as OperationNode & { selections?: readonly OperationNode[] };
  if (select.kind !== "SelectQueryNode" || select.selections === undefined) return undefined;
  const names: string[] = [];
  for (const selectionNode of select.selections) {
    const name = nameOf((selectionNode as OperationNode & { selection: OperationNode }).selection);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

// deno-lint-ignore no-explicit-any
function nameOf(node: any): string | undefined {
  switch (node?.kind) {
    case "AliasNode":
      return node.alias?.kind === "IdentifierNode" ? node.alias.name : undefined;
    case "ReferenceNode":
      return node.column?.kind === "ColumnNode" ? node.column.column.name : undefined;
    case "ColumnNode":
      return node.column.name;
    default:
      return undefined;
  }
}

function isQuery<R>(value: unknown): value is ExecutableQuery<R> {
  return value !== null && typeof value === "object" &&
    typeof (value as ExecutableQuery<R>).execute === "function" &&
    typeof (value as ExecutableQuery<R>).toOperationNode === "function";
}

function toValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  return value;
}
