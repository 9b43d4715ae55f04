import assert from "node:assert/strict";
import {
  cogCategoriesPlot,
  DEFAULT_COG_CATEGORIES_PLOT_OPTIONS,
} from "../../src/plot/cog_categories_plot.ts";
import { COG_CATEGORIES, cogCategory } from "../../src/plot/cog_categories.ts";
import { all, mainSvg, swatches, texts } from "./_helpers.ts";
import { assertSnapshot } from "./_helpers.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";

const ROWS = [
  { genome: "C22", category: "S", count: 420 },
  { genome: "C22", category: "J", count: 160 },
  { genome: "C22", category: "x", count: 35 },
  { genome: "C22", category: "E", count: 0 },
  { genome: "C320", category: "J", count: 158 },
  { genome: "C320", category: "L", count: 101 },
  { genome: "C320", category: "KL", count: 3 },
];

/** The category letter of a bar, read from its tooltip ("genome\nJ: …: count"). */
function letterOf(title: string): string {
  return title.split("\n")[1].split(":")[0];
}

function bars(figure: ReturnType<typeof cogCategoriesPlot>) {
  return all(mainSvg(figure), 'g[aria-label="bar"] rect').map((r) => ({
    fill: r.getAttribute("fill"),
    title: r.querySelector("title")?.textContent ?? "",
    width: Number(r.getAttribute("width")),
  }));
}

Deno.test("cogCategoriesPlot() defaults: grouped counts in NCBI colours", () => {
  assert.deepEqual({ ...DEFAULT_COG_CATEGORIES_PLOT_OPTIONS }, {
    title: "COG functional categories",
    normalize: false,
    layout: "grouped",
    palette: "ncbi",
    showEmpty: false,
    panelWidth: 180,
    barHeight: 20,
  });
  assert.throws(() => cogCategoriesPlot(ROWS, { layout: "pie" as never }), RangeError);
  assert.throws(() => cogCategoriesPlot(ROWS, { palette: "rainbow" as never }), RangeError);
  assert.throws(() => cogCategoriesPlot(ROWS, { barHeight: -2 }), RangeError);
});

Deno.test("cogCategoriesPlot() gives each bar the standard NCBI colour of its category", () => {
  const figure = cogCategoriesPlot(ROWS.filter((r) => r.genome === "C22"));
  const drawn = bars(figure);
  assert.equal(drawn.length, 3); // S, J, X; E has no features
  for (const bar of drawn) {
    assert.equal(bar.fill, cogCategory(letterOf(bar.title))!.ncbiColor, bar.title);
  }
  assert.equal(drawn.find((b) => letterOf(b.title) === "J")?.fill, "#FCCCFC");
  // Categories in the NCBI order, with their standard names on the axis.
  assert.deepEqual(figure.scale("y")?.domain, [
    "J: Translation, ribosomal structure and biogenesis",
    "X: Mobilome: prophages, transposons",
    "S: Function unknown",
  ]);
  const words = texts(mainSvg(figure));
  assert.ok(words.includes("S: Function unknown"));
  assert.ok(words.includes("Number of features"));
});

Deno.test("cogCategoriesPlot() draws one panel per genome and keeps unknown values last", () => {
  const figure = cogCategoriesPlot(ROWS);
  const drawn = bars(figure);
  assert.equal(drawn.length, ROWS.filter((r) => r.count > 0).length);
  assert.deepEqual(figure.scale("fx")?.domain, ["C22", "C320"]);
  assert.deepEqual(
    figure.scale("y")?.domain.map((l) => String(l).split(":")[0]),
    ["J", "L", "X", "S", "KL"],
  );
  assert.equal(drawn.find((b) => b.title.includes("KL"))?.fill, "#9e9e9e");
});

Deno.test("cogCategoriesPlot() uses Bakta's colours with palette bakta", () => {
  const figure = cogCategoriesPlot(ROWS, { palette: "bakta" });
  for (const bar of bars(figure)) {
    const c = cogCategory(letterOf(bar.title));
    if (c) assert.equal(bar.fill, c.baktaColor);
  }
});

Deno.test("cogCategoriesPlot() stacked and normalized: equal bars and a legend of standard colours", () => {
  const figure = cogCategoriesPlot(ROWS, { layout: "stacked", normalize: true });
  const drawn = bars(figure);
  const total = (genome: string) =>
    drawn.filter((b) => b.title.startsWith(`${genome}\n`)).reduce((s, b) => s + b.width, 0);
  assert.ok(Math.abs(total("C22") - total("C320")) < 0.01);
  const legend = swatches(figure);
  assert.deepEqual(legend.map((s) => s.label.split(":")[0]), ["J", "L", "X", "S", "KL"]);
  for (const s of legend.slice(0, 4)) {
    assert.equal(
      s.color,
      COG_CATEGORIES.find((c) => s.label.startsWith(`${c.letter}:`))!.ncbiColor,
    );
  }
  assert.ok(texts(mainSvg(figure)).includes("Share of COG assignments (%)"));
});

Deno.test("cogCategoriesPlot() shows all 26 categories with showEmpty", () => {
  const figure = cogCategoriesPlot(ROWS.slice(0, 2), { showEmpty: true });
  assert.equal(figure.scale("y")?.domain.length, 26);
});

Deno.test("cogCategoriesPlot() matches its SVG snapshot", async () => {
  const figure = cogCategoriesPlot(ROWS);
  await assertSnapshot("cog_categories_plot", svgOf(figure), figure);
});
