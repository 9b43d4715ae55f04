/**
 * Case folding of non-ASCII text gives the same answers on both engines (docs/performance.md,
 * "Case folding"): SQLite's FTS5 `unicode61` tokenizer folds every letter's case, removes
 * diacritics and splits at non-ASCII punctuation; the PostgreSQL index folds by FTS5's own table
 * (migration 0009, `migrations/_fts5_folding.ts`), whatever the server's locale (the test cluster
 * is a `C` one). SQL `lower()` still folds ASCII only on both (SQLite always; PostgreSQL in a `C`
 * database; a database created with a libc or ICU locale folds more): the search does not use it.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { insertAnnotation } from "./_fixture.ts";
import { freshDatabase } from "../_fresh_database.ts";
import { searchFeatures } from "../../src/query/search_features.ts";
import { engineTest } from "../_engines.ts";

/** Search text → whether it finds the feature (the same on both engines). */
const EXPECTED: readonly [string, boolean][] = [
  ["Ölbakterie", true],
  ["ÖLBAKTERIE", true],
  ["ölbakterie", true], // Ö and ö fold together
  ["olbakterie", true], // the diaeresis is removed
  ["β-lactamase", true],
  ["β-LACTAMASE", true],
  ["Β-LACTAMASE", true], // capital beta
  ["β–lactamase", true], // an en dash separates tokens as a hyphen does
  ["ΣΥΝΘΆΣΗ", true], // capital sigma and alpha with tonos (ά is kept: FTS5 keeps Greek accents)
  ["σύνθαση", false],
  ["lactamase", true],
  ["bakterie", false], // whole tokens
  ["ölbakterie-lactamase", false], // a phrase of adjacent tokens only (β is between)
];

engineTest("searchFeatures() folds non-ASCII text as FTS5 does", async (t, engine) => {
  await using db = await freshDatabase();
  await insertAnnotation(db, "Ölbakterie-1", [{ seqId: "s1", length: 5000 }], [
    {
      seqId: "s1",
      start: 1,
      stop: 90,
      locusTag: "OEL_1",
      gene: "blaZ",
      product: "Ölbakterie β-Lactamase συνθάση",
    },
  ]);
  for (const [text, expected] of EXPECTED) {
    await t.step(text, async () => {
      const found = await searchFeatures(db, text).execute();
      assert.equal(found.length === 1, expected, `${engine}: "${text}"`);
    });
  }
  const { rows } = await sql<{ folded: string }>`select lower('ÖLBAKTERIE Β-X') as folded`
    .execute(db);
  assert.equal(rows[0].folded, "Ölbakterie Β-x", "lower() folds ASCII only");
});
