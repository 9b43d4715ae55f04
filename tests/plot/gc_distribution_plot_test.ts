import assert from "node:assert/strict";
import {
  DEFAULT_GC_DISTRIBUTION_PLOT_OPTIONS,
  gcDistributionPlot,
} from "../../src/plot/gc_distribution_plot.ts";
import { all, mainSvg, random, texts } from "./_helpers.ts";
import { assertSnapshot } from "./_helpers.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";

function values(n: number, seed: number, genome?: string) {
  const next = random(seed);
  return Array.from({ length: n }, () => ({
    ...(genome ? { genome } : {}),
    gc: 0.3 + 0.15 * (next() + next() + next()) / 3,
  }));
}

Deno.test("gcDistributionPlot() defaults: 1-point bins of gene GC, panels, medians", () => {
  assert.deepEqual({ ...DEFAULT_GC_DISTRIBUTION_PLOT_OPTIONS }, {
    title: "GC content",
    binWidth: 1,
    of: "genes",
    layout: "facet",
    median: true,
    panelHeight: 110,
  });
  assert.throws(
    () => gcDistributionPlot([{ gc: 38.2 }]),
    /gc 38.2, expected a fraction from 0 to 1/,
  );
  assert.throws(() => gcDistributionPlot([{ gc: 0.4 }], { binWidth: -1 }), {
    name: "RangeError",
    message: /Option "binWidth" must be a positive number, got -1/,
  });
});

Deno.test("gcDistributionPlot() bins GC in percent as a brute-force count does", () => {
  const rows = values(400, 9);
  const figure = gcDistributionPlot(rows, { of: "windows" });
  const expected = new Map<number, number>();
  for (const { gc } of rows) {
    const bin = Math.floor(100 * gc + 1e-9);
    expected.set(bin, (expected.get(bin) ?? 0) + 1);
  }
  const drawn = new Map(
    all(mainSvg(figure), 'g[aria-description="histogram"] rect').map((r) => {
      const [range, count] = (r.querySelector("title")?.textContent ?? "").split(": ");
      return [Math.round(Number.parseFloat(range)), Number(count)];
    }),
  );
  assert.deepEqual(drawn, expected);
  assert.ok(texts(mainSvg(figure)).includes("GC content of windows (%)"));
  assert.equal(figure.querySelector("figcaption"), null, "nothing left out");
});

Deno.test("gcDistributionPlot() facets by genome", () => {
  const figure = gcDistributionPlot([...values(100, 1, "a"), ...values(100, 2, "b")]);
  assert.deepEqual(figure.scale("fy")!.domain, ["a", "b"]);
  assert.equal(all(mainSvg(figure), 'g[aria-description="median"] line').length, 2);
});

Deno.test("gcDistributionPlot() matches its SVG snapshot", async () => {
  const figure = gcDistributionPlot(values(200, 4));
  await assertSnapshot("gc_distribution_plot", svgOf(figure), figure);
});
