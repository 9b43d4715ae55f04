import assert from "node:assert/strict";
import { sql } from "kysely";
import { familyMembersQuery, familyPresence } from "../../src/analysis/gene_families.ts";
import {
  familiesByPrevalence,
  type FamilyPresence,
  readFamilyPresence,
} from "../../src/analysis/_family_presence.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { cohortFixture, familyCopies, presenceCells as asMap } from "./_cohort.ts";
import { engineTest } from "../_engines.ts";

const COHORT = { seed: 11, genomes: 7, familiesPool: 90, coreFamilies: 30, accessoryRate: 0.4 };

engineTest("familyPresence() equals brute force for every option", async (t) => {
  const { db, runs } = await cohortFixture(COHORT);
  try {
    const names = [...runs.keys()];
    const cases = [
      {},
      { pseudogenes: "absent" as const },
      { types: ["cds", "sorf"] as ("cds" | "sorf")[] },
      { genomes: [names[1], names[4], names[5]] },
    ];
    for (const options of cases) {
      await t.step(JSON.stringify(options), async () => {
        const presence = await familyPresence(db, options);
        assert.deepEqual(presence.genomes, options.genomes ?? names);
        assert.deepEqual(asMap(presence), familyCopies(runs, options));
        const sorted = [...presence.families].sort();
        assert.deepEqual(presence.families, sorted, "families in code-unit order");
      });
    }
  } finally {
    await db.destroy();
  }
});

engineTest(
  "familyPresence() selects by trait and reads each family's lowest member id in the store",
  async () => {
    const { db, runs } = await cohortFixture(COHORT);
    try {
      const genomes = await db.selectFrom("genomes").select(["id", "name"]).orderBy("name")
        .execute();
      for (const [i, genome] of genomes.entries()) {
        await setTraits(db, genome.id, { group: i % 2 === 0 ? "even" : "odd" });
      }
      const presence = await familyPresence(db, { where: ["group=odd"] });
      const odd = genomes.filter((_, i) => i % 2 === 1).map((g) => g.name);
      assert.deepEqual(presence.genomes, odd);
      assert.deepEqual(asMap(presence), familyCopies(runs, { genomes: odd }));
      // Each family's representative: its lowest feature id in the whole store (the per-protein
      // query over every genome), not only among the odd genomes.
      const members = await familyMembersQuery(db).execute();
      const present = new Set(presence.families);
      const lowest = new Map<string, number>();
      for (const m of members) {
        if (m.family !== null && present.has(m.family)) {
          lowest.set(m.family, Math.min(lowest.get(m.family) ?? Infinity, Number(m.feature_id)));
        }
      }
      assert.deepEqual(
        new Map(presence.families.map((family, f) => [family, presence.first[f]])),
        lowest,
      );
    } finally {
      await db.destroy();
    }
  },
);

engineTest("familyPresence() computes the family of proteins stored without one", async () => {
  const { db, runs } = await cohortFixture(COHORT);
  try {
    // Every third CDS loses its stored family (as if written outside the store): its family is
    // then computed from its cross-references and MD5, and merged with the stored ones.
    const { numUpdatedRows } = await db.updateTable("features").set({ family: null })
      .where(sql<boolean>`id % 3 = 0`).where("type", "=", "cds").executeTakeFirst();
    assert.ok(Number(numUpdatedRows) > 100);
    assert.deepEqual(asMap(await familyPresence(db)), familyCopies(runs));
    assert.deepEqual(
      asMap(await familyPresence(db, { pseudogenes: "absent" })),
      familyCopies(runs, { pseudogenes: "absent" }),
    );
  } finally {
    await db.destroy();
  }
});

engineTest("readFamilyPresence() gives the same matrix in chunks of any size", async (t) => {
  const { db } = await cohortFixture({ ...COHORT, genomes: 4 });
  try {
    // Without the family sets, the matrix is read from the features, chunk by chunk.
    await db.deleteFrom("annotation_families").execute();
    const whole = await familyPresence(db);
    for (const chunk of [1, 7, whole.families.length - 1, whole.families.length]) {
      await t.step(`chunk ${chunk}`, async () => {
        const chunked = await readFamilyPresence(db, {
          cohort: {},
          types: ["cds"],
          pseudogenes: "present",
          computeAll: false,
          computed: familyMembersQuery(db),
          chunk,
        });
        assert.deepEqual(chunked, whole);
      });
    }
    await assert.rejects(
      readFamilyPresence(db, {
        cohort: {},
        types: ["cds"],
        pseudogenes: "present",
        computeAll: false,
        computed: familyMembersQuery(db),
        chunk: 0,
      }),
      { name: "RangeError", message: /Invalid option "chunk": expected a positive integer, got 0/ },
    );
  } finally {
    await db.destroy();
  }
});

Deno.test("familiesByPrevalence() orders by genomes, then keeps the family order", () => {
  const presence: FamilyPresence = {
    genomes: ["a", "b", "c"],
    annotationIds: [1, 2, 3],
    families: ["A", "B", "C", "D", "E"],
    // A in 1 genome, B in 3, C in 1, D in 2, E in 3.
    offsets: Int32Array.from([0, 1, 4, 5, 7, 10]),
    genome: Int32Array.from([0, 0, 1, 2, 1, 0, 2, 0, 1, 2]),
    copies: new Int32Array(10).fill(1),
    first: new Float64Array(5),
  };
  assert.deepEqual([...familiesByPrevalence(presence)], [1, 4, 3, 0, 2]);
  assert.deepEqual([...familiesByPrevalence(presence, 2)], [1, 4, 3]);
  assert.deepEqual([...familiesByPrevalence(presence, 4)], []);
});
