import assert from "node:assert/strict";
import {
  DEFAULT_PROTEIN_LENGTH_PLOT_OPTIONS,
  proteinLengthPlot,
} from "../../src/plot/protein_length_plot.ts";
import { all, mainSvg, random, SAMPLES, samplesPresent, texts } from "./_helpers.ts";
import { assertSnapshot } from "./_helpers.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";

function lengths(n: number, seed: number, genome?: string) {
  const next = random(seed);
  return Array.from({ length: n }, () => ({
    ...(genome ? { genome } : {}),
    length: 30 + Math.floor(-Math.log(1 - next()) * 280),
  }));
}

/** Brute force: the count of each 20-aa bin of each genome, keyed "genome|start". */
function bruteBins(rows: { genome?: string; length: number }[], width: number, upper: number) {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.length >= upper) continue;
    const key = `${r.genome ?? ""}|${Math.floor(r.length / width) * width}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function drawnBins(figure: ReturnType<typeof proteinLengthPlot>) {
  return new Map(
    all(mainSvg(figure), 'g[aria-description="histogram"] rect').map((r) => {
      const title = r.querySelector("title")?.textContent ?? "";
      const lines = title.split("\n");
      const genome = lines.length > 1 ? lines[0] : "";
      const [range, count] = lines.at(-1)!.split(": ");
      const start = Number(range.split("–")[0].replace(/[^\d]/g, ""));
      return [`${genome}|${start}`, Number(count)];
    }),
  );
}

Deno.test("proteinLengthPlot() defaults: 20 aa bins, auto range, panels, medians", () => {
  assert.deepEqual({ ...DEFAULT_PROTEIN_LENGTH_PLOT_OPTIONS }, {
    title: "Protein lengths",
    binWidth: 20,
    maxLength: "auto",
    layout: "facet",
    median: true,
    panelHeight: 110,
  });
  assert.throws(() => proteinLengthPlot([{ length: 10 }], { binWidth: 0 }), {
    name: "RangeError",
    message: /Option "binWidth" must be a positive number, got 0/,
  });
  assert.throws(() => proteinLengthPlot([{ length: 10 }], { layout: "grid" as never }), {
    name: "RangeError",
    message: /Option "layout" must be .*got "grid"/,
  });
  assert.throws(() => proteinLengthPlot([{ length: -1 }]), {
    name: "RangeError",
    message: /row 0 has length -1/,
  });
  assert.throws(() => proteinLengthPlot([{ length: "long" as never }]), {
    name: "TypeError",
    message: /row 0 has length "long", expected a finite number/,
  });
});

Deno.test("proteinLengthPlot() bins lengths as a brute-force count does", () => {
  const rows = lengths(500, 5);
  const figure = proteinLengthPlot(rows, { maxLength: 1000 });
  assert.deepEqual(drawnBins(figure), bruteBins(rows, 20, 1000));
  const longer = rows.filter((r) => r.length >= 1000).length;
  assert.ok(longer > 0);
  assert.equal(
    figure.querySelector("figcaption")?.textContent,
    `${longer} proteins of 1,000 aa or more not shown.`,
  );
  const sorted = rows.map((r) => r.length).sort((a, b) => a - b);
  const median = (sorted[249] + sorted[250]) / 2;
  assert.ok(texts(mainSvg(figure)).includes(`median ${Math.round(median)} aa`));
  assert.ok(texts(mainSvg(figure)).includes("Protein length (aa)"));
});

Deno.test("proteinLengthPlot() draws one panel per genome, or outlines with layout overlay", () => {
  const rows = [...lengths(300, 1, "C22"), ...lengths(200, 2, "C320")];
  const figure = proteinLengthPlot(rows, { maxLength: 2000 });
  assert.deepEqual(figure.scale("fy")!.domain, ["C22", "C320"]);
  assert.deepEqual(drawnBins(figure), bruteBins(rows, 20, 2000));
  const overlay = proteinLengthPlot(rows, { layout: "overlay", maxLength: 2000 });
  assert.equal(all(mainSvg(overlay), 'g[aria-description="histogram"] path').length, 2);
  assert.equal(all(mainSvg(overlay), 'g[aria-description="median"] line').length, 2);
  assert.ok(texts(mainSvg(overlay)).includes("Share (%)"));
});

const FAA = new URL("v1.9.4-efaecalis-CI-8050/CI-8050.faa", SAMPLES);

Deno.test({
  name: "proteinLengthPlot() counts every protein of Bakta's .faa",
  ignore: !samplesPresent("the protein length real-data test"),
  fn: async () => {
    const records = (await Deno.readTextFile(FAA)).split(">").slice(1);
    const rows = records.map((r) => ({ length: r.split("\n").slice(1).join("").trim().length }));
    const figure = proteinLengthPlot(rows);
    const drawn = [...drawnBins(figure).values()].reduce((a, b) => a + b, 0);
    const hidden = Number(figure.querySelector("figcaption")?.textContent?.split(" ")[0] ?? 0);
    assert.equal(drawn + hidden, records.length);
    assert.ok(hidden <= Math.ceil(0.006 * records.length), `${hidden} hidden`);
  },
});

Deno.test("proteinLengthPlot() matches its SVG snapshot", async () => {
  const figure = proteinLengthPlot([...lengths(100, 1, "C22"), ...lengths(80, 2, "C320")]);
  await assertSnapshot("protein_length_plot", svgOf(figure), figure);
});
