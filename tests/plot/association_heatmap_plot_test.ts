import assert from "node:assert/strict";
import { associationHeatmapPlot } from "../../src/plot/association_heatmap_plot.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";
import { assertSnapshot } from "./_helpers.ts";

const DATA = {
  genomes: ["G3", "G1", "G4", "G2"],
  trait: [1, 0, 0, 1],
  families: ["pbp2x", "mef", "UniRef90_X"],
  present: [[1, 1, 0], [0, 0, 1], [0, 1, 0], [1, 0, 1]],
};

Deno.test("associationHeatmapPlot() puts the genomes with the trait first, each group by name", () => {
  const figure = associationHeatmapPlot(DATA);
  assert.deepEqual(figure.scale("y")!.domain, ["G2 (+)", "G3 (+)", "G1 (-)", "G4 (-)"]);
  // The families, in the presence/absence plot's own column order.
  assert.deepEqual([...figure.scale("x")!.domain!].sort(), [...DATA.families].sort());
  const marked = associationHeatmapPlot(DATA, { traitMarks: ["R", "S"] });
  assert.deepEqual(marked.scale("y")!.domain, ["G2 (R)", "G3 (R)", "G1 (S)", "G4 (S)"]);
  assert.throws(() => associationHeatmapPlot({ ...DATA, trait: [1] }), /4 genomes, 1 trait values/);
});

Deno.test("associationHeatmapPlot() matches its SVG snapshot", async () => {
  await assertSnapshot("association_heatmap_plot", svgOf(associationHeatmapPlot(DATA)));
});
