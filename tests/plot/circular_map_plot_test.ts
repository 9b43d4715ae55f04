import assert from "node:assert/strict";
import {
  CIRCULAR_MAP_RINGS,
  circularMapPlot,
  DEFAULT_CIRCULAR_MAP_PLOT_OPTIONS,
  GC_RING_COLORS,
} from "../../src/plot/circular_map_plot.ts";
import { cogColor } from "../../src/plot/cog_categories.ts";
import { CIRCULAR_MAP_EXTENT } from "../../src/plot/circular_map_layout.ts";
import { FEATURE_TYPE_COLORS } from "../../src/plot/feature_colors.ts";
import {
  all,
  bruteForceGc,
  mainSvg,
  pathPoints,
  random,
  SAMPLES,
  samplesPresent,
  swatches,
  texts,
} from "./_helpers.ts";
import { assertSnapshot } from "./_helpers.ts";
import { toSvgString as svgOf } from "../../src/plot/to_svg_string.ts";

const SIZE = 720;
const EXTENT = CIRCULAR_MAP_EXTENT; // the map's half-width in ring units (1 = the backbone)

function randomNt(length: number, seed: number): string {
  const next = random(seed);
  let nt = "";
  for (let i = 0; i < length; i++) nt += "ACGT"[Math.floor(next() * 4)];
  return nt;
}

const P1 = { id: "p1", length: 2000, nt: randomNt(2000, 7) };
const P2 = { id: "p2", length: 1000, nt: randomNt(1000, 11) };
const FEATURES = [
  { sequenceId: "p1", start: 101, stop: 600, strand: "+", type: "cds", cogCategory: "J" },
  { sequenceId: "p1", start: 700, stop: 780, strand: "-", type: "tRNA" },
  { sequenceId: "p1", start: 1901, stop: 100, strand: "-", type: "cds", edge: true },
  { sequenceId: "p2", start: 1, stop: 1000, strand: ".", type: "gap" },
];

/** Polar coordinates of a path's points around the map's centre: radius in ring units, degrees. */
function polar(d: string): { r: number; a: number }[] {
  const k = SIZE / (2 * EXTENT);
  return pathPoints(d).map(([x, y]) => {
    const dx = (x - SIZE / 2) / k;
    const dy = (y - SIZE / 2) / k;
    const a = (Math.atan2(dx, -dy) * 180) / Math.PI;
    return { r: Math.hypot(dx, dy), a: (a + 360) % 360 };
  });
}

function group(figure: ReturnType<typeof circularMapPlot>, description: string) {
  return all(mainSvg(figure), `g[aria-description="${description}"] path`);
}

Deno.test("circularMapPlot() defaults: COG colours, auto GC windows and skew, 20 sequences, 720 px", () => {
  assert.deepEqual({ ...DEFAULT_CIRCULAR_MAP_PLOT_OPTIONS }, {
    title: "Genome map",
    colorBy: "cog",
    palette: "baktadb",
    gcWindow: "auto",
    gc: true,
    gcSkew: "auto",
    maxSequences: 20,
    gap: 2,
    size: 720,
    fontSize: 13,
    geneLabels: 60,
  });
  assert.throws(
    () => circularMapPlot({ sequences: [P1], features: [] }, { gcSkew: "x" as never }),
    { name: "RangeError", message: /Option "gcSkew" must be true, false or "auto", got x/ },
  );
  const data = { sequences: [P1, P2], features: FEATURES };
  assert.throws(() => circularMapPlot(data, { gcWindow: 0 }), {
    name: "RangeError",
    message: /"gcWindow"/,
  });
  assert.throws(() => circularMapPlot(data, { gap: 120 }), {
    name: "RangeError",
    message: /"gap"/,
  });
  assert.throws(() => circularMapPlot(data, { colorBy: "gc" as never }), {
    name: "RangeError",
    message: /"colorBy"/,
  });
  assert.throws(
    () => circularMapPlot({ sequences: [P1], features: [{ ...FEATURES[0], sequenceId: "x" }] }),
    (e: unknown) => e instanceof TypeError && /sequence "x"/.test((e as Error).message),
  );
  assert.throws(
    () => circularMapPlot({ sequences: [P1], features: [{ ...FEATURES[0], stop: 2001 }] }),
    {
      name: "RangeError",
      message: /feature 0 \(101\.\.2001\) lies outside sequence "p1" of 2000 bp/,
    },
  );
  assert.throws(
    () => circularMapPlot({ sequences: [{ ...P1, nt: "ACGT" }], features: [] }),
    /has 4 nucleotides but length 2000/,
  );
});

