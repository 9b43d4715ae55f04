import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import { renderReport } from "../../src/report/render_report.ts";
import { importRuns } from "../../src/store/import_runs.ts";
import { makeBakrepDataset } from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";

Deno.test("renderReport() shows a BakRep genome's source, GTDB species, MLST and CheckM2 among its facts", async () => {
  const dir = await Deno.makeTempDir();
  const db = await openDatabase(":memory:");
  try {
    const d = makeBakrepDataset("SAMN0077", { seed: 7, sequenceType: "180", completeness: 98.4 });
    for (const [name, bytes] of d.files) await Deno.writeFile(`${dir}/${name}`, bytes);
    assert.equal((await importRuns(db, [dir])).imported, 1);
    const html = await renderReport(db, { genomes: ["SAMN0077"] });
    const section = html.slice(html.indexOf('data-genome="SAMN0077"'));
    const facts = section.slice(0, section.indexOf("</ul>"));
    assert.match(facts, /<li><b>Source<\/b> bakrep<\/li>/);
    assert.match(facts, /<li><b>BakRep<\/b> SAMN0077<\/li>/);
    assert.match(facts, /<li><b>GTDB species<\/b> Streptococcus pneumoniae<\/li>/);
    assert.match(facts, /<li><b>MLST<\/b> 180<\/li>/);
    assert.match(facts, /<li><b>Completeness<\/b> 98\.4 %<\/li>/);
  } finally {
    await db.destroy();
    await Deno.remove(dir, { recursive: true });
  }
});
