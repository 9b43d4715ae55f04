/**
 * The marks of the presence/absence heatmap: the cells, their tooltips, the dendrograms and the
 * species labels.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import type { PlotDocument } from "./dom.ts";
import { type Dendrogram, dendrogramSegments } from "./genome_dendrogram.ts";
import {
  DENDROGRAM_WIDTH,
  type PresenceAbsenceCells,
  type PresenceCell,
} from "./presence_absence_layout.ts";
import { speciesBandMarks } from "./species_band_marks.ts";

/**
 * The marks of a presence/absence layout ({@linkcode PresenceAbsenceCells}): a cell per genome and
 * family filled by its state (with a tooltip each, or one per family column in a large heatmap),
 * the dendrograms in the left margin and, grouped by species, the species labels.
 *
 * @param layout The layout (`presenceAbsenceLayout`).
 * @param fontSize The base font size, in px.
 * @returns The marks, for a plot whose x domain is `layout.families`, y domain
 * `layout.bands.domain` and colour domain `["present", "absent"]`.
 *
 * @example The cells in a plot of your own
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { plotDocument } from "./dom.ts";
 * import { presenceAbsenceLayout } from "./presence_absence_layout.ts";
 * import { presenceAbsenceMarks } from "./presence_absence_marks.ts";
 * const layout = presenceAbsenceLayout({ genomes: ["A", "B"], families: ["x"], present: [[true], [false]] });
 * const svg = Plot.plot({
 *   document: plotDocument(),
 *   y: { domain: layout.bands.domain },
 *   marks: [presenceAbsenceMarks(layout)],
 * });
 * assert.equal(svg.querySelectorAll('g[aria-label="cell"] rect').length, 2);
 * ```
 */
export function presenceAbsenceMarks(
  layout: PresenceAbsenceCells,
  fontSize = 13,
): Plot.CompoundMark {
  const { frame, families } = layout;
  // Narrow cells drawn with anti-aliasing leave light seams that wash out the colour.
  const narrow = (frame.width - frame.marginLeft - 20) / Math.max(1, families.length) < 3;
  return Plot.marks(
    Plot.cell(layout.cells, {
      x: "family",
      y: "genome",
      fill: "state",
      inset: layout.labelled ? 0.5 : 0,
      ...(narrow ? { shapeRendering: "crispEdges" } : {}),
      ...(layout.cellTitles
        ? { title: (d: PresenceCell) => `${d.genome}\n${d.family}: ${d.state}` }
        : {}),
    }),
    ...(layout.cellTitles
      ? []
      : [familyColumnTitles(families, layout.frequency, layout.bands.genomes.length)]),
    ...layout.trees.map((t) =>
      dendrogramMark(t.tree, frame.marginTop + t.firstBand * frame.rowHeight, frame.rowHeight)
    ),
    speciesBandMarks(layout.bands, { indent: frame.marginLeft - 4, fontSize }),
  );
}

/** The parts of an SVG element the dendrogram mark uses. */
interface SvgNode {
  setAttribute(name: string, value: string): void;
  appendChild(child: SvgNode): void;
  textContent: string | null;
}

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
): Plot.Markish {
  return Plot.cell(families, {
    x: (f: string) => f,
    fill: "white",
    fillOpacity: 0,
    title: (f: string) => `${f}\nin ${frequency.get(f)} of ${genomes} genomes`,
    ariaDescription: "family columns",
  });
}
