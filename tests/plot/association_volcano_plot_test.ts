import assert from "node:assert/strict";
import {
  associationVolcanoPlot,
  DEFAULT_ASSOCIATION_VOLCANO_PLOT_OPTIONS,
} from "../../src/plot/association_volcano_plot.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";
import { all, assertSnapshot, mainSvg, texts } from "./_helpers.ts";

const ROWS = [
  {
    family: "F1",
    gene: "pbp2x",
    pos_present: 9,
    neg_present: 0,
    pos_absent: 1,
    neg_absent: 10,
    neg_log10_p: 4.3,
    p_bh: 0.002,
  },
  {
    family: "F2",
    gene: null,
    pos_present: 2,
    neg_present: 8,
    pos_absent: 8,
    neg_absent: 2,
    neg_log10_p: 1.9,
    p_bh: 0.04,
  },
  {
    family: "F3",
    gene: "mef",
    pos_present: 5,
    neg_present: 5,
    pos_absent: 5,
    neg_absent: 5,
    neg_log10_p: 0,
    p_bh: 1,
  },
];

Deno.test("associationVolcanoPlot() defaults: p_bh below 0.05 in red, ten labels, 640 × 420", () => {
  assert.deepEqual({ ...DEFAULT_ASSOCIATION_VOLCANO_PLOT_OPTIONS }, {
    title: "Gene families and the trait",
    corrected: "p_bh",
    alpha: 0.05,
    labels: 10,
    width: 640,
    height: 420,
    associatedColor: "#c0392b",
    otherColor: "#9aa5b1",
  });
  assert.throws(() => associationVolcanoPlot(ROWS, { alpha: 0 }), /"alpha"/);
  assert.throws(() => associationVolcanoPlot(ROWS, { labels: -1 }), /"labels"/);
  assert.throws(() => associationVolcanoPlot([{ family: "F" }] as never), /row 0 has pos_present/);
});

Deno.test("associationVolcanoPlot() places each family at its Haldane log2 odds ratio and -log10 p", () => {
  const figure = associationVolcanoPlot(ROWS, { labels: 2 });
  const x = figure.scale("x")!;
  const y = figure.scale("y")!;
  const dots = all(mainSvg(figure), 'g[aria-label="dot"] circle');
  assert.equal(dots.length, 3);
  const expectedX = [
    Math.log2((9.5 * 10.5) / (1.5 * 0.5)),
    Math.log2((2.5 * 2.5) / (8.5 * 8.5)),
    0,
  ];
  dots.forEach((dot, i) => {
    const [cx, cy] = (dot.getAttribute("transform") ?? "").match(/[-\d.]+/g)?.map(Number) ??
      [Number(dot.getAttribute("cx")), Number(dot.getAttribute("cy"))];
    const px = Number(x.apply!(expectedX[i]));
    const py = Number(y.apply!(ROWS[i].neg_log10_p));
    assert.ok(Math.abs(cx - px) < 0.5, `x of ${ROWS[i].family}: ${cx} != ${px}`);
    assert.ok(Math.abs(cy - py) < 0.5, `y of ${ROWS[i].family}: ${cy} != ${py}`);
  });
  assert.deepEqual(dots.map((d) => d.getAttribute("fill")), ["#c0392b", "#c0392b", "#9aa5b1"]);
  const words = texts(mainSvg(figure));
  assert.ok(words.includes("pbp2x") && words.includes("F2") && !words.includes("mef"));
});

Deno.test("associationVolcanoPlot() matches its SVG snapshot", async () => {
  await assertSnapshot("association_volcano_plot", svgOf(associationVolcanoPlot(ROWS)));
});
