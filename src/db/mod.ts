/**
 * The database layer: open a database, its typed schema, migrations, transactions and errors.
 *
 * @module
 */

export * from "./schema.ts";
export * from "./errors.ts";
export * from "./open_database.ts";
export * from "./database_location.ts";
export * from "./transaction.ts";
export * from "./migrator.ts";
export * from "./xref_terms.ts";
export { adaptSqlite, translateSqliteError } from "./sqlite_adapter.ts";
