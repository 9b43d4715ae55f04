/**
 * `renderReport()`: one self-contained HTML page about the genomes of a database — the numbers of
 * Bakta's `.txt` summary, the figures of each genome and of the cohort, and the versions of the
 * software and databases involved.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { latestAnnotations } from "../query/annotation_of.ts";
import { genomeSummary } from "../analysis/genome_summary.ts";
import { featureTypeCounts } from "../analysis/feature_type_counts.ts";
import { cogCategoryCounts } from "../analysis/cog_matrix.ts";
import { presenceAbsence } from "../analysis/gene_families.ts";
import { PANGENOME_CLASSES, pangenomeClasses } from "../analysis/pangenome_classes.ts";
import type { PlotFigure } from "../plot/plot_figure.ts";
import { toSvgString } from "../plot/to_svg_string.ts";
import { featureTypesPlot } from "../plot/feature_types_plot.ts";
import { circularMapPlot } from "../plot/circular_map_plot.ts";
import { proteinLengthPlot } from "../plot/protein_length_plot.ts";
import { cogCategoriesPlot } from "../plot/cog_categories_plot.ts";
import { presenceAbsencePlot } from "../plot/presence_absence_plot.ts";
import { type PangenomeClass, pangenomeClassPlot } from "../plot/pangenome_class_plot.ts";
import { type GenomeMapData, genomeMapData } from "./genome_map_data.ts";
import { sampleFamilies } from "./_sample_families.ts";
import { escapeHtml, markup, rawHtml, type SafeHtml } from "./_html.ts";
import { REPORT_CSS } from "./_report_style.ts";
import { type ReportVersions, reportVersions } from "./report_versions.ts";

/** Options of {@linkcode renderReport}. */
export interface RenderReportOptions {
  /**
   * The genomes to report (by name), in this order; each contributes its latest annotation.
   * @default undefined (every genome with a genome annotation, by name)
   */
  genomes?: readonly string[];
  /**
   * The page title.
   * @default "baktadb report"
   */
  title?: string;
  /**
   * The time stamp written on the page.
   * @default new Date()
   */
  generatedAt?: Date;
  /**
   * Draw the GC content and skew rings of the circular maps (reads every sequence's residues).
   * @default true
   */
  gcRings?: boolean;
  /**
   * The most gene families the presence/absence figure draws: a cohort with more is shown by a
   * systematic sample that keeps the share of each prevalence and presence pattern (a figure
   * cannot show more columns than it has pixels); `Infinity` draws every family.
   * @default 800
   */
  maxPresenceFamilies?: number;
  /** Called before each step, with a short description (for progress output). */
  onProgress?: (message: string) => void;
  /** Cancels the rendering between steps. */
  signal?: AbortSignal;
}

/** The defaults of {@linkcode RenderReportOptions}. */
export const DEFAULT_RENDER_REPORT_OPTIONS: Readonly<{
  title: string;
  gcRings: boolean;
  maxPresenceFamilies: number;
}> = Object.freeze({
  title: "baktadb report",
  gcRings: true,
  maxPresenceFamilies: 800,
});

/** One genome of the report: its latest annotation and what the page shows of it. */
interface ReportGenome {
  name: string;
  anchor: string;
  annotationId: number;
  organism: string | null;
  baktaVersion: string | null;
  dbVersion: string | null;
  dbType: string | null;
  runStart: string | null;
  source: string;
  importedAt: string;
}

type SummaryRow = Record<string, unknown> & { genome: string };

/** A column of the summary tables: a key of `genomeSummary()` and how to print it. */
interface SummaryColumn {
  key: string;
  label: string;
  title?: string;
  format: (value: unknown) => string;
}

const count = (value: unknown) =>
  typeof value === "number" || typeof value === "bigint"
    ? Number(value).toLocaleString("en-US")
    : "";
const percent = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) ? (100 * value).toFixed(1) : "";

/** The `Sequence(s):` block of Bakta's `.txt`. */
const ASSEMBLY_COLUMNS: readonly SummaryColumn[] = [
  { key: "count", label: "Sequences", title: "Count", format: count },
  { key: "length", label: "Length (bp)", title: "Length", format: count },
  { key: "gc", label: "GC (%)", title: "GC", format: percent },
  { key: "n50", label: "N50", format: count },
  { key: "n90", label: "N90", format: count },
  { key: "n_ratio", label: "N ratio (%)", title: "N ratio", format: percent },
  { key: "coding_density", label: "Coding (%)", title: "coding density", format: percent },
];

