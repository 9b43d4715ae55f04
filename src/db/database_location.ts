/**
 * Where the database is: an explicit path, else `BAKTADB_DATABASE`, else `./baktadb.sqlite`.
 *
 * @module
 */

import { redactDatabaseUrl } from "./postgres/postgres_url.ts";

/** The default database file, relative to the working directory. */
export const DEFAULT_DATABASE_PATH = "./baktadb.sqlite";

/** The environment variable that names the database. */
export const DATABASE_ENV_VAR = "BAKTADB_DATABASE";

/**
 * Resolves which database to open.
 *
 * @param explicit A path or URL given by the caller (e.g. `--db`), which wins.
 * @returns The path or URL to open.
 *
 * @example
 * ```ts
 * import { resolveDatabaseLocation } from "./database_location.ts";
 * if (resolveDatabaseLocation("x.sqlite") !== "x.sqlite") throw new Error("unexpected");
 * ```
 */
export function resolveDatabaseLocation(explicit?: string): string {
  if (explicit !== undefined && explicit !== "") return explicit;
  const fromEnv = readEnv(DATABASE_ENV_VAR);
  return fromEnv !== undefined && fromEnv !== "" ? fromEnv : DEFAULT_DATABASE_PATH;
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no --allow-env: the default applies
  }
}

/**
 * Turns a path or URL into a file path for SQLite: `file:` URLs and `sqlite:` prefixes are
 * accepted; `:memory:` stays as it is.
 *
 * @param location A path, `file:` URL, `sqlite:PATH` or `:memory:`.
 * @returns The SQLite path.
 * @throws {RangeError} For a URL of another engine (PostgreSQL URLs are opened by
 *   `openDatabase` before they get here).
 *
 * @example
 * ```ts
 * import { toSqlitePath } from "./database_location.ts";
 * if (toSqlitePath("sqlite:data/x.sqlite") !== "data/x.sqlite") throw new Error("unexpected");
 * if (toSqlitePath("file:///tmp/x.sqlite") !== "/tmp/x.sqlite") throw new Error("unexpected");
 * ```
 */
export function toSqlitePath(location: string): string {
  if (location === ":memory:") return location;
  if (location.startsWith("file:")) return decodeURIComponent(new URL(location).pathname);
  if (location.startsWith("sqlite:")) return location.slice("sqlite:".length).replace(/^\/\//, "");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new RangeError(
      `Cannot open database "${redactDatabaseUrl(location)}": only SQLite files (a path, file: ` +
        `or sqlite: URL) and PostgreSQL (postgres:// URL) are supported`,
    );
  }
  return location;
}
