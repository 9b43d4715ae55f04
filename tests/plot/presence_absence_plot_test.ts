import assert from "node:assert/strict";
import {
  DEFAULT_PRESENCE_ABSENCE_PLOT_OPTIONS,
  presenceAbsencePlot,
} from "../../src/plot/presence_absence_plot.ts";
import { all, mainSvg, random, swatches, texts } from "./_helpers.ts";
import { assertSnapshot } from "./_helpers.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";

const MATRIX = {
  genomes: ["A", "B", "C", "D"],
  families: ["f1", "f2", "f3", "f4", "f5"],
  present: [
    [true, false, true, false, true],
    [true, true, false, true, false],
    [true, false, true, false, true],
    [true, true, false, true, true],
  ],
};

function cells(figure: ReturnType<typeof presenceAbsencePlot>) {
  return all(mainSvg(figure), 'g[aria-label="cell"] rect').map((r) => {
    const [genome, rest] = (r.querySelector("title")?.textContent ?? "").split("\n");
    const [family, state] = rest.split(": ");
    return { genome, family, state, fill: r.getAttribute("fill") };
  });
}

Deno.test("presenceAbsencePlot() defaults: clustered genomes, blue on grey, 60 labelled families", () => {
  assert.deepEqual({ ...DEFAULT_PRESENCE_ABSENCE_PLOT_OPTIONS }, {
    title: "Gene family presence and absence",
    genomeOrder: "cluster",
    presentColor: "#1f5f8b",
    absentColor: "#eeeeee",
    maxFamilyLabels: 60,
    rowHeight: 22,
    familyOrder: "auto",
    dendrogram: true,
    maxCellTitles: 4000,
  });
  assert.throws(() => presenceAbsencePlot(MATRIX, { maxCellTitles: -1 }), {
    name: "RangeError",
    message: /Option "maxCellTitles" must be >= 0, got -1/,
  });
  assert.throws(() => presenceAbsencePlot(MATRIX, { genomeOrder: "alphabet" as never }), {
    name: "RangeError",
    message: /Option "genomeOrder" must be .*got "alphabet"/,
  });
  assert.throws(() => presenceAbsencePlot(MATRIX, { genomeOrder: ["A", "B"] }), /missing "C"/);
  assert.throws(
    () => presenceAbsencePlot({ ...MATRIX, present: [[true]] }),
    /1 rows for 4 genomes/,
  );
  assert.throws(
    () => presenceAbsencePlot([{ genome: "A", family: "f", present: "yes" as never }]),
    { name: "TypeError", message: /row 0 has present "yes", expected a boolean/ },
  );
});

Deno.test("presenceAbsencePlot() draws genomes × families cells, each in its state's colour", () => {
  const figure = presenceAbsencePlot(MATRIX);
  const drawn = cells(figure);
  assert.equal(drawn.length, MATRIX.genomes.length * MATRIX.families.length);
  for (const c of drawn) {
    const g = MATRIX.genomes.indexOf(c.genome);
    const f = MATRIX.families.indexOf(c.family);
    assert.equal(c.state, MATRIX.present[g][f] ? "present" : "absent");
    assert.equal(c.fill, c.state === "present" ? "#1f5f8b" : "#eeeeee");
  }
  assert.deepEqual(swatches(figure), [
    { label: "present", color: "#1f5f8b" },
    { label: "absent", color: "#eeeeee" },
  ]);
  assert.ok(texts(mainSvg(figure)).includes("Gene families (n = 5), most frequent first"));
});

Deno.test("presenceAbsencePlot() orders families by frequency and clusters similar genomes", () => {
  const figure = presenceAbsencePlot(MATRIX);
  const families = figure.scale("x")!.domain as string[];
  const frequency = (f: string) =>
    MATRIX.present.filter((row) => row[MATRIX.families.indexOf(f)]).length;
  assert.equal(families[0], "f1"); // in all four genomes
  for (let i = 1; i < families.length; i++) {
    assert.ok(frequency(families[i - 1]) >= frequency(families[i]), families.join());
  }
  // A and C have the same gene content, B and D nearly: each pair sits together.
  const genomes = figure.scale("y")!.domain as string[];
  assert.equal(Math.abs(genomes.indexOf("A") - genomes.indexOf("C")), 1, genomes.join());
  assert.equal(Math.abs(genomes.indexOf("B") - genomes.indexOf("D")), 1, genomes.join());
  assert.deepEqual(
    presenceAbsencePlot(MATRIX, { genomeOrder: "count" }).scale("y")!.domain,
    ["D", "A", "B", "C"],
  );
  assert.deepEqual(
    presenceAbsencePlot(MATRIX, { genomeOrder: ["D", "C", "B", "A"] }).scale("y")!.domain,
    ["D", "C", "B", "A"],
  );
});

Deno.test("presenceAbsencePlot() reads rows, absent pairs included, like the matrix", () => {
  const rows = MATRIX.genomes.flatMap((genome, g) =>
    MATRIX.families.flatMap((family, f) =>
      MATRIX.present[g][f] ? [{ genome, family, present: true }] : []
    )
  );
  rows.push({ genome: "A", family: "f2", present: false });
  const fromRows = cells(presenceAbsencePlot({ objects: () => rows }));
  const fromMatrix = cells(presenceAbsencePlot(MATRIX));
  const key = (c: { genome: string; family: string; state: string }) =>
    `${c.genome}/${c.family}/${c.state}`;
  assert.deepEqual(fromRows.map(key).sort(), fromMatrix.map(key).sort());
});

