/**
 * Runs the migrations of `migrations/` with Kysely's `Migrator`, and reports where a database
 * stands.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import {
  type Migration,
  type MigrationInfo,
  type MigrationProvider,
  type MigrationResult,
  type MigrationResultSet,
  Migrator,
} from "../deps/kysely_migration.ts";
import { MIGRATIONS } from "../../migrations/mod.ts";
import type { Database } from "./schema.ts";
import { MigrationError, SchemaTooNewError } from "./errors.ts";
import { withWriteLock } from "./transaction.ts";
import { pausePoint } from "./pause_point.ts";

/** One migration and whether it has run. */
export interface MigrationState {
  /** The migration's name, e.g. `0001_initial`. */
  name: string;
  /** When it ran, or null when it has not. */
  executedAt: Date | null;
}

/** Where a database's schema stands. */
export interface MigrationStatus {
  /** Every migration this baktadb knows, in order. */
  migrations: MigrationState[];
  /** The name of the last migration that ran, or null for an empty database. */
  current: string | null;
  /** The name of the newest migration this baktadb knows. */
  latest: string;
  /** The migrations still to run. */
  pending: string[];
}

/** One step of a migration run, Kysely-style. */
export interface MigrationStep {
  /** The migration's name. */
  name: string;
  /** `up` or `down`. */
  direction: "Up" | "Down";
  /** `Success`, `Error` or `NotExecuted`. */
  status: MigrationResult["status"];
}

/**
 * A provider serving the static record of `migrations/mod.ts`. Each `up` ends at a test-only
 * pause point (`migrate:<name>`), where the crash tests kill a migration half done.
 */
const STATIC_PROVIDER: MigrationProvider = {
  getMigrations: () =>
    Promise.resolve(Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, migration]) => [name, {
        ...migration,
        up: async (db: Parameters<Migration["up"]>[0]) => {
          await migration.up(db);
          await pausePoint(`migrate:${name}`);
        },
      }]),
    )),
};

/** The names of every migration this baktadb knows, in order. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

/**
 * Creates Kysely's `Migrator` over the project's migrations.
 *
 * @param db The database.
 * @returns The migrator.
 *
 * @example Listing the migrations Kysely knows
 * ```ts
 * import { openDatabase } from "./open_database.ts";
 * import { createMigrator, MIGRATION_NAMES } from "./migrator.ts";
 * const db = await openDatabase(":memory:");
 * const infos = await createMigrator(db).getMigrations();
 * if (infos.length !== MIGRATION_NAMES.length) throw new Error("unexpected migrations");
 * if (infos.some((info) => info.executedAt === undefined)) throw new Error("not all ran");
 * await db.destroy();
 * ```
 */
export function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: STATIC_PROVIDER });
}

/**
 * Tells which migrations have run and which are pending.
 *
 * @param db The database.
 * @returns The status.
 * @throws {SchemaTooNewError} When the database records a migration this baktadb does not know.
 *
 * @example A fresh in-memory database is empty
 * ```ts
 * import { openDatabase } from "./open_database.ts";
 * import { migrationStatus } from "./migrator.ts";
 * const db = await openDatabase(":memory:", { migrate: false });
 * const status = await migrationStatus(db);
 * if (status.current !== null || status.pending.length === 0) throw new Error("unexpected");
 * await db.destroy();
 * ```
 */
export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
  const infos: readonly MigrationInfo[] = await createMigrator(db).getMigrations();
  const migrations = infos.map((info) => ({
    name: info.name,
    executedAt: info.executedAt ?? null,
  }));
  const executed = migrations.filter((m) => m.executedAt !== null);
  const unknown = await unknownMigrations(db, migrations.map((m) => m.name));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown.at(-1)!, MIGRATION_NAMES.at(-1)!);
  return {
    migrations,
    current: executed.at(-1)?.name ?? null,
    latest: MIGRATION_NAMES.at(-1)!,
    pending: migrations.filter((m) => m.executedAt === null).map((m) => m.name),
  };
}

async function unknownMigrations(db: Kysely<Database>, known: string[]): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === "kysely_migration")) return [];
  // deno-lint-ignore no-explicit-any
  const rows = await (db as Kysely<any>).selectFrom("kysely_migration").select("name")
    .orderBy("name").execute();
  return rows.map((r: { name: string }) => r.name).filter((name: string) => !known.includes(name));
}

