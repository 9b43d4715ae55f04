import assert from "node:assert/strict";
import {
  COG_CATEGORY_LETTERS,
  cogCategoryCounts,
  cogMatrix,
} from "../../src/analysis/cog_matrix.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { cohortFixture } from "./_cohort.ts";
import { insertAnnotation } from "../query/_fixture.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** Brute force: per category letter, the CDSs whose COG category accessions contain it. */
function bruteForce(run: BaktaRun) {
  const byLetter = new Map<string, number>();
  let assigned = 0;
  let cdss = 0;
  for (const feature of run.features) {
    if (feature.type !== "cds") continue;
    cdss++;
    const letters = new Set(
      feature.dbXrefs.filter((x) => x.db === "COG" && !x.accession.startsWith("COG"))
        .flatMap((x) => [...x.accession]),
    );
    if (letters.size > 0) assigned++;
    for (const letter of letters) byLetter.set(letter, (byLetter.get(letter) ?? 0) + 1);
  }
  return { byLetter, assigned, cdss };
}

engineTest(
  "cogCategoryCounts() and cogMatrix() equal a brute-force count over the factory's runs",
  async () => {
    const { db, runs } = await cohortFixture({
      seed: 8,
      genomes: 4,
      familiesPool: 120,
      coreFamilies: 40,
    });
    try {
      const long = (await cogCategoryCounts(db)).objects() as Record<string, unknown>[];
      const counts = await cogMatrix(db);
      const fractions = await cogMatrix(db, { value: "fraction" });
      assert.deepEqual(counts.columnNames(), ["genome", ...COG_CATEGORY_LETTERS]);
      assert.deepEqual(counts.array("genome"), [...runs.keys()]);
      let row = 0;
      for (const [genome, run] of runs) {
        const { byLetter, assigned, cdss } = bruteForce(run);
        const mine = long.filter((r) => r.genome === genome);
        assert.deepEqual(
          mine.map((r) => [r.category, r.count]),
          [...byLetter].sort(([a], [b]) => a < b ? -1 : 1),
        );
        for (const r of mine) {
          assert.equal(r.assigned, assigned);
          assert.equal(r.cdss, cdss);
          assert.equal(r.fraction, (r.count as number) / assigned);
        }
        for (const letter of COG_CATEGORY_LETTERS) {
          assert.equal(counts.get(letter, row), byLetter.get(letter) ?? 0, `${genome} ${letter}`);
          assert.equal(fractions.get(letter, row), (byLetter.get(letter) ?? 0) / assigned);
        }
        row++;
      }
    } finally {
      await db.destroy();
    }
  },
);

engineTest("cogCategoryCounts() counts a CDS with several categories once in each", async () => {
  await using db = await freshDatabase();
  await insertAnnotation(db, "g", [{ seqId: "c", length: 10_000 }], [
    {
      seqId: "c",
      start: 1,
      stop: 90,
      xrefs: [{ db: "COG", accession: "COG0745" }, { db: "COG", accession: "KT" }],
    },
    // Two category accessions sharing K: counted once for K.
    {
      seqId: "c",
      start: 100,
      stop: 190,
      xrefs: [{ db: "COG", accession: "K" }, { db: "COG", accession: "KL" }],
    },
    { seqId: "c", start: 200, stop: 290, xrefs: [{ db: "COG", accession: "COG0001" }] },
    { seqId: "c", start: 300, stop: 390, type: "sorf", xrefs: [{ db: "COG", accession: "S" }] },
    { seqId: "c", start: 400, stop: 490, pseudo: true, xrefs: [{ db: "COG", accession: "S" }] },
  ]);
  const rows = (await cogCategoryCounts(db)).objects();
  assert.deepEqual(rows, [
    { genome: "g", category: "K", count: 2, fraction: 2 / 3, assigned: 3, cdss: 4 },
    { genome: "g", category: "L", count: 1, fraction: 1 / 3, assigned: 3, cdss: 4 },
    { genome: "g", category: "S", count: 1, fraction: 1 / 3, assigned: 3, cdss: 4 },
    { genome: "g", category: "T", count: 1, fraction: 1 / 3, assigned: 3, cdss: 4 },
  ]);
  await assert.rejects(
    // deno-lint-ignore no-explicit-any
    cogMatrix(db, { value: "share" as any }),
    (e: unknown) => e instanceof RangeError && /"value"/.test(e.message),
  );
});
