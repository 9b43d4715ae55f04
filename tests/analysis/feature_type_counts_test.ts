import assert from "node:assert/strict";
import { featureTypeCounts } from "../../src/analysis/feature_type_counts.ts";
import { cohortFixture } from "./_cohort.ts";
import { engineTest } from "../_engines.ts";

engineTest(
  "featureTypeCounts() equals a brute-force count of each run's feature types",
  async () => {
    const { db, runs } = await cohortFixture({
      seed: 10,
      genomes: 3,
      familiesPool: 50,
      coreFamilies: 20,
    });
    try {
      const rows = (await featureTypeCounts(db)).objects() as {
        genome: string;
        type: string;
        count: number;
      }[];
      const expected: string[] = [];
      for (const [genome, run] of runs) {
        const counts = new Map<string, number>();
        for (const f of run.features) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
        for (const [type, n] of counts) expected.push(`${genome}|${type}|${n}`);
      }
      assert.deepEqual(rows.map((r) => `${r.genome}|${r.type}|${r.count}`).sort(), expected.sort());
      // Ordered by genome, then type.
      const keys = rows.map((r) => [r.genome, r.type]);
      assert.deepEqual(
        keys,
        [...keys].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1),
      );
      const one = (await featureTypeCounts(db, { genomes: ["G2"] })).objects() as {
        genome: string;
      }[];
      assert.ok(one.length > 0 && one.every((r) => r.genome === "G2"));
    } finally {
      await db.destroy();
    }
  },
);