Deno.test("circularMapPlot() draws one arc per feature on its strand's ring, at its bases", () => {
  // One sequence: base b spans degrees (b-1)·360/L to b·360/L from the top, clockwise.
  const features = FEATURES.slice(0, 3);
  const figure = circularMapPlot({ sequences: [P1], features }, { gc: false, colorBy: "type" });
  const arcs = group(figure, "features");
  assert.equal(arcs.length, features.length);
  const scale = 360 / P1.length;
  const titles = arcs.map((p) => p.querySelector("title")?.textContent ?? "");
  for (const f of features) {
    const path = arcs[
      titles.findIndex((t) => t.includes(`p1:${f.start.toLocaleString("en-US")}..`))
    ];
    const points = polar(path.getAttribute("d")!);
    const [r0, r1] = f.strand === "+" ? CIRCULAR_MAP_RINGS.plus : CIRCULAR_MAP_RINGS.minus;
    for (const { r } of points) assert.ok(r > r0 - 0.01 && r < r1 + 0.01, `${f.start}: r ${r}`);
    const angles = points.map((p) => p.a);
    if (f.start <= f.stop) {
      assert.ok(Math.abs(Math.min(...angles) - (f.start - 1) * scale) < 0.3, `${f.start} begins`);
      assert.ok(Math.abs(Math.max(...angles) - f.stop * scale) < 0.3, `${f.start} ends`);
    } else {
      // Across the origin: two parts, from start to the top and from the top to stop.
      assert.equal((path.getAttribute("d")!.match(/M/g) ?? []).length, 2);
      assert.ok(angles.some((a) => Math.abs(a - (f.start - 1) * scale) < 0.3));
      assert.ok(angles.some((a) => Math.abs(a - f.stop * scale) < 0.3));
      assert.ok(angles.every((a) => a >= (f.start - 1) * scale - 0.3 || a <= f.stop * scale + 0.3));
    }
  }
  assert.deepEqual(
    arcs.map((p) => p.getAttribute("fill")).sort(),
    [FEATURE_TYPE_COLORS.cds, FEATURE_TYPE_COLORS.cds, FEATURE_TYPE_COLORS.tRNA].sort(),
  );
});

Deno.test("circularMapPlot() draws GC content and skew rings from the windows (brute force)", () => {
  const window = 100;
  const figure = circularMapPlot({ sequences: [P1], features: [] }, { gcWindow: window });
  const windows = bruteForceGc(P1.nt, window, window);
  const mean = (P1.nt.match(/[GC]/g)?.length ?? 0) / P1.length;
  const gcBars = group(figure, "gc content");
  const skewBars = group(figure, "gc skew");
  assert.equal(gcBars.length, windows.filter((w) => w.gc !== mean).length);
  assert.equal(skewBars.length, windows.filter((w) => w.skew !== 0).length);
  // Bars above the mean are green and reach outwards from the ring's base.
  const { base } = CIRCULAR_MAP_RINGS.gcContent;
  for (const [i, w] of windows.entries()) {
    const bar = gcBars.find((p) =>
      (p.querySelector("title")?.textContent ?? "").startsWith(
        `p1 ${w.start.toLocaleString("en-US")}..`,
      )
    );
    if (w.gc === mean) continue;
    assert.ok(bar, `window ${i}`);
    const radii = polar(bar!.getAttribute("d")!).map((p) => p.r);
    if (w.gc > mean) {
      assert.equal(bar!.getAttribute("fill"), GC_RING_COLORS["GC content above average"]);
      assert.ok(Math.min(...radii) > base - 0.01 && Math.max(...radii) > base);
    } else {
      assert.equal(bar!.getAttribute("fill"), GC_RING_COLORS["GC content below average"]);
      assert.ok(Math.max(...radii) < base + 0.01);
    }
  }
  const legend = swatches(figure);
  for (const [label, color] of Object.entries(GC_RING_COLORS)) {
    assert.ok(legend.some((s) => s.label === label && s.color === color), label);
  }
  assert.ok(texts(mainSvg(figure)).some((t) => t.includes(`GC ${(100 * mean).toFixed(1)}%`)));
});

