/**
 * The software and database versions a report names: baktadb, Deno, SQLite and the schema, and
 * the Bakta software and database version of every annotation shown.
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { migrationStatus } from "../db/migrator.ts";

import { BAKTADB_VERSION } from "../version.ts";

export { BAKTADB_VERSION };

/** The software a report was made with. */
export interface ReportVersions {
  /** baktadb's version. */
  baktadb: string;
  /** Deno's version, e.g. `2.9.6`. */
  deno: string;
  /** V8's version. */
  v8: string;
  /** TypeScript's version. */
  typescript: string;
  /** SQLite's version (`select sqlite_version()`), or `null` on another database. */
  sqlite: string | null;
  /** The last schema migration applied, e.g. `0002_genome_traits`, or `null`. */
  schema: string | null;
}

/**
 * Reads the versions of the software a report is made with.
 *
 * @param db The database.
 * @returns A promise of the versions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { reportVersions } from "./report_versions.ts";
 * const db = await openDatabase(":memory:");
 * const versions = await reportVersions(db);
 * assert.match(versions.sqlite ?? "", /^3\.\d+/);
 * assert.equal(versions.deno, Deno.version.deno);
 * await db.destroy();
 * ```
 */
export async function reportVersions(db: Kysely<Database>): Promise<ReportVersions> {
  let sqlite: string | null = null;
  try {
    const result = await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
    sqlite = result.rows[0]?.v ?? null;
  } catch {
    sqlite = null; // not SQLite
  }
  let schema: string | null = null;
  try {
    schema = (await migrationStatus(db)).current;
  } catch {
    schema = null;
  }
  return {
    baktadb: BAKTADB_VERSION,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    sqlite,
    schema,
  };
}
