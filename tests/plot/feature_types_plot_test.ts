import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import {
  DEFAULT_FEATURE_TYPES_PLOT_OPTIONS,
  featureTypesPlot,
} from "../../src/plot/feature_types_plot.ts";
import { FEATURE_TYPE_COLORS, featureTypeLabel } from "../../src/plot/feature_colors.ts";
import { toSvgString } from "../../src/plot/to_svg_string.ts";
import { all, mainSvg, swatches, texts } from "./_helpers.ts";
import { assertSnapshot } from "./_helpers.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";
import { pangenomeClassPlot } from "../../src/plot/pangenome_class_plot.ts";
import { proteinLengthPlot } from "../../src/plot/protein_length_plot.ts";
import type { FigureElement } from "../../src/plot/plot_figure.ts";

const ROWS = [
  { genome: "C22", type: "cds", count: 2561 },
  { genome: "C22", type: "tRNA", count: 59 },
  { genome: "C22", type: "rRNA", count: 16 },
  { genome: "C22", type: "crispr", count: 0 },
  { genome: "C320", type: "cds", count: 2500 },
  { genome: "C320", type: "cds", count: 70n }, // added to the row above
  { genome: "C320", type: "tRNA", count: "0" as unknown as number }, // a driver's numeric string
  { genome: "C320", type: "tRNA", count: 58 },
  { genome: "C320", type: "ncRNA-region", count: 31 },
];

function bars(figure: ReturnType<typeof featureTypesPlot>) {
  return all(mainSvg(figure), 'g[aria-label="bar"] rect');
}

Deno.test("featureTypesPlot() defaults: title, counts, totals, bar height", () => {
  assert.deepEqual({ ...DEFAULT_FEATURE_TYPES_PLOT_OPTIONS, colors: {} }, {
    title: "Feature types per genome",
    normalize: false,
    totals: true,
    barHeight: 34,
    colors: {},
  });
  assert.throws(() => featureTypesPlot(ROWS, { barHeight: 0 }), {
    name: "RangeError",
    message: /"barHeight"/,
  });
  assert.throws(() => featureTypesPlot(ROWS, { fontSize: -1 }), {
    name: "RangeError",
    message: /"fontSize"/,
  });
  assert.throws(
    () => featureTypesPlot([{ genome: "a", type: "cds", count: -1 }]),
    (e: unknown) => e instanceof RangeError && /row 0 has a negative count/.test(e.message),
  );
  assert.throws(
    () => featureTypesPlot([{ genome: "a", type: "cds", count: "x" as unknown as number }]),
    (e: unknown) => e instanceof TypeError && /row 0 has count/.test(e.message),
  );
  assert.throws(() => featureTypesPlot(42 as never), {
    name: "TypeError",
    message: /expected an array of rows or a table .*got number/,
  });
});

