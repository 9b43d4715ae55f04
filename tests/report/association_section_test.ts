import assert from "node:assert/strict";
import { binaryTraitOf, collectAssociation } from "../../src/report/_association_model.ts";
import { collectReport } from "../../src/report/collect_report.ts";
import { renderReportHtml } from "../../src/report/render_report_html.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { traitAssociation } from "../../src/analysis/trait_association.ts";
import { cohortFixture } from "../analysis/_cohort.ts";

Deno.test("collectReport() tests the cohort's binary trait and the page draws it", async () => {
  const { db, runs } = await cohortFixture({
    seed: 3,
    genomes: 6,
    familiesPool: 50,
    coreFamilies: 20,
  });
  const names = [...runs.keys()];
  const without = await collectReport(db, { gcRings: false });
  assert.equal(without.association, null, "no trait, no association");
  assert.doesNotMatch(renderReportHtml(without), /id="association"/);
  for (const [i, name] of names.entries()) {
    const { id } = await db.selectFrom("genomes").select("id").where("name", "=", name)
      .executeTakeFirstOrThrow();
    await setTraits(db, id, { lineage: String(i % 3), "z.resistant": i % 2 ? "R" : "S" });
  }
  // lineage 0/1/2 is not binary ("2"); the resistance is.
  assert.equal(await binaryTraitOf(db, names), "z.resistant");
  const direct = await traitAssociation(db, { trait: "z.resistant", genomes: names });
  const association = await collectAssociation(db, names);
  assert.ok(association);
  assert.equal(association.rows.length, direct.table.numRows());
  assert.deepEqual(
    association.rows.map((r) => r.family),
    direct.table.array("family") as string[],
  );
  const model = await collectReport(db, { gcRings: false });
  assert.deepEqual(JSON.parse(JSON.stringify(model.association)), model.association);
  const html = renderReportHtml(model);
  assert.match(html, /<section class="card" id="association">/);
  assert.match(html, /<a href="#association">Association<\/a>/);
  assert.match(html, /<h2>Gene families and z\.resistant<\/h2>/);
  assert.match(html, /6 genomes \(3 with z\.resistant, 3 without; 0 without a value left out\)/);
  const section = html.slice(
    html.indexOf('id="association"'),
    html.indexOf("</section>", html.indexOf('id="association"')),
  );
  assert.equal(section.match(/<figure class="plot/g)?.length, 2);
  assert.doesNotMatch(section, /could not be drawn/);
  await db.destroy();
});
