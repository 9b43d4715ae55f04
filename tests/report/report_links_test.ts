import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/make_cohort.ts";
import { collectReport } from "../../src/report/collect_report.ts";
import { renderReportHtml } from "../../src/report/render_report_html.ts";
import { xrefUrl } from "../../src/report/_links.ts";
import { familyOf } from "../analysis/_cohort.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** The parts of a DOM element this test reads (linkedom's, typed structurally). */
interface El {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
}

Deno.test("xrefUrl() links UniRef, COG ids and categories, GO, KEGG and EC; other databases not", () => {
  for (
    const [db, accession, url] of [
      ["UniRef", "UniRef90_A0A0A1GVN1", "https://www.uniprot.org/uniref/UniRef90_A0A0A1GVN1"],
      ["COG", "COG0593", "https://www.ncbi.nlm.nih.gov/research/cog/cog/COG0593/"],
      ["COG", "L", "https://www.ncbi.nlm.nih.gov/research/cog/cogcategory/L/"],
      ["GO", "0005524", "https://amigo.geneontology.org/amigo/term/GO:0005524"],
      ["GO", "GO:0005524", "https://amigo.geneontology.org/amigo/term/GO:0005524"],
      ["KEGG", "K02313", "https://www.kegg.jp/entry/K02313"],
      ["EC", "2.7.7.7", "https://enzyme.expasy.org/EC/2.7.7.7"],
      ["SO", "0001217", undefined],
      ["RefSeq", "WP_1.1", undefined],
    ] as const
  ) {
    assert.equal(xrefUrl(db, accession), url, `${db}:${accession}`);
  }
});

Deno.test("the report links each genome's own families to UniProt and their COG, GO, KEGG and EC pages", async () => {
  await using db = await freshDatabase();
  const cohort = makeCohort({ seed: 5, genomes: 3, familiesPool: 60, coreFamilies: 20 });
  for (const member of cohort.members) await importRun(db, member.run, { genome: member.name });
  const model = await collectReport(db, { gcRings: false });
  const page = (parseHTML(renderReportHtml(model)) as unknown as { document: El }).document;
  let linked = 0;
  for (const member of cohort.members) {
    // Brute force from the runs: each family's COG/GO/KEGG/EC cross-references.
    const expected = new Map<string, Set<string>>();
    for (const other of cohort.members) {
      for (const f of other.run.features) {
        const family = f.type === "cds" ? familyOf(f) : null;
        if (family === null) continue;
        const set = expected.get(family) ?? new Set<string>();
        for (const x of f.dbXrefs) {
          if (["COG", "GO", "KEGG", "EC"].includes(x.db)) set.add(`${x.db}:${x.accession}`);
        }
        expected.set(family, set);
      }
    }
    const table = page.querySelector(`table[data-name="${member.name}-own-families"]`);
    const rows = table === null ? [] : [...table.querySelectorAll("tbody tr")];
    const genome = model.genomes.find((g) => g.name === member.name)!;
    assert.equal(rows.length, genome.uniqueFamilies!.length);
    for (const row of rows) {
      const family = row.querySelector("th")!.getAttribute("data-value")!;
      const links = [...row.querySelectorAll("td.xrefs a")];
      assert.deepEqual(
        links.map((a) => a.textContent).sort(),
        [...expected.get(family)!].sort(),
        family,
      );
      for (const a of links) {
        const [dbName, ...rest] = a.textContent!.split(":");
        assert.equal(a.getAttribute("href"), xrefUrl(dbName, rest.join(":")));
        assert.equal(a.getAttribute("rel"), "noopener noreferrer");
        linked++;
      }
    }
  }
  assert.ok(linked > 10, `only ${linked} links`);
});
