import assert from "node:assert/strict";
import { associationSection, binaryTraitOf } from "../../src/report/_association_section.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { cohortFixture } from "../analysis/_cohort.ts";

Deno.test("associationSection() draws the association of the cohort's binary trait", async () => {
  const { db, runs } = await cohortFixture({
    seed: 3,
    genomes: 6,
    familiesPool: 50,
    coreFamilies: 20,
  });
  const names = [...runs.keys()];
  assert.equal(await associationSection(db, names), undefined, "no trait, no section");
  for (const [i, name] of names.entries()) {
    const { id } = await db.selectFrom("genomes").select("id").where("name", "=", name)
      .executeTakeFirstOrThrow();
    await setTraits(db, id, { lineage: String(i % 3), "z.resistant": i % 2 ? "R" : "S" });
  }
  // lineage 0/1/2 is not binary ("2"); the resistance is.
  assert.equal(await binaryTraitOf(db, names), "z.resistant");
  const html = String(await associationSection(db, names, 5));
  assert.match(html, /<section class="card" id="association">/);
  assert.match(html, /<h2>Gene families and z\.resistant<\/h2>/);
  assert.match(html, /6 genomes \(3 with z\.resistant, 3 without; 0 without a value left out\)/);
  assert.equal(html.match(/<figure class="plot/g)?.length, 2);
  assert.doesNotMatch(html, /could not be drawn/);
  await db.destroy();
});
