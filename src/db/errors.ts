/**
 * The errors of the database layer. The SQLite adapter turns driver errors into these, so callers
 * catch a class, never parse a message.
 *
 * @module
 */

/** Options shared by the database errors. */
export interface DatabaseErrorOptions {
  /** The driver's error code, e.g. `SQLITE_CONSTRAINT_UNIQUE`, where there is one. */
  code?: string;
  /** The SQL that failed, where known. */
  sql?: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * A database operation failed.
 *
 * @example Catching any database error
 * ```ts
 * import { DatabaseError } from "./errors.ts";
 * const error = new DatabaseError("Cannot open x.sqlite: not a database", { code: "SQLITE_NOTADB" });
 * if (!(error instanceof Error) || error.code !== "SQLITE_NOTADB") throw error;
 * ```
 */
export class DatabaseError extends Error {
  /** The driver's error code, where there is one. */
  readonly code?: string;
  /** The SQL that failed, where known. */
  readonly sql?: string;

  /**
   * @param message What failed.
   * @param options Code, SQL and cause.
   */
  constructor(message: string, options: DatabaseErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "DatabaseError";
    this.code = options.code;
    this.sql = options.sql;
  }
}

/** The kinds of integrity constraint. */
export type ConstraintKind =
  | "unique"
  | "foreign-key"
  | "check"
  | "not-null"
  | "primary-key"
  | "other";

/**
 * A write broke an integrity constraint (foreign key, uniqueness, check, not null).
 *
 * @example Telling a uniqueness violation
 * ```ts
 * import { ConstraintError } from "./errors.ts";
 * const error = new ConstraintError("unique", "UNIQUE constraint failed: genomes.name");
 * if (error.constraint !== "unique" || error.name !== "ConstraintError") throw error;
 * ```
 */
export class ConstraintError extends DatabaseError {
  /** Which kind of constraint failed. */
  readonly constraint: ConstraintKind;

  /**
   * @param constraint Which kind of constraint failed.
   * @param message The driver's message (names the table/column where SQLite does).
   * @param options Code, SQL and cause.
   */
  constructor(constraint: ConstraintKind, message: string, options: DatabaseErrorOptions = {}) {
    super(message, options);
    this.name = "ConstraintError";
    this.constraint = constraint;
  }
}

/**
 * The database stayed busy or locked by another connection for longer than the retries allowed.
 *
 * @example
 * ```ts
 * import { BusyError, DatabaseError } from "./errors.ts";
 * if (!(new BusyError("database is locked") instanceof DatabaseError)) throw new Error();
 * ```
 */
export class BusyError extends DatabaseError {
  /**
   * @param message The driver's message.
   * @param options Code, SQL and cause.
   */
  constructor(message: string, options: DatabaseErrorOptions = {}) {
    super(message, options);
    this.name = "BusyError";
  }
}

/**
 * The database refused the work to this user: e.g. a write through a read-only PostgreSQL role
 * (SQLSTATE `42501`, insufficient privilege).
 *
 * @example
 * ```ts
 * import { DatabaseError, PermissionError } from "./errors.ts";
 * const error = new PermissionError("permission denied for table genomes", { code: "42501" });
 * if (!(error instanceof DatabaseError) || error.code !== "42501") throw error;
 * ```
 */
export class PermissionError extends DatabaseError {
  /**
   * @param message The driver's message (names the table).
   * @param options Code, SQL and cause.
   */
  constructor(message: string, options: DatabaseErrorOptions = {}) {
    super(message, options);
    this.name = "PermissionError";
  }
}

/**
 * A migration failed, or the database's schema is not the one this version of baktadb needs.
 *
 * @example
 * ```ts
 * import { MigrationError } from "./errors.ts";
 * const error = new MigrationError("Migration 0002_genome_traits failed", { migration: "0002_genome_traits" });
 * if (error.migration !== "0002_genome_traits") throw error;
 * ```
 */
export class MigrationError extends DatabaseError {
  /** The migration that failed, where one did. */
  readonly migration?: string;

  /**
   * @param message What failed and what to do.
   * @param options The migration, and the cause.
   */
  constructor(message: string, options: DatabaseErrorOptions & { migration?: string } = {}) {
    super(message, options);
    this.name = "MigrationError";
    this.migration = options.migration;
  }
}

/**
 * The database's schema was made by a newer baktadb: it records a migration this version does not
 * know, so this version must not read or migrate it.
 *
 * @example
 * ```ts
 * import { MigrationError, SchemaTooNewError } from "./errors.ts";
 * const error = new SchemaTooNewError("0009_future", "0003_feature_family");
 * if (!(error instanceof MigrationError) || error.schema !== "0009_future") throw error;
 * ```
 */
export class SchemaTooNewError extends MigrationError {
  /** The newest migration the database records (its schema version). */
  readonly schema: string;
  /** The newest migration this baktadb knows. */
  readonly latest: string;

  /**
   * @param schema The newest migration the database records.
   * @param latest The newest migration this baktadb knows.
   */
  constructor(schema: string, latest: string) {
    super(
      `The database is at schema ${schema}, newer than this baktadb knows (up to ${latest}): ` +
        `open it with a newer baktadb`,
    );
    this.name = "SchemaTooNewError";
    this.schema = schema;
    this.latest = latest;
  }
}

/**
 * A looked-up row does not exist.
 *
 * @example
 * ```ts
 * import { NotFoundError } from "./errors.ts";
 * const error = new NotFoundError("genome", "CI-8050");
 * if (error.message !== 'No genome "CI-8050"') throw error;
 * ```
 */
export class NotFoundError extends DatabaseError {
  /** What was looked for, e.g. `genome`. */
  readonly entity: string;
  /** The key it was looked for by. */
  readonly key: string;

  /**
   * @param entity What was looked for, e.g. `genome`.
   * @param key The key it was looked for by.
   */
  constructor(entity: string, key: string | number) {
    super(`No ${entity} "${key}"`);
    this.name = "NotFoundError";
    this.entity = entity;
    this.key = String(key);
  }
}