/** The `Annotation:` block of Bakta's `.txt`. */
const ANNOTATION_COLUMNS: readonly SummaryColumn[] = [
  { key: "trnas", label: "tRNAs", format: count },
  { key: "tmrnas", label: "tmRNAs", format: count },
  { key: "rrnas", label: "rRNAs", format: count },
  { key: "ncrnas", label: "ncRNAs", format: count },
  { key: "ncrna_regions", label: "ncRNA regions", format: count },
  { key: "crispr_arrays", label: "CRISPR arrays", format: count },
  { key: "cdss", label: "CDSs", format: count },
  { key: "pseudogenes", label: "pseudogenes", format: count },
  { key: "hypotheticals", label: "hypotheticals", format: count },
  { key: "sorfs", label: "sORFs", format: count },
  { key: "gaps", label: "gaps", format: count },
  { key: "orics", label: "oriCs", format: count },
  { key: "orivs", label: "oriVs", format: count },
  { key: "orits", label: "oriTs", format: count },
];

/** Above this many cells the presence/absence figure drops its per-cell tool tips (file size). */
const MAX_CELL_TITLES = 4000;

/** Markup that can never appear in a correctly escaped SVG figure. */
const FORBIDDEN_MARKUP = /<\s*(script|iframe|object|embed|foreignobject)\b/i;

/**
 * Renders one self-contained HTML report of genomes of a database: no network is needed to view
 * it (figures are inline SVG, the CSS is inline, there are no scripts, fonts or images to fetch).
 *
 * It has, in order:
 *
 * - **Summary**: per genome (its latest annotation) the numbers of Bakta's `.txt` — the
 *   `Sequence(s):` block (sequences, length, GC, N50, N90, N ratio, coding density) and the
 *   `Annotation:` counts (tRNAs … oriTs), from `genomeSummary()`;
 * - **Cohort** (two genomes or more): feature types per genome, COG functional categories, gene
 *   family presence/absence (families keyed by UniRef90; with many families a systematic sample,
 *   see `maxPresenceFamilies`) and the pangenome classes (core, soft-core, shell, cloud);
 * - **one section per genome**: its feature types, a circular map (GC content and skew rings
 *   included) and the distribution of its protein lengths; with two genomes or more, the gene
 *   families no other genome of the report has (gene, product, copies);
 * - **Software and databases**: the Bakta version, database version and type of every annotation,
 *   and the versions of baktadb, Deno, SQLite and the schema.
 *
 * Every text read from the database (genome names, organisms, products in figure tool tips…) is
 * escaped; a figure that cannot be drawn is replaced by a note saying why.
 *
 * @param db The database.
 * @param options Which genomes, title, time stamp, figure settings, progress and cancellation.
 * @returns A promise of the HTML document.
 * @throws {NotFoundError} When a genome asked for does not exist or has no genome annotation.
 * @throws {RangeError} When an option is out of range.
 * @throws {DOMException} When `signal` aborts (`AbortError`).
 *
 * @example A report of one factory genome
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { renderReport } from "./render_report.ts";
 *
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 2, sequences: 1, genomeSize: 15_000 }), { genome: "demo" });
 * const page = await renderReport(db, { generatedAt: new Date("2025-01-01T00:00:00Z") });
 * assert.match(page, /^<!doctype html>/);
 * assert.match(page, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
 * assert.doesNotMatch(page, /<script/i);
 * await db.destroy();
 * ```
 */
