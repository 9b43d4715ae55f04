/**
 * PostgreSQL connection URLs: telling them apart from SQLite paths, hiding their password, and
 * turning one into connection settings with the password taken from the URL, `$PGPASSWORD` or
 * `~/.pgpass` (in that order, as libpq does).
 *
 * @module
 */

import { findPgpassPassword } from "./pgpass.ts";

/** Connection settings of a PostgreSQL URL. */
export interface PostgresConnection {
  /** The host name or address. */
  host: string;
  /** The TCP port. */
  port: number;
  /** The database name. */
  database: string;
  /** The user name. */
  user: string;
  /** The password, when one was found. */
  password?: string;
  /** The URL with its password replaced by `***`, for messages. */
  redacted: string;
}

/** Options of {@linkcode resolvePostgresConnection}. */
export interface PostgresConnectionOptions {
  /**
   * Reads an environment variable (`PGPASSWORD`, `PGPASSFILE`, `HOME`, `USER`).
   * @default Deno.env.get (undefined without --allow-env)
   */
  env?: (name: string) => string | undefined;
  /**
   * Reads the password file; `undefined` when it cannot be read.
   * @default Deno.readTextFileSync (undefined when absent or not allowed)
   */
  readFile?: (path: string) => string | undefined;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Tells whether a database location is a PostgreSQL URL (`postgres://` or `postgresql://`).
 *
 * @param location A path or URL.
 * @returns True for a PostgreSQL URL.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPostgresUrl } from "./postgres_url.ts";
 * assert.equal(isPostgresUrl("postgres://lab@db.example/cohort"), true);
 * assert.equal(isPostgresUrl("cohort.sqlite"), false);
 * ```
 */
export function isPostgresUrl(location: string): boolean {
  return POSTGRES_URL.test(location);
}

/**
 * Hides the password of any `scheme://user:password@…` URL (and of a `password=` query
 * parameter); anything else is returned unchanged. Use it for every message that shows a database
 * location.
 *
 * @param location A path or URL.
 * @returns The location without its password.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactDatabaseUrl } from "./postgres_url.ts";
 * assert.equal(
 *   redactDatabaseUrl("postgres://lab:s3cret@db:5432/cohort"),
 *   "postgres://lab:***@db:5432/cohort",
 * );
 * assert.equal(redactDatabaseUrl("data/x.sqlite"), "data/x.sqlite");
 * ```
 */
export function redactDatabaseUrl(location: string): string {
  return location
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, "$1:***@")
    .replace(/([?&]password=)[^&]*/i, "$1***");
}

/**
 * Reads a PostgreSQL URL into connection settings. The password is the URL's; else
 * `$PGPASSWORD`; else the first matching line of the password file (`$PGPASSFILE`, else
 * `~/.pgpass`; lines `host:port:database:user:password`, `*` matches anything, `\:` and `\\` are
 * escapes). The port defaults to 5432, the user to `$USER`, the database to the user.
 *
 * @param url A `postgres://` or `postgresql://` URL.
 * @param options Where environment variables and the password file come from.
 * @returns The settings.
 * @throws {RangeError} When `url` is not a PostgreSQL URL or cannot be parsed (the message shows
 *   it without its password).
 *
 * @example The password comes from ~/.pgpass
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvePostgresConnection } from "./postgres_url.ts";
 * const env: Record<string, string> = { HOME: "/home/lab" };
 * const connection = resolvePostgresConnection("postgres://analyst@db.example/cohort", {
 *   env: (name) => env[name],
 *   readFile: (path) => path === "/home/lab/.pgpass" ? "db.example:*:cohort:analyst:pw\n" : undefined,
 * });
 * assert.equal(connection.password, "pw");
 * assert.equal(connection.port, 5432);
 * assert.equal(connection.redacted, "postgres://analyst@db.example/cohort");
 * ```
 */
export function resolvePostgresConnection(
  url: string,
  options: PostgresConnectionOptions = {},
): PostgresConnection {
  const env = options.env ?? readEnv;
  const readFile = options.readFile ?? readFileOrUndefined;
  const redacted = redactDatabaseUrl(url);
  if (!isPostgresUrl(url)) {
    throw new RangeError(`Invalid PostgreSQL URL "${redacted}": expected postgres://…`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url.replace(POSTGRES_URL, "http://"));
  } catch {
    throw new RangeError(`Invalid PostgreSQL URL "${redacted}": cannot be parsed`);
  }
  const user = decodeURIComponent(parsed.username) || env("PGUSER") || env("USER") || "postgres";
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost";
  const port = parsed.port === "" ? 5432 : Number(parsed.port);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || user;
  const fromUrl = parsed.password === "" ? undefined : decodeURIComponent(parsed.password);
  const password = fromUrl ?? nonEmpty(env("PGPASSWORD")) ??
    passwordFromFile({ host, port, database, user }, env, readFile);
  return { host, port, database, user, password, redacted };
}

function passwordFromFile(
  target: { host: string; port: number; database: string; user: string },
  env: (name: string) => string | undefined,
  readFile: (path: string) => string | undefined,
): string | undefined {
  const home = env("HOME");
  const path = nonEmpty(env("PGPASSFILE")) ?? (home ? `${home}/.pgpass` : undefined);
  if (path === undefined) return undefined;
  const text = readFile(path);
  return text === undefined ? undefined : findPgpassPassword(text, target);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no --allow-env
  }
}

function readFileOrUndefined(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined; // absent, or no --allow-read
  }
}
