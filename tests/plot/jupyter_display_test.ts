import assert from "node:assert/strict";
import { JUPYTER_DISPLAY, withJupyterDisplay } from "../../src/plot/jupyter_display.ts";
import { featureTypesPlot } from "../../src/plot/feature_types_plot.ts";
import { cogCategoriesPlot } from "../../src/plot/cog_categories_plot.ts";
import { regionMapPlot } from "../../src/plot/region_map_plot.ts";
import { circularMapPlot } from "../../src/plot/circular_map_plot.ts";
import { presenceAbsencePlot } from "../../src/plot/presence_absence_plot.ts";
import { pangenomeClassPlot } from "../../src/plot/pangenome_class_plot.ts";
import { proteinLengthPlot } from "../../src/plot/protein_length_plot.ts";
import { gcDistributionPlot } from "../../src/plot/gc_distribution_plot.ts";
import type { PlotFigure } from "../../src/plot/plot_figure.ts";

type Displayable = { [JUPYTER_DISPLAY]: () => Record<string, string> };

const FIGURES: [string, () => PlotFigure][] = [
  ["featureTypesPlot", () => featureTypesPlot([{ genome: "a", type: "cds", count: 3 }])],
  ["cogCategoriesPlot", () => cogCategoriesPlot([{ genome: "a", category: "J", count: 3 }])],
  ["regionMapPlot", () => regionMapPlot([{ start: 1, stop: 90, strand: "+", type: "cds" }])],
  [
    "circularMapPlot",
    () =>
      circularMapPlot({
        sequences: [{ id: "s", length: 100 }],
        features: [{ sequenceId: "s", start: 1, stop: 50, strand: "+", type: "cds" }],
      }),
  ],
  [
    "presenceAbsencePlot",
    () => presenceAbsencePlot([{ genome: "a", family: "f", present: true }]),
  ],
  ["pangenomeClassPlot", () => pangenomeClassPlot([{ class: "core", count: 3 }])],
  ["proteinLengthPlot", () => proteinLengthPlot([{ length: 300 }])],
  ["gcDistributionPlot", () => gcDistributionPlot([{ gc: 0.5 }])],
];

Deno.test("JUPYTER_DISPLAY is the symbol Deno's Jupyter kernel calls", () => {
  assert.equal(JUPYTER_DISPLAY, Symbol.for("Jupyter.display"));
});

Deno.test("every figure displays itself in Jupyter as one SVG with its title and legend", async (t) => {
  for (const [name, make] of FIGURES) {
    await t.step(name, () => {
      const figure = make();
      const display = (figure as unknown as Displayable)[JUPYTER_DISPLAY];
      assert.equal(typeof display, "function");
      assert.ok(!Object.keys(figure).includes(String(JUPYTER_DISPLAY)), "not enumerable");
      const bundle = display();
      assert.match(bundle["image/svg+xml"], /^<svg[^>]* xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const title = figure.querySelector("h2")?.textContent;
      assert.ok(title, "every figure has a title");
      assert.equal(bundle["text/plain"], title);
      assert.ok(bundle["image/svg+xml"].includes(`>${title}<`));
    });
  }
});

Deno.test("withJupyterDisplay() returns the same figure, which still serializes as before", () => {
  const figure = featureTypesPlot([{ genome: "a", type: "cds", count: 3 }]);
  const before = figure.outerHTML;
  assert.equal(withJupyterDisplay(figure), figure);
  assert.equal(figure.outerHTML, before);
});