export async function renderReport(
  db: Kysely<Database>,
  options: RenderReportOptions = {},
): Promise<string> {
  const D = DEFAULT_RENDER_REPORT_OPTIONS;
  const {
    genomes: wanted,
    title = D.title,
    generatedAt = new Date(),
    gcRings = D.gcRings,
    maxPresenceFamilies = D.maxPresenceFamilies,
    onProgress,
    signal,
  } = options;
  if (
    wanted !== undefined && (!Array.isArray(wanted) || wanted.some((g) => typeof g !== "string"))
  ) {
    throw new TypeError(`Invalid option "genomes": expected an array of genome names`);
  }
  if (!(maxPresenceFamilies >= 1)) {
    throw new RangeError(
      `Invalid option "maxPresenceFamilies": expected a number >= 1, got ${maxPresenceFamilies}`,
    );
  }
  if (!(generatedAt instanceof Date) || Number.isNaN(generatedAt.getTime())) {
    throw new RangeError(`Invalid option "generatedAt": expected a valid Date`);
  }
  const step = (message: string) => {
    signal?.throwIfAborted();
    onProgress?.(message);
  };

  step("Reading the genomes");
  const genomes = await reportGenomes(db, wanted);
  const names = genomes.map((g) => g.name);
  const cohort = { genomes: names };

  const sections: SafeHtml[] = [];
  if (genomes.length === 0) {
    sections.push(markup`
      <section class="card" id="summary">
        <h2>Summary</h2>
        <p class="lead">The database has no annotated genomes yet: import Bakta results with
      <code>baktadb import</code>, then make the report again.</p>
      </section>
    `);
  } else {
    step("Summarizing");
    const summary = (await genomeSummary(db, cohort)).objects() as SummaryRow[];
    const byName = new Map(summary.map((row) => [row.genome, row]));
    sections.push(summarySection(genomes, byName));

    const typeCounts = (await featureTypeCounts(db, cohort)).objects() as {
      genome: string;
      type: string;
      count: number;
    }[];
    let uniques: Map<string, UniqueFamily[]> | undefined;
    if (genomes.length >= 2) {
      step("Comparing the cohort");
      const compared = await cohortSection(db, names, typeCounts, maxPresenceFamilies, step);
      sections.push(compared.section);
      uniques = compared.uniques;
    }
    const lengths = await proteinLengths(db, genomes.map((g) => g.annotationId));
    for (const [i, genome] of genomes.entries()) {
      step(`Drawing ${genome.name} (${i + 1}/${genomes.length})`);
      sections.push(
        await genomeSection(db, genome, byName.get(genome.name), {
          typeCounts: typeCounts.filter((row) => row.genome === genome.name),
          lengths: lengths.get(genome.annotationId) ?? [],
          gcRings,
          uniques: uniques?.get(genome.name),
        }),
      );
    }
  }
  step("Listing versions");
  sections.push(versionsSection(genomes, await reportVersions(db)));

  const stamp = generatedAt.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const nav = genomes.length === 0 ? markup`` : markup`<nav class="toc" aria-label="Contents">
<span class="label">Contents:</span>
<a href="#summary">Summary</a>${genomes.length >= 2 ? markup`<a href="#cohort">Cohort</a>` : ""}
${genomes.map((g) => markup`<a href="#${g.anchor}">${g.name}</a>`)}
<a href="#versions">Software and databases</a></nav>`;
  const n = genomes.length;
  const page = markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="baktadb">
<title>${title}</title>
<style>${rawHtml(REPORT_CSS)}</style>
</head>
<body>
<header class="top">
<h1>${title}</h1>
<p>${n.toLocaleString("en-US")} genome${n === 1 ? "" : "s"} · generated ${stamp} by baktadb</p>
</header>
${nav}
<main>
${sections}
</main>
<footer>Made with baktadb from the Bakta annotations stored in the database. Figures are inline
SVG: hover over a feature for its details.</footer>
</body>
</html>
`;
  return page.markup;
}

/** The genomes of the report with their latest annotation, in the order asked for. */
async function reportGenomes(
  db: Kysely<Database>,
  wanted: readonly string[] | undefined,
): Promise<ReportGenome[]> {
  const rows = await latestAnnotations(db, { genomes: wanted })
    .select(["genomes.genus", "genomes.species", "genomes.strain"])
    .execute();
  const byName = new Map(rows.map((row) => [row.genome, row]));
  let order = rows.map((row) => row.genome);
  if (wanted !== undefined) {
    order = [...new Set(wanted)];
    for (const name of order) {
      if (byName.has(name)) continue;
      const exists = await db.selectFrom("genomes").select("id").where("name", "=", name)
        .executeTakeFirst();
      throw new NotFoundError(exists ? "genome annotation for" : "genome", name);
    }
  }
  return order.map((name, i) => {
    const row = byName.get(name)!;
    return {
      name,
      anchor: `genome-${i + 1}`,
      annotationId: row.id,
      organism: organismOf(row),
      baktaVersion: row.bakta_version,
      dbVersion: row.db_version,
      dbType: row.db_type,
      runStart: row.run_start,
      source: row.source,
      importedAt: row.imported_at,
    };
  });
}

function organismOf(
  row: {
    genus: string | null;
    species: string | null;
    strain: string | null;
    genome_json: string | null;
  },
): string | null {
  let info: { genus?: unknown; species?: unknown; strain?: unknown; taxon?: unknown } = {};
  try {
    info = row.genome_json ? JSON.parse(row.genome_json) : {};
  } catch {
    info = {};
  }
  const text = (
    value: unknown,
  ) => (typeof value === "string" && value.trim() ? value.trim() : null);
  const genus = text(row.genus) ?? text(info.genus);
  const species = text(row.species) ?? text(info.species);
  const strain = text(row.strain) ?? text(info.strain);
  const name = [genus, species].filter((x) => x !== null).join(" ") || text(info.taxon);
  if (name === null) return strain === null ? null : `strain ${strain}`;
  return strain === null ? name : `${name} ${strain}`;
}

function summaryTable(
  genomes: readonly ReportGenome[],
  byName: Map<string, SummaryRow>,
  columns: readonly SummaryColumn[],
  caption: string,
  extra?: { label: string; value: (g: ReportGenome) => string | null },
): SafeHtml {
  const head = [
    markup`<th scope="col">Genome</th>`,
    extra ? markup`<th scope="col" class="text">${extra.label}</th>` : "",
    columns.map((c) => markup`<th scope="col" title="${c.title ?? c.label}">${c.label}</th>`),
  ];
  const rows = genomes.map((g) => {
    const row = byName.get(g.name);
    const value = extra?.value(g) ?? null;
    const cells = columns.map((c) => {
      const raw = row?.[c.key];
      const text = c.format(raw);
      return text === ""
        ? markup`<td class="missing" data-key="${c.key}">–</td>`
        : markup`<td data-key="${c.key}" data-value="${String(raw)}">${text}</td>`;
    });
    const first = extra
      ? markup`<td class="text${value === null ? " missing" : ""}">${value ?? "–"}</td>`
      : "";
    return markup`<tr data-genome="${g.name}"><th scope="row"><a href="#${g.anchor}">${g.name}</a></th>${first}${cells}</tr>
`;
  });
  return markup`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}</tbody>