Deno.test("circularMapPlot() lays several sequences around the circle in proportion", () => {
  const figure = circularMapPlot({ sequences: [P1, P2], features: FEATURES }, { gap: 2 });
  const backbone = group(figure, "sequences");
  assert.equal(backbone.length, 2);
  const spans = backbone.map((p) => {
    const a = polar(p.getAttribute("d")!).map((q) => q.a);
    return Math.max(...a) - Math.min(...a);
  });
  assert.ok(Math.abs(spans[0] / spans[1] - 2) < 0.01, `${spans}`);
  assert.ok(Math.abs(spans[0] + spans[1] - (360 - 2 * 2)) < 0.05);
  assert.equal(group(figure, "features").length, FEATURES.length);
  assert.ok(texts(mainSvg(figure)).some((t) => t.includes("2 sequences")));
  // Only the longest sequence with maxSequences 1: the other one's features are left out.
  const one = circularMapPlot({ sequences: [P2, P1], features: FEATURES }, { maxSequences: 1 });
  assert.equal(group(one, "sequences").length, 1);
  assert.equal(group(one, "features").length, 3);
  assert.equal(one.querySelector("h3")?.textContent, "The 1 longest of 2 sequences");
});

Deno.test("circularMapPlot() colours CDSs by COG category, others by type; Bakta's colours on request", () => {
  const data = { sequences: [P1], features: FEATURES.slice(0, 3) };
  const figure = circularMapPlot(data, { gc: false });
  // Written out here: J (baktadb palette), tRNA (Bakta's type colour), a CDS without COG.
  assert.deepEqual(swatches(figure), [
    { label: "J: Translation, ribosomal structure and biogenesis", color: "#08306b" },
    { label: "No COG category", color: "#e6e6e6" },
    { label: "tRNA", color: "#b2df8a" },
  ]);
  const fills = group(figure, "features").map((p) => p.getAttribute("fill")).sort();
  assert.deepEqual(fills, ["#08306b", "#b2df8a", "#e6e6e6"]);
  const bakta = circularMapPlot(data, { gc: false, palette: "bakta" });
  assert.ok(
    group(bakta, "features").some((p) => p.getAttribute("fill") === cogColor("J", "bakta")),
  );
  const byStrand = circularMapPlot(data, { gc: false, colorBy: "strand" });
  assert.deepEqual(swatches(byStrand).map((s) => s.label), ["+ strand", "− strand"]);
});

Deno.test("circularMapPlot() tooltips name the gene; rings are labelled at the top", () => {
  const figure = circularMapPlot({
    sequences: [P1],
    features: [{
      ...FEATURES[0],
      locusTag: "P1_0001",
      gene: "rpsA",
      product: "30S ribosomal protein S1",
      xrefs: ["UniRef:UniRef90_P0AG67"],
    }],
  });
  assert.deepEqual(
    group(figure, "features").map((p) => p.querySelector("title")?.textContent),
    [
      "P1_0001 rpsA\n30S ribosomal protein S1\nCDS p1:101..600 (+)\nCOG J\nUniRef:UniRef90_P0AG67",
    ],
  );
  assert.deepEqual(
    all(mainSvg(figure), 'g[aria-description="ring names"] text').map((t) => t.textContent),
    ["+", "−", "GC", "GC skew"],
  );
});

