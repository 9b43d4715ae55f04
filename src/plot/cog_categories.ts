/**
 * The 26 COG functional categories (COG 2020 release): one letter each, its name, its functional
 * group and its colours.
 *
 * Sources (the values are transcribed from these, not chosen here):
 * - `ncbiColor`, `name` and the order: the NCBI COG 2020 file `fun-20.tab`
 *   (https://ftp.ncbi.nlm.nih.gov/pub/COG/COG2020/data/fun-20.tab; columns letter, colour as
 *   RRGGBB hex, description), the colours the NCBI COG web site uses for the categories.
 * - `group`: the four functional groups of the NCBI COG classification (`fun2003-2014.tab` and
 *   the COG web site: information storage and processing, cellular processes and signaling,
 *   metabolism, poorly characterized); Mobilome (X) sits in cellular processes and signaling.
 * - `color`: baktadb's own palette ({@linkcode COG_COLORS} of `palette.ts`), which every figure and
 *   the report use by default: 26 colours that can be told apart, grouped by functional class.
 * - `baktaColor`: the `COLORS['cog-classes']` table of Bakta's own circular plot
 *   (`bakta/plot.py` in oschwengers/bakta), for figures that should match `bakta_plot --type cog`.
 *
 * @module
 */

import { COG_COLORS, NO_COG_COLOR } from "./palette.ts";

/** The four COG functional groups. */
export type CogFunctionalGroup =
  | "Information storage and processing"
  | "Cellular processes and signaling"
  | "Metabolism"
  | "Poorly characterized";

/** The COG functional groups, in NCBI order. */
export const COG_FUNCTIONAL_GROUPS: readonly CogFunctionalGroup[] = [
  "Information storage and processing",
  "Cellular processes and signaling",
  "Metabolism",
  "Poorly characterized",
];

/** One COG functional category. */
export interface CogCategory {
  /** The one-letter code, e.g. `J`. */
  readonly letter: string;
  /** The category's name as NCBI writes it, e.g. `Translation, ribosomal structure and biogenesis`. */
  readonly name: string;
  /** The functional group the category belongs to. */
  readonly group: CogFunctionalGroup;
  /** baktadb's colour of the category ({@linkcode COG_COLORS}), as `#rrggbb`. */
  readonly color: string;
  /** The NCBI COG colour (`fun-20.tab`), as `#RRGGBB`. */
  readonly ncbiColor: string;
  /** The colour Bakta's own plot gives the category (`bakta/plot.py`), as `#rrggbb`. */
  readonly baktaColor: string;
}

const INFO: CogFunctionalGroup = "Information storage and processing";
const CELL: CogFunctionalGroup = "Cellular processes and signaling";
const META: CogFunctionalGroup = "Metabolism";
const POOR: CogFunctionalGroup = "Poorly characterized";

function category(
  letter: string,
  ncbiColor: string,
  name: string,
  group: CogFunctionalGroup,
  baktaColor: string,
): CogCategory {
  const color = COG_COLORS[letter];
  return Object.freeze({ letter, name, group, color, ncbiColor: `#${ncbiColor}`, baktaColor });
}

/** The 26 COG functional categories, in the NCBI order (`fun-20.tab`, grouped by function). */
export const COG_CATEGORIES: readonly CogCategory[] = Object.freeze([
  category("J", "FCCCFC", "Translation, ribosomal structure and biogenesis", INFO, "#a6cee3"),
  category("A", "FCDCFC", "RNA processing and modification", INFO, "#c5000b"),
  category("K", "FCDCEC", "Transcription", INFO, "#b3de69"),
  category("L", "FCDCDC", "Replication, recombination and repair", INFO, "#80b1d3"),
  category("B", "FCDCCC", "Chromatin structure and dynamics", INFO, "#6a3d9a"),
  category(
    "D",
    "FCFCDC",
    "Cell cycle control, cell division, chromosome partitioning",
    CELL,
    "#ff7f00",
  ),
  category("Y", "FCFCCC", "Nuclear structure", CELL, "#ffff38"),
  category("V", "FCFCBC", "Defense mechanisms", CELL, "#fb9a99"),
  category("T", "FCFCAC", "Signal transduction mechanisms", CELL, "#fdb462"),
  category("M", "ECFCAC", "Cell wall/membrane/envelope biogenesis", CELL, "#bc80bd"),
  category("N", "DCFCAC", "Cell motility", CELL, "#cab2d6"),
  category("Z", "CCFCAC", "Cytoskeleton", CELL, "#ffff99"),
  category("W", "BCFCAC", "Extracellular structures", CELL, "#0084d1"),
  category(
    "U",
    "ACFCAC",
    "Intracellular trafficking, secretion, and vesicular transport",
    CELL,
    "#fdbf6f",
  ),
  category(
    "O",
    "9CFCAC",
    "Posttranslational modification, protein turnover, chaperones",
    CELL,
    "#33a02c",
  ),
  category("X", "9CFC9C", "Mobilome: prophages, transposons", CELL, "#d9d9d9"),
  category("C", "BCFCFC", "Energy production and conversion", META, "#bebada"),
  category("G", "CCFCFC", "Carbohydrate transport and metabolism", META, "#fb8072"),
  category("E", "DCFCFC", "Amino acid transport and metabolism", META, "#ffffb3"),
  category("F", "DCECFC", "Nucleotide transport and metabolism", META, "#e31a1c"),
  category("H", "DCDCFC", "Coenzyme transport and metabolism", META, "#b2df8a"),
  category("I", "DCCCFC", "Lipid transport and metabolism", META, "#ccebc5"),
  category("P", "CCCCFC", "Inorganic ion transport and metabolism", META, "#fccde5"),
  category(
    "Q",
    "BCCCFC",
    "Secondary metabolites biosynthesis, transport and catabolism",
    META,
    "#1f78b4",
  ),
  category("R", "E0E0E0", "General function prediction only", POOR, "#8dd3c7"),
  category("S", "CCCCCC", "Function unknown", POOR, "#222222"),
]);

