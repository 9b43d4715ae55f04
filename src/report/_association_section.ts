/**
 * The association section of the report, for a cohort with a binary trait: which gene families go
 * with it (volcano plot, and the strongest families' presence ordered by the trait).
 *
 * @module
 */

import { associationHeatmapPlot } from "../plot/association_heatmap_plot.ts";
import { associationVolcanoPlot } from "../plot/association_volcano_plot.ts";
import { figureBlock } from "./_figure_block.ts";
import { markup, type SafeHtml } from "./_html.ts";
import type { ReportAssociationModel } from "./report_model.ts";

/**
 * The association section: the trait, what was tested, a volcano plot and the heatmap of the
 * strongest families.
 *
 * @param model The association part of the report model.
 * @returns The section.
 */
export function associationSection(model: ReportAssociationModel): SafeHtml {
  const { trait, genomes, positives, leftOut, rows, heatmap } = model;
  const tested = `${genomes.length} genomes (${positives} with ${trait}, ${
    genomes.length - positives
  } without; ${leftOut.length} without a value left out), ${rows.length} families present in some but not all`;
  return markup`<section class="card" id="association">
<h2>Gene families and ${trait}</h2>
<p>Fisher's exact test of each family against ${trait}: ${tested}. Pseudogene-only copies count as absent; corrected p-values are Benjamini–Hochberg. <code>baktadb associate ${trait}</code> gives the table.</p>
${figureBlock("Association volcano plot", () => associationVolcanoPlot(rows, { width: 620 }))}
${
    figureBlock(
      "Strongest families by trait",
      () => associationHeatmapPlot(heatmap, { width: 1000 }),
      `The ${heatmap.families.length} families with the smallest p; genomes with ${trait} on top.`,
      true,
    )
  }
</section>`;
}
