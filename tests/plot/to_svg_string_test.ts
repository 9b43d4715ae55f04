import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import {
  DEFAULT_TO_SVG_STRING_OPTIONS,
  SVG_NAMESPACE,
  toSvgString,
} from "../../src/plot/to_svg_string.ts";
import { parseMarkup, plotDocument } from "../../src/plot/dom.ts";
import type { PlotFigure } from "../../src/plot/plot_figure.ts";
import { mainSvg, parseWithPython, PYTHON_XML } from "./_helpers.ts";

const DATA = [
  { genome: "C22", type: "CDS", count: 2500 },
  { genome: "C22", type: "tRNA", count: 60 },
  { genome: "C320", type: "CDS", count: 2400 },
];

function plot(options: Record<string, unknown>): PlotFigure {
  return Plot.plot({ document: plotDocument() as never, ...options }) as unknown as PlotFigure;
}

const bare = () =>
  plot({ marks: [Plot.barX(DATA, { x: "count", y: "genome", fill: "steelblue" })] });
const withLegend = () =>
  plot({
    title: "Feature types & <more>",
    subtitle: "Two genomes",
    caption: "Counted by Bakta.",
    width: 500,
    color: { legend: true, domain: ["CDS", "tRNA"], range: ["#cccccc", "#b2df8a"] },
    marks: [Plot.barX(DATA, { x: "count", y: "genome", fill: "type" })],
  });

Deno.test("toSvgString() defaults: no declaration, white background, 10 px padding", () => {
  assert.deepEqual({ ...DEFAULT_TO_SVG_STRING_OPTIONS }, {
    xmlDeclaration: false,
    background: "white",
    padding: 10,
  });
  assert.throws(() => toSvgString(bare(), { padding: -1 }), {
    name: "RangeError",
    message: /"padding"/,
  });
  const div = (plotDocument() as unknown as { createElement(t: string): PlotFigure })
    .createElement("div");
  assert.throws(() => toSvgString(div), /expected an <svg> or <figure> element, got <div>/);
});

Deno.test("toSvgString() writes a bare plot with the SVG namespace and a background", () => {
  const figure = bare();
  assert.equal(figure.getAttribute("xmlns"), null, "linkedom leaves xmlns out");
  const svg = toSvgString(figure);
  assert.match(svg, /^<svg[^>]* xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const doc = parseMarkup(svg);
  assert.equal(doc.documentElement.getAttribute("xmlns"), SVG_NAMESPACE);
  assert.equal(doc.documentElement.querySelectorAll("rect")[0].getAttribute("fill"), "white");
  assert.equal(doc.querySelectorAll('g[aria-label="bar"] rect').length, 3);
  assert.equal(figure.getAttribute("xmlns"), null, "the figure itself is not changed");
  assert.match(
    toSvgString(figure, { xmlDeclaration: true }),
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg/,
  );
  assert.doesNotMatch(toSvgString(figure, { background: null }), /fill="white"/);
});

Deno.test("toSvgString() composes title, subtitle, legend, plot and caption into one SVG", () => {
  const figure = withLegend();
  const plotHeight = Number(mainSvg(figure).getAttribute("height"));
  const svg = toSvgString(figure);
  const doc = parseMarkup(svg);
  const root = doc.documentElement;
  assert.equal(root.tagName.toLowerCase(), "svg");
  assert.equal(root.getAttribute("width"), String(500 + 2 * 10));
  assert.ok(Number(root.getAttribute("height")) > plotHeight + 80, "taller than the plot alone");
  const textOf = Array.from(doc.querySelectorAll("text")).map((t) => t.textContent);
  for (
    const text of ["Feature types & <more>", "Two genomes", "CDS", "tRNA", "Counted by Bakta."]
  ) {
    assert.ok(textOf.includes(text), text);
  }
  // The legend swatches are rectangles of the scale's colours, followed by their labels.
  const legend = doc.querySelectorAll('g[aria-label="legend"] rect');
  assert.deepEqual(Array.from(legend).map((r) => r.getAttribute("fill")), ["#cccccc", "#b2df8a"]);
  assert.equal(doc.querySelectorAll('g[aria-label="bar"] rect').length, 3);
  for (const tag of ["h2", "h3", "div", "span", "figure", "figcaption", "style"]) {
    assert.equal(doc.querySelectorAll(tag).length, 0, `no <${tag}>`);
  }
});

Deno.test("toSvgString() lays out column legends and symbol legends", () => {
  const columns = plot({
    color: { legend: true, columns: 2, domain: ["a", "b", "c"], range: ["red", "green", "blue"] },
    marks: [Plot.dot([{ x: 1, c: "a" }], { x: "x", fill: "c" })],
  });
  const doc = parseMarkup(toSvgString(columns));
  const rects = Array.from(doc.querySelectorAll('g[aria-label="legend"] rect'));
  assert.deepEqual(rects.map((r) => r.getAttribute("fill")), ["red", "green", "blue"]);
  const xs = rects.map((r) => Number(r.getAttribute("x")));
  assert.ok(xs[0] === xs[1] && xs[2] > xs[0], `a and b in column 1, c in column 2: ${xs}`);
  const symbols = plot({
    symbol: { legend: true },
    marks: [Plot.dot([{ x: 1, s: "p" }, { x: 2, s: "q" }], { x: "x", symbol: "s" })],
  });
  const sdoc = parseMarkup(toSvgString(symbols));
  assert.equal(sdoc.querySelectorAll('g[aria-label="legend"] g path').length, 2);
});

Deno.test({
  name: "toSvgString() output is well-formed XML, all in the SVG namespace (python3)",
  ignore: !PYTHON_XML,
  fn: async () => {
    for (const figure of [bare(), withLegend()]) {
      const parsed = await parseWithPython(toSvgString(figure, { xmlDeclaration: true }));
      assert.equal(parsed.root, `{${SVG_NAMESPACE}}svg`);
      assert.deepEqual(parsed.namespaces, [SVG_NAMESPACE]);
      assert.ok(parsed.counts.rect >= 3);
    }
  },
});
