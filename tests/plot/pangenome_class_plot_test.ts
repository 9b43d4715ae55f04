import assert from "node:assert/strict";
import {
  DEFAULT_PANGENOME_CLASS_PLOT_OPTIONS,
  PANGENOME_CLASS_COLORS,
  pangenomeClassPlot,
} from "../../src/plot/pangenome_class_plot.ts";
import { all, mainSvg, texts } from "./_helpers.ts";
import { assertSnapshot } from "./_helpers.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";

const ROWS = [
  { class: "cloud" as const, count: 2890 },
  { class: "core" as const, count: 1523 },
  { class: "shell" as const, count: 1000 },
  { class: "shell" as const, count: 450n },
  { class: "soft-core" as const, count: 0 },
];

Deno.test("pangenomeClassPlot() defaults: labelled bars, 520 × 380", () => {
  assert.deepEqual({ ...DEFAULT_PANGENOME_CLASS_PLOT_OPTIONS }, {
    title: "Pangenome composition",
    labels: true,
    width: 520,
    height: 380,
  });
  assert.throws(
    () => pangenomeClassPlot([{ class: "accessory" as never, count: 1 }]),
    /class "accessory", expected core, soft-core, shell or cloud/,
  );
  assert.throws(() => pangenomeClassPlot([{ class: "core", count: -5 }]), {
    name: "RangeError",
    message: /row 0 has a negative count -5/,
  });
});

Deno.test("pangenomeClassPlot() draws one bar per class with families, core to cloud", () => {
  const figure = pangenomeClassPlot(ROWS);
  const bars = all(mainSvg(figure), 'g[aria-label="bar"] rect');
  assert.equal(bars.length, 3);
  assert.deepEqual(figure.scale("x")!.domain, ["core", "shell", "cloud"]);
  assert.deepEqual(bars.map((b) => b.getAttribute("fill")), [
    PANGENOME_CLASS_COLORS.core,
    PANGENOME_CLASS_COLORS.shell,
    PANGENOME_CLASS_COLORS.cloud,
  ]);
  // Heights proportional to the counts (shell = 1,000 + 450).
  const heights = bars.map((b) => Number(b.getAttribute("height")));
  assert.ok(Math.abs(heights[2] / heights[0] - 2890 / 1523) < 0.01);
  assert.ok(Math.abs(heights[1] / heights[0] - 1450 / 1523) < 0.01);
  const words = texts(mainSvg(figure));
  const total = 1523 + 1450 + 2890;
  assert.ok(words.includes(`Pangenome class (${total.toLocaleString("en-US")} gene families)`));
  assert.ok(words.includes("Gene families"));
  assert.ok(
    words.some((w) => w.includes("1,450") && w.includes(`${(1450 / total * 100).toFixed(1)}%`)),
  );
  assert.equal(
    all(mainSvg(pangenomeClassPlot(ROWS, { labels: false })), 'g[aria-label="text"]').length,
    0,
  );
});

Deno.test("pangenomeClassPlot() matches its SVG snapshot", async () => {
  const figure = pangenomeClassPlot(ROWS);
  await assertSnapshot("pangenome_class_plot", svgOf(figure), figure);
});
