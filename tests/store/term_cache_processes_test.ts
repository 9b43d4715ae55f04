/**
 * A process caches cross-reference term ids between imports; another process deletes the genome
 * that brought them (`rm` deletes the terms no feature links to any more, and their ids are
 * reused by the next terms added). The first process's next import must not link to the ids it
 * cached: every stored link must name the cross-reference its source says.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { openDatabase } from "../../src/db/open_database.ts";
import { xrefTermsGeneration } from "../../src/db/xref_terms.ts";
import { importRun } from "../../src/store/import_run.ts";
import { storeCacheFor } from "../../src/store/store_cache.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { spawnCli } from "../_cli_process.ts";

Deno.test(
  "term ids cached before another process's rm are forgotten: links name the source's xrefs",
  async () => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-terms-" });
    const path = `${dir}/db.sqlite`;
    const db = await openDatabase(path);
    try {
      const run = makeRun({ seed: 7, sequences: 1, featuresPerSequence: 30 });
      await importRun(db, run, { genome: "A" });
      assert.ok(storeCacheFor(db).termIdsAt(0).size > 0, "the first import cached term ids");

      const out = await spawnCli(["--db", path, "rm", "A", "--yes"]).output;
      assert.equal(out.code, 0, out.stdout + out.stderr);
      assert.equal(await xrefTermsGeneration(db), 1);

      // Another run first takes the freed ids, then the same run comes back under another name.
      await importRun(db, makeRun({ seed: 8, sequences: 1, featuresPerSequence: 30 }), {
        genome: "B",
      });
      const again = await importRun(db, run, { genome: "C" });
      const stored = await sql<{ locus: string; x: string }>`select f.locus_tag as locus,
        t.db || ':' || t.accession as x from xref_term_features l join features f on f.id = l.feature_id
        join xref_terms t on t.id = l.term_id where f.annotation_id = ${again.annotationId}`
        .execute(db);
      const expected = run.features.flatMap((f) =>
        [...new Set((f.dbXrefs ?? []).map((x) => `${x.db}:${x.accession}`))].map((x) =>
          `${f.locusTag ?? null}\t${x}`
        )
      ).sort();
      assert.ok(expected.length > 20);
      assert.deepEqual(stored.rows.map((r) => `${r.locus}\t${r.x}`).sort(), expected);
    } finally {
      await db.destroy();
      await Deno.remove(dir, { recursive: true });
    }
  },
);
