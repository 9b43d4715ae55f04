import assert from "node:assert/strict";
import { rowsOf } from "../../src/plot/rows_of.ts";
import { parseMarkup, type PlotDocument, plotDocument } from "../../src/plot/dom.ts";

Deno.test("rowsOf() takes arrays, tables with objects() and iterables", () => {
  const rows = [{ a: 1 }, { a: 2 }];
  assert.equal(rowsOf(rows), rows);
  let calls = 0;
  const table = {
    objects() {
      calls++;
      return rows;
    },
  };
  assert.deepEqual(rowsOf(table), rows);
  assert.equal(calls, 1);
  assert.deepEqual(rowsOf(new Set(rows)), rows);
  function* generate() {
    yield* rows;
  }
  assert.deepEqual(rowsOf(generate()), rows);
});

Deno.test("rowsOf() names what it expected when given something else", () => {
  for (const bad of [null, undefined, 3, "rows", { rows: [] }]) {
    assert.throws(
      () => rowsOf(bad as never, "feature types"),
      (e: unknown) =>
        e instanceof TypeError &&
        /Cannot read feature types: expected an array of rows/.test(e.message),
    );
  }
});

Deno.test("plotDocument() is one shared headless document; parseMarkup() reads SVG back", () => {
  const doc = plotDocument();
  assert.equal(doc, plotDocument());
  const svg = doc.createElementNS("http://www.w3.org/2000/svg", "svg") as { tagName: string };
  assert.equal(svg.tagName.toLowerCase(), "svg");
  const parsed = parseMarkup('<svg xmlns="http://www.w3.org/2000/svg"><g><rect/><rect/></g></svg>');
  assert.equal(parsed.querySelectorAll("rect").length, 2);
});

Deno.test("rowsOf() reads a real Arquero table, and figures accept one", async () => {
  const aq = await import("arquero");
  const table = aq.from([
    { genome: "C22", type: "cds", count: 2561 },
    { genome: "C22", type: "tRNA", count: 59 },
  ]);
  assert.deepEqual(rowsOf(table), [
    { genome: "C22", type: "cds", count: 2561 },
    { genome: "C22", type: "tRNA", count: 59 },
  ]);
  const { featureTypesPlot } = await import("../../src/plot/feature_types_plot.ts");
  const figure = featureTypesPlot(table);
  assert.equal(figure.querySelectorAll('g[aria-label="bar"] rect').length, 2);
});

Deno.test("figures render into an injected document", async () => {
  const { parseHTML } = await import("linkedom");
  const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>") as unknown as {
    document: PlotDocument;
  };
  const { pangenomeClassPlot } = await import("../../src/plot/pangenome_class_plot.ts");
  const figure = pangenomeClassPlot([{ class: "core", count: 3 }], { document });
  assert.equal(figure.ownerDocument, document);
  assert.notEqual(figure.ownerDocument, plotDocument());
});
