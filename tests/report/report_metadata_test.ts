import assert from "node:assert/strict";
import { renderReport } from "../../src/report/render_report.ts";
import { importRuns } from "../../src/store/import_runs.ts";
import { makeBakrepDataset } from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";
import { freshDatabase } from "../_fresh_database.ts";

Deno.test("renderReport() shows a BakRep genome's source, GTDB species, MLST and CheckM2 among its traits", async () => {
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const d = makeBakrepDataset("SAMN0077", { seed: 7, sequenceType: "180", completeness: 98.4 });
    for (const [name, bytes] of d.files) await Deno.writeFile(`${dir}/${name}`, bytes);
    assert.equal((await importRuns(db, [dir])).imported, 1);
    const html = await renderReport(db, { genomes: ["SAMN0077"] });
    const section = html.slice(html.indexOf('data-genome="SAMN0077"'));
    const row = (key: string, value: string) =>
      `<th scope="row" class="text">${key}</th><td class="text">${value}</td>`;
    assert.ok(section.includes(row("source", "bakrep")));
    assert.ok(section.includes(row("bakrep.id", "SAMN0077")));
    assert.ok(section.includes(row("gtdbtk.species", "Streptococcus pneumoniae")));
    assert.ok(section.includes(row("mlst.sequence_type", "180")));
    assert.ok(section.includes(row("checkm2.completeness", "98.4")));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
