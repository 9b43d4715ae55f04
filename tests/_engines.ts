/**
 * Tests parameterised by database engine: {@linkcode engineTest} registers a test once per engine
 * (`… [sqlite]`, `… [postgres]`); `freshDatabase()` (`tests/_fresh_database.ts`) opens a fresh,
 * migrated database of the running test's engine and {@linkcode testDatabaseUrl} gives a location
 * for one that other processes create.
 *
 * PostgreSQL: `$BAKTADB_TEST_POSTGRES` (a URL with rights to create databases) when set; else a
 * throwaway cluster this process starts on first use (`tests/_postgres_cluster.ts`) and that dies
 * with it. Each test database is a new PostgreSQL database, cloned from a template migrated once
 * per process, so parallel test files never share one. Without a server or server binaries the
 * PostgreSQL variants are ignored and one SKIPPED line says so.
 *
 * @module
 */

import pg from "pg";
import { openDatabase } from "../src/db/open_database.ts";
import { postgresBinDir, startChildCluster } from "./_postgres_cluster.ts";

/** A database engine. */
export type Engine = "sqlite" | "postgres";

/** The environment variable naming a PostgreSQL server for the tests. */
export const TEST_POSTGRES_ENV = "BAKTADB_TEST_POSTGRES";

let current: Engine = "sqlite";

function envUrl(): string | undefined {
  const url = Deno.env.get(TEST_POSTGRES_ENV);
  return url === undefined || url === "" ? undefined : url;
}

/** Whether the PostgreSQL variants can run (a server URL, or server binaries to start one). */
export const POSTGRES_AVAILABLE: boolean = envUrl() !== undefined ||
  postgresBinDir() !== undefined;

let reported = false;

/** Prints, once per process, that the PostgreSQL variants are skipped. */
function reportSkipped(): void {
  if (reported) return;
  reported = true;
  console.log(
    `SKIPPED PostgreSQL variants of these tests: $${TEST_POSTGRES_ENV} is not set and no ` +
      `PostgreSQL server binaries are in /usr/lib/postgresql/*/bin`,
  );
}

let server: Promise<string> | undefined;

/** The server's URL (its `postgres` database): from the environment, or a cluster started now. */
export function postgresServerUrl(): Promise<string> {
  server ??= envUrl() !== undefined
    ? Promise.resolve(envUrl()!)
    : startChildCluster().then((cluster) => cluster.url);
  return server;
}

/** Runs one statement on the server's maintenance database. */
async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: await postgresServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `url` with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.href;
}

const PREFIX = `baktadb_t${Deno.pid}_${crypto.randomUUID().slice(0, 8)}`;
let counter = 0;
let template: Promise<string> | undefined;

/** The per-process template database, migrated once. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `${PREFIX}_template`;
    await adminQuery(`create database ${name}`);
    const db = await openDatabase(withDatabaseName(await postgresServerUrl(), name));
    await db.destroy();
    return name;
  })();
  return template;
}

/**
 * A new PostgreSQL database for one test.
 *
 * @param options `migrated: false` for an empty database.
 * @returns Its URL (with the test cluster's credentials).
 */
export async function freshPostgresUrl(options: { migrated?: boolean } = {}): Promise<string> {
  const name = `${PREFIX}_${++counter}`;
  if (options.migrated === false) await adminQuery(`create database ${name}`);
  else await adminQuery(`create database ${name} template ${await migratedTemplate()}`);
  return withDatabaseName(await postgresServerUrl(), name);
}

/**
 * Drops a database {@linkcode freshPostgresUrl} made (closing any connection left to it).
 *
 * @param url The database's URL.
 * @returns When it is gone.
 */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.startsWith(PREFIX)) throw new RangeError(`Not a test database: "${name}"`);
  await adminQuery(`drop database if exists ${name} with (force)`);
}

/** The engine of the test that is running (tests of one file run one at a time). */
export function currentEngine(): Engine {
  return current;
}

let sqliteTemplate: Promise<string> | undefined;

/** The per-process migrated SQLite file that {@linkcode testDatabaseUrl} copies. */
function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-template-" });
    const path = `${dir}/template.sqlite`;
    await (await openDatabase(path)).destroy();
    globalThis.addEventListener("unload", () => {
      try {
        Deno.removeSync(dir, { recursive: true });
      } catch {
        // already gone
      }
    });
    return path;
  })();
  return sqliteTemplate;
}

/** Options of {@linkcode testDatabaseUrl}. */
export interface TestDatabaseUrlOptions {
  /**
   * Whether the database is migrated already (a copy of a SQLite file, or a clone of a PostgreSQL
   * template, migrated once per process): the processes of a test that is not about migrating
   * then skip the nine migrations. `false` for an empty database the first process migrates.
   *
   * @default true
   */
  migrated?: boolean;
}

/**
 * Where a fresh database of the running test's engine is, for tests that run the CLI or other
 * processes: a path in `dir` for SQLite, a new PostgreSQL database's URL.
 *
 * @param dir A temporary directory of the test.
 * @param options Whether the database is migrated already.
 * @returns The path or URL.
 */
export async function testDatabaseUrl(
  dir: string,
  options: TestDatabaseUrlOptions = {},
): Promise<string> {
  const { migrated = true } = options;
  if (current === "postgres") return await freshPostgresUrl({ migrated });
  const path = `${dir}/test.sqlite`;
  if (migrated) await Deno.copyFile(await migratedSqliteTemplate(), path);
  return path;
}

/**
 * Registers `fn` as one test per engine: `name [sqlite]` and `name [postgres]`; the PostgreSQL one
 * is ignored (with one SKIPPED line) when no server is available.
 *
 * @param name The test's name.
 * @param fn The body; `freshDatabase()` opens databases of its engine.
 * @param options Extra `Deno.test` options.
 */
export function engineTest(
  name: string,
  fn: (t: Deno.TestContext, engine: Engine) => Promise<void>,
  options: EngineTestOptions = {},
): void {
  const { engines = ["sqlite", "postgres"], ...rest } = options;
  registerEngineTests(name, fn, rest, engines);
}

/** Options of {@linkcode engineTest}: `Deno.test`'s, and the engines to run on. */
export type EngineTestOptions = Omit<Deno.TestDefinition, "name" | "fn"> & {
  /** The engines to run on. @default ["sqlite", "postgres"] */
  engines?: readonly Engine[];
};

function registerEngineTests(
  name: string,
  fn: (t: Deno.TestContext, engine: Engine) => Promise<void>,
  options: Omit<Deno.TestDefinition, "name" | "fn">,
  engines: readonly Engine[],
): void {
  for (const engine of engines) {
    const ignore = engine === "postgres" && !POSTGRES_AVAILABLE;
    if (ignore) reportSkipped();
    Deno.test({
      ...options,
      name: `${name} [${engine}]`,
      ignore: options.ignore === true || ignore,
      async fn(t) {
        current = engine;
        try {
          await fn(t, engine);
        } finally {
          current = "sqlite";
        }
      },
    });
  }
}
