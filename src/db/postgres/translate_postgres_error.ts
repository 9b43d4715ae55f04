/**
 * PostgreSQL errors as baktadb's database errors.
 *
 * @module
 */

import {
  BusyError,
  ConstraintError,
  type ConstraintKind,
  DatabaseError,
  PermissionError,
} from "../errors.ts";

/** Constraint kinds by SQLSTATE (class 23, integrity constraint violation). */
const CONSTRAINT_KINDS: ReadonlyMap<string, ConstraintKind> = new Map([
  ["23505", "unique"],
  ["23503", "foreign-key"],
  ["23514", "check"],
  ["23502", "not-null"],
]);

/**
 * SQLSTATEs after which the whole transaction may succeed when run again: serialization failure,
 * deadlock, lock not available.
 */
const RETRYABLE = new Set(["40001", "40P01", "55P03"]);

/**
 * Turns an error of the `pg` driver into a `ConstraintError` (class 23; a unique violation of a
 * constraint named `…_pkey` or `…_pk` is a primary-key one), a `BusyError` (a
 * serialization failure, deadlock or lock timeout: `transaction()` retries those), a
 * `PermissionError` (`42501`) or a `DatabaseError`; anything without a SQLSTATE is returned
 * unchanged.
 *
 * @param error What the driver threw.
 * @param sql The statement that failed, where known.
 * @returns The translated error.
 *
 * @example A read-only role's insert
 * ```ts
 * import { PermissionError } from "../errors.ts";
 * import { translatePostgresError } from "./translate_postgres_error.ts";
 * const driverError = Object.assign(new Error("permission denied for table genomes"), {
 *   code: "42501",
 * });
 * const translated = translatePostgresError(driverError, "insert into genomes …");
 * if (!(translated instanceof PermissionError)) throw new Error("expected a PermissionError");
 * ```
 */
export function translatePostgresError(error: unknown, sql?: string): unknown {
  if (!(error instanceof Error) || error instanceof DatabaseError) return error;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return error;
  const options = { code, sql, cause: error };
  if (code.startsWith("23")) {
    const name = (error as Error & { constraint?: unknown }).constraint;
    const primary = code === "23505" && typeof name === "string" && /_(pkey|pk)$/.test(name);
    return new ConstraintError(
      primary ? "primary-key" : CONSTRAINT_KINDS.get(code) ?? "other",
      error.message,
      options,
    );
  }
  if (RETRYABLE.has(code)) return new BusyError(error.message, options);
  if (code === "42501") return new PermissionError(error.message, options);
  return new DatabaseError(error.message, options);
}