Deno.test("featureTypesPlot() draws one bar segment per (genome, type) with a count", () => {
  const figure = featureTypesPlot(ROWS);
  const sums = new Map<string, number>();
  for (const r of ROWS) {
    const key = `${r.genome}|${r.type}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(r.count));
  }
  const expected = [...sums].filter(([, n]) => n > 0);
  const rects = bars(figure);
  assert.equal(rects.length, expected.length);
  // Segment widths are proportional to the counts: the CDS of C320 (2,570) against its tRNAs (58).
  const width = (genome: string, type: string) =>
    Number(
      rects.find((r) =>
        (r.querySelector("title")?.textContent ?? "").startsWith(
          `${genome}\n${featureTypeLabel(type)}:`,
        )
      )?.getAttribute("width"),
    );
  assert.ok(Math.abs(width("C320", "cds") / width("C320", "tRNA") - 2570 / 58) < 0.05);
  assert.ok(Math.abs(width("C22", "cds") / width("C22", "rRNA") - 2561 / 16) < 0.5);
});

Deno.test("featureTypesPlot() colours types as Bakta does and names them in the legend", () => {
  const figure = featureTypesPlot(ROWS);
  const legend = swatches(figure);
  assert.deepEqual(legend, [
    { label: "tRNA", color: FEATURE_TYPE_COLORS.tRNA },
    { label: "rRNA", color: FEATURE_TYPE_COLORS.rRNA },
    { label: "ncRNA region", color: FEATURE_TYPE_COLORS["ncRNA-region"] },
    { label: "CDS", color: FEATURE_TYPE_COLORS.cds },
  ]);
  const fills = new Set(bars(figure).map((r) => r.getAttribute("fill")));
  assert.deepEqual(fills, new Set(legend.map((l) => l.color)));
  const words = texts(mainSvg(figure));
  assert.ok(words.includes("Number of features"));
  assert.ok(words.includes("2,636") && words.includes("2,659"), "totals of C22 and C320");
  const svg = toSvgString(figure);
  assert.match(svg, />Feature types per genome</);
  assert.match(svg, />ncRNA region</);
});

Deno.test("featureTypesPlot() normalizes each genome to 100%", () => {
  const figure = featureTypesPlot(ROWS, { normalize: true });
  const rects = bars(figure);
  const byGenome = new Map<string, number>();
  for (const r of rects) {
    const genome = (r.querySelector("title")?.textContent ?? "").split("\n")[0];
    byGenome.set(genome, (byGenome.get(genome) ?? 0) + Number(r.getAttribute("width")));
  }
  const [a, b] = [...byGenome.values()];
  assert.ok(Math.abs(a - b) < 0.01, `${a} vs ${b}`);
  assert.ok(texts(mainSvg(figure)).includes("Share of features (%)"));
});

Deno.test("featureTypesPlot() takes Arquero-like tables and passes Plot options through", () => {
  const table = { objects: () => ROWS };
  const figure = featureTypesPlot(table, {
    width: 800,
    title: "Mine",
    marks: [Plot.ruleX([1000], { stroke: "red" })],
    color: { range: ["#000000", "#111111", "#222222", "#333333"] },
  });
  assert.equal(mainSvg(figure).getAttribute("width"), "800");
  assert.equal(figure.querySelector("h2")?.textContent, "Mine");
  assert.equal(all(mainSvg(figure), 'g[aria-label="rule"][stroke="red"] line').length, 1);
  assert.deepEqual(swatches(figure).map((s) => s.color), [
    "#000000",
    "#111111",
    "#222222",
    "#333333",
  ]);
  assert.equal(featureTypesPlot(ROWS, { title: null }).querySelector("h2"), null);
});

Deno.test("featureTypesPlot() matches its SVG snapshot", async () => {
  const figure = featureTypesPlot(ROWS);
  await assertSnapshot("feature_types_plot", svgOf(figure), figure);
});

Deno.test("count axes of small genomes have integer ticks only", async (t) => {
  const tickLabels = (figure: FigureElement, axis: "x" | "y") =>
    all(mainSvg(figure), `g[aria-label="${axis}-axis tick label"] text`).map((e) =>
      e.textContent ?? ""
    );
  await t.step("featureTypesPlot()", () => {
    const labels = tickLabels(featureTypesPlot([{ genome: "g", type: "cds", count: 2 }]), "x");
    assert.deepEqual(labels, ["0", "1", "2"]);
  });
  await t.step("pangenomeClassPlot()", () => {
    const labels = tickLabels(pangenomeClassPlot([{ class: "core", count: 3 }]), "y");
    assert.deepEqual(labels, ["0", "1", "2", "3"]);
  });
  await t.step("proteinLengthPlot()", () => {
    const labels = tickLabels(proteinLengthPlot([{ length: 120 }, { length: 300 }]), "y");
    assert.ok(labels.length >= 2 && labels.every((l) => /^\d+$/.test(l)), labels.join(" "));
  });
});
