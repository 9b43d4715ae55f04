/**
 * Opening PostgreSQL by URL: where the password comes from, that it never shows, and that the
 * migrations run up and down on a real server.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import {
  DatabaseError,
  migrateDown,
  migrateToLatest,
  MIGRATION_NAMES,
  migrationStatus,
  openDatabase,
} from "../../src/db/mod.ts";
import { findPgpassPassword } from "../../src/db/postgres/pgpass.ts";
import {
  redactDatabaseUrl,
  resolvePostgresConnection,
} from "../../src/db/postgres/postgres_url.ts";
import { freshPostgresUrl, POSTGRES_AVAILABLE } from "../_engines.ts";

const ignore = !POSTGRES_AVAILABLE;

/** Runs `fn` with environment variables set, and restores them. */
async function withEnv(vars: Record<string, string | undefined>, fn: () => Promise<void>) {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, Deno.env.get(k)]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) Deno.env.delete(k);
      else Deno.env.set(k, v);
    }
  };
  apply(vars);
  try {
    await fn();
  } finally {
    apply(saved);
  }
}

function withoutPassword(url: string): { bare: string; password: string } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { bare: parsed.href, password };
}

Deno.test("resolvePostgresConnection() takes the URL's password, then $PGPASSWORD, then the password file", () => {
  const env: Record<string, string> = { HOME: "/home/lab", USER: "lab" };
  const files: Record<string, string> = {
    "/home/lab/.pgpass": "# comment\ndb:5433:cohort:lab:from\\:file\n",
    "/etc/other.pgpass": "*:*:*:*:other-file\n",
  };
  const options = { env: (k: string) => env[k], readFile: (p: string) => files[p] };
  const url = "postgres://lab@db:5433/cohort";
  assert.equal(resolvePostgresConnection(url, options).password, "from:file");
  env.PGPASSFILE = "/etc/other.pgpass";
  assert.equal(resolvePostgresConnection(url, options).password, "other-file");
  env.PGPASSWORD = "from-env";
  assert.equal(resolvePostgresConnection(url, options).password, "from-env");
  assert.equal(
    resolvePostgresConnection("postgres://lab:url%40pw@db/x", options).password,
    "url@pw",
  );
  const defaults = resolvePostgresConnection("postgresql://db", options);
  assert.deepEqual([defaults.user, defaults.port, defaults.database], ["lab", 5432, "lab"]);
});

Deno.test("resolvePostgresConnection() refuses a bad URL without showing its password", () => {
  assert.throws(
    () => resolvePostgresConnection("postgres://lab:s3cret@[bad/x"),
    (error: unknown) =>
      error instanceof RangeError && error.message.includes("lab:***@") &&
      !error.message.includes("s3cret"),
  );
});

Deno.test("findPgpassPassword() follows libpq's matching rules", () => {
  const text = "localhost:*:*:lab:local\n*:*:cohort:*:any-user\nh:1:d:u:a:b:c\n";
  const target = { host: "127.0.0.1", port: 5432, database: "x", user: "lab" };
  assert.equal(findPgpassPassword(text, target), "local", "localhost matches 127.0.0.1");
  assert.equal(findPgpassPassword(text, { ...target, user: "z", database: "cohort" }), "any-user");
  assert.equal(findPgpassPassword(text, { host: "h", port: 1, database: "d", user: "u" }), "a:b:c");
  assert.equal(findPgpassPassword(text, { ...target, host: "elsewhere" }), undefined);
});

Deno.test("redactDatabaseUrl() hides passwords in the authority and the query", () => {
  assert.equal(redactDatabaseUrl("postgres://u:p@h/d"), "postgres://u:***@h/d");
  assert.equal(
    redactDatabaseUrl("postgres://h/d?user=u&password=p"),
    "postgres://h/d?user=u&password=***",
  );
  assert.equal(redactDatabaseUrl("postgres://u@h/d"), "postgres://u@h/d");
});

Deno.test({
  name: "openDatabase() opens PostgreSQL by URL, $BAKTADB_DATABASE, $PGPASSWORD and ~/.pgpass",
  ignore,
  async fn() {
    const url = await freshPostgresUrl();
    const { bare, password } = withoutPassword(url);
    const check = async (location?: string) => {
      const db = await openDatabase(location);
      try {
        const { rows } = await sql<{ v: string }>`select version() as v`.execute(db);
        assert.match(rows[0].v, /^PostgreSQL/);
      } finally {
        await db.destroy();
      }
    };
    await check(url);
    await withEnv({ BAKTADB_DATABASE: url }, () => check());
    await withEnv({ PGPASSWORD: password, PGPASSFILE: "/nonexistent" }, () => check(bare));
    const dir = await Deno.makeTempDir();
    try {
      const parsed = new URL(url);
      const file = `${dir}/pgpass`;
      await Deno.writeTextFile(
        file,
        `${parsed.hostname}:${parsed.port}:*:${parsed.username}:${password}\n`,
      );
      await withEnv({ PGPASSWORD: undefined, PGPASSFILE: file }, () => check(bare));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "openDatabase() on PostgreSQL with a wrong password fails without showing it",
  ignore,
  async fn() {
    const url = new URL(await freshPostgresUrl());
    url.password = "wrong-secret-123";
    await assert.rejects(openDatabase(url.href), (error: unknown) => {
      assert.ok(error instanceof DatabaseError);
      assert.ok(!error.message.includes("wrong-secret-123"), error.message);
      assert.match(error.message, /:\*\*\*@/);
      assert.match(error.message, /password authentication failed/);
      return true;
    });
  },
});

Deno.test({
  name: "the migrations run down to nothing and up again on PostgreSQL",
  ignore,
  async fn() {
    const db = await openDatabase(await freshPostgresUrl({ migrated: false }), { migrate: false });
    try {
      assert.equal((await migrationStatus(db)).current, null);
      const up = await migrateToLatest(db);
      assert.deepEqual(up.map((s) => s.name), [...MIGRATION_NAMES]);
      for (let i = MIGRATION_NAMES.length - 1; i >= 0; i--) {
        const [step] = await migrateDown(db);
        assert.equal(step.name, MIGRATION_NAMES[i]);
      }
      const left = (await db.introspection.getTables()).map((t) => t.name);
      assert.deepEqual(left, []);
      const functions = await sql<{ n: number }>`select count(*) as n from pg_proc
        where proname like 'baktadb_%'`.execute(db);
      assert.equal(functions.rows[0].n, 0);
      await migrateToLatest(db);
      assert.deepEqual((await migrationStatus(db)).pending, []);
    } finally {
      await db.destroy();
    }
  },
});
