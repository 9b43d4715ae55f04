import assert from "node:assert/strict";
import {
  COG_CATEGORIES_LAYOUT_OPTION_NAMES,
  cogCategoriesLayout,
  DEFAULT_COG_CATEGORIES_LAYOUT_OPTIONS,
} from "../../src/plot/cog_categories_layout.ts";
import { random } from "./_helpers.ts";

/** Five genomes with random counts in eight categories, and their CDSs. */
function rows() {
  const next = random(11);
  const out = [];
  for (let g = 1; g <= 5; g++) {
    const counts = ["J", "K", "L", "C", "E", "S", "R", "X"].map((
      c,
    ) => [c, 1 + Math.floor(next() * 90)]);
    const assigned = counts.reduce((s, [, n]) => s + (n as number), 0) - 3;
    for (const [category, count] of counts) {
      out.push({
        genome: `G${g}`,
        category: category as string,
        count: count as number,
        assigned,
        cdss: assigned + 40 * g,
      });
    }
  }
  return out;
}

Deno.test("cogCategoriesLayout() lists its options once, the ones it has defaults for", () => {
  assert.deepEqual(
    Object.keys(COG_CATEGORIES_LAYOUT_OPTION_NAMES).sort(),
    [...Object.keys(DEFAULT_COG_CATEGORIES_LAYOUT_OPTIONS), "species"].sort(),
  );
  assert.throws(() => cogCategoriesLayout([], { layout: "pie" as never }), {
    name: "RangeError",
    message: /Option "layout" must be .*got "pie"/,
  });
  assert.throws(() => cogCategoriesLayout([], { barHeight: 0 }), {
    name: "RangeError",
    message: /Option "barHeight" must be a positive number, got 0/,
  });
});

Deno.test("cogCategoriesLayout() stacked shares add up to each genome's CDSs, 'No COG category' the rest", () => {
  const data = rows();
  const layout = cogCategoriesLayout(data, { layout: "stacked", normalize: true });
  for (const genome of layout.genomes) {
    const mine = data.filter((r) => r.genome === genome);
    const bars = layout.bars.filter((b) => b.genome === genome);
    const total = bars.reduce((s, b) => s + b.value, 0);
    assert.ok(Math.abs(total - 100) < 1e-9, `${genome}: ${total}`);
    const none = bars.find((b) => b.category === "No COG category")!;
    assert.equal(none.count, mine[0].cdss - mine[0].assigned);
    assert.ok(Math.abs(none.value - 100 * (1 - mine[0].assigned / mine[0].cdss)) < 1e-9);
    assert.equal(
      layout.n.find((n) => n.genome === genome)!.text,
      `n = ${mine[0].assigned} of ${mine[0].cdss} CDSs`,
    );
  }
  assert.equal(layout.x.label, "Share of CDSs (%)");
  assert.deepEqual(layout.x.domain, [0, 100]);
});

Deno.test("cogCategoriesLayout() deviations of each category add up to zero over the genomes", () => {
  const layout = cogCategoriesLayout(rows(), { layout: "deviation" });
  for (const label of layout.categories) {
    const sum = layout.bars.filter((b) => b.label === label).reduce((s, b) => s + b.value, 0);
    assert.ok(Math.abs(sum) < 1e-9, `${label}: ${sum}`);
  }
  assert.match(layout.bars[0].title, /points from the cohort mean/);
});

Deno.test("cogCategoriesLayout() count axes tick at integers, every tick within the domain", () => {
  for (const layout of ["grouped", "stacked"] as const) {
    const { x, bars } = cogCategoriesLayout(rows(), { layout });
    const max = layout === "stacked"
      ? Math.max(
        ...["G1", "G2", "G3", "G4", "G5"].map((g) =>
          bars.filter((b) => b.genome === g).reduce((s, b) => s + b.value, 0)
        ),
      )
      : Math.max(...bars.map((b) => b.value));
    const ticks = x.ticks as number[];
    assert.ok(ticks.every(Number.isInteger));
    assert.ok(ticks.every((t) => t >= x.domain![0] && t <= x.domain![1]), `${layout}: ${ticks}`);
    assert.ok(x.domain![1] >= max, `${layout}: the bars fit`);
  }
});