</table></div>`;
}

function summarySection(
  genomes: readonly ReportGenome[],
  byName: Map<string, SummaryRow>,
): SafeHtml {
  return markup`<section class="card" id="summary">
<h2>Summary</h2>
<p class="lead">The numbers of Bakta's <code>.txt</code> summary for each genome's latest
annotation.</p>
<h3>Sequences</h3>
${
    summaryTable(
      genomes,
      byName,
      ASSEMBLY_COLUMNS,
      "GC, N ratio and coding density in per cent, as Bakta prints them; N ratio and coding density are known only for runs imported with their JSON or .txt.",
      { label: "Organism", value: (g) => g.organism },
    )
  }
<h3>Annotation</h3>
${
    summaryTable(
      genomes,
      byName,
      ANNOTATION_COLUMNS,
      "Feature counts as in Bakta's summary: pseudogenes and hypotheticals are CDSs; ncRNA regions are counted apart from ncRNAs.",
    )
  }
</section>`;
}

async function cohortSection(
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
interface UniqueFamily {
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

/** How many genome-specific families a genome section lists. */
const MAX_UNIQUE_ROWS = 15;

function uniqueFamiliesBlock(genome: string, uniques: readonly UniqueFamily[]): SafeHtml {
  if (uniques.length === 0) {
    return markup`<h3>Gene families found only in this genome</h3>
