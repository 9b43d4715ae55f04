import assert from "node:assert/strict";
import {
  CIRCULAR_MAP_EXTENT,
  circularMapLayout,
  DEFAULT_CIRCULAR_MAP_LAYOUT_OPTIONS,
} from "../../src/plot/circular_map_layout.ts";
import { circularMapPlot } from "../../src/plot/circular_map_plot.ts";
import { all, random } from "./_helpers.ts";

/** 300 genes on a 300 kbp plasmid, a third of them named, one across the origin. */
function plasmid() {
  const next = random(7);
  const features = Array.from({ length: 300 }, (_, i) => {
    const start = i * 1000 + 1 + Math.floor(next() * 100);
    return {
      sequenceId: "p1",
      start,
      stop: start + 300 + Math.floor(next() * 500),
      strand: next() < 0.5 ? "+" : "-",
      type: "cds",
      locusTag: `P1_${String(i).padStart(5, "0")}`,
      gene: i % 3 === 0 ? `gen${i}` : null,
    };
  });
  features.push({
    sequenceId: "p1",
    start: 280_001,
    stop: 40_000,
    strand: "+",
    type: "cds",
    locusTag: "P1_ORIGIN",
    gene: "oriX",
  });
  return { sequences: [{ id: "p1", length: 300_000 }], features };
}

/** Degrees clockwise from the top of a point in ring units. */
function angleOf(x: number, y: number): number {
  return ((Math.atan2(x, -y) * 180) / Math.PI + 360) % 360;
}

Deno.test("circularMapLayout() labels genes by name, else locus tag, at their middle, none overlapping", () => {
  assert.equal(DEFAULT_CIRCULAR_MAP_LAYOUT_OPTIONS.geneLabels, 60);
  const { sequences, features } = plasmid();
  const layout = circularMapLayout(sequences, features, { size: 720, fontSize: 13 });
  const labels = layout.geneLabels;
  assert.ok(labels.length >= 20 && labels.length <= 60, `${labels.length} labels`);
  const byText = new Map(features.map((f) => [f.gene ?? f.locusTag, f]));
  const pxPerUnit = 720 / (2 * CIRCULAR_MAP_EXTENT);
  const angles: number[] = [];
  for (const label of labels) {
    const feature = byText.get(label.text);
    assert.ok(feature, `"${label.text}" names a feature by gene, else locus tag`);
    // At the middle of the feature (the plasmid fills the circle: 360° for 300,000 bases).
    const length = feature.start <= feature.stop
      ? feature.stop - feature.start + 1
      : 300_000 - feature.start + 1 + feature.stop;
    const middle = ((feature.start - 1 + length / 2) % 300_000) * 360 / 300_000;
    const angle = angleOf(label.x, label.y);
    assert.ok(Math.abs(((angle - middle + 540) % 360) - 180) < 0.01, label.text);
    angles.push(angle);
    // Written along the radius, upright, starting outside the ticks.
    assert.ok(Math.hypot(label.x, label.y) > 1.025);
    assert.equal(label.anchor, angle < 180 ? "start" : "end");
    assert.ok(Math.abs((label.rotate - (angle < 180 ? angle - 90 : angle - 270)) % 360) < 1e-9);
  }
  // No two labels closer than a line of text (brute force over every pair).
  const line = (13 * 0.75) / pxPerUnit / 1.035 * 180 / Math.PI;
  for (const [i, a] of angles.entries()) {
    for (const b of angles.slice(i + 1)) {
      const d = Math.abs(((a - b + 540) % 360) - 180);
      assert.ok(d >= line, `labels ${d.toFixed(2)}° apart`);
    }
  }
  assert.ok(
    labels.some((l) => l.text === "oriX"),
    "the longest named gene, across the origin, is labelled at its middle",
  );
});

Deno.test("circularMapPlot() writes the gene labels; geneLabels: 0 draws none, -1 is refused", () => {
  const data = plasmid();
  const figure = circularMapPlot(data, { geneLabels: 10 });
  const texts = all(figure, 'g[aria-description="gene labels"] text').map((t) => t.textContent);
  assert.equal(texts.length, 10);
  assert.ok(texts.every((t) => /^(gen\d+|oriX)$/.test(t ?? "")), "named genes first");
  const none = circularMapPlot(data, { geneLabels: 0 });
  assert.equal(all(none, 'g[aria-description="gene labels"] text').length, 0);
  assert.throws(() => circularMapPlot(data, { geneLabels: -1 }), {
    name: "RangeError",
    message: /Option "geneLabels" must be a number >= 0, got -1/,
  });
});
