/**
 * The layout of the presence/absence heatmap, computed without a DOM: the genome rows (ordered,
 * clustered, grouped by species), the family columns (by frequency or name), every cell, the
 * dendrograms and the frame. {@linkcode presenceAbsenceMarks} turns it into marks and
 * `presenceAbsencePlot` renders them.
 *
 * @module
 */

import { rowsOf, type RowSource } from "./rows_of.ts";
import type { FigureFrame } from "./figure_options.ts";
import { oneOf, positive, stringField } from "./_figure.ts";
import { estimateTextWidth } from "./_text.ts";
import { averageLinkage, type Dendrogram, jaccardDistance } from "./genome_dendrogram.ts";
import { type SpeciesBands, speciesBands, type SpeciesGroupInput } from "./species_bands.ts";

/** One row of `presenceAbsencePlot`: whether a genome has a gene family. */
export interface PresenceAbsenceRow {
  /** The genome (run) name. */
  genome: string;
  /** The gene family (cluster) name. */
  family: string;
  /** True when the genome has the family; pairs without a row count as absent. */
  present: boolean | number;
}

/**
 * A presence/absence matrix: `present[g][f]` tells whether `genomes[g]` has `families[f]`
 * (truthy values and non-zero numbers count as present).
 */
export interface PresenceAbsenceMatrix {
  /** The genome names (rows of `present`). */
  genomes: readonly string[];
  /** The family names (columns of `present`). */
  families: readonly string[];
  /** One array per genome, one entry per family. */
  present: readonly (readonly (boolean | number)[])[];
}

/** How `presenceAbsencePlot` orders the genomes. */
export type GenomeOrder = "cluster" | "count" | "input";

/** Options of {@linkcode presenceAbsenceLayout} (and of `presenceAbsencePlot`). */
export interface PresenceAbsenceLayoutOptions {
  /**
   * The genome order, top to bottom: `cluster` (average-linkage clustering of the Jaccard distance
   * between gene content, so similar genomes sit together), `count` (most families first), `input`
   * (as given), or an explicit list of genome names.
   * @default "cluster"
   */
  genomeOrder?: GenomeOrder | readonly string[];
  /**
   * The colour of present cells.
   * @default "#1f5f8b"
   */
  presentColor?: string;
  /**
   * The colour of absent cells.
   * @default "#eeeeee"
   */
  absentColor?: string;
  /**
   * Write the family names under the columns when there are at most this many families.
   * @default 60
   */
  maxFamilyLabels?: number;
  /**
   * The height of one genome's row, in px.
   * @default 22
   */
  rowHeight?: number;
  /**
   * The family order, left to right: `frequency` (most shared first, then by presence pattern),
   * `name` (alphabetical, so that a gene's gained and lost families — `blaZ · A1…`, `blaZ · B2…` —
   * sit side by side), or `auto`: `name` for two genomes (a pair diff), else `frequency`.
   * @default "auto"
   */
  familyOrder?: "auto" | "frequency" | "name";
  /**
   * Draw the dendrogram of the clustering beside the genome names (with `genomeOrder: "cluster"`
   * and three genomes or more).
   * @default true
   */
  dendrogram?: boolean;
  /**
   * The most cells that get a tooltip each (genome, family, present or absent). A larger heatmap
   * gets one tooltip per family column instead (the family and how many genomes have it, hovering
   * anywhere in its column), which keeps the file small and the page fast.
   * @default 4000
   */
  maxCellTitles?: number;
  /**
   * The cohort's species (`cohortSpecies`): rows grouped species by species under a species
   * label, each species ordered (and clustered, with its own dendrogram) on its own.
   * @default undefined
   */
  species?: readonly SpeciesGroupInput[];
}

/** The defaults of {@linkcode PresenceAbsenceLayoutOptions}. */
export const DEFAULT_PRESENCE_ABSENCE_LAYOUT_OPTIONS: Readonly<{
  genomeOrder: GenomeOrder;
  presentColor: string;
  absentColor: string;
  maxFamilyLabels: number;
  rowHeight: number;
  familyOrder: "auto" | "frequency" | "name";
  dendrogram: boolean;
  maxCellTitles: number;
}> = Object.freeze({
  genomeOrder: "cluster" as GenomeOrder,
  presentColor: "#1f5f8b",
  absentColor: "#eeeeee",
  maxFamilyLabels: 60,
  rowHeight: 22,
  familyOrder: "auto" as "auto" | "frequency" | "name",
  dendrogram: true,
  maxCellTitles: 4000,
});

