/**
 * The one colour scale of the genome maps: features coloured by COG category, type, strand or a
 * value of the caller's, with the legend's domain and range.
 *
 * @module
 */

import {
  COG_CATEGORIES,
  cogColor,
  cogLabel,
  type CogPalette,
  primaryCogLetter,
} from "./cog_categories.ts";
import { featureTypeColor, featureTypeLabel, orderFeatureTypes } from "./feature_colors.ts";
import { categoricalColors, NO_COG_COLOR, STRAND_COLORS } from "./palette.ts";

/** What a feature needs to be coloured. */
export interface ColorableFeature {
  /** The feature type (Bakta JSON naming). */
  type: string;
  /** `+`, `-`, or `.`/`?` for no strand. */
  strand: string;
  /** The COG category letter(s); the first colours the feature. */
  cogCategory?: string | null;
}

/**
 * What colours the features of a map: the COG category of coding features (other features by
 * type), the feature type, the strand, or a function returning a class for each feature (a trait;
 * `null` or `undefined` for none).
 */
export type FeatureColorBy<T extends ColorableFeature = ColorableFeature> =
  | "cog"
  | "type"
  | "strand"
  | ((feature: T) => string | null | undefined);

/** A colour scale: each feature's class and the legend's classes and colours. */
export interface FeatureColorScale<T extends ColorableFeature = ColorableFeature> {
  /** The class (legend label) of a feature. */
  keyOf(feature: T): string;
  /** The classes present, in legend order. */
  domain: string[];
  /** Their colours, as `#rrggbb`. */
  range: string[];
}

/** The legend label of coding features without a COG category. */
export const NO_COG_LABEL = "No COG category";
/** The legend label of features a colouring function gives no class. */
export const NO_VALUE_LABEL = "No value";

const CODING = new Set(["cds", "sorf"]);
const STRAND_LABELS: Readonly<Record<string, string>> = { "+": "+ strand", "-": "− strand" };

/**
 * Builds the colour scale of a set of features, its domain holding only the classes present:
 * with `cog`, CDSs and sORFs by their first COG category ({@linkcode NO_COG_LABEL} when they have
 * none) in COG order, other features by type after them; with `type` Bakta's type colours; with
 * `strand` the strand colours; with a function its classes in order of first appearance, in
 * colour-blind safe colours up to 8 ({@linkcode categoricalColors}).
 *
 * @param features The features the figure draws.
 * @param colorBy What colours them.
 * @param palette The COG palette.
 * @returns The scale.
 *
 * @example Two CDSs and a tRNA coloured by COG category
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureColorScale } from "./feature_color_scale.ts";
 *
 * const features = [
 *   { type: "cds", strand: "+", cogCategory: "J" },
 *   { type: "cds", strand: "-", cogCategory: null },
 *   { type: "tRNA", strand: "+" },
 * ];
 * const scale = featureColorScale(features, "cog");
 * assert.deepEqual(scale.domain, [
 *   "J: Translation, ribosomal structure and biogenesis", "No COG category", "tRNA",
 * ]);
 * assert.deepEqual(scale.range, ["#08306b", "#e6e6e6", "#b2df8a"]);
 * assert.equal(scale.keyOf(features[1]), "No COG category");
 * ```
 */
export function featureColorScale<T extends ColorableFeature>(
  features: readonly T[],
  colorBy: FeatureColorBy<T> = "cog",
  palette: CogPalette = "baktadb",
): FeatureColorScale<T> {
  if (typeof colorBy === "function") return valueScale(features, colorBy);
  if (colorBy === "type") return typeScale(features, (f) => featureTypeLabel(f.type));
  if (colorBy === "strand") return strandScale(features);
  return cogScale(features, palette);
}

function typeScale<T extends ColorableFeature>(
  features: readonly T[],
  keyOf: (f: T) => string,
  types = orderFeatureTypes(features.map((f) => f.type)),
): FeatureColorScale<T> {
  return { keyOf, domain: types.map(featureTypeLabel), range: types.map(featureTypeColor) };
}

function cogScale<T extends ColorableFeature>(
  features: readonly T[],
  palette: CogPalette,
): FeatureColorScale<T> {
  const keyOf = (f: T) => {
    if (!CODING.has(f.type)) return featureTypeLabel(f.type);
    const letter = primaryCogLetter(f.cogCategory);
    return letter === undefined ? NO_COG_LABEL : cogLabel(letter);
  };
  const coding = features.filter((f) => CODING.has(f.type));
  const letters = new Set(coding.map((f) => primaryCogLetter(f.cogCategory)));
  const known = COG_CATEGORIES.filter((c) => letters.has(c.letter));
  const others = typeScale(
    features,
    keyOf,
    orderFeatureTypes(features.filter((f) => !CODING.has(f.type)).map((f) => f.type)),
  );
  const none = letters.has(undefined) ? [NO_COG_LABEL] : [];
  return {
    keyOf,
    domain: [...known.map((c) => cogLabel(c.letter)), ...none, ...others.domain],
    range: [
      ...known.map((c) => cogColor(c.letter, palette)),
      ...none.map(() => NO_COG_COLOR),
      ...others.range,
    ],
  };
}

function strandScale<T extends ColorableFeature>(features: readonly T[]): FeatureColorScale<T> {
  const keyOf = (f: T) => STRAND_LABELS[f.strand] ?? "no strand";
  const strands = (["+", "-", "."] as const).filter((s) =>
    features.some((f) => keyOf(f) === (STRAND_LABELS[s] ?? "no strand"))
  );
  return {
    keyOf,
    domain: strands.map((s) => STRAND_LABELS[s] ?? "no strand"),
    range: strands.map((s) => STRAND_COLORS[s]),
  };
}

function valueScale<T extends ColorableFeature>(
  features: readonly T[],
  valueOf: (f: T) => string | null | undefined,
): FeatureColorScale<T> {
  const keyOf = (f: T) => {
    const value = valueOf(f);
    return value === null || value === undefined || value === "" ? NO_VALUE_LABEL : String(value);
  };
  const keys = [...new Set(features.map(keyOf))];
  const values = keys.filter((k) => k !== NO_VALUE_LABEL);
  const colors = categoricalColors(values.length);
  const none = keys.includes(NO_VALUE_LABEL) ? [NO_VALUE_LABEL] : [];
  return {
    keyOf,
    domain: [...values, ...none],
    range: [...colors, ...none.map(() => NO_COG_COLOR)],
  };
}