/**
 * Migrates the database to the newest schema.
 *
 * @param db The database.
 * @returns The steps that ran.
 * @throws {MigrationError} When a migration fails (it is rolled back), or
 *   {@linkcode SchemaTooNewError} when a newer baktadb made the schema.
 *
 * @example Migrating an empty database
 * ```ts
 * import { openDatabase } from "./open_database.ts";
 * import { MIGRATION_NAMES, migrateToLatest } from "./migrator.ts";
 * const db = await openDatabase(":memory:", { migrate: false });
 * const steps = await migrateToLatest(db);
 * if (steps.length !== MIGRATION_NAMES.length) throw new Error("not every migration ran");
 * if (steps.some((step) => step.direction !== "Up" || step.status !== "Success")) {
 *   throw new Error("a migration failed");
 * }
 * if ((await migrateToLatest(db)).length !== 0) throw new Error("ran twice");
 * await db.destroy();
 * ```
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationStep[]> {
  return await migrateLocked(db, (migrator) => migrator.migrateToLatest());
}

/**
 * Undoes the newest migration that ran.
 *
 * @param db The database.
 * @returns The step that ran (none on an empty database).
 * @throws {MigrationError} When the migration fails (it is rolled back).
 *
 * @example Undoing the newest migration
 * ```ts
 * import { openDatabase } from "./open_database.ts";
 * import { MIGRATION_NAMES, migrateDown, migrationStatus } from "./migrator.ts";
 * const db = await openDatabase(":memory:");
 * const [step] = await migrateDown(db);
 * if (step.name !== MIGRATION_NAMES.at(-1) || step.direction !== "Down") throw new Error("step");
 * const status = await migrationStatus(db);
 * if (status.pending.length !== 1) throw new Error("expected one pending migration");
 * await db.destroy();
 * ```
 */
export async function migrateDown(db: Kysely<Database>): Promise<MigrationStep[]> {
  return await migrateLocked(db, (migrator) => migrator.migrateDown());
}

/**
 * Migrates up or down to the named migration.
 *
 * @param db The database.
 * @param name A migration name from {@linkcode MIGRATION_NAMES}.
 * @returns The steps that ran.
 * @throws {MigrationError} When a migration fails or the name is unknown.
 *
 * @example Migrating up to the first migration only
 * ```ts
 * import { openDatabase } from "./open_database.ts";
 * import { MIGRATION_NAMES, migrateTo, migrationStatus } from "./migrator.ts";
 * const db = await openDatabase(":memory:", { migrate: false });
 * const steps = await migrateTo(db, MIGRATION_NAMES[0]);
 * if (steps.length !== 1 || steps[0].name !== MIGRATION_NAMES[0]) throw new Error("steps");
 * const status = await migrationStatus(db);
 * if (status.current !== MIGRATION_NAMES[0]) throw new Error("not at the first migration");
 * await db.destroy();
 * ```
 */
export async function migrateTo(db: Kysely<Database>, name: string): Promise<MigrationStep[]> {
  if (!MIGRATION_NAMES.includes(name)) {
    throw new MigrationError(
      `Cannot migrate to "${name}": no such migration (known: ${MIGRATION_NAMES.join(", ")})`,
    );
  }
  return await migrateLocked(db, (migrator) => migrator.migrateTo(name));
}

/**
 * Runs a migration step on one connection holding the write lock, so that processes opening a
 * fresh file at once migrate it one after the other (Kysely's SQLite adapter has no migration
 * lock and runs migrations outside a transaction): the last to come finds nothing pending. A
 * failed run is rolled back whole.
 */
async function migrateLocked(
  db: Kysely<Database>,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<MigrationStep[]> {
  return await withWriteLock(db, async (conn) => {
    await migrationStatus(conn); // a schema from a newer baktadb is refused before Kysely sees it
    return unwrap(await run(createMigrator(conn)));
  });
}

function unwrap({ error, results = [] }: MigrationResultSet): MigrationStep[] {
  const steps = results.map(({ migrationName, direction, status }) => ({
    name: migrationName,
    direction,
    status,
  }));
  if (error !== undefined) {
    const failed = steps.find((s) => s.status === "Error")?.name;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed ? `Migration ${failed} failed: ${reason}` : `Migrations failed: ${reason}`,
      { migration: failed, cause: error },
    );
  }
  return steps;
}
