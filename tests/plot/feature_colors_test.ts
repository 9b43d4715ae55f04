import assert from "node:assert/strict";
import { FEATURE_TYPES } from "../../src/formats/model.ts";
import {
  FEATURE_TYPE_COLORS,
  FEATURE_TYPE_LABELS,
  FEATURE_TYPE_OTHER_COLOR,
  featureTypeColor,
  featureTypeLabel,
  orderFeatureTypes,
} from "../../src/plot/feature_colors.ts";
import { GC_RING_COLORS } from "../../src/plot/circular_map_plot.ts";

Deno.test("FEATURE_TYPE_COLORS keeps Bakta's feature colours where Bakta has its own", () => {
  // bakta/plot.py COLORS['features'].
  assert.deepEqual(
    {
      cds: FEATURE_TYPE_COLORS.cds,
      tRNA: FEATURE_TYPE_COLORS.tRNA,
      rRNA: FEATURE_TYPE_COLORS.rRNA,
      ncRNA: FEATURE_TYPE_COLORS.ncRNA,
      "ncRNA-region": FEATURE_TYPE_COLORS["ncRNA-region"],
      crispr: FEATURE_TYPE_COLORS.crispr,
      gap: FEATURE_TYPE_COLORS.gap,
    },
    {
      cds: "#cccccc",
      tRNA: "#b2df8a",
      rRNA: "#fb8072",
      ncRNA: "#fdb462",
      "ncRNA-region": "#80b1d3",
      crispr: "#bebada",
      gap: "#000000",
    },
  );
});

Deno.test("FEATURE_TYPE_COLORS gives every type its own colour, apart from the GC rings'", () => {
  assert.deepEqual(Object.keys(FEATURE_TYPE_COLORS).sort(), [...FEATURE_TYPES].sort());
  assert.deepEqual(Object.keys(FEATURE_TYPE_LABELS).sort(), [...FEATURE_TYPES].sort());
  const colors = [...Object.values(FEATURE_TYPE_COLORS), ...Object.values(GC_RING_COLORS)];
  assert.equal(new Set(colors).size, colors.length);
  assert.equal(featureTypeColor("misc_feature"), FEATURE_TYPE_OTHER_COLOR);
  assert.equal(featureTypeLabel("ncRNA-region"), "ncRNA region");
  assert.equal(featureTypeLabel("misc_feature"), "misc_feature");
});

Deno.test("orderFeatureTypes() follows Bakta's summary order, unknown types last", () => {
  assert.deepEqual(
    orderFeatureTypes(["sorf", "zeta", "cds", "tRNA", "alpha", "cds", "oriC"]),
    ["tRNA", "cds", "sorf", "oriC", "alpha", "zeta"],
  );
});