/** The names of {@linkcode PresenceAbsenceLayoutOptions}: the one list `presenceAbsencePlot` splits by. */
export const PRESENCE_ABSENCE_LAYOUT_OPTION_NAMES: Readonly<
  Record<keyof PresenceAbsenceLayoutOptions, true>
> = Object.freeze({
  genomeOrder: true,
  presentColor: true,
  absentColor: true,
  maxFamilyLabels: true,
  rowHeight: true,
  familyOrder: true,
  dendrogram: true,
  maxCellTitles: true,
  species: true,
});

/** One cell of the heatmap. */
export interface PresenceCell {
  /** The genome (row). */
  genome: string;
  /** The family (column). */
  family: string;
  /** Whether the genome has the family. */
  state: "present" | "absent";
}

/** A dendrogram drawn beside some rows: a tree over `rows` genomes starting at band `firstBand`. */
export interface PresenceTree {
  /** The clustering of the rows' genomes (leaves in the order drawn). */
  tree: Dendrogram;
  /** The band (row of the y domain) of its first leaf. */
  firstBand: number;
}

/** The width of a dendrogram beside the genome names, in px. */
export const DENDROGRAM_WIDTH = 70;

/** What {@linkcode presenceAbsenceLayout} returns. */
export interface PresenceAbsenceCells {
  /** The rows: genomes in drawing order (species by species when grouped), the y domain. */
  bands: SpeciesBands;
  /** The family columns, left to right. */
  families: string[];
  /** Whether families are ordered by name (else by frequency). */
  byName: boolean;
  /** How many genomes have each family. */
  frequency: Map<string, number>;
  /** Every cell, row by row. */
  cells: PresenceCell[];
  /** Whether each cell gets a tooltip (else each family column gets one). */
  cellTitles: boolean;
  /** Whether family names are written under the columns. */
  labelled: boolean;
  /** The dendrograms: one for the cohort, or one per species of three genomes or more. */
  trees: PresenceTree[];
  /** The colours of present and absent cells. */
  colors: { present: string; absent: string };
  /** The row height, the figure's width, height and margins, in px. */
  frame: FigureFrame & { rowHeight: number };
}

/**
 * Lays out the presence/absence heatmap: reads rows or a matrix, orders the genomes (clustered by
 * default, within each species when species are given), orders the families and sizes the frame.
 *
 * @param data Rows `{genome, family, present}` (missing pairs are absent) or a matrix.
 * @param options Orders, colours, sizes, species.
 * @param fontSize The base font size, in px.
 * @returns The layout.
 * @throws {TypeError} When a row lacks a field or `present` is not a boolean.
 * @throws {RangeError} When the matrix is ragged or an option is out of range.
 *
 * @example Two species, each clustered on its own
 * ```ts
 * import assert from "node:assert/strict";
 * import { presenceAbsenceLayout } from "./presence_absence_layout.ts";
 * const layout = presenceAbsenceLayout({
 *   genomes: ["k1", "e1", "e2", "k2"],
 *   families: ["a", "b"],
 *   present: [[true, false], [true, true], [true, true], [true, false]],
 * }, { species: [{ species: "Escherichia coli", genomes: ["e1", "e2"] }, { species: "Klebsiella pneumoniae", genomes: ["k1", "k2"] }] });
 * assert.deepEqual(layout.bands.genomes, ["e1", "e2", "k1", "k2"]);
 * assert.deepEqual(layout.frequency.get("b"), 2);
 * assert.equal(layout.cells.length, 8);
 * ```
 */
