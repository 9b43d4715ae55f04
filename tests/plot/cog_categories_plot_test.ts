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

Deno.test("cogCategoriesPlot() defaults: grouped counts in baktadb's COG colours", () => {
  assert.deepEqual({ ...DEFAULT_COG_CATEGORIES_PLOT_OPTIONS }, {
    title: "COG functional categories",
    normalize: false,
    layout: "grouped",
    palette: "baktadb",
    showEmpty: false,
    panelWidth: 180,
    barHeight: 20,
  });
  assert.throws(() => cogCategoriesPlot(ROWS, { layout: "pie" as never }), {
    name: "RangeError",
    message: /"layout"/,
  });
  assert.throws(() => cogCategoriesPlot(ROWS, { palette: "rainbow" as never }), {
    name: "RangeError",
    message: /"palette"/,
  });
  assert.throws(() => cogCategoriesPlot(ROWS, { barHeight: -2 }), {
    name: "RangeError",
    message: /"barHeight"/,
  });
});

Deno.test("cogCategoriesPlot() gives each bar its category's colour (NCBI's on request)", () => {
  const figure = cogCategoriesPlot(ROWS.filter((r) => r.genome === "C22"));
  const drawn = bars(figure);
  assert.equal(drawn.length, 3); // S, J, X; E has no features
  for (const bar of drawn) {
    assert.equal(bar.fill, cogCategory(letterOf(bar.title))!.color, bar.title);
  }
  // Written out here: J and S of the baktadb palette.
  assert.equal(drawn.find((b) => letterOf(b.title) === "J")?.fill, "#08306b");
  assert.equal(drawn.find((b) => letterOf(b.title) === "S")?.fill, "#636363");
  const ncbi = bars(cogCategoriesPlot(ROWS.filter((r) => r.genome === "C22"), { palette: "ncbi" }));
  assert.equal(ncbi.find((b) => letterOf(b.title) === "J")?.fill, "#FCCCFC");
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
      COG_CATEGORIES.find((c) => s.label.startsWith(`${c.letter}:`))!.color,
    );
  }
  assert.ok(texts(mainSvg(figure)).includes("Share of COG assignments (%)"));
});

const WITH_N = [
  { genome: "old", category: "J", count: 30, assigned: 45, cdss: 2302 },
  { genome: "old", category: "S", count: 15, assigned: 45, cdss: 2302 },
  { genome: "new", category: "J", count: 600, assigned: 1800, cdss: 2300 },
  { genome: "new", category: "S", count: 1200, assigned: 1800, cdss: 2300 },
];

Deno.test("cogCategoriesPlot() stacked shares of CDSs: n per genome and the share without a COG", () => {
  const figure = cogCategoriesPlot(WITH_N, { layout: "stacked", normalize: true });
  const n = all(mainSvg(figure), 'g[aria-description="n"] text').map((t) => t.textContent);
  assert.deepEqual(n, ["n = 45 of 2,302 CDSs", "n = 1,800 of 2,300 CDSs"]);
  const drawn = bars(figure);
  const share = (genome: string, label: string) => {
    const bar = drawn.find((b) => b.title.startsWith(`${genome}\n${label}`))!;
    return Number(/\(([\d.]+)%\)/.exec(bar.title)![1]);
  };
  // 45 of 2,302 CDSs have a category: 98.0 % of the bar says "no COG category".
  assert.equal(share("old", "No COG category"), Number((100 * (2302 - 45) / 2302).toFixed(1)));
  assert.equal(share("old", "J"), Number((100 * 30 / 2302).toFixed(1)));
  assert.equal(share("new", "No COG category"), Number((100 * 500 / 2300).toFixed(1)));
  assert.ok(swatches(figure).some((s) => s.label === "No COG category" && s.color === "#e6e6e6"));
  assert.ok(texts(mainSvg(figure)).includes("Share of CDSs (%)"));
});

Deno.test("cogCategoriesPlot() deviation: each genome's share minus the cohort mean", () => {
  const rows = [
    { genome: "a", category: "J", count: 10 },
    { genome: "a", category: "K", count: 30 },
    { genome: "b", category: "J", count: 30 },
    { genome: "b", category: "K", count: 10 },
    { genome: "c", category: "J", count: 20 },
    { genome: "c", category: "K", count: 20 },
  ];
  const figure = cogCategoriesPlot(rows, { layout: "deviation" });
  const drawn = bars(figure);
  assert.equal(drawn.length, 6);
  // Shares: J 25/75/50 %, mean 50 %: deviations -25, +25, 0 points (K the reverse).
  const points = (genome: string, letter: string) => {
    const title = drawn.find((b) => b.title.startsWith(`${genome}\n${letter}:`))!.title;
    return Number(/\(([+-]?[\d.]+) points/.exec(title)![1]);
  };
  assert.deepEqual(["a", "b", "c"].map((g) => points(g, "J")), [-25, 25, 0]);
  assert.deepEqual(["a", "b", "c"].map((g) => points(g, "K")), [25, -25, 0]);
  assert.ok(
    texts(mainSvg(figure)).includes("Difference from the cohort mean (percentage points)"),
  );
});

Deno.test("cogCategoriesPlot() shows all 26 categories with showEmpty", () => {
  const figure = cogCategoriesPlot(ROWS.slice(0, 2), { showEmpty: true });
  assert.equal(figure.scale("y")?.domain.length, 26);
});

Deno.test("cogCategoriesPlot() matches its SVG snapshot", async () => {
  const figure = cogCategoriesPlot(ROWS);
  await assertSnapshot("cog_categories_plot", svgOf(figure), figure);
});
