/**
 * Cohort figures grouped by species, on a factory cohort of two species (three genomes of
 * "Escherichia coli", two of "Klebsiella pneumoniae", imported in mixed order): the layouts'
 * grouping and the rendered marks' data (species labels, genome order, bands) checked against the
 * species each run was made with.
 */

import assert from "node:assert/strict";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/make_cohort.ts";
import { cohortSpecies } from "../../src/analysis/cohort_species.ts";
import { featureTypeCounts } from "../../src/analysis/feature_type_counts.ts";
import { cogCategoryCounts } from "../../src/analysis/cog_matrix.ts";
import { presenceAbsence } from "../../src/analysis/gene_families.ts";
import {
  type FeatureTypeCountRow,
  featureTypesLayout,
} from "../../src/plot/feature_types_layout.ts";
import { featureTypesPlot } from "../../src/plot/feature_types_plot.ts";
import {
  cogCategoriesLayout,
  type CogCategoryCountRow,
} from "../../src/plot/cog_categories_layout.ts";
import {
  presenceAbsenceLayout,
  type PresenceAbsenceMatrix,
} from "../../src/plot/presence_absence_layout.ts";
import { presenceAbsencePlot } from "../../src/plot/presence_absence_plot.ts";
import { cogCategoriesPlot } from "../../src/plot/cog_categories_plot.ts";
import { speciesBands } from "../../src/plot/species_bands.ts";
import type { FigureElement } from "../../src/plot/plot_figure.ts";
import { toSvgString } from "../../src/plot/to_svg_string.ts";
import { all, assertSnapshot, mainSvg } from "./_helpers.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** The truth: each genome's species as the factory made it, in import order (mixed). */
const MADE: [string, string][] = [
  ["K1", "Klebsiella pneumoniae"],
  ["E1", "Escherichia coli"],
  ["E2", "Escherichia coli"],
  ["K2", "Klebsiella pneumoniae"],
  ["E3", "Escherichia coli"],
];
const E = MADE.filter(([, s]) => s === "Escherichia coli").map(([g]) => g);
const K = MADE.filter(([, s]) => s === "Klebsiella pneumoniae").map(([g]) => g);

interface Fixture {
  species: { species: string; genomes: string[] }[];
  types: FeatureTypeCountRow[];
  cogs: CogCategoryCountRow[];
  presence: PresenceAbsenceMatrix;
}

async function makeFixture(): Promise<Fixture> {
  await using db = await freshDatabase();
  const cohorts = new Map<string, ReturnType<typeof makeCohort>>();
  for (
    const [seed, species] of [[3, "Escherichia coli"], [4, "Klebsiella pneumoniae"]] as const
  ) {
    const [genus, epithet] = species.split(" ");
    cohorts.set(
      species,
      makeCohort({
        seed,
        genomes: 3,
        familiesPool: 40,
        coreFamilies: 15,
        run: { genus, species: epithet },
      }),
    );
  }
  const used = new Map<string, number>();
  for (const [name, species] of MADE) {
    const i = used.get(species) ?? 0;
    used.set(species, i + 1);
    await importRun(db, cohorts.get(species)!.members[i].run, { genome: name });
  }
  return {
    species: await cohortSpecies(db),
    types: (await featureTypeCounts(db)).objects() as FeatureTypeCountRow[],
    cogs: (await cogCategoryCounts(db)).objects() as CogCategoryCountRow[],
    presence: asMatrix((await presenceAbsence(db)).objects() as Record<string, unknown>[]),
  };
}

/** `presenceAbsence()`'s wide table (a row per family, a column per genome) as a matrix. */
function asMatrix(rows: Record<string, unknown>[]): PresenceAbsenceMatrix {
  const genomes = MADE.map(([g]) => g);
  return {
    genomes,
    families: rows.map((r) => String(r.family)),
    present: genomes.map((g) => rows.map((r) => Number(r[g]) > 0)),
  };
}

const fixture = makeFixture();

