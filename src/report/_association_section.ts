/**
 * The association section of the report, for a cohort with a binary trait: which gene families go
 * with it (volcano plot, and the strongest families' presence ordered by the trait). Not yet wired
 * into `renderReport` (the report is being reworked elsewhere): call it beside `cohortSection`.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { associationHeatmapData } from "../analysis/association_heatmap_data.ts";
import { readBinaryTrait } from "../analysis/binary_trait.ts";
import { traitAssociation } from "../analysis/trait_association.ts";
import { listTraits } from "../store/traits_repository.ts";
import { associationHeatmapPlot } from "../plot/association_heatmap_plot.ts";
import { associationVolcanoPlot } from "../plot/association_volcano_plot.ts";
import { figureBlock } from "./_figure_block.ts";
import { markup, type SafeHtml } from "./_html.ts";

/**
 * The first trait (by key) that the genomes carry as a binary value with both values present:
 * every value reads as yes/no (or is missing), and at least one genome has each.
 *
 * @param db The database.
 * @param names The genomes.
 * @returns The trait key, or undefined when none is binary.
 */
export async function binaryTraitOf(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<string | undefined> {
  const byKey = new Map<string, (string | null)[]>();
  for (const t of await listTraits(db, { genomes: names })) {
    byKey.set(t.key, [...(byKey.get(t.key) ?? []), t.value]);
  }
  for (const [key, values] of [...byKey].sort(([a], [b]) => (a < b ? -1 : 1))) {
    try {
      const read = values.map((v) => readBinaryTrait(v));
      if (read.includes(true) && read.includes(false)) return key;
    } catch {
      continue; // not binary
    }
  }
  return undefined;
}

/**
 * The association section: the trait, what was tested, a volcano plot and the heatmap of the
 * strongest families; undefined when no trait of the genomes is binary.
 *
 * @param db The database.
 * @param names The genomes of the report.
 * @param top How many families the heatmap shows.
 * @returns The section, or undefined.
 */
export async function associationSection(
  db: Kysely<Database>,
  names: readonly string[],
  top = 25,
): Promise<SafeHtml | undefined> {
  const trait = await binaryTraitOf(db, names);
  if (trait === undefined) return undefined;
  const result = await traitAssociation(db, { trait, genomes: names });
  if (result.table.numRows() === 0) return undefined;
  const heatmap = await associationHeatmapData(db, result, { top });
  const tested = `${result.genomes.length} genomes (${result.positives} with ${trait}, ${
    result.genomes.length - result.positives
  } without; ${result.leftOut.length} without a value left out), ${result.table.numRows()} families present in some but not all`;
  return markup`<section class="card" id="association">
<h2>Gene families and ${trait}</h2>
<p>Fisher's exact test of each family against ${trait}: ${tested}. Pseudogene-only copies count as absent; corrected p-values are Benjamini–Hochberg. <code>baktadb associate ${trait}</code> gives the table.</p>
${
    figureBlock("Association volcano plot", () =>
      associationVolcanoPlot(result.table, { width: 620 }))
  }
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
