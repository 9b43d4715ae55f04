/**
 * `familyTotals()` (what `pangenomeClasses` and the unstratified `traitAssociation` read) equals a
 * brute force over the runs, both from the family sets (counted by family id, no matrix) and from
 * the features (the sets removed): carriers, copies, carriers among some genomes, names in
 * code-unit order, and the descriptions of `familyPresence`.
 */

import assert from "node:assert/strict";
import { familyPresence, familyTotals } from "../../src/analysis/gene_families.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";
import { cohortFixture, familyCopies } from "./_cohort.ts";

engineTest("familyTotals() equals a brute force from the sets and from the features", async () => {
  const { db, runs } = await cohortFixture({
    seed: 31,
    genomes: 4,
    familiesPool: 24,
    coreFamilies: 8,
    accessoryRate: 0.5,
  });
  try {
    const names = [...runs.keys()];
    const among = [names[0], names[2], names[3]];
    const options = { types: ["cds", "sorf"] as const, pseudogenes: "absent" as const };
    const brute = familyCopies(runs, { types: ["cds", "sorf"], pseudogenes: "absent" });
    const expected = [...brute.keys()].sort().map((family) => {
      const cells = brute.get(family)!;
      return {
        family,
        carriers: cells.size,
        copies: [...cells.values()].reduce((a, b) => a + b, 0),
        among: among.filter((g) => cells.has(g)).length,
      };
    });
    for (const path of ["sets", "features"]) {
      if (path === "features") await db.deleteFrom("annotation_families").execute();
      const totals = await familyTotals(db, { ...options, among, describe: true });
      assert.equal(totals.genomes, names.length, path);
      assert.deepEqual(
        totals.families.map((family, f) => ({
          family,
          carriers: totals.carriers[f],
          copies: totals.copies[f],
          among: totals.carriersAmong![f],
        })),
        expected,
        path,
      );
      const presence = await familyPresence(db, { ...options, describe: true });
      assert.deepEqual(totals.descriptions, presence.descriptions, path);
      assert.ok(presence.descriptions!.product.some((p) => p !== null), path);
    }
  } finally {
    await db.destroy();
  }
}, { engines: ["sqlite"] }); // PostgreSQL's dictionary read: dictionary_columns_test.ts

Deno.test("familyTotals() refuses an among that is not genome names", async () => {
  await using db = await freshDatabase();
  await assert.rejects(
    () => familyTotals(db, { among: "g1" as unknown as string[] }),
    { name: "RangeError", message: 'Invalid option "among": expected genome names, got "g1"' },
  );
});