/** The species labels drawn, top to bottom, and their y. */
function speciesLabels(figure: FigureElement): { text: string; y: number }[] {
  return all(mainSvg(figure), 'g[aria-description="species"] text').map((t) => ({
    text: t.textContent ?? "",
    y: Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute("transform") ?? "")![1]),
  }));
}

/** The top of each genome's bar segments (from the tooltips, which start with the genome). */
function barTops(figure: FigureElement): Map<string, number> {
  const tops = new Map<string, number>();
  for (const rect of all(mainSvg(figure), 'g[aria-label="bar"] rect')) {
    const genome = (rect.querySelector("title")?.textContent ?? "").split("\n")[0];
    tops.set(genome, Number(rect.getAttribute("y")));
  }
  return tops;
}

/** Asserts E's label, E's bars, K's label, K's bars, top to bottom. */
function assertGroupedTopToBottom(figure: FigureElement): void {
  const labels = speciesLabels(figure);
  assert.deepEqual(labels.map((l) => l.text), [
    "Escherichia coli (3 genomes)",
    "Klebsiella pneumoniae (2 genomes)",
  ]);
  const tops = barTops(figure);
  assert.deepEqual([...tops.keys()].sort(), [...E, ...K].sort());
  const ordered = [...tops].sort((a, b) => a[1] - b[1]).map(([g]) => g);
  assert.deepEqual(ordered, [...E, ...K], "genomes top to bottom, species by species");
  for (const g of E) assert.ok(labels[0].y < tops.get(g)! && tops.get(g)! < labels[1].y, g);
  for (const g of K) assert.ok(labels[1].y < tops.get(g)!, g);
}

Deno.test("cohortSpecies() of the factory cohort gives the species each run was made with", async () => {
  const { species } = await fixture;
  assert.deepEqual(species, [
    { species: "Escherichia coli", genomes: E },
    { species: "Klebsiella pneumoniae", genomes: K },
  ]);
});

Deno.test("speciesBands() groups genomes by species, unlisted ones last, and keeps order within", () => {
  const bands = speciesBands(["x", "K1", "E2", "E1"], [
    { species: "Escherichia coli", genomes: ["E1", "E2"] },
    { species: "Klebsiella pneumoniae", genomes: ["K1", "K9"] },
    { species: "Absent species", genomes: ["A1"] },
  ]);
  assert.deepEqual(bands.genomes, ["E2", "E1", "K1", "x"]);
  assert.deepEqual(bands.headers.map((h) => [h.species, h.genomes]), [
    ["Escherichia coli", ["E2", "E1"]],
    ["Klebsiella pneumoniae", ["K1"]],
    ["unknown species", ["x"]],
  ]);
  assert.equal(bands.domain.length, 7);
  assert.equal(bands.speciesOf.get("x"), "unknown species");
  const none = speciesBands(["b", "a"]);
  assert.deepEqual([none.genomes, none.domain, none.headers], [["b", "a"], ["b", "a"], []]);
});

Deno.test("featureTypesPlot() with species: genomes grouped under species labels", async () => {
  const { species, types } = await fixture;
  const layout = featureTypesLayout(types, { species });
  assert.deepEqual(layout.bands.genomes, [...E, ...K]);
  assert.deepEqual(layout.totals.map((t) => t.genome), [...E, ...K]);
  const bars = layout.bars.map((b) => b.genome);
  assert.deepEqual([...new Set(bars)], [...E, ...K], "bars species by species");
  assertGroupedTopToBottom(featureTypesPlot(types, { species }));
  // Without species: input order (the import order), no labels.
  const plain = featureTypesPlot(types);
  assert.deepEqual(speciesLabels(plain), []);
  assert.deepEqual(
    [...barTops(plain)].sort((a, b) => a[1] - b[1]).map(([g]) => g),
    [...new Set(types.map((r) => r.genome))],
  );
});

