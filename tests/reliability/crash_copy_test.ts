/**
 * Crash matrix of `baktadb copy` (issue #17 item 1): a copy of a SQLite database into PostgreSQL
 * (a throwaway cluster, or `$BAKTADB_TEST_POSTGRES`) and into a new SQLite file is killed with
 * SIGKILL inside its one transaction, after the first table and after `features`. The target is
 * left empty (the server rolls the transaction back), the next copy finishes, and the target's
 * row counts equal the source's.
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import { writeFactoryGenomes } from "../client/job_service/_helpers.ts";
import { rowCounts } from "../store/_helpers.ts";
import { freshPostgresUrl, POSTGRES_AVAILABLE } from "../_engines.ts";
import { assertIntegrity, crashCase, killAt, runOk } from "./_crash.ts";

const WHAT = "SIGKILL during `copy` (to PostgreSQL and to SQLite)";

const MOMENTS = ["copy:genomes#1", "copy:features#1"];

async function countsOf(location: string): Promise<Record<string, number>> {
  const db = await openDatabase(location, { migrate: false });
  try {
    return await rowCounts(db);
  } finally {
    await db.destroy();
  }
}

for (const engine of ["postgres", "sqlite"] as const) {
  Deno.test({
    name:
      `baktadb copy to ${engine} killed inside its transaction: the target stays empty, the next copy is whole`,
    ignore: engine === "postgres" && !POSTGRES_AVAILABLE,
    fn: async (t) => {
      const dir = await Deno.makeTempDir({ prefix: "baktadb-crash-copy-" });
      try {
        const genomes = await writeFactoryGenomes(dir, 3, 701);
        const source = `${dir}/source.sqlite`;
        await runOk(["import", ...genomes.map((g) => g.results), "--db", source]);
        const expected = await countsOf(source);
        assert.ok(expected.features > 0);
        for (const moment of MOMENTS) {
          await t.step(moment, async () => {
            await crashCase(WHAT, `${engine}, ${moment}`, async () => {
              const target = engine === "postgres"
                ? await freshPostgresUrl({ migrated: false })
                : `${dir}/${moment.replace(/\W/g, "_")}.sqlite`;
              const args = ["copy", "--from", source, "--to", target];
              await killAt(args, moment);
              const left = await countsOf(target);
              assert.ok(Object.values(left).every((n) => n === 0), "the kill left no row");
              await runOk(args);
              assert.deepEqual(await countsOf(target), expected);
              if (engine === "sqlite") await assertIntegrity(target);
            });
          });
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
