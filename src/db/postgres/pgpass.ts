/**
 * The PostgreSQL password file (`~/.pgpass`), as libpq reads it.
 *
 * @module
 */

/** Whom a password is looked up for. */
export interface PgpassTarget {
  /** The host name or address. */
  host: string;
  /** The TCP port. */
  port: number;
  /** The database name. */
  database: string;
  /** The user name. */
  user: string;
}

/**
 * Finds the password for a connection in the text of a password file: the first line
 * `hostname:port:database:username:password` whose four first fields match (`*` matches
 * anything; `localhost` also matches 127.0.0.1 and ::1 connections). In a field, `\:` is a colon
 * and `\\` a backslash; lines starting with `#` are comments.
 *
 * @param text The file's text.
 * @param target The connection.
 * @returns The password, or undefined when no line matches.
 *
 * @example Escaped colons and wildcards
 * ```ts
 * import assert from "node:assert/strict";
 * import { findPgpassPassword } from "./pgpass.ts";
 * const text = "# lab\nother:*:*:*:no\n*:5432:cohort:lab:pa\\:ss\n";
 * const target = { host: "db", port: 5432, database: "cohort", user: "lab" };
 * assert.equal(findPgpassPassword(text, target), "pa:ss");
 * assert.equal(findPgpassPassword(text, { ...target, user: "x" }), undefined);
 * ```
 */
export function findPgpassPassword(text: string, target: PgpassTarget): string | undefined {
  const hosts = target.host === "127.0.0.1" || target.host === "::1"
    ? [target.host, "localhost"]
    : [target.host];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const fields = splitFields(line);
    if (fields.length < 5) continue;
    const [host, port, database, user] = fields;
    const matches = (field: string, ...values: string[]) => field === "*" || values.includes(field);
    if (
      matches(host, ...hosts) && matches(port, String(target.port)) &&
      matches(database, target.database) && matches(user, target.user)
    ) {
      return fields.slice(4).join(":");
    }
  }
  return undefined;
}

function splitFields(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && i + 1 < line.length) current += line[++i];
    else if (c === ":") {
      fields.push(current);
      current = "";
    } else current += c;
  }
  fields.push(current);
  return fields;
}
