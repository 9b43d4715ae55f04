/**
 * Dialect facts the migrations need, frozen with them: the one seam between portable SQL and
 * engine-specific features (SQLite: FTS5, R*Tree; PostgreSQL: `tsvector` + GIN, GiST on
 * `int8range`). Migrations must not import from `src/` so that they stay as
 * they were written.
 *
 * @module
 */

import { type Kysely, sql, SqliteAdapter } from "../src/deps/kysely.ts";

/** True when `db` runs on SQLite. */
// deno-lint-ignore no-explicit-any
export function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** The SQL type of an autoincrement surrogate key. */
// deno-lint-ignore no-explicit-any
export function idType(db: Kysely<any>): "integer" | "serial" {
  return isSqlite(db) ? "integer" : "serial";
}

/** An expression for "now" as ISO 8601 UTC text, for column defaults. */
// deno-lint-ignore no-explicit-any
export function nowIso(db: Kysely<any>) {
  return isSqlite(db)
    ? sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
    : sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
}

/** The SQL type of binary content. */
// deno-lint-ignore no-explicit-any
export function blobType(db: Kysely<any>): "blob" | "bytea" {
  return isSqlite(db) ? "blob" : "bytea";
}

/** The SQL type of a floating-point number stored exactly as JavaScript's (64-bit). */
// deno-lint-ignore no-explicit-any
export function floatType(db: Kysely<any>): "real" | "double precision" {
  return isSqlite(db) ? "real" : "double precision";
}

/**
 * The table option that stores a table in its primary key's b-tree (`without rowid` on SQLite,
 * where a composite key would otherwise be kept twice); nothing elsewhere (a PostgreSQL table is a
 * heap with its key in an index either way).
 */
// deno-lint-ignore no-explicit-any
export function withoutRowid(db: Kysely<any>) {
  return isSqlite(db) ? sql`without rowid` : sql``;
}
