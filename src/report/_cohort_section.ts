/**
 * The cohort section of the report: feature types, pangenome classes, COG categories and gene
 * family presence/absence of two genomes or more, and each genome's own families.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { cogCategoryCounts } from "../analysis/cog_matrix.ts";
import { presenceAbsence } from "../analysis/gene_families.ts";
import { PANGENOME_CLASSES, pangenomeClasses } from "../analysis/pangenome_classes.ts";
import { featureTypesPlot } from "../plot/feature_types_plot.ts";
import { cogCategoriesPlot } from "../plot/cog_categories_plot.ts";
import { presenceAbsencePlot } from "../plot/presence_absence_plot.ts";
import { type PangenomeClass, pangenomeClassPlot } from "../plot/pangenome_class_plot.ts";
import { dropTitles, figureBlock, noteBlock } from "./_figure_block.ts";
import { markup, type SafeHtml } from "./_html.ts";
import { sampleFamilies } from "./_sample_families.ts";

/** Above this many cells the presence/absence figure drops its per-cell tool tips (file size). */
const MAX_CELL_TITLES = 4000;

/**
 * The cohort section: feature types, pangenome classes, COG categories and presence/absence.
 *
 * @param db The database.
 * @param names The genomes, in report order.
 * @param typeCounts Their feature-type counts.
 * @param maxPresenceFamilies The most families the presence/absence figure draws.
 * @param step Reports progress (and checks cancellation).
 * @returns The section, and the families each genome alone has.
 */
export async function cohortSection(
  db: Kysely<Database>,
  names: readonly string[],
  typeCounts: readonly { genome: string; type: string; count: number }[],
  maxPresenceFamilies: number,
  step: (message: string) => void,
): Promise<{ section: SafeHtml; uniques: Map<string, UniqueFamily[]> }> {
  const cohort = { genomes: names };
  const figures: SafeHtml[] = [];
  figures.push(figureBlock(
    "Feature types per genome",
    () => featureTypesPlot(typeCounts, { width: 620 }),
    "Features of each type in each genome's latest annotation; the number is the total.",
  ));

  step("Counting COG categories");
  const cogRows = (await cogCategoryCounts(db, cohort)).objects();
  figures.push(
    cogRows.length === 0
      ? noteBlock("COG functional categories", "No CDS of these genomes has a COG category.")
      : figureBlock(
        "COG functional categories",
        () =>
          cogCategoriesPlot(cogRows as never, {
            layout: "stacked",
            normalize: true,
            width: 1100,
          }),
        "Share of each genome's COG category assignments (a CDS in two categories counts in each).",
        true,
      ),
  );

  step("Building the presence/absence matrix");
  const matrix = await presenceAbsence(db, cohort);
  const genomeColumns = matrix.columnNames().filter((c) => c !== "family" && c !== "genomes");
  const families = matrix.array("family") as ArrayLike<string>;
  const columns = genomeColumns.map((g) => matrix.array(g) as ArrayLike<number>);
  if (families.length === 0) {
    figures.push(
      noteBlock(
        "Gene family presence and absence",
        "No CDS of these genomes has a protein family.",
      ),
    );
  } else {
    const keep = sampleFamilies(families, columns, maxPresenceFamilies);
    const total = families.length.toLocaleString("en-US");
    const sampled = keep.length < families.length;
    const caption = sampled
      ? `A systematic sample of ${
        keep.length.toLocaleString("en-US")
      } of the ${total} gene families (every ${
        (families.length / keep.length).toFixed(1)
      }th in order of prevalence, so that each prevalence and pattern keeps its share): more columns than the figure has pixels. Families are UniRef90 clusters, else UniRef50, else the protein's MD5; the most shared are on the left.`
      : `All ${total} gene families (UniRef90 clusters, else UniRef50, else the protein's MD5); the most shared are on the left, genomes are clustered by gene content.`;
    figures.push(figureBlock(
      "Gene family presence and absence",
      () => {
        const figure = presenceAbsencePlot(
          {
            genomes: genomeColumns,
            families: keep.map((i) => families[i]),
            present: columns.map((column) => keep.map((i) => column[i] > 0)),
          },
          sampled
            ? {
              x: {
                label: `Gene families (a sample of ${
                  keep.length.toLocaleString("en-US")
                } of ${total}), most frequent first`,
              },
            }
            : {},
        );
        if (keep.length * genomeColumns.length > MAX_CELL_TITLES) {
          dropTitles(figure, 'g[aria-label="cell"] title');
        }
        return figure;
      },
      caption,
      true,
    ));
  }

  step("Classifying the pangenome");
  const classes = (await pangenomeClasses(db, cohort)).objects() as {
    family: string;
    class: PangenomeClass;
    copies: number;
    gene: string | null;
    product: string | null;
  }[];
  const classRows = PANGENOME_CLASSES.map((name) => ({
    class: name,
    count: classes.filter((row) => row.class === name).length,
  }));
  const uniques = uniqueFamilies(genomeColumns, families, columns, classes);
  // Beside the feature types: the two compact figures share a row, the wide ones follow.
  figures.splice(
    1,
    0,
    classRows.every((row) => row.count === 0)
      ? noteBlock("Pangenome composition", "No CDS of these genomes has a protein family.")
      : figureBlock(
        "Pangenome composition",
        () => pangenomeClassPlot(classRows, { width: 560 }),
        `Gene families by the share of the ${names.length} genomes that have them: core ≥ 99 %, soft-core ≥ 95 %, shell ≥ 15 %, cloud < 15 % (Roary's thresholds).`,
      ),
  );
  const section = markup`<section class="card" id="cohort">
<h2>Cohort</h2>
<p class="lead">${names.length} genomes compared by feature types, functions and gene content.</p>
<div class="figures">${figures}</div>
</section>`;
  return { section, uniques };
}

/** A gene family found in one genome of the cohort only. */
export interface UniqueFamily {
  family: string;
  copies: number;
  gene: string | null;
  product: string | null;
}

/** The families each genome alone has (the cloud of one genome), from the presence matrix. */
function uniqueFamilies(
  genomes: readonly string[],
  families: ArrayLike<string>,
  columns: readonly ArrayLike<number>[],
  classes: readonly {
    family: string;
    copies: number;
    gene: string | null;
    product: string | null;
  }[],
): Map<string, UniqueFamily[]> {
  const info = new Map(classes.map((row) => [row.family, row]));
  const uniques = new Map<string, UniqueFamily[]>(genomes.map((g) => [g, []]));
  for (let i = 0; i < families.length; i++) {
    let owner = -1;
    let holders = 0;
    columns.forEach((column, g) => {
      if (column[i] > 0) {
        holders++;
        owner = g;
      }
    });
    if (holders !== 1) continue;
    const row = info.get(families[i]);
    uniques.get(genomes[owner])!.push({
      family: families[i],
      copies: Number(row?.copies ?? columns[owner][i]),
      gene: row?.gene ?? null,
      product: row?.product ?? null,
    });
  }
  return uniques;
}