<p class="note">None: every gene family of ${genome} is in at least one other genome of the report.</p>`;
  }
  const hypothetical = (u: UniqueFamily) =>
    u.product === null || /^hypothetical protein$/i.test(u.product) ? 1 : 0;
  const text = (value: string | null) => value ?? "";
  const sorted = [...uniques].sort((a, b) =>
    hypothetical(a) - hypothetical(b) || (a.gene === null ? 1 : 0) - (b.gene === null ? 1 : 0) ||
    text(a.gene).localeCompare(text(b.gene)) || text(a.product).localeCompare(text(b.product)) ||
    a.family.localeCompare(b.family)
  );
  const shown = sorted.slice(0, MAX_UNIQUE_ROWS);
  const more = uniques.length - shown.length;
  return markup`<h3>Gene families found only in this genome (${
    uniques.length.toLocaleString("en-US")
  })</h3>
<div class="table-wrap"><table class="families">
<caption>${
    more > 0
      ? `The first ${shown.length} (named products first) of ${
        uniques.length.toLocaleString("en-US")
      }; the other genomes of the report lack them.`
      : "The other genomes of the report lack them."
  }</caption>
<thead><tr><th scope="col">Family</th><th scope="col" class="text">Gene</th><th scope="col" class="text">Product</th><th scope="col">Copies</th></tr></thead>
<tbody>
${
    shown.map((u) =>
      markup`<tr><th scope="row">${u.family}</th><td class="text${
        u.gene === null ? " missing" : ""
      }">${u.gene ?? "–"}</td><td class="text product">${
        u.product ?? "–"
      }</td><td>${u.copies}</td></tr>
`
    )
  }</tbody>
</table></div>`;
}

async function genomeSection(
  db: Kysely<Database>,
  genome: ReportGenome,
  summary: SummaryRow | undefined,
  data: {
    typeCounts: readonly { genome: string; type: string; count: number }[];
    lengths: readonly number[];
    gcRings: boolean;
    uniques?: readonly UniqueFamily[];
  },
): Promise<SafeHtml> {
  const map = shortSequenceIds(
    await genomeMapData(db, genome.name, {
      annotationId: genome.annotationId,
      residues: data.gcRings,
    }),
  );
  const facts: [string, string | null][] = [
    ["Organism", genome.organism],
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
  const featureTypes = data.typeCounts.length === 0
    ? noteBlock("Feature types", "The annotation has no features.")
    : figureBlock(
      "Feature types",
      () => featureTypesPlot(data.typeCounts, { title: "Feature types", width: 600 }),
    );
  const circular = map.sequences.length === 0
    ? noteBlock("Genome map", "The annotation has no sequences.")
    : figureBlock(
      "Genome map",
      () => circularMapPlot(map, { size: 620 }),
      `From the outside in: ${
        map.sequences.length > 20 ? "the 20 longest sequences, " : "the sequences, "
      }features on the forward and reverse strands coloured by type${
        data.gcRings ? ", GC content (deviation from the mean) and GC skew" : ""
      }.`,
    );
  const proteins = data.lengths.length === 0
    ? noteBlock("Protein lengths", "No CDS has a known protein length.")
    : figureBlock(
      "Protein lengths",
      () => proteinLengthPlot(data.lengths.map((length) => ({ length })), { width: 600 }),
      `${data.lengths.length.toLocaleString("en-US")} proteins (CDSs with a translation).`,
    );
  return markup`<section class="card genome" id="${genome.anchor}" data-genome="${genome.name}">
<h2>${genome.name}</h2>
<ul class="facts">${
    facts.filter(([, value]) => value !== null)
      .map(([label, value]) => markup`<li><b>${label}</b> ${value}</li>`)
  }</ul>
<div class="figures">
${circular}
<div>${featureTypes}${proteins}</div>
</div>
${data.uniques === undefined ? "" : uniqueFamiliesBlock(genome.name, data.uniques)}
</section>`;
}

function versionsSection(genomes: readonly ReportGenome[], versions: ReportVersions): SafeHtml {
  return markup`<section class="card" id="versions">