Deno.test("presenceAbsencePlot() hides family names past maxFamilyLabels", () => {
  const next = random(3);
  const genomes = ["g1", "g2", "g3"];
  const families = Array.from({ length: 200 }, (_, i) => `fam${i}`);
  const figure = presenceAbsencePlot({
    genomes,
    families,
    present: genomes.map(() => families.map(() => next() < 0.5)),
  });
  assert.equal(all(mainSvg(figure), 'g[aria-label="cell"] rect').length, 600);
  assert.ok(!texts(mainSvg(figure)).includes("fam0"));
  assert.ok(texts(mainSvg(figure)).includes("Gene families (n = 200), most frequent first"));
});

Deno.test("presenceAbsencePlot() matches its SVG snapshot", async () => {
  const figure = presenceAbsencePlot(MATRIX);
  await assertSnapshot("presence_absence_plot", svgOf(figure), figure);
});

Deno.test("presenceAbsencePlot() draws the clustering's dendrogram beside the genome names", () => {
  const figure = presenceAbsencePlot(MATRIX);
  const path = mainSvg(figure).querySelector('g[aria-label="dendrogram"] path');
  assert.ok(path, "a dendrogram");
  // 4 genomes: 3 merges of 3 segments each.
  assert.equal((path!.getAttribute("d")!.match(/M/g) ?? []).length, 9);
  // The leaves end at the rows, in row order: A and C (same families) are neighbours.
  const rows = figure.scale("y")!.domain as string[];
  assert.equal(Math.abs(rows.indexOf("A") - rows.indexOf("C")), 1);
  const none = presenceAbsencePlot(MATRIX, { dendrogram: false });
  assert.equal(mainSvg(none).querySelector('g[aria-label="dendrogram"]'), null);
  const input = presenceAbsencePlot(MATRIX, { genomeOrder: "input" });
  assert.equal(mainSvg(input).querySelector('g[aria-label="dendrogram"]'), null);
});

Deno.test("presenceAbsencePlot() of a pair puts a gene's gained and lost families side by side", () => {
  const rows = [
    ["blaZ · A1", false, true],
    ["mecA · M7", true, false],
    ["blaZ · B2", true, false],
    ["aadD · Q3", false, true],
    ["mecA · N8", false, true],
  ].flatMap(([family, early, late]) => [
    { genome: "early", family: family as string, present: early as boolean },
    { genome: "late", family: family as string, present: late as boolean },
  ]);
  const figure = presenceAbsencePlot(rows, { genomeOrder: "input" });
  assert.deepEqual(figure.scale("x")!.domain, [
    "aadD · Q3",
    "blaZ · A1",
    "blaZ · B2",
    "mecA · M7",
    "mecA · N8",
  ]);
  assert.ok(texts(mainSvg(figure)).some((t) => t.endsWith("by name")));
  // Three genomes or more: most shared first, as before.
  assert.deepEqual(presenceAbsencePlot(MATRIX).scale("x")!.domain[0], "f1");
  assert.throws(() => presenceAbsencePlot(rows, { familyOrder: "x" as never }), {
    name: "RangeError",
    message: /"familyOrder"/,
  });
});

Deno.test("presenceAbsencePlot() past maxCellTitles names each family once, over its whole column", () => {
  // 3 genomes x 2,000 families = 6,000 cells: more than the default 4,000 tooltips.
  const genomes = ["A", "B", "C"];
  const families = Array.from({ length: 2000 }, (_, i) => `F${i}`);
  const has = (g: number, f: number) => (f * 7 + g * 3) % 5 < 2 + g;
  const present = genomes.map((_, g) => families.map((_, f) => has(g, f)));
  const figure = presenceAbsencePlot({ genomes, families, present });
  const svg = mainSvg(figure);
  const heatmap = (root: typeof svg) =>
    all(root, 'g[aria-label="cell"]').filter((g) => !g.getAttribute("aria-description"));
  assert.equal(heatmap(svg).length, 1);
  assert.equal(all(heatmap(svg)[0], "rect").length, 6000);
  assert.equal(all(heatmap(svg)[0], "title").length, 0, "no tooltip per cell");
  const columns = all(svg, 'g[aria-description="family columns"] rect');
  assert.equal(columns.length, families.length);
  const plotHeight = Number(all(heatmap(svg)[0], "rect")[0].getAttribute("height")) * 3;
  for (const rect of columns) {
    const [family, count] = (rect.querySelector("title")?.textContent ?? "").split("\n");
    const f = families.indexOf(family);
    const expected = genomes.filter((_, g) => has(g, f)).length; // counted here, cell by cell
    assert.equal(count, `in ${expected} of 3 genomes`, family);
    assert.ok(Math.abs(Number(rect.getAttribute("height")) - plotHeight) < 0.01, "spans every row");
  }
  // Under the limit every cell keeps its own tooltip, and there are no column tooltips.
  const small = mainSvg(
    presenceAbsencePlot({ genomes, families, present }, { maxCellTitles: 6000 }),
  );
  assert.equal(all(small, 'g[aria-description="family columns"] rect').length, 0);
  assert.equal(all(heatmap(small)[0], "title").length, 6000);
});
