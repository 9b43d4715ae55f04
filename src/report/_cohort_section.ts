/**
 * The cohort section of the report: feature types, pangenome classes, COG categories and gene
 * family presence/absence of two genomes or more, drawn from the report model.
 *
 * @module
 */

import { featureTypesPlot } from "../plot/feature_types_plot.ts";
import { cogCategoriesPlot } from "../plot/cog_categories_plot.ts";
import { presenceAbsencePlot } from "../plot/presence_absence_plot.ts";
import { pangenomeClassPlot } from "../plot/pangenome_class_plot.ts";
import { figureBlock, noteBlock } from "./_figure_block.ts";
import { markup, type SafeHtml } from "./_html.ts";
import { sampleFamilies } from "./_sample_families.ts";
import type { ReportCohortModel } from "./report_model.ts";

/**
 * The cohort section: feature types, pangenome classes (with a warning on a cohort of several
 * species), COG categories (and, for one species, each genome's deviation from the cohort) and
 * presence/absence.
 *
 * @param cohort The cohort part of the report model.
 * @param maxPresenceFamilies The most families the presence/absence figure draws.
 * @returns The section.
 */
export function cohortSection(cohort: ReportCohortModel, maxPresenceFamilies: number): SafeHtml {
  const n = cohort.presence.genomes.length;
  const figures: SafeHtml[] = [
    figureBlock(
      "Feature types per genome",
      () => featureTypesPlot(cohort.typeCounts, { width: 620, species: cohort.species }),
      "Features of each type in each genome's latest annotation, genomes grouped by species; the number is the total.",
    ),
    classesBlock(cohort, n),
    ...cogBlocks(cohort),
    presenceBlock(cohort, maxPresenceFamilies),
  ];
  return markup`<section class="card" id="cohort">
<h2>Cohort</h2>
<p class="lead">${n} genomes compared by feature types, functions and gene content.</p>
${speciesNote(cohort)}
<div class="figures">${figures}</div>
</section>`;
}

/** The species of the cohort, and a warning when it mixes species. */
function speciesNote(cohort: ReportCohortModel): SafeHtml {
  const groups = cohort.species;
  if (groups.length <= 1) {
    return groups.length === 1
      ? markup`<p class="species">Species: <i>${groups[0].species}</i> (all ${
        groups[0].genomes.length
      } genomes).</p>`
      : markup``;
  }
  return markup`<p class="warning" role="note"><b>A mixed cohort:</b> these genomes belong to ${groups.length} species (${
    groups.map((g, i) =>
      markup`${i > 0 ? ", " : ""}<i>${g.species}</i>: ${g.genomes.length} genome${
        g.genomes.length === 1 ? "" : "s"
      }`
    )
  }). Core, shell and cloud gene families of a mixed set say little: few families are shared across species, so the core is small or empty. Compare the genomes of one species for a pangenome.</p>`;
}

function classesBlock(cohort: ReportCohortModel, n: number): SafeHtml {
  const mixed = cohort.species.length > 1;
  if (cohort.classes.every((row) => row.count === 0)) {
    return noteBlock("Pangenome composition", "No CDS of these genomes has a protein family.");
  }
  return figureBlock(
    "Pangenome composition",
    () =>
      pangenomeClassPlot(cohort.classes, {
        width: 560,
        ...(mixed ? { subtitle: `Mixed cohort: ${cohort.species.length} species` } : {}),
      }),
    `Gene families by the share of the ${n} genomes that have them: core ≥ 99 %, soft-core ≥ 95 %, shell ≥ 15 %, cloud < 15 % (Roary's thresholds).${
      mixed ? " The genomes are of several species: read these classes with care." : ""
    }`,
  );
}

function cogBlocks(cohort: ReportCohortModel): SafeHtml[] {
  if (cohort.cogCounts.length === 0) {
    return [noteBlock("COG functional categories", "No CDS of these genomes has a COG category.")];
  }
  const blocks = [figureBlock(
    "COG functional categories",
    () =>
      cogCategoriesPlot(cohort.cogCounts, {
        layout: "stacked",
        normalize: true,
        width: 1100,
        species: cohort.species,
      }),
    "Each genome's CDSs, genomes grouped by species: the share in each COG category (a CDS in two categories is split between them) and the share without one; n is the number of CDSs with a category.",
    true,
  )];
  const genomes = new Set(cohort.cogCounts.map((r) => r.genome));
  const largest = Math.max(
    0,
    ...cohort.species.map((g) => g.genomes.filter((n) => genomes.has(n)).length),
  );
  if (largest >= 3) {
    blocks.push(figureBlock(
      "COG categories: each genome against the cohort",
      () =>
        cogCategoriesPlot(cohort.cogCounts, {
          layout: "deviation",
          species: cohort.species,
          title: "COG categories: difference from the species mean",
        }),
      "Genomes of one species have nearly equal COG shares: this shows each genome's share minus the mean of its species, in percentage points.",
      true,
    ));
  }
  return blocks;
}

function presenceBlock(cohort: ReportCohortModel, maxPresenceFamilies: number): SafeHtml {
  const { genomes, families, labels, present } = cohort.presence;
  if (families.length === 0) {
    return noteBlock(
      "Gene family presence and absence",
      "No CDS of these genomes has a protein family.",
    );
  }
  const keep = sampleFamilies(families, present, maxPresenceFamilies);
  const total = families.length.toLocaleString("en-US");
  const sampled = keep.length < families.length;
  const caption = sampled
    ? `A systematic sample of ${
      keep.length.toLocaleString("en-US")
    } of the ${total} gene families (every ${
      (families.length / keep.length).toFixed(1)
    }th in order of prevalence, so that each prevalence and pattern keeps its share): more columns than the figure has pixels. Families are UniRef90 clusters, else UniRef50, else the protein's MD5; the most shared are on the left. Hover over a column for its family and how many genomes have it.`
    : `All ${total} gene families (UniRef90 clusters, else UniRef50, else the protein's MD5); the most shared are on the left, genomes are grouped by species and clustered by gene content within each. Hover over a cell (or, in a large figure, a column) for its family.`;
  return figureBlock(
    "Gene family presence and absence",
    () =>
      presenceAbsencePlot(
        {
          genomes,
          families: keep.map((i) => labels[i] ? `${families[i]} (${labels[i]})` : families[i]),
          present: present.map((column) => keep.map((i) => column[i])),
        },
        sampled
          ? {
            species: cohort.species,
            x: {
              label: `Gene families (a sample of ${
                keep.length.toLocaleString("en-US")
              } of ${total}), most frequent first`,
            },
          }
          : { species: cohort.species },
      ),
    caption,
    true,
  );
}
