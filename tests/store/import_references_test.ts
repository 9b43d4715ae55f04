import assert from "node:assert/strict";
import { sql } from "../../src/deps/kysely.ts";
import { formatRunAsGff3, makeRun } from "../../src/testing/factory/mod.ts";
import { importRun, importRuns } from "../../src/store/mod.ts";
import { freshDatabase } from "../_fresh_database.ts";

// The import writes without SQLite's per-row foreign-key look-ups (`foreignKeyChecks: false`):
// SQLite's own check over the whole file must still find every reference resolved.
Deno.test("every reference an import writes resolves: new genome, new version, same version, again", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-references-" });
  try {
    const runs = [1, 2, 3].map((seed) => makeRun({ seed, sequences: 2, featuresPerSequence: 15 }));
    for (const [i, run] of runs.entries()) {
      await Deno.writeTextFile(`${dir}/r${i}.gff3`, formatRunAsGff3(run));
    }
    await using db = await freshDatabase({ storage: "file" });
    const first = await importRuns(db, [`${dir}/r0.gff3`, `${dir}/r1.gff3`]);
    assert.equal(first.imported, 2);
    // Another assembly of the same genome (a new version), then the first assembly again as a
    // run of its own (the same version), then the same files (skipped).
    const other = await importRun(db, runs[2], { genome: "r0" });
    assert.equal(other.versionAction, "new-version");
    const same = await importRun(db, {
      ...runs[0],
      software: { ...runs[0].software, bakta: "9.9" },
    }, {
      genome: "r0",
    });
    assert.equal(same.versionAction, "same-version");
    assert.equal((await importRuns(db, [`${dir}/r0.gff3`])).skipped, 1);
    const problems = await sql`pragma foreign_key_check`.execute(db);
    assert.deepEqual(problems.rows, []);
    const { rows } = await sql<{ n: number }>`select count(*) as n from xref_term_features x
      left join xref_terms t on t.id = x.term_id left join features f on f.id = x.feature_id
      where t.id is null or f.id is null`.execute(db);
    assert.equal(rows[0].n, 0);
    const linked = await sql<{ n: number }>`select count(*) as n from xref_term_features`.execute(
      db,
    );
    const expected = [runs[0], runs[1], runs[2], runs[0]].reduce(
      (n, run) =>
        n +
        run.features.reduce(
          (k, f) => k + new Set(f.dbXrefs.map((x) => `${x.db}:${x.accession}`)).size,
          0,
        ),
      0,
    );
    assert.equal(linked.rows[0].n, expected);
    const on = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    assert.equal(on.rows[0].foreign_keys, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