export function presenceAbsenceLayout(
  data: RowSource<PresenceAbsenceRow> | PresenceAbsenceMatrix,
  options: PresenceAbsenceLayoutOptions = {},
  fontSize = 13,
): PresenceAbsenceCells {
  const o = validOptions(options);
  const { genomes: inputGenomes, families: inputFamilies, has } = readPresence(data);
  checkGenomeList(o.genomeOrder, inputGenomes);
  const groups = speciesBands(inputGenomes, options.species).headers;
  const ordered = groups.length === 0
    ? [orderGenomes(inputGenomes, has, o.genomeOrder)]
    : groups.map((h) => orderGenomes(h.genomes, has, o.genomeOrder));
  const bands = speciesBands(ordered.flatMap((g) => g.genomes), options.species);
  const trees = o.dendrogram ? treesOf(ordered, bands) : [];
  const byName = o.familyOrder === "name" ||
    (o.familyOrder === "auto" && inputGenomes.length === 2);
  const { families, frequency } = orderFamilies(inputFamilies, bands.genomes, has, byName);
  const cells = bands.genomes.flatMap((genome) =>
    families.map((family): PresenceCell => ({
      genome,
      family,
      state: has.get(genome)!.has(family) ? "present" : "absent",
    }))
  );
  const labelled = families.length <= o.maxFamilyLabels;
  return {
    bands,
    families,
    byName,
    frequency,
    cells,
    cellTitles: cells.length <= o.maxCellTitles,
    labelled,
    trees,
    colors: { present: o.presentColor, absent: o.absentColor },
    frame: frameOf(bands, families, labelled, trees.length > 0, o.rowHeight, fontSize),
  };
}

/** The options with their defaults, validated once. */
function validOptions(
  options: PresenceAbsenceLayoutOptions,
): Required<Omit<PresenceAbsenceLayoutOptions, "species">> {
  const o = { ...DEFAULT_PRESENCE_ABSENCE_LAYOUT_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && key !== "species") (o as Record<string, unknown>)[key] = value;
  }
  oneOf("familyOrder", o.familyOrder, ["auto", "frequency", "name"]);
  positive("rowHeight", o.rowHeight);
  for (const name of ["maxFamilyLabels", "maxCellTitles"] as const) {
    if (!(o[name] >= 0)) throw new RangeError(`Option "${name}" must be >= 0, got ${o[name]}`);
  }
  return o;
}

/** An explicit genome order must list every genome once. */
function checkGenomeList(
  genomeOrder: GenomeOrder | readonly string[],
  genomes: readonly string[],
): void {
  if (!Array.isArray(genomeOrder)) return;
  const listed = new Set(genomeOrder as readonly string[]);
  const missing = genomes.filter((g) => !listed.has(g));
  if (missing.length > 0 || listed.size !== genomes.length) {
    throw new RangeError(
      `Option "genomeOrder" must list every genome once${
        missing.length > 0 ? `: missing "${missing[0]}"` : ""
      }`,
    );
  }
}

/** Genomes in the asked order and, when clustered, their clustering. */
function orderGenomes(
  genomes: readonly string[],
  has: Map<string, Set<string>>,
  genomeOrder: GenomeOrder | readonly string[],
): { genomes: string[]; tree?: Dendrogram } {
  if (Array.isArray(genomeOrder)) {
    const mine = new Set(genomes);
    return { genomes: (genomeOrder as readonly string[]).filter((g) => mine.has(g)) };
  }
  oneOf("genomeOrder", genomeOrder as GenomeOrder, ["cluster", "count", "input"]);
  if (genomeOrder === "input") return { genomes: [...genomes] };
  if (genomeOrder === "count") {
    return { genomes: [...genomes].sort((a, b) => has.get(b)!.size - has.get(a)!.size) };
  }
  const distance = genomes.map((a) =>
    genomes.map((b) => jaccardDistance(has.get(a)!, has.get(b)!))
  );
  const tree = averageLinkage([...genomes], distance);
  return { genomes: tree.order.map((i) => genomes[i]), tree };
}

/** The dendrograms to draw: each clustering of three genomes or more, at its first row's band. */
function treesOf(
  ordered: readonly { genomes: string[]; tree?: Dendrogram }[],
  bands: SpeciesBands,
): PresenceTree[] {
  return ordered.filter((o) => o.tree !== undefined && o.genomes.length >= 3).map((o) => ({
    tree: o.tree!,
    firstBand: bands.domain.indexOf(o.genomes[0]),
  }));
}

