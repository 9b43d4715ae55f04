import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/make_cohort.ts";
import { collectReport } from "../../src/report/collect_report.ts";
import { renderReportHtml } from "../../src/report/render_report_html.ts";
import { renderReport } from "../../src/report/render_report.ts";
import type { ReportModel } from "../../src/report/report_model.ts";
import { freshDatabase } from "../_fresh_database.ts";

const FIXED_TIME = new Date("2025-03-04T05:06:07Z");

/** A three-genome cohort; `species` sets each genome's GTDB species trait (null: none). */
async function cohortModel(species: (string | null)[]): Promise<ReportModel> {
  await using db = await freshDatabase();
  const cohort = makeCohort({ seed: 7, genomes: 3, familiesPool: 40, coreFamilies: 20 });
  for (const [i, member] of cohort.members.entries()) {
    await importRun(db, member.run, { genome: member.name });
    const genome = await db.selectFrom("genomes").select("id").where("name", "=", member.name)
      .executeTakeFirstOrThrow();
    await db.insertInto("genome_traits").values([
      { genome_id: genome.id, key: "penicillin", value: i === 0 ? "R" : "S" },
      ...(species[i] === null
        ? []
        : [{ genome_id: genome.id, key: "gtdbtk.species", value: species[i] }]),
    ]).execute();
  }
  return await collectReport(db, { generatedAt: FIXED_TIME, gcRings: false });
}

/** The parts of a DOM element these tests read (linkedom's, typed structurally). */
interface El {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
}

function documentOf(page: string): El {
  return (parseHTML(page) as unknown as { document: El }).document;
}

Deno.test("collectReport() makes a JSON-serialisable model with traits and species", async () => {
  const model = await cohortModel(["Escherichia coli", "Escherichia coli", "Escherichia coli"]);
  assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
  assert.equal(model.generatedAt, "2025-03-04T05:06:07.000Z");
  assert.equal(model.genomes.length, 3);
  for (const [i, g] of model.genomes.entries()) {
    assert.equal(g.species, "Escherichia coli");
    assert.deepEqual(g.traits, [
      { key: "gtdbtk.species", value: "Escherichia coli" },
      { key: "penicillin", value: i === 0 ? "R" : "S" },
    ]);
    assert.ok(g.uniqueFamilies !== null);
  }
  assert.deepEqual(model.cohort?.species, [
    { species: "Escherichia coli", genomes: model.genomes.map((g) => g.name) },
  ]);
  // The presence matrix holds every family, each in one genome at least.
  const presence = model.cohort!.presence;
  assert.equal(presence.present.length, 3);
  presence.families.forEach((_, f) => assert.ok(presence.present.some((column) => column[f])));
});

Deno.test("renderReportHtml() draws the page from the model alone, as renderReport() does", async () => {
  await using db = await freshDatabase();
  const cohort = makeCohort({ seed: 8, genomes: 2, familiesPool: 30, coreFamilies: 15 });
  for (const member of cohort.members) await importRun(db, member.run, { genome: member.name });
  const options = { generatedAt: FIXED_TIME, gcRings: false };
  const model = await collectReport(db, options);
  const fromJson = renderReportHtml(JSON.parse(JSON.stringify(model)));
  assert.equal(fromJson, await renderReport(db, options));
});

Deno.test("the report warns about a mixed-species cohort and shows deviations for one species", async () => {
  const mixed = documentOf(
    renderReportHtml(await cohortModel(["Escherichia coli", "Klebsiella pneumoniae", null])),
  );
  const warning = mixed.querySelector("#cohort p.warning");
  assert.ok(warning, "a mixed cohort is flagged");
  assert.match(warning!.textContent!, /3 species/);
  assert.match(warning!.textContent!, /Core, shell and cloud/);
  assert.equal(
    mixed.querySelector('figure[aria-label="COG categories: each genome against the cohort"]'),
    null,
  );
  const one = documentOf(renderReportHtml(await cohortModel(["E. coli", "E. coli", "E. coli"])));
  assert.equal(one.querySelector("#cohort p.warning"), null);
  assert.match(one.querySelector("#cohort p.species")!.textContent!, /E\. coli/);
  assert.ok(
    one.querySelector('figure[aria-label="COG categories: each genome against the cohort"] svg'),
  );
  // Traits are listed in each genome's section.
  const traits = [...one.querySelectorAll("section.genome details.traits th")].map((th) =>
    th.textContent
  );
  assert.ok(traits.includes("penicillin"));
});

Deno.test("collectReport() groups the cohort by species: GTDB-Tk's where present, else Bakta's organism", async () => {
  const model = await cohortModel(["s__Escherichia coli", null, "Escherichia coli"]);
  const organism = model.genomes[1].organism;
  // The genome without a GTDB species falls back to its organism, strain left out.
  const expected = organism?.split(" ").slice(0, 2).join(" ") ?? "unknown species";
  assert.equal(model.genomes[0].species, "Escherichia coli");
  assert.equal(model.genomes[1].species, expected === "unknown species" ? null : expected);
  const groups = new Map(model.cohort!.species.map((g) => [g.species, g.genomes]));
  assert.deepEqual(groups.get("Escherichia coli"), [model.genomes[0].name, model.genomes[2].name]);
  assert.deepEqual(groups.get(expected), [model.genomes[1].name]);
  // Both summary tables name each genome's species and list the genomes species by species,
  // the larger species (two genomes) first.
  const page = documentOf(renderReportHtml(model));
  const [g0, g1, g2] = model.genomes.map((g) => g.name);
  for (const table of ["sequences", "annotation"]) {
    const rows = [...page.querySelectorAll(`table[data-name="${table}"] tbody tr`)]
      .map((tr) => [tr.getAttribute("data-genome"), tr.querySelector("td.text")?.textContent]);
    assert.deepEqual(rows, [
      [g0, "Escherichia coli"],
      [g2, "Escherichia coli"],
      [g1, expected === "unknown species" ? "–" : expected],
    ], table);
  }
  // The cohort figures (feature types, COG categories, presence/absence) label the species.
  const labels = [...page.querySelectorAll('#cohort g[aria-description="species"] text')]
    .map((t) => t.textContent);
  assert.equal(labels.filter((l) => l === "Escherichia coli (2 genomes)").length, 3);
});
