/**
 * The tests' one way to get a fresh database: `await using db = await freshDatabase()` opens a
 * fully migrated database of the running test's engine and removes what it made when the scope
 * ends (`:memory:` SQLite, a SQLite file in a new temporary folder, or a new PostgreSQL database
 * when the test was registered with `engineTest` from `tests/_engines.ts` and runs on PostgreSQL).
 *
 * Tests about opening itself (paths, modes, locks, URLs) still call `openDatabase` directly, as do
 * tests that open a database some other process wrote.
 *
 * @module
 */

import type { Kysely } from "kysely";
import { openDatabase, type OpenDatabaseOptions } from "../src/db/open_database.ts";
import type { Database } from "../src/db/schema.ts";
import { currentEngine, dropPostgresDatabase, freshPostgresUrl } from "./_engines.ts";

/** Options of {@linkcode freshDatabase}: `openDatabase`'s, and where a SQLite database lives. */
export interface FreshDatabaseOptions extends OpenDatabaseOptions {
  /**
   * Where a SQLite database lives: `"memory"` (`:memory:`), or `"file"`: `test.sqlite` in a new
   * temporary folder, for tests that hand its path ({@linkcode freshDatabaseLocation}) to
   * other processes. Ignored on PostgreSQL, where every fresh database is a new server database.
   *
   * @default "memory"
   */
  storage?: "memory" | "file";
}

const STORAGES: readonly string[] = ["memory", "file"];

const LOCATIONS = new WeakMap<Kysely<Database>, string>();

/**
 * Where a database {@linkcode freshDatabase} opened lives, for tests that hand it to other
 * processes.
 *
 * @param db A database from {@linkcode freshDatabase}.
 * @returns `:memory:`, the SQLite file's path, or the PostgreSQL URL (with credentials).
 * @throws {TypeError} When `db` was not opened by {@linkcode freshDatabase}.
 *
 * @example The file of a fresh SQLite database
 * ```ts
 * import { freshDatabase, freshDatabaseLocation } from "./_fresh_database.ts";
 * await using db = await freshDatabase({ storage: "file" });
 * if (!freshDatabaseLocation(db).endsWith("/test.sqlite")) throw new Error("unexpected");
 * ```
 */
export function freshDatabaseLocation(db: Kysely<Database>): string {
  const location = LOCATIONS.get(db);
  if (location === undefined) throw new TypeError("Not a database from freshDatabase()");
  return location;
}

/**
 * Opens a fresh database of the running test's engine (migrated unless `migrate: false`). Its
 * disposal (`await using`, or `[Symbol.asyncDispose]()`) destroys the connection and removes the
 * temporary folder or drops the PostgreSQL database; `destroy()` before that only closes it
 * (a file stays for other processes to open until the disposal).
 *
 * @param options `openDatabase`'s options and `storage`.
 * @returns The database (a Kysely instance; {@linkcode freshDatabaseLocation} tells where it is).
 * @throws {RangeError} When `storage` is neither `"memory"` nor `"file"`.
 *
 * @example A migrated in-memory database that closes itself
 * ```ts
 * import { freshDatabase } from "./_fresh_database.ts";
 * {
 *   await using db = await freshDatabase();
 *   await db.insertInto("genomes").values({ name: "demo" }).execute();
 *   const rows = await db.selectFrom("genomes").select("name").execute();
 *   if (rows.length !== 1) throw new Error("unexpected");
 * }
 * ```
 *
 * @example A file other processes can open, removed at the end of the scope
 * ```ts
 * import { freshDatabase, freshDatabaseLocation } from "./_fresh_database.ts";
 * let path: string;
 * {
 *   await using db = await freshDatabase({ storage: "file" });
 *   path = freshDatabaseLocation(db);
 *   await db.destroy(); // closed; the file stays until the scope ends
 *   if (!(await Deno.stat(path)).isFile) throw new Error("no file");
 * }
 * if (await Deno.stat(path).then(() => true, () => false)) throw new Error("not removed");
 * ```
 */
export async function freshDatabase(options: FreshDatabaseOptions = {}): Promise<Kysely<Database>> {
  const { storage = "memory", ...open } = options;
  if (!STORAGES.includes(storage)) {
    throw new RangeError(`Invalid storage "${storage}": expected "memory" or "file"`);
  }
  if (currentEngine() === "postgres") {
    const url = await freshPostgresUrl({ migrated: open.migrate !== false });
    const drop = () => dropPostgresDatabase(url);
    return disposable(await openWithCleanup(url, open, drop), url, drop);
  }
  if (storage === "memory") return disposable(await openDatabase(":memory:", open), ":memory:");
  const dir = await Deno.makeTempDir({ prefix: "baktadb-test-" });
  const path = `${dir}/test.sqlite`;
  const remove = () => Deno.remove(dir, { recursive: true });
  return disposable(await openWithCleanup(path, open, remove), path, remove);
}

/** Opens `location`; when that fails, runs `cleanup` before throwing. */
async function openWithCleanup(
  location: string,
  options: OpenDatabaseOptions,
  cleanup: () => Promise<void>,
): Promise<Kysely<Database>> {
  try {
    return await openDatabase(location, options);
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** `db` with a known location, a `destroy()` that runs once, and a disposal that also runs `remove`. */
function disposable(
  db: Kysely<Database>,
  location: string,
  remove: () => Promise<void> = () => Promise.resolve(),
): Kysely<Database> {
  LOCATIONS.set(db, location);
  const destroy = db.destroy.bind(db);
  let closed: Promise<void> | undefined;
  const closeOnce = () => closed ??= destroy();
  return Object.defineProperties(db, {
    destroy: { value: closeOnce },
    [Symbol.asyncDispose]: {
      value: async () => {
        try {
          await closeOnce();
        } finally {
          await remove();
        }
      },
    },
  });
}
