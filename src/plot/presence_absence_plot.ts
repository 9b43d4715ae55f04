/**
 * A presence/absence heatmap of gene families across genomes.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import { fontOf, oneOf, positive, renderFigure, sharedOptions, stringField } from "./_figure.ts";
import { estimateTextWidth } from "./_text.ts";
import type { PlotDocument } from "./dom.ts";
import {
  averageLinkage,
  type Dendrogram,
  dendrogramSegments,
  jaccardDistance,
} from "./genome_dendrogram.ts";

/** One row of {@linkcode presenceAbsencePlot}: whether a genome has a gene family. */
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

/** How {@linkcode presenceAbsencePlot} orders the genomes. */
export type GenomeOrder = "cluster" | "count" | "input";

/** Options of {@linkcode presenceAbsencePlot}; other Plot options pass through to `Plot.plot`. */
export interface PresenceAbsencePlotOptions extends FigureOptions {
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
}

/** The defaults of {@linkcode presenceAbsencePlot}. */
export const DEFAULT_PRESENCE_ABSENCE_PLOT_OPTIONS: Readonly<{
  title: string;
  genomeOrder: GenomeOrder;
  presentColor: string;
  absentColor: string;
  maxFamilyLabels: number;
  rowHeight: number;
  familyOrder: "auto" | "frequency" | "name";
  dendrogram: boolean;
  maxCellTitles: number;
}> = Object.freeze({
  title: "Gene family presence and absence",
  genomeOrder: "cluster" as GenomeOrder,
  presentColor: "#1f5f8b",
  absentColor: "#eeeeee",
  maxFamilyLabels: 60,
  rowHeight: 22,
  familyOrder: "auto" as "auto" | "frequency" | "name",
  dendrogram: true,
  maxCellTitles: 4000,
});

