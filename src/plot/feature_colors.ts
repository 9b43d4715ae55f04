/**
 * The colours figures give Bakta feature types.
 *
 * Where Bakta's own circular plot (`COLORS['features']` in `bakta/plot.py`, oschwengers/bakta)
 * gives a type its own colour, the same colour is used here (cds, tRNA, rRNA, ncRNA, ncRNA-region,
 * crispr, gap). Bakta paints sORFs like CDSs, tmRNAs like tRNAs and origins in one "misc" grey;
 * in a legend those would be indistinguishable, so here sORFs get a darker grey and tmRNAs and the
 * origins colours of their own (chosen apart from the GC ring colours of the circular map).
 *
 * @module
 */

import { FEATURE_TYPES, type FeatureType } from "../formats/model.ts";

/** A colour per feature type, as `#rrggbb`. */
export const FEATURE_TYPE_COLORS: Readonly<Record<FeatureType, string>> = Object.freeze({
  cds: "#cccccc",
  sorf: "#8c8c8c",
  tRNA: "#b2df8a",
  tmRNA: "#b15928",
  rRNA: "#fb8072",
  ncRNA: "#fdb462",
  "ncRNA-region": "#80b1d3",
  crispr: "#bebada",
  gap: "#000000",
  oriC: "#e7298a",
  oriV: "#a6761d",
  oriT: "#01665e",
});

/** The colour of a feature type not in {@linkcode FEATURE_TYPE_COLORS}. */
export const FEATURE_TYPE_OTHER_COLOR = "#9e9e9e";

/** Readable names of the feature types, for legends and axes. */
export const FEATURE_TYPE_LABELS: Readonly<Record<FeatureType, string>> = Object.freeze({
  cds: "CDS",
  sorf: "sORF",
  tRNA: "tRNA",
  tmRNA: "tmRNA",
  rRNA: "rRNA",
  ncRNA: "ncRNA",
  "ncRNA-region": "ncRNA region",
  crispr: "CRISPR array",
  gap: "gap",
  oriC: "oriC",
  oriV: "oriV",
  oriT: "oriT",
});

/**
 * Returns the colour of a feature type.
 *
 * @param type A feature type (Bakta JSON naming).
 * @returns A `#rrggbb` colour.
 *
 * @example
 * ```ts
 * import { featureTypeColor } from "./feature_colors.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(featureTypeColor("tRNA"), "#b2df8a");
 * assert.equal(featureTypeColor("misc_feature"), "#9e9e9e");
 * ```
 */
export function featureTypeColor(type: string): string {
  return (FEATURE_TYPE_COLORS as Record<string, string>)[type] ?? FEATURE_TYPE_OTHER_COLOR;
}

/**
 * Returns the readable label of a feature type (`CDS`, `sORF`, `CRISPR array`…), or the type
 * itself when unknown.
 *
 * @param type A feature type.
 * @returns The label.
 *
 * @example
 * ```ts
 * import { featureTypeLabel } from "./feature_colors.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(featureTypeLabel("cds"), "CDS");
 * ```
 */
export function featureTypeLabel(type: string): string {
  return (FEATURE_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

/**
 * Orders feature types as Bakta's summary does ({@linkcode FEATURE_TYPES}), unknown types last in
 * alphabetical order, without duplicates.
 *
 * @param types The types to order.
 * @returns A new sorted array.
 *
 * @example
 * ```ts
 * import { orderFeatureTypes } from "./feature_colors.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(orderFeatureTypes(["cds", "tRNA", "cds", "x"]), ["tRNA", "cds", "x"]);
 * ```
 */
export function orderFeatureTypes(types: Iterable<string>): string[] {
  const rank = (t: string) => {
    const i = (FEATURE_TYPES as readonly string[]).indexOf(t);
    return i < 0 ? FEATURE_TYPES.length : i;
  };
  return [...new Set(types)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
