/**
 * One genome's section of the report: its facts and traits, circular map, feature types, protein
 * lengths and, in a cohort, the gene families no other genome has — drawn from the report model.
 *
 * @module
 */

import { featureTypesPlot } from "../plot/feature_types_plot.ts";
import { circularMapPlot } from "../plot/circular_map_plot.ts";
import { proteinLengthPlot } from "../plot/protein_length_plot.ts";
import { figureBlock, noteBlock } from "./_figure_block.ts";
import { markup, type SafeHtml } from "./_html.ts";
import { familyLink, xrefLink } from "./_links.ts";
import { count, percent } from "./_summary_section.ts";
import type { ReportGenomeModel, ReportUniqueFamily } from "./report_model.ts";

/** The table of a genome's own families, every one, named products first. */
function uniqueFamiliesBlock(genome: string, uniques: readonly ReportUniqueFamily[]): SafeHtml {
  if (uniques.length === 0) {
    return markup`<h3>Gene families found only in this genome</h3>
<p class="note">None: every gene family of ${genome} is in at least one other genome of the report.</p>`;
  }
  const hypothetical = (u: ReportUniqueFamily) =>
    u.product === null || /^hypothetical protein$/i.test(u.product) ? 1 : 0;
  const text = (value: string | null) => value ?? "";
  const sorted = [...uniques].sort((a, b) =>
    hypothetical(a) - hypothetical(b) || (a.gene === null ? 1 : 0) - (b.gene === null ? 1 : 0) ||
    text(a.gene).localeCompare(text(b.gene)) || text(a.product).localeCompare(text(b.product)) ||
    a.family.localeCompare(b.family)
  );
  return markup`<h3>Gene families found only in this genome (${
    uniques.length.toLocaleString("en-US")
  })</h3>
<div class="table-wrap tall"><table class="families data" data-name="${genome}-own-families">
<caption>All ${
    uniques.length.toLocaleString("en-US")
  } (named products first): the other genomes of the report lack them.</caption>
<thead><tr><th scope="col" class="text">Family</th><th scope="col" class="text">Gene</th><th scope="col" class="text">Product</th><th scope="col" class="text">Cross-references</th><th scope="col">Copies</th></tr></thead>
<tbody>
${
    sorted.map((u) =>
      markup`<tr><th scope="row" class="text" data-value="${u.family}">${
        familyLink(u.family)
      }</th><td class="text${u.gene === null ? " missing" : ""}">${
        u.gene ?? "–"
      }</td><td class="text product">${u.product ?? "–"}</td><td class="text xrefs${
        u.xrefs.length === 0 ? " missing" : ""
      }" data-value="${u.xrefs.join(" ")}">${
        u.xrefs.length === 0
          ? "–"
          : u.xrefs.map((x, i) => markup`${i > 0 ? " " : ""}${xrefLink(x)}`)
      }</td><td data-value="${u.copies}">${u.copies}</td></tr>
`
    )
  }</tbody>
</table></div>`;
}

/** The genome's traits (BakRep, GTDB-Tk, sample sheet…) as a small table. */
function traitsBlock(genome: ReportGenomeModel): SafeHtml {
  if (genome.traits.length === 0) return markup``;
  return markup`<details class="traits"><summary>Traits (${genome.traits.length})</summary>
<div class="table-wrap"><table class="data" data-name="${genome.name}-traits">
<thead><tr><th scope="col" class="text">Trait</th><th scope="col" class="text">Value</th></tr></thead>
<tbody>${
    genome.traits.map((t) =>
      markup`<tr><th scope="row" class="text">${t.key}</th><td class="text${
        t.value === null ? " missing" : ""
      }">${t.value ?? "–"}</td></tr>`
    )
  }</tbody></table></div></details>`;
}

/**
 * One genome's section: facts, traits, circular map, feature types, protein lengths, own families.
 *
 * @param genome The genome's part of the report model.
 * @param gcRings Whether its map has GC rings.
 * @returns The section.
 */
export function genomeSection(genome: ReportGenomeModel, gcRings: boolean): SafeHtml {
  const uniques = genome.uniqueFamilies ?? undefined;
  const facts = genomeFacts(genome).filter(([, value]) => value !== null);
  const featureTypes = featureTypesBlock(genome);
  const circular = circularMapBlock(genome, gcRings);
  const proteins = proteinLengthsBlock(genome);
  return markup`<section class="card genome" id="${genome.anchor}" data-genome="${genome.name}">
<h2>${genome.name}</h2>
<ul class="facts">${facts.map(([label, value]) => markup`<li><b>${label}</b> ${value}</li>`)}</ul>
${traitsBlock(genome)}
<div class="figures">
${circular}
<div>${featureTypes}${proteins}</div>
</div>
${uniques === undefined ? "" : uniqueFamiliesBlock(genome.name, uniques)}
</section>`;
}

/** The genome's facts as label and text, null where unknown. */
function genomeFacts(genome: ReportGenomeModel): [string, string | null][] {
  const summary = genome.summary ?? undefined;
  return [
    ["Organism", genome.organism],
    ["Species", genome.species],
    ["Sequences", count(summary?.count) || null],
    ["Length", summary?.length == null ? null : `${count(summary.length)} bp`],
    ["GC", percent(summary?.gc) ? `${percent(summary?.gc)} %` : null],
    ["CDSs", count(summary?.cdss) || null],
    ["Bakta", genome.baktaVersion],
    [
      "Database",
      genome.dbVersion === null
        ? null
        : `${genome.dbVersion}${genome.dbType ? ` (${genome.dbType})` : ""}`,
    ],
    ["Annotation", `#${genome.annotationId}`],
  ];
}

/** The circular map with its caption, or a note when the annotation has no sequences. */
function circularMapBlock(genome: ReportGenomeModel, gcRings: boolean): SafeHtml {
  const map = genome.map;
  if (map.sequences.length === 0) {
    return noteBlock("Genome map", "The annotation has no sequences.");
  }
  return figureBlock(
    "Genome map",
    () => circularMapPlot(map, { size: 620 }),
    `From the outside in: ${
      map.sequences.length > 20 ? "the 20 longest sequences, " : "the sequences, "
    }features on the forward (+) and reverse (−) strands, CDSs coloured by COG category and other features by type${
      gcRings ? ", GC content (deviation from the mean) and GC skew (closed replicons only)" : ""
    }. Hover over a feature for its locus tag, gene, product and cross-references.`,
  );
}

/** The feature-type bars, or a note when the annotation has no features. */
function featureTypesBlock(genome: ReportGenomeModel): SafeHtml {
  if (genome.typeCounts.length === 0) {
    return noteBlock("Feature types", "The annotation has no features.");
  }
  return figureBlock(
    "Feature types",
    () => featureTypesPlot(genome.typeCounts, { title: "Feature types", width: 600 }),
  );
}

/** The protein-length histogram, or a note when no CDS has a known protein length. */
function proteinLengthsBlock(genome: ReportGenomeModel): SafeHtml {
  const lengths = genome.proteinLengths;
  if (lengths.length === 0) {
    return noteBlock("Protein lengths", "No CDS has a known protein length.");
  }
  return figureBlock(
    "Protein lengths",
    () => proteinLengthPlot(lengths.map((length) => ({ length })), { width: 600 }),
    `${lengths.length.toLocaleString("en-US")} proteins (CDSs with a translation).`,
  );
}