interface Cell {
  genome: string;
  family: string;
  state: "present" | "absent";
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

/** The genomes clustered by average linkage of the Jaccard distance of their families. */
function clusterGenomes(genomes: string[], has: Map<string, Set<string>>): Dendrogram {
  const distance = genomes.map((a) =>
    genomes.map((b) => jaccardDistance(has.get(a)!, has.get(b)!))
  );
  return averageLinkage(genomes, distance);
}

/** The parts of an SVG element the dendrogram mark uses. */
interface SvgNode {
  setAttribute(name: string, value: string): void;
  appendChild(child: SvgNode): void;
  textContent: string | null;
}

/** The width of the dendrogram beside the genome names, in px. */
const DENDROGRAM_WIDTH = 70;

/**
 * A render-function mark drawing the dendrogram in the left margin: its leaves beside the genome
 * names (rows of `rowHeight` from `top`), its root at the left edge.
 */
function dendrogramMark(tree: Dendrogram, top: number, rowHeight: number) {
  const segments = dendrogramSegments(tree);
  const maxHeight = Math.max(1e-9, ...tree.merges.map((m) => m.height));
  const x = (height: number) => 6 + DENDROGRAM_WIDTH * (1 - height / maxHeight);
  const y = (position: number) => top + (position + 0.5) * rowHeight;
  const d = segments.map((s) =>
    `M${x(s.x1).toFixed(2)},${y(s.y1).toFixed(2)}L${x(s.x2).toFixed(2)},${y(s.y2).toFixed(2)}`
  ).join("");
  return (
    _index: unknown,
    _scales: unknown,
    _values: unknown,
    _dimensions: unknown,
    context: { document: PlotDocument },
  ) => {
    const svg = "http://www.w3.org/2000/svg";
    const element = (name: string) => context.document.createElementNS(svg, name) as SvgNode;
    const g = element("g");
    g.setAttribute("aria-label", "dendrogram");
    const path = element("path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "#555555");
    path.setAttribute("stroke-width", "1.2");
    const title = element("title");
    title.textContent = "Average-linkage clustering of the Jaccard distance between gene contents";
    path.appendChild(title);
    g.appendChild(path);
    return g;
  };
}

/**
 * One transparent cell per family spanning every genome's row, whose tooltip names the family and
 * how many genomes have it: the heatmap's tooltips when cells are too many for one each.
 */
function familyColumnTitles(
  families: readonly string[],
  frequency: ReadonlyMap<string, number>,
  genomes: number,
) {
  return Plot.cell(families, {
    x: (f: string) => f,
    fill: "white",
    fillOpacity: 0,
    title: (f: string) => `${f}\nin ${frequency.get(f)} of ${genomes} genomes`,
    ariaDescription: "family columns",
  });
}

/**
 * Draws which genomes have which gene families as a heatmap: one row per genome, one column per
 * family, every cell drawn (present or absent). Families are ordered by how many genomes have
 * them (core families on the left), then by their pattern across the genomes so that families
 * shared by the same genomes sit together; genomes are clustered by gene content by default.
 *
 * @param data Rows `{genome, family, present}` (an array, or an Arquero table; missing pairs are
 * absent) or a matrix `{genomes, families, present}`.
 * @param options Orders, colours, sizes; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a row lacks a field or `present` is not a boolean.
 * @throws {RangeError} When the matrix is ragged or an option is out of range.
 *
 * @example Two genomes, three families
 * ```ts
 * import { presenceAbsencePlot } from "./presence_absence_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = presenceAbsencePlot({
 *   genomes: ["A", "B"],
 *   families: ["dnaA", "blaZ", "mecA"],
 *   present: [[true, true, false], [true, false, false]],
 * });
 * assert.equal(figure.querySelectorAll('g[aria-label="cell"] rect').length, 6);
 * ```
 */
export function presenceAbsencePlot(
  data: RowSource<PresenceAbsenceRow> | PresenceAbsenceMatrix,
  options: PresenceAbsencePlotOptions = {},
): PlotFigure {
  const D = DEFAULT_PRESENCE_ABSENCE_PLOT_OPTIONS;
  const {
    genomeOrder = D.genomeOrder,
    presentColor = D.presentColor,
    absentColor = D.absentColor,
    maxFamilyLabels = D.maxFamilyLabels,
    rowHeight = D.rowHeight,
    dendrogram = D.dendrogram,
    familyOrder = D.familyOrder,
    maxCellTitles = D.maxCellTitles,
    ...rest
  } = options;
  oneOf("familyOrder", familyOrder, ["auto", "frequency", "name"]);
  positive("rowHeight", rowHeight);
  if (!(maxFamilyLabels >= 0)) {
    throw new RangeError(`Option "maxFamilyLabels" must be >= 0, got ${maxFamilyLabels}`);
  }
  if (!(maxCellTitles >= 0)) {
    throw new RangeError(`Option "maxCellTitles" must be >= 0, got ${maxCellTitles}`);
  }
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const { genomes: inputGenomes, families: inputFamilies, has } = readPresence(data);

  let genomes: string[];
  let clustered: Dendrogram | undefined;
  if (Array.isArray(genomeOrder)) {
    const listed = new Set(genomeOrder as readonly string[]);
    const missing = inputGenomes.filter((g) => !listed.has(g));
    if (missing.length > 0 || listed.size !== inputGenomes.length) {
      throw new RangeError(
        `Option "genomeOrder" must list every genome once${
          missing.length > 0 ? `: missing "${missing[0]}"` : ""
        }`,
      );
    }
    genomes = [...(genomeOrder as readonly string[])];
  } else {
    oneOf("genomeOrder", genomeOrder as GenomeOrder, ["cluster", "count", "input"]);
    genomes = genomeOrder === "input"
      ? inputGenomes
      : genomeOrder === "count"
      ? [...inputGenomes].sort((a, b) => has.get(b)!.size - has.get(a)!.size)
      : (clustered = clusterGenomes(inputGenomes, has)).order.map((i) => inputGenomes[i]);
  }
  const tree = dendrogram && inputGenomes.length >= 3 ? clustered : undefined;
  const frequency = new Map(
    inputFamilies.map((f) => [f, genomes.reduce((n, g) => n + (has.get(g)!.has(f) ? 1 : 0), 0)]),
  );
  const pattern = new Map(
    inputFamilies.map((f) => [f, genomes.map((g) => (has.get(g)!.has(f) ? "0" : "1")).join("")]),
  );
  const byName = familyOrder === "name" || (familyOrder === "auto" && inputGenomes.length === 2);
  const alphabetical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const families = [...inputFamilies].sort((a, b) =>
    byName ? alphabetical(a, b) : frequency.get(b)! - frequency.get(a)! ||
      alphabetical(pattern.get(a)!, pattern.get(b)!) || alphabetical(a, b)
  );
  const cells: Cell[] = [];
  for (const genome of genomes) {
    for (const family of families) {
      cells.push({ genome, family, state: has.get(genome)!.has(family) ? "present" : "absent" });
    }
  }

  const cellTitles = cells.length <= maxCellTitles;
  const labelled = families.length <= maxFamilyLabels;
  const familyLabelWidth = labelled
    ? Math.max(0, ...families.map((f) => estimateTextWidth(f, fontSize * 0.85)))
    : 0;
  const genomeWidth = Math.max(0, ...genomes.map((g) => estimateTextWidth(g, fontSize)));
  const marginLeft = Math.ceil(genomeWidth) + 14 + (tree ? DENDROGRAM_WIDTH + 8 : 0);
  const marginBottom = labelled ? familyLabelWidth * 0.75 + 2.6 * fontSize : 2.6 * fontSize;
  const width = Math.max(
    480,
    Math.min(1100, marginLeft + 20 + families.length * (labelled ? 22 : 1)),
  );
  return renderFigure(
    {
      title: D.title,
      width,
      height: 10 + marginBottom + genomes.length * rowHeight,
      marginLeft,
      marginRight: 20,
      marginTop: 10,
      marginBottom,
      x: {
        domain: families,
        padding: 0,
        label: `Gene families (n = ${families.length.toLocaleString("en-US")}), ${
          byName ? "by name" : "most frequent first"
        }`,
        labelAnchor: "center",
        labelArrow: "none",
        ...(labelled
          ? { tickRotate: -45, tickSize: 0, labelOffset: marginBottom - 4 }
          : { ticks: [], tickSize: 0, labelOffset: 1.6 * fontSize }),
      },
      y: { domain: genomes, padding: 0, label: null, tickSize: 0 },
      color: {
        type: "ordinal",
        domain: ["present", "absent"],
        range: [presentColor, absentColor],
        legend: true,
      },
      marks: [
        Plot.cell(cells, {
          x: "family",
          y: "genome",
          fill: "state",
          inset: labelled ? 0.5 : 0,
          // Narrow cells drawn with anti-aliasing leave light seams that wash out the colour.
          ...((width - marginLeft - 20) / Math.max(1, families.length) < 3
            ? { shapeRendering: "crispEdges" }
            : {}),
          ...(cellTitles ? { title: (d: Cell) => `${d.genome}\n${d.family}: ${d.state}` } : {}),
        }),
        ...(cellTitles ? [] : [familyColumnTitles(families, frequency, genomes.length)]),
        ...(tree ? [dendrogramMark(tree, 10, rowHeight)] : []),
      ],
    },
    leftovers,
    shared,
  );
}
