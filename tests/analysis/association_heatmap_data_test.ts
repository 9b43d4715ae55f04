import assert from "node:assert/strict";
import { associationHeatmapData } from "../../src/analysis/association_heatmap_data.ts";
import { traitAssociation } from "../../src/analysis/trait_association.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { cohortFixture, familyOf } from "./_cohort.ts";

Deno.test("associationHeatmapData() gives the strongest families' presence per tested genome", async () => {
  const { db, runs } = await cohortFixture({
    seed: 8,
    genomes: 7,
    familiesPool: 60,
    coreFamilies: 20,
  });
  const names = [...runs.keys()];
  for (const [i, name] of names.entries()) {
    const { id } = await db.selectFrom("genomes").select("id").where("name", "=", name)
      .executeTakeFirstOrThrow();
    await setTraits(db, id, { resistant: i === 0 ? "NA" : i % 2 ? "R" : "S" });
  }
  const association = await traitAssociation(db, { trait: "resistant" });
  const data = await associationHeatmapData(db, association, { top: 8 });
  assert.deepEqual(data.genomes, names.slice(1));
  assert.deepEqual(data.trait, names.slice(1).map((_, i) => (i + 1) % 2 === 1));
  const top = association.table.slice(0, 8).objects() as { family: string }[];
  data.genomes.forEach((genome, g) => {
    const carried = new Set(
      runs.get(genome)!.features.filter((f) => f.type === "cds" && !f.pseudo).map(familyOf),
    );
    assert.deepEqual(data.present[g], top.map((row) => (carried.has(row.family) ? 1 : 0)));
  });
  await assert.rejects(() => associationHeatmapData(db, association, { top: 0 }), /"top"/);
  await db.destroy();
});
