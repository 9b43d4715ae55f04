/**
 * Fast bulk inserts. On PostgreSQL: one `COPY … FROM STDIN` per call (`copyRows`). On SQLite: rows
 * go in as `insert … values (…), (…), …` statements of many rows, within SQLite's limit of 32766
 * bound variables; the SQL text of each statement shape is compiled once by Kysely and reused with
 * new parameters.
 *
 * @module
 */

import { CompiledQuery, type Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { copyRows } from "../db/postgres/copy_rows.ts";
import { usesPostgres } from "../db/postgres/lock_for_writing.ts";

/** SQLite's default limit of bound variables per statement (since 3.32). */
export const MAX_VARIABLES = 32766;

/** The most rows one statement carries, whatever the number of columns. */
export const MAX_ROWS_PER_STATEMENT = 500;

/** Compiled SQL texts by dialect, table, columns and row count. */
const TEMPLATES = new Map<string, string>();

/**
 * The rows one statement carries for a number of columns.
 *
 * @param columns How many columns each row has.
 * @returns The chunk size.
 */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_VARIABLES / columns)));
}

/**
 * Inserts rows given as arrays of values (in `columns` order): with COPY on PostgreSQL, in
 * multi-row chunks on SQLite. Either way inside the caller's transaction, if any.
 *
 * @param db The database or transaction.
 * @param table The table.
 * @param columns The columns, in the order of each row's values.
 * @param rows The rows.
 * @returns How many rows were inserted.
 */
export async function bulkInsert(
  db: Kysely<Database>,
  table: keyof Database & string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<number> {
  if (usesPostgres(db)) return await copyRows(db, table, columns, rows);
  const chunk = rowsPerStatement(columns.length);
  for (let at = 0; at < rows.length; at += chunk) {
    const part = rows.slice(at, at + chunk);
    const parameters: unknown[] = new Array(part.length * columns.length);
    let k = 0;
    for (const row of part) {
      for (let c = 0; c < columns.length; c++) parameters[k++] = row[c] ?? null;
    }
    const text = template(db, table, columns, part.length);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
  return rows.length;
}

function template(
  db: Kysely<Database>,
  table: keyof Database & string,
  columns: readonly string[],
  count: number,
): string {
  const dialect = db.getExecutor().adapter.constructor.name;
  const key = `${dialect}\u0000${table}\u0000${columns.join(",")}\u0000${count}`;
  let text = TEMPLATES.get(key);
  if (text === undefined) {
    const blank = Object.fromEntries(columns.map((c) => [c, null]));
    // deno-lint-ignore no-explicit-any
    const values = Array.from({ length: count }, () => blank) as any;
    text = db.insertInto(table).values(values).compile().sql;
    if (TEMPLATES.size > 1000) TEMPLATES.clear();
    TEMPLATES.set(key, text);
  }
  return text;
}
