import assert from "node:assert/strict";
import fc from "fast-check";
import { searchFeatures } from "../../src/query/search_features.ts";
import { searchHits } from "../../src/query/search_hits.ts";
import { findFeatures } from "../../src/query/find_features.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import { matchesWords, tokens } from "./_fixture.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

engineTest(
  "searchHits() gives the first hits of searchFeatures() for every scope, order and limit",
  async () => {
    await using db = await freshDatabase();
    for (const [seed, genome] of [[21, "A"], [22, "B"], [23, "B"], [24, "C"]] as const) {
      await importRun(db, makeRun({ seed, sequences: 2, featuresPerSequence: 30 }), { genome });
    }
    const latest = await findFeatures(db).execute();
    const annotations = (await db.selectFrom("annotations").select("id").orderBy("id").execute())
      .map((a) => a.id);
    const vocabulary = [
      ...new Set(latest.flatMap((r) => [...tokens(r.gene), ...tokens(r.product)])),
    ].filter((t) => /^[a-z0-9]+$/.test(t)).sort();
    const scope = fc.oneof(
      fc.constant({}),
      fc.record({ genome: fc.constantFrom("A", "B", "C", "missing") }),
      fc.record({ annotationId: fc.constantFrom(...annotations, 999) }),
      fc.record({
        genome: fc.constantFrom("A", "B"),
        annotationId: fc.constantFrom(...annotations),
      }),
      fc.record({ genomes: fc.subarray(["A", "B", "C", "missing"]) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 2 }),
        fc.boolean(),
        fc.constantFrom("rank", "feature") as fc.Arbitrary<"rank" | "feature">,
        fc.integer({ min: 1, max: 40 }),
        scope,
        async (words, prefix, order, limit, where) => {
          const text = words.map((w) => (prefix ? w.slice(0, 3) : w)).join(" ");
          const options = { ...where, prefix, order, limit };
          const hits = await searchHits(db, text, options);
          const all = await searchFeatures(db, text, { ...where, prefix, order }).execute();
          assert.deepEqual(hits, all.slice(0, limit));
        },
      ),
      { seed: 5, numRuns: 80 },
    );
  },
  // On PostgreSQL searchHits() is searchFeatures().limit(): the statement tested here is SQLite's.
  { engines: ["sqlite"] },
);

engineTest(
  "searchHits() in stored order: the first ids a brute-force word match finds",
  async () => {
    await using db = await freshDatabase();
    for (const [seed, genome] of [[31, "A"], [32, "B"], [33, "A"]] as const) {
      await importRun(db, makeRun({ seed, sequences: 1, featuresPerSequence: 80 }), { genome });
    }
    const latest = await findFeatures(db).execute();
    for (const word of ["protein", "hypothetical", "transporter", "dna", "ribosomal"]) {
      const expected = latest.filter((r) => matchesWords(r, [word], false)).map((r) => r.id)
        .sort((a, b) => a - b).slice(0, 7);
      const hits = await searchHits(db, word, { limit: 7 });
      assert.deepEqual(hits.map((h) => h.id), expected, word);
      assert.ok(hits.every((h) => h.rank === null && typeof h.edge === "boolean"));
    }
  },
);

engineTest("searchHits() names the option that is wrong", async () => {
  await using db = await freshDatabase();
  await assert.rejects(searchHits(db, "x", { limit: 0 }), {
    name: "RangeError",
    message: /option "limit"/,
  });
  await assert.rejects(searchHits(db, "x", { limit: 2.5 }), {
    name: "RangeError",
    message: /option "limit"/,
  });
  // deno-lint-ignore no-explicit-any
  await assert.rejects(searchHits(db, "x", { order: "best" as any }), {
    name: "RangeError",
    message: /"order"/,
  });
  // deno-lint-ignore no-explicit-any
  await assert.rejects(searchHits(db, 7 as any), {
    name: "TypeError",
    message: /Invalid search text/,
  });
  await assert.rejects(searchHits(db, "x", { annotationId: -1 }), {
    name: "RangeError",
    message: /"annotationId"/,
  });
  await assert.rejects(searchHits(db, "x", { genome: "" }), {
    name: "TypeError",
    message: /"genome"/,
  });
  assert.deepEqual(await searchHits(db, "   "), []);
});