<h2>Software and databases</h2>
<p class="lead">What annotated each genome, and what made this report.</p>
${
    genomes.length === 0 ? "" : markup`
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Genome</th>
              <th scope="col" class="text">Bakta</th>
              <th scope="col" class="text">Database</th>
              <th scope="col" class="text">Database type</th>
              <th scope="col" class="text">Run started</th>
              <th scope="col" class="text">Imported from</th>
              <th scope="col" class="text">Imported</th>
            </tr>
          </thead>
          <tbody>${
      genomes.map((g) =>
        markup`<tr data-genome="${g.name}"><th scope="row">${g.name}</th>${
          [
            g.baktaVersion,
            g.dbVersion,
            g.dbType,
            g.runStart,
            g.source === "job" ? "web job" : "files",
            g.importedAt,
          ]
            .map((value) =>
              markup`<td class="text${value === null ? " missing" : ""}">${value ?? "–"}</td>`
            )
        }</tr>\n`
      )
    }</tbody>
        </table>
      </div>
    `
  }
<h3>This report</h3>
<dl class="versions">
<dt>baktadb</dt><dd>${versions.baktadb}</dd>
<dt>Deno</dt><dd>${versions.deno} (V8 ${versions.v8}, TypeScript ${versions.typescript})</dd>
<dt>SQLite</dt><dd>${versions.sqlite ?? "–"}</dd>
<dt>Database schema</dt><dd>${versions.schema ?? "–"}</dd>
</dl>
</section>`;
}

/**
 * Drops the genome's name from its sequence ids when every id starts with it (`6999-7-20_contig_3`
 * becomes `contig_3`): the section already names the genome, and long labels crowd the map.
 */
function shortSequenceIds(map: GenomeMapData): GenomeMapData {
  const prefix = [`${map.genome}_`, `${map.genome}-`, `${map.genome}.`, `${map.genome}|`]
    .find((p) =>
      map.sequences.length > 1 &&
      map.sequences.every((s) => s.id.startsWith(p) && s.id.length > p.length)
    );
  if (prefix === undefined) return map;
  const short = (id: string) => id.startsWith(prefix) ? id.slice(prefix.length) : id;
  return {
    ...map,
    sequences: map.sequences.map((s) => ({ ...s, id: short(s.id) })),
    features: map.features.map((f) => ({ ...f, sequenceId: short(f.sequenceId) })),
  };
}

/** The protein lengths of the CDSs of each annotation. */
async function proteinLengths(
  db: Kysely<Database>,
  annotationIds: readonly number[],
): Promise<Map<number, number[]>> {
  const lengths = new Map<number, number[]>();
  if (annotationIds.length === 0) return lengths;
  const rows = await db.selectFrom("features")
    .select(["annotation_id", "aa_length"])
    .where("annotation_id", "in", annotationIds)
    .where("type", "=", "cds")
    .where("aa_length", "is not", null)
    .execute();
  for (const row of rows) {
    const list = lengths.get(row.annotation_id) ?? [];
    list.push(row.aa_length!);
    lengths.set(row.annotation_id, list);
  }
  return lengths;
}

/** Removes per-mark tool tips from a dense figure (thousands of cells nobody can hover). */
function dropTitles(figure: PlotFigure, selector: string): void {
  for (const title of Array.from(figure.querySelectorAll(selector))) title.remove();
}

/** A figure as inline SVG, or a note when it cannot be drawn. */
function figureBlock(
  name: string,
  draw: () => PlotFigure,
  caption?: string,
  wide = false,
): SafeHtml {
  let svg: string;
  try {
    svg = toSvgString(draw());
  } catch (error) {
    return markup`
      <figure class="plot figure-error" aria-label="${name}">
        <p class="note">${name}: the figure could not be drawn: ${
      error instanceof Error ? error.message : String(error)
    }</p>
      </figure>
    `;
  }
  if (FORBIDDEN_MARKUP.test(svg)) {
    // The DOM escapes text; this guards the page should a figure ever embed active content.
    throw new Error(`Cannot render report: figure "${escapeHtml(name)}" holds active content`);
  }
  return markup`<figure class="plot${wide ? " wide" : ""}" aria-label="${name}">${rawHtml(svg)}${
    caption ? markup`<figcaption>${caption}</figcaption>` : ""
  }</figure>`;
}

function noteBlock(name: string, text: string): SafeHtml {
  return markup`
    <figure class="plot empty" aria-label="${name}">
      <h3>${name}</h3>
      <p class="note">${text}</p>
    </figure>
  `;
}