Deno.test("cogCategoriesPlot() with species: stacked bars grouped, panels ordered and named by species", async () => {
  const { species, cogs } = await fixture;
  assertGroupedTopToBottom(
    cogCategoriesPlot(cogs, { species, layout: "stacked", normalize: true }),
  );
  const panels = cogCategoriesPlot(cogs, { species, layout: "grouped" });
  const headText = all(mainSvg(panels), 'g[aria-label="fx-axis tick label"] text')
    .map((t) => all(t, "tspan").map((s) => s.textContent).join("|") || t.textContent);
  assert.equal(headText.length, 5);
  assert.deepEqual(headText.map((h) => h!.split("|").slice(0, 2)), [
    ...E.map((g) => [g, "Escherichia coli"]),
    ...K.map((g) => [g, "Klebsiella pneumoniae"]),
  ]);
});

Deno.test("cogCategoriesLayout() deviation with species: each genome against its own species' mean (brute force)", async () => {
  const { species, cogs } = await fixture;
  const layout = cogCategoriesLayout(cogs, { species, layout: "deviation" });
  assert.deepEqual(layout.genomes, [...E, ...K]);
  const share = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const r of cogs) {
    totals.set(r.genome, (totals.get(r.genome) ?? 0) + Number(r.count));
  }
  for (const r of cogs) {
    const key = `${r.genome}|${r.category}`;
    share.set(key, (share.get(key) ?? 0) + 100 * Number(r.count) / totals.get(r.genome)!);
  }
  for (const bar of layout.bars) {
    const group = E.includes(bar.genome) ? E : K;
    const mine = share.get(`${bar.genome}|${bar.category}`) ?? 0;
    const mean = group.reduce((s, g) => s + (share.get(`${g}|${bar.category}`) ?? 0), 0) /
      group.length;
    assert.ok(Math.abs(bar.value - (mine - mean)) < 1e-9, `${bar.genome} ${bar.category}`);
  }
  assert.match(layout.x.label, /the species' mean/);
});

Deno.test("presenceAbsencePlot() with species: rows species by species, each clustered with its own dendrogram", async () => {
  const { species, presence } = await fixture;
  const layout = presenceAbsenceLayout(presence, { species });
  assert.deepEqual(layout.bands.genomes.slice(0, 3).sort(), [...E].sort());
  assert.deepEqual(layout.bands.genomes.slice(3).sort(), [...K].sort());
  // Escherichia coli has three genomes (a dendrogram below its label), Klebsiella two (none).
  assert.equal(layout.trees.length, 1);
  assert.equal(layout.trees[0].firstBand, 1);
  assert.deepEqual(
    layout.trees[0].tree.order.map((i) => layout.trees[0].tree.names[i]),
    layout.bands.genomes.slice(0, 3),
  );
  const figure = presenceAbsencePlot(presence, { species });
  assert.deepEqual(speciesLabels(figure).map((l) => l.text), [
    "Escherichia coli (3 genomes)",
    "Klebsiella pneumoniae (2 genomes)",
  ]);
  const rowY = new Map<string, number>();
  for (const rect of all(mainSvg(figure), 'g[aria-label="cell"] rect')) {
    const genome = (rect.querySelector("title")?.textContent ?? "").split("\n")[0];
    rowY.set(genome, Number(rect.getAttribute("y")));
  }
  const labels = speciesLabels(figure);
  for (const g of E) assert.ok(labels[0].y < rowY.get(g)! && rowY.get(g)! < labels[1].y, g);
  for (const g of K) assert.ok(labels[1].y < rowY.get(g)!, g);
  assert.equal(all(mainSvg(figure), 'g[aria-label="dendrogram"]').length, 1);
});

Deno.test("featureTypesPlot() grouped by species matches its SVG snapshot and PNG reference", async () => {
  const rows = MADE.flatMap(([genome], i) => [
    { genome, type: "cds", count: 4000 + 150 * i },
    { genome, type: "tRNA", count: 70 + i },
    { genome, type: "rRNA", count: 22 },
    { genome, type: "ncRNA", count: 40 + 3 * i },
  ]);
  const species = [
    { species: "Escherichia coli", genomes: E },
    { species: "Klebsiella pneumoniae", genomes: K },
  ];
  const figure = featureTypesPlot(rows, { species, width: 640 });
  await assertSnapshot("feature_types_by_species", toSvgString(figure), figure);
});