/**
 * Which COG palette a figure uses: baktadb's (`palette.ts`, distinguishable colours grouped by
 * functional class), NCBI's (`fun-20.tab`, pale) or Bakta's plot's.
 */
export type CogPalette = "baktadb" | "ncbi" | "bakta";

/** The COG palettes, for validating an option. */
export const COG_PALETTES: readonly CogPalette[] = Object.freeze(["baktadb", "ncbi", "bakta"]);

/** The colour figures give a COG category they do not know (or a feature without one). */
export const COG_UNKNOWN_COLOR: string = NO_COG_COLOR;

const BY_LETTER: ReadonlyMap<string, CogCategory> = new Map(
  COG_CATEGORIES.map((c) => [c.letter, c]),
);

/**
 * Returns the COG category of a one-letter code (case-insensitive), or `undefined`.
 *
 * @param letter The category letter, e.g. `J`.
 * @returns The category, or `undefined` when the letter is not a COG category.
 *
 * @example Looking up a category
 * ```ts
 * import { cogCategory } from "./cog_categories.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cogCategory("j")?.name, "Translation, ribosomal structure and biogenesis");
 * assert.equal(cogCategory("-"), undefined);
 * ```
 */
export function cogCategory(letter: string): CogCategory | undefined {
  return BY_LETTER.get(letter.trim().toUpperCase());
}

/**
 * Returns the colour of a COG category in a palette; unknown letters get
 * {@linkcode COG_UNKNOWN_COLOR}.
 *
 * @param letter The category letter.
 * @param palette `baktadb` (default, {@linkcode COG_COLORS}), `ncbi` (the NCBI COG colours) or
 *   `bakta` (Bakta's plot colours).
 * @returns A `#rrggbb` colour.
 *
 * @example The standard colour of translation
 * ```ts
 * import { cogColor } from "./cog_categories.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cogColor("J"), "#08306b");
 * assert.equal(cogColor("J", "ncbi"), "#FCCCFC");
 * assert.equal(cogColor("J", "bakta"), "#a6cee3");
 * ```
 */
export function cogColor(letter: string, palette: CogPalette = "baktadb"): string {
  const c = cogCategory(letter);
  if (c === undefined) return COG_UNKNOWN_COLOR;
  return palette === "bakta" ? c.baktaColor : palette === "ncbi" ? c.ncbiColor : c.color;
}

/**
 * Returns the first COG category letter of a feature's COG value (`"KL"`, `"K"`), or `undefined`
 * when it holds none; figures colour a feature in several categories by its first.
 *
 * @param value The COG category value of a feature.
 * @returns The first known letter, upper case.
 *
 * @example A feature in two categories
 * ```ts
 * import { primaryCogLetter } from "./cog_categories.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(primaryCogLetter("kl"), "K");
 * assert.equal(primaryCogLetter(null), undefined);
 * ```
 */
export function primaryCogLetter(value: string | null | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  for (const ch of value) {
    const c = cogCategory(ch);
    if (c !== undefined) return c.letter;
  }
  return undefined;
}

/**
 * Returns the label figures show for a COG category: `J: Translation, ribosomal structure and
 * biogenesis`, or the value itself when it is not a known letter.
 *
 * @param letter The category letter.
 * @returns The label.
 *
 * @example A label
 * ```ts
 * import { cogLabel } from "./cog_categories.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cogLabel("S"), "S: Function unknown");
 * ```
 */
export function cogLabel(letter: string): string {
  const c = cogCategory(letter);
  return c === undefined ? letter : `${c.letter}: ${c.name}`;
}
