/**
 * The permissions of a SQLite database file: baktadb's file holds the Bakta job secrets, so it is
 * created readable by its owner only, and an existing one that others can read is pointed out.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";

/** The mode of a database file baktadb creates (SQLite gives its `-wal`/`-shm` the same). */
export const DATABASE_FILE_MODE = 0o600;

/**
 * Creates an empty database file with mode 0600 whatever the umask, unless it exists. SQLite
 * then fills it, and creates its `-wal` and `-shm` files with the same mode.
 *
 * @param path The file (not `:memory:`).
 * @returns Whether the file was created now.
 * @throws {Deno.errors.NotFound} When the folder does not exist; other file-system errors as
 *   Deno raises them.
 *
 * @example A new file is private under a permissive umask
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPrivateDatabaseFile } from "./database_file_mode.ts";
 * const dir = await Deno.makeTempDir();
 * assert.equal(createPrivateDatabaseFile(`${dir}/x.sqlite`), true);
 * assert.equal(Deno.statSync(`${dir}/x.sqlite`).mode! & 0o777, 0o600);
 * assert.equal(createPrivateDatabaseFile(`${dir}/x.sqlite`), false);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function createPrivateDatabaseFile(path: string): boolean {
  try {
    Deno.openSync(path, { write: true, createNew: true, mode: DATABASE_FILE_MODE }).close();
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw error;
  }
  // The umask can only take bits away; chmod makes it exactly 0600 (e.g. under umask 0277).
  if (Deno.build.os !== "windows") Deno.chmodSync(path, DATABASE_FILE_MODE);
  return true;
}

/**
 * Tells whether an existing database file that holds job secrets can be read by its group or by
 * others, and if so what to do about it.
 *
 * @param path The database file.
 * @returns A warning naming the file, its mode and the `chmod` to run; `undefined` when the file
 *   is private, missing, not a baktadb database, or holds no secret.
 *
 * @example A world-readable file with a job secret
 * ```ts
 * import assert from "node:assert/strict";
 * import { DatabaseSync } from "node:sqlite";
 * import { exposedSecretsWarning } from "./database_file_mode.ts";
 * const dir = await Deno.makeTempDir();
 * const path = `${dir}/jobs.sqlite`;
 * const db = new DatabaseSync(path);
 * db.exec("create table jobs (secret text not null); insert into jobs values ('s3cr3t')");
 * db.close();
 * Deno.chmodSync(path, 0o644);
 * assert.match(exposedSecretsWarning(path)!, /readable by others \(mode 644\): run `chmod 600/);
 * Deno.chmodSync(path, 0o600);
 * assert.equal(exposedSecretsWarning(path), undefined);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function exposedSecretsWarning(path: string): string | undefined {
  let mode: number | null;
  try {
    mode = Deno.statSync(path).mode;
  } catch {
    return undefined;
  }
  if (mode === null || (mode & 0o044) === 0 || !holdsSecrets(path)) return undefined;
  const who = mode & 0o004 ? "others" : "its group";
  return `Warning: database "${path}" holds Bakta job secrets and is readable by ${who} ` +
    `(mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${path}\``;
}

function holdsSecrets(path: string): boolean {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    const row = db.prepare("select count(*) as n from jobs where secret <> ''").get() as
      | { n: number }
      | undefined;
    return Number(row?.n ?? 0) > 0;
  } catch {
    return false; // not a database, or no jobs table: nothing of ours to protect
  } finally {
    db?.close();
  }
}
