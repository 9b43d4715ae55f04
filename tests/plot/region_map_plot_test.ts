import assert from "node:assert/strict";
import { DEFAULT_REGION_MAP_PLOT_OPTIONS, regionMapPlot } from "../../src/plot/region_map_plot.ts";
import { regionLayout } from "../../src/plot/region_layout.ts";
import { cogColor } from "../../src/plot/cog_categories.ts";
import { FEATURE_TYPE_COLORS } from "../../src/plot/feature_colors.ts";
import { all, mainSvg, pathPoints, SAMPLES, samplesPresent, swatches, texts } from "./_helpers.ts";
import { assertSnapshot } from "./_helpers.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";

const FEATURES = [
  { start: 100, stop: 1000, strand: "+", type: "cds", gene: "dnaA", cogCategory: "L" },
  { start: 1100, stop: 2200, strand: "+", type: "cds", gene: "dnaN", cogCategory: "L" },
  { start: 2300, stop: 2380, strand: "-", type: "tRNA", locusTag: "T_0015" },
  { start: 2500, stop: 4000, strand: "-", type: "cds", product: "gyrase", cogCategory: "J" },
  { start: 4100, stop: 4600, strand: ".", type: "oriC" },
  { start: 9800, stop: 120, strand: "+", type: "cds", gene: "repA", edge: true },
];

function arrows(figure: ReturnType<typeof regionMapPlot>) {
  return all(mainSvg(figure), 'g[aria-description="features"] path');
}

function xExtent(d: string): [number, number] {
  const xs = pathPoints(d).map(([x]) => x);
  return [Math.min(...xs), Math.max(...xs)];
}

Deno.test("regionMapPlot() defaults: coloured by COG category, gene labels, 960 px wide", () => {
  assert.deepEqual({ ...DEFAULT_REGION_MAP_PLOT_OPTIONS }, {
    colorBy: "cog",
    palette: "baktadb",
    label: "gene",
    width: 960,
    laneHeight: 30,
    arrowHead: 12,
    fontSize: 13,
  });
  assert.throws(() => regionMapPlot(FEATURES, { colorBy: "gc" as never }), {
    name: "RangeError",
    message: /"colorBy"/,
  });
  assert.throws(() => regionMapPlot(FEATURES, { label: "name" as never }), {
    name: "RangeError",
    message: /"label"/,
  });
  assert.throws(() => regionMapPlot(FEATURES.slice(0, 5), { from: 3000, to: 100 }), {
    name: "RangeError",
    message: /"from"/,
  });
  assert.throws(
    () => regionMapPlot([{ start: "one", stop: 10, strand: "+", type: "cds" } as never]),
    { name: "TypeError", message: /row 0 has start "one", expected a finite number/ },
  );
});

Deno.test("regionMapPlot() draws one arrow per feature in the window, by strand", () => {
  const figure = regionMapPlot(FEATURES, { sequenceLength: 10000, from: 50, to: 3000 });
  const drawn = arrows(figure);
  const expected = regionLayout(FEATURES, { sequenceLength: 10000, from: 50, to: 3000 }).pieces;
  assert.equal(drawn.length, expected.length);
  assert.equal(drawn.length, 5); // repA's tail (1..120), dnaA, dnaN, the tRNA, the gyrase cut at 3,000
  const x = figure.scale("x")!;
  const y = figure.scale("y")!;
  const axis = Number(y.apply!(0));
  for (const [i, piece] of expected.entries()) {
    const [x0, x1] = xExtent(drawn[i].getAttribute("d")!);
    assert.ok(Math.abs(x0 - Number(x.apply!(piece.start - 0.5))) < 0.5, `start of piece ${i}`);
    assert.ok(Math.abs(x1 - Number(x.apply!(piece.stop + 0.5))) < 0.5, `stop of piece ${i}`);
    const ys = pathPoints(drawn[i].getAttribute("d")!).map(([, v]) => v);
    // Forward strand above the axis (smaller y in SVG), reverse below.
    if (piece.strand === 1) assert.ok(Math.max(...ys) < axis);
    if (piece.strand === -1) assert.ok(Math.min(...ys) > axis);
  }
  const words = texts(mainSvg(figure));
  for (const gene of ["dnaA", "dnaN"]) assert.ok(words.includes(gene), gene);
  assert.ok(words.includes("Position (bp)"));
  assert.ok(words.includes("+ strand") && words.includes("− strand"));
  assert.equal(all(mainSvg(figure), 'g[aria-description="origin"]').length, 0);
  assert.ok(
    all(mainSvg(figure), 'g[aria-description="labels"]').every((g) =>
      g.getAttribute("font-style") === "italic"
    ),
  );
});

