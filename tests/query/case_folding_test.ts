/**
 * Case folding of non-ASCII text, engine by engine (documented in docs/performance.md,
 * "Case folding"): SQLite's FTS5 `unicode61` tokenizer folds every letter's case and removes
 * diacritics; the PostgreSQL search folds ASCII letters only (the same on every server, whatever
 * its locale), so there "Ölbakterie" and "β-lactamase" match as written, in any ASCII case, and
 * not otherwise. SQL `lower()` folds ASCII only on both (SQLite always; PostgreSQL in a `C`
 * database, as the test cluster is; a database created with a libc or ICU locale folds more).
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { insertAnnotation } from "./_fixture.ts";
import { searchFeatures } from "../../src/query/search_features.ts";
import { type Engine, engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** Search text → whether it finds the feature, on each engine. */
const EXPECTED: readonly [string, Record<Engine, boolean>][] = [
  ["Ölbakterie", { sqlite: true, postgres: true }],
  ["ÖLBAKTERIE", { sqlite: true, postgres: true }], // the ASCII letters fold on both
  ["ölbakterie", { sqlite: true, postgres: false }], // Ö vs ö: only FTS5 folds it
  ["olbakterie", { sqlite: true, postgres: false }], // FTS5 removes the diaeresis
  ["β-lactamase", { sqlite: true, postgres: true }],
  ["β-LACTAMASE", { sqlite: true, postgres: true }],
  ["Β-LACTAMASE", { sqlite: true, postgres: false }], // capital beta
  ["lactamase", { sqlite: true, postgres: true }],
  ["bakterie", { sqlite: false, postgres: false }], // whole tokens on both
];

engineTest("searchFeatures() folds non-ASCII case on SQLite only", async (t, engine) => {
  await using db = await freshDatabase();
  await insertAnnotation(db, "Ölbakterie-1", [{ seqId: "s1", length: 5000 }], [
    {
      seqId: "s1",
      start: 1,
      stop: 90,
      locusTag: "OEL_1",
      gene: "blaZ",
      product: "Ölbakterie β-Lactamase",
    },
  ]);
  for (const [text, expected] of EXPECTED) {
    await t.step(text, async () => {
      const found = await searchFeatures(db, text).execute();
      assert.equal(found.length === 1, expected[engine], `${engine}: "${text}"`);
    });
  }
  const { rows } = await sql<{ folded: string }>`select lower('ÖLBAKTERIE Β-X') as folded`
    .execute(db);
  assert.equal(rows[0].folded, "Ölbakterie Β-x", "lower() folds ASCII only");
});
