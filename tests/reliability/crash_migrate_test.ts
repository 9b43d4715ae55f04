/**
 * Crash matrix of `baktadb migrate up` (issue #17 item 1): a database written at schema 0001 with
 * data (runs written as schema 0003 stored them, one of them twice, then migrated down to 0001)
 * is upgraded by a real process killed with SIGKILL inside each migration in turn, at the
 * test-only pause point that ends its `up` (before the commit). The kill leaves the schema where
 * it was; the next `migrate up` finishes, and the file then holds exactly the rows an upgrade
 * that was never interrupted gives, `sqlite3` finds it sound. A fresh file killed inside
 * 0001 is covered the same way.
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import { migrateDown, migrateTo, MIGRATION_NAMES } from "../../src/db/migrator.ts";
import { writeFactoryGenomes } from "../client/job_service/_helpers.ts";
import { writeRunAtV3 } from "../db/_schema_v3.ts";
import { sqlite3 } from "../_sqlite3.ts";
import { assertIntegrity, crashCase, killAt, runOk } from "./_crash.ts";

const WHAT = "SIGKILL inside each migration of `migrate up`, with data";

/** Writes runs at schema 0003 (one run twice, as 0004 merges) and takes the file down to 0001. */
async function writeAt0001(dir: string, path: string): Promise<void> {
  const [a, b] = await writeFactoryGenomes(dir, 2, 401);
  const db = await openDatabase(path, { migrate: false });
  try {
    await migrateTo(db, "0003_feature_family");
    await writeRunAtV3(db, [`${a.results}/${a.genome}.gff3`], a.genome);
    await writeRunAtV3(
      db,
      [`${a.results}/${a.genome}.gff3`, `${a.results}/${a.genome}.json`],
      a.genome,
    );
    await writeRunAtV3(db, [`${b.results}/${b.genome}.json`], b.genome);
    await migrateDown(db);
    await migrateDown(db);
  } finally {
    await db.destroy();
  }
  assert.deepEqual(await sqlite3(path, "select name from kysely_migration"), ["0001_initial"]);
}

/**
 * The row count of every table (not the FTS5/R*Tree shadow tables, whose layout depends on
 * their merge history; the virtual tables themselves are counted), as `sqlite3` reads them.
 */
async function tableCounts(path: string): Promise<Record<string, string>> {
  const tables = await sqlite3(
    path,
    `select name from sqlite_schema where type = 'table' and name not like 'sqlite_%'
      and name not glob 'features_fts_*' and name not glob 'features_rtree_*' order by name`,
  );
  const counted = await sqlite3(
    path,
    tables.map((table) => `select '${table}', count(*) from "${table}"`).join(" union all "),
  );
  return Object.fromEntries(counted.map((line) => line.split("|")));
}

Deno.test(`baktadb migrate up killed inside each migration: the next run gives the uninterrupted result`, async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-crash-migrate-" });
  try {
    const source = `${dir}/source.sqlite`;
    await writeAt0001(dir, source);
    const reference = `${dir}/reference.sqlite`;
    await Deno.copyFile(source, reference);
    await runOk(["migrate", "up", "--db", reference]);
    const expected = await tableCounts(reference);
    assert.ok(Number(expected.features) > 0 && Number(expected.feature_originals) > 0);
    assert.equal(expected.annotations, "2", "the run stored twice is merged by 0004");
    for (const name of MIGRATION_NAMES) {
      await t.step(`killed inside ${name}`, async () => {
        await crashCase(WHAT, name, async () => {
          const path = `${dir}/${name}.sqlite`;
          const fresh = name === MIGRATION_NAMES[0];
          if (!fresh) await Deno.copyFile(source, path);
          await killAt(
            [fresh ? "init" : "migrate", ...fresh ? [] : ["up"], "--db", path],
            `migrate:${name}`,
          );
          // The kill rolled the whole upgrade back: no table of a later schema, none of 0001 on a fresh file.
          const tables = await sqlite3(path, "select name from sqlite_schema where type = 'table'");
          assert.equal(tables.includes("genomes"), !fresh);
          assert.equal(tables.includes("feature_originals"), false);
          if (!fresh) {
            assert.deepEqual(await sqlite3(path, "select name from kysely_migration"), [
              "0001_initial",
            ]);
          }
          await runOk(["migrate", "up", "--db", path]);
          await assertIntegrity(path);
          if (fresh) {
            assert.equal((await tableCounts(path)).kysely_migration, `${MIGRATION_NAMES.length}`);
          } else {
            assert.deepEqual(await tableCounts(path), expected);
          }
        });
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