Deno.test("regionMapPlot() draws a window across the origin on an unrolled axis", () => {
  const figure = regionMapPlot(FEATURES, {
    sequenceLength: 10000,
    from: 9000,
    to: 1500,
    sequenceId: "contig_1",
  });
  const drawn = arrows(figure);
  assert.equal(drawn.length, 3); // repA whole, dnaA, dnaN cut at 1,500
  const x = figure.scale("x")!;
  // repA runs from 9,800 across the origin to 120 (unrolled 10,120) in one arrow.
  const repA = drawn.map((p) => xExtent(p.getAttribute("d")!)).find(([a]) =>
    Math.abs(a - Number(x.apply!(9799.5))) < 0.5
  );
  assert.ok(repA, "repA arrow");
  assert.ok(Math.abs(repA![1] - Number(x.apply!(10120.5))) < 0.5);
  assert.equal(all(mainSvg(figure), 'g[aria-description="origin"] line').length, 1);
  const words = texts(mainSvg(figure));
  assert.ok(words.includes("origin"));
  assert.ok(words.includes("1"), "the axis restarts at 1 after the origin");
  assert.ok(words.includes("Position on contig_1 (bp)"));
  assert.match(
    figure.querySelector("h2")?.textContent ?? "",
    /9,000–1,500 bp \(across the origin\)/,
  );
});

Deno.test("regionMapPlot() colours CDSs by COG category and other features by type", () => {
  const figure = regionMapPlot(FEATURES.slice(0, 5));
  const fills = arrows(figure).map((p) => p.getAttribute("fill"));
  // Written out here, not read from the palette: L, L, tRNA, J, oriC.
  assert.deepEqual(fills, ["#3d8fd1", "#3d8fd1", "#b2df8a", "#08306b", "#e7298a"]);
  assert.deepEqual(swatches(figure).map((s) => s.label), [
    "J: Translation, ribosomal structure and biogenesis",
    "L: Replication, recombination and repair",
    "tRNA",
    "oriC",
  ]);
  const noCog = regionMapPlot([{ start: 1, stop: 900, strand: "+", type: "cds" }]);
  assert.deepEqual(arrows(noCog).map((p) => p.getAttribute("fill")), ["#e6e6e6"]);
  assert.deepEqual(swatches(noCog).map((s) => s.label), ["No COG category"]);
  const byType = regionMapPlot(FEATURES.slice(0, 5), { colorBy: "type" });
  assert.deepEqual(arrows(byType).map((p) => p.getAttribute("fill")), [
    FEATURE_TYPE_COLORS.cds,
    FEATURE_TYPE_COLORS.cds,
    FEATURE_TYPE_COLORS.tRNA,
    FEATURE_TYPE_COLORS.cds,
    FEATURE_TYPE_COLORS.oriC,
  ]);
  assert.equal(cogColor("L"), "#3d8fd1");
});

Deno.test("regionMapPlot() colours by strand or by a trait on request", () => {
  const byStrand = regionMapPlot(FEATURES.slice(0, 5), { colorBy: "strand" });
  assert.deepEqual(arrows(byStrand).map((p) => p.getAttribute("fill")), [
    "#0072b2",
    "#0072b2",
    "#d55e00",
    "#d55e00",
    "#999999",
  ]);
  const trait = (f: { gene?: string | null }) => f.gene?.startsWith("dna") ? "replication" : null;
  const byTrait = regionMapPlot(FEATURES.slice(0, 5), { colorBy: trait });
  assert.deepEqual(swatches(byTrait), [
    { label: "replication", color: "#e69f00" },
    { label: "No value", color: "#e6e6e6" },
  ]);
});

