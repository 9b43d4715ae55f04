/**
 * Named prepared statements on a real PostgreSQL server: the pool's connection sends the
 * statement by name, the server keeps it (`pg_prepared_statements`) and runs it again with new
 * values without parsing it again; `regionFeatures` is one such statement.
 */

import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { namedStatement } from "../../src/db/postgres/named_statement.ts";
import { regionFeatures } from "../../src/query/region_features.ts";
import { insertAnnotation } from "../query/_fixture.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

const POSTGRES_ONLY = { engines: ["postgres"] as const };

interface Prepared {
  name: string;
  statement: string;
  executions: number;
}

/** The statements prepared on the transaction's connection, with how often each ran. */
// deno-lint-ignore no-explicit-any
async function prepared(trx: Kysely<any>): Promise<Prepared[]> {
  const { rows } = await sql<Prepared>`select name, statement,
    generic_plans + custom_plans as executions from pg_prepared_statements
    where not from_sql order by name`.execute(trx);
  return rows.map((r) => ({ ...r, executions: Number(r.executions) }));
}

engineTest(
  "namedStatement() is prepared once on a connection and run with new values",
  async () => {
    await using db = await freshDatabase();
    const text = "select $1::int * 2 as n";
    await db.transaction().execute(async (trx) => {
      for (const value of [1, 2, 3]) {
        const { rows } = await trx.executeQuery<{ n: number }>(
          namedStatement("baktadb_test_double", text, [value]),
        );
        assert.deepEqual(rows, [{ n: value * 2 }]);
      }
      assert.deepEqual(await prepared(trx), [
        { name: "baktadb_test_double", statement: text, executions: 3 },
      ]);
    });
  },
  POSTGRES_ONLY,
);

engineTest("regionFeatures() runs one named statement on PostgreSQL", async () => {
  await using db = await freshDatabase();
  await insertAnnotation(db, "g", [{ seqId: "c", length: 100, topology: "circular" }], [
    { seqId: "c", start: 95, stop: 5, strand: "+", edge: true },
    { seqId: "c", start: 10, stop: 20, strand: "-" },
  ]);
  await db.transaction().execute(async (trx) => {
    const windows = [[96, 3], [1, 100], [15, 15], [30, 40]] as const;
    const found = [];
    for (const [from, to] of windows) {
      const rows = await regionFeatures(trx, { genome: "g", sequence: "c", from, to });
      found.push(rows.map((f) => f.start));
    }
    assert.deepEqual(found, [[95], [95, 10], [10], []]);
    const statements = await prepared(trx);
    assert.deepEqual(statements.map((s) => [s.name, s.executions]), [
      ["baktadb_region_features_v4", windows.length],
    ]);
  });
}, POSTGRES_ONLY);