/** Families by name, or by frequency then by their pattern across the genomes. */
function orderFamilies(
  families: readonly string[],
  genomes: readonly string[],
  has: Map<string, Set<string>>,
  byName: boolean,
): { families: string[]; frequency: Map<string, number> } {
  const frequency = new Map(
    families.map((f) => [f, genomes.reduce((n, g) => n + (has.get(g)!.has(f) ? 1 : 0), 0)]),
  );
  const pattern = new Map(
    families.map((f) => [f, genomes.map((g) => (has.get(g)!.has(f) ? "0" : "1")).join("")]),
  );
  const alphabetical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...families].sort((a, b) =>
    byName ? alphabetical(a, b) : frequency.get(b)! - frequency.get(a)! ||
      alphabetical(pattern.get(a)!, pattern.get(b)!) || alphabetical(a, b)
  );
  return { families: sorted, frequency };
}

/** The frame: genome names (and dendrograms) on the left, family names (rotated) below. */
function frameOf(
  bands: SpeciesBands,
  families: readonly string[],
  labelled: boolean,
  trees: boolean,
  rowHeight: number,
  fontSize: number,
): PresenceAbsenceCells["frame"] {
  const familyLabelWidth = labelled
    ? Math.max(0, ...families.map((f) => estimateTextWidth(f, fontSize * 0.85)))
    : 0;
  const genomeWidth = Math.max(0, ...bands.genomes.map((g) => estimateTextWidth(g, fontSize)));
  const marginLeft = Math.ceil(genomeWidth) + 14 + (trees ? DENDROGRAM_WIDTH + 8 : 0);
  const marginBottom = labelled ? familyLabelWidth * 0.75 + 2.6 * fontSize : 2.6 * fontSize;
  const width = Math.max(
    480,
    Math.min(1100, marginLeft + 20 + families.length * (labelled ? 22 : 1)),
  );
  return {
    rowHeight,
    width,
    height: 10 + marginBottom + bands.domain.length * rowHeight,
    marginLeft,
    marginRight: 20,
    marginTop: 10,
    marginBottom,
  };
}

function isMatrix(data: unknown): data is PresenceAbsenceMatrix {
  return data !== null && typeof data === "object" && !Array.isArray(data) &&
    Array.isArray((data as PresenceAbsenceMatrix).genomes) &&
    Array.isArray((data as PresenceAbsenceMatrix).families) &&
    Array.isArray((data as PresenceAbsenceMatrix).present);
}

/** Reads either input form into genome names, family names and per-genome sets of families. */
function readPresence(
  data: RowSource<PresenceAbsenceRow> | PresenceAbsenceMatrix,
): { genomes: string[]; families: string[]; has: Map<string, Set<string>> } {
  const what = "presence/absence";
  const has = new Map<string, Set<string>>();
  const families = new Set<string>();
  if (isMatrix(data)) {
    if (data.present.length !== data.genomes.length) {
      throw new RangeError(
        `Cannot plot ${what}: the matrix has ${data.present.length} rows for ${data.genomes.length} genomes`,
      );
    }
    data.families.forEach((f) => families.add(String(f)));
    data.genomes.forEach((genome, g) => {
      const row = data.present[g];
      if (row.length !== data.families.length) {
        throw new RangeError(
          `Cannot plot ${what}: matrix row ${g} ("${genome}") has ${row.length} values for ${data.families.length} families`,
        );
      }
      const set = has.get(String(genome)) ?? new Set<string>();
      row.forEach((value, f) => {
        if (value) set.add(String(data.families[f]));
      });
      has.set(String(genome), set);
    });
  } else {
    rowsOf(data, what).forEach((row, i) => {
      const genome = stringField(row, "genome", i, what);
      const family = stringField(row, "family", i, what);
      const present = (row as { present?: unknown }).present;
      if (typeof present !== "boolean" && typeof present !== "number") {
        throw new TypeError(
          `Cannot plot ${what}: row ${i} has present ${
            JSON.stringify(present ?? null)
          }, expected a boolean`,
        );
      }
      families.add(family);
      const set = has.get(genome) ?? new Set<string>();
      if (present) set.add(family);
      has.set(genome, set);
    });
  }
  return { genomes: [...has.keys()], families: [...families], has };
}