Deno.test("circularMapPlot() skips GC skew on a draft of linear contigs and says so", () => {
  const contigs = [P1, P2].map((s) => ({ ...s, topology: "linear" }));
  const draft = circularMapPlot({ sequences: contigs, features: [] });
  assert.equal(group(draft, "gc skew").length, 0);
  assert.ok(group(draft, "gc content").length > 0);
  assert.match(draft.querySelector("h3")?.textContent ?? "", /GC skew not drawn/);
  assert.ok(!swatches(draft).some((s) => s.label.startsWith("GC skew")));
  const closed = [P1, P2].map((s) => ({ ...s, topology: "circular" }));
  assert.ok(group(circularMapPlot({ sequences: closed, features: [] }), "gc skew").length > 0);
  const forced = circularMapPlot({ sequences: contigs, features: [] }, { gcSkew: true });
  assert.ok(group(forced, "gc skew").length > 0);
});

Deno.test("circularMapPlot() writes sequence names on a 41-contig draft without overlaps", () => {
  const lengths = Array.from({ length: 41 }, (_, i) => Math.round(400_000 / (i + 1)));
  const sequences = lengths.map((length, i) => ({ id: `contig_${i + 1}`, length }));
  const figure = circularMapPlot({ sequences, features: [] }, { maxSequences: 41 });
  const names = all(mainSvg(figure), 'g[aria-description="sequence names"] text');
  assert.ok(names.length >= 3, `${names.length} names`);
  assert.ok(names.length < 41);
  // No two names' boxes overlap (centred at their translate(); 0.6 em a character, 14 px high).
  const anchors = new Map(
    all(mainSvg(figure), 'g[aria-description="sequence names"]').flatMap((g) =>
      all(g, "text").map((t) => [t, g.getAttribute("text-anchor") ?? "middle"] as const)
    ),
  );
  const boxes = names.map((t) => {
    const [tx, ty] = (t.getAttribute("transform") ?? "translate(0,0)").match(/-?[\d.]+/g)!.map(
      Number,
    );
    const w = (t.textContent ?? "").length * 0.6 * 13 * 0.9;
    const anchor = anchors.get(t);
    const x0 = anchor === "start" ? tx : anchor === "end" ? tx - w : tx - w / 2;
    // Inside the map's square.
    assert.ok(x0 >= 0 && x0 + w <= SIZE, `${t.textContent} at ${x0}..${x0 + w}`);
    return { x0, x1: x0 + w, y0: ty - 7, y1: ty + 7 };
  });
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
      assert.ok(!overlap, `${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }
  }
  // The longest contig is named.
  assert.ok(names.some((t) => t.textContent === "contig_1"));
  // A prefix every id shares (the genome's name) is left out of the names.
  const prefixed = circularMapPlot({
    sequences: sequences.slice(0, 3).map((s) => ({ ...s, id: `6952-4-17_${s.id}` })),
    features: [],
  });
  assert.deepEqual(
    all(mainSvg(prefixed), 'g[aria-description="sequence names"] text').map((t) => t.textContent)
      .sort(),
    ["contig_1", "contig_2", "contig_3"],
  );
});

const ASSEMBLY = new URL("v1.11.4-assembly/assembly.json", SAMPLES);

Deno.test({
  name: "circularMapPlot() maps every feature of a Bakta run and matches Bakta's GC",
  ignore: !samplesPresent("the circular map real-data test"),
  fn: async () => {
    const json = JSON.parse(await Deno.readTextFile(ASSEMBLY));
    const sequences = json.sequences.map((s: Record<string, unknown>) => ({
      id: s.id,
      length: s.length,
      nt: s.nt,
    }));
    const features = json.features.map((f: Record<string, unknown>) => ({
      sequenceId: f.sequence,
      start: f.start,
      stop: f.stop,
      strand: f.strand,
      type: f.type,
      edge: f.edge ?? false,
    }));
    const figure = circularMapPlot({ sequences, features });
    assert.equal(group(figure, "features").length, json.features.length);
    assert.equal(group(figure, "sequences").length, json.sequences.length);
    const gc = `GC ${(100 * json.stats.gc).toFixed(1)}%`;
    assert.ok(texts(mainSvg(figure)).some((t) => t.includes(gc)), `centre says ${gc}`);
  },
});

Deno.test("circularMapPlot() matches its SVG snapshot", async () => {
  const figure = circularMapPlot({ sequences: [P1, P2], features: FEATURES }, { gcWindow: 250 });
  await assertSnapshot("circular_map_plot", svgOf(figure), figure);
});