Deno.test("regionMapPlot() labels unnamed genes by locus tag and gives every arrow a full tooltip", () => {
  const figure = regionMapPlot([
    { start: 100, stop: 1900, strand: "+", type: "cds", locusTag: "X_0001", product: "gyrase" },
    {
      start: 2000,
      stop: 3900,
      strand: "-",
      type: "cds",
      locusTag: "X_0002",
      gene: "dnaA",
      product: "replication initiator",
      cogCategory: "L",
      xrefs: ["UniRef:UniRef90_P03004", "GO:0005524"],
    },
  ], { sequenceId: "contig_1", from: 1, to: 4000 });
  assert.deepEqual(
    all(mainSvg(figure), 'g[aria-description="labels"] text').map((t) => t.textContent),
    ["X_0001", "dnaA"],
  );
  assert.deepEqual(
    arrows(figure).map((p) => p.querySelector("title")?.textContent),
    [
      "X_0001\ngyrase\nCDS contig_1:100..1,900 (+)",
      "X_0002 dnaA\nreplication initiator\nCDS contig_1:2,000..3,900 (-)\nCOG L\n" +
      "UniRef:UniRef90_P03004, GO:0005524",
    ],
  );
});

Deno.test("regionMapPlot() labels by locus tag or product on request", () => {
  const tags = texts(mainSvg(regionMapPlot(FEATURES.slice(0, 5), { label: "locusTag" })));
  assert.ok(tags.includes("T_0015"));
  const products = texts(mainSvg(regionMapPlot(FEATURES.slice(0, 5), { label: "product" })));
  assert.ok(products.includes("gyrase"));
  const none = all(
    mainSvg(regionMapPlot(FEATURES.slice(0, 5), { label: "none" })),
    'g[aria-description="labels"] text',
  );
  assert.equal(none.length, 0);
});

const TEST_6 = new URL("v1.8.1-origin-spanning/TEST_6.json", SAMPLES);

Deno.test({
  name: "regionMapPlot() draws Bakta's origin-spanning CDS of pOSAK1 whole across the origin",
  ignore: !samplesPresent("the pOSAK1 region map test"),
  fn: async () => {
    const json = JSON.parse(await Deno.readTextFile(TEST_6));
    const length: number = json.sequences[0].length;
    const features = json.features.map((f: Record<string, unknown>) => ({
      start: f.start,
      stop: f.stop,
      strand: f.strand,
      type: f.type,
      edge: f.edge ?? false,
      locusTag: f.locus,
    }));
    const edge = features.find((f: { edge: boolean }) => f.edge);
    assert.ok(edge.start > edge.stop, "Bakta writes start > stop for the edge CDS");
    const figure = regionMapPlot(features, { sequenceLength: length, from: 900, to: 300 });
    const drawn = arrows(figure);
    assert.equal(drawn.length, 1);
    const x = figure.scale("x")!;
    const [x0, x1] = xExtent(drawn[0].getAttribute("d")!);
    assert.ok(Math.abs(x0 - Number(x.apply!(edge.start - 0.5))) < 0.5);
    assert.ok(Math.abs(x1 - Number(x.apply!(edge.stop + length + 0.5))) < 0.5);
    // The whole plasmid: the CDS on the forward strand plus both ends of the edge CDS.
    assert.equal(arrows(regionMapPlot(features, { sequenceLength: length })).length, 3);
  },
});

Deno.test("regionMapPlot() matches its SVG snapshot", async () => {
  const figure = regionMapPlot(FEATURES, { sequenceLength: 10000, from: 9000, to: 4700 });
  await assertSnapshot("region_map_plot", svgOf(figure), figure);
});
