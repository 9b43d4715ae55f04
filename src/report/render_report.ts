/**
 * `renderReport()`: one self-contained HTML page about the genomes of a database — the numbers of
 * Bakta's `.txt` summary, the figures of each genome and of the cohort, and the versions of the
 * software and databases involved.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { genomeSummary } from "../analysis/genome_summary.ts";
import { featureTypeCounts } from "../analysis/feature_type_counts.ts";
import { cohortSection, type UniqueFamily } from "./_cohort_section.ts";
import { genomeSection, proteinLengths } from "./_genome_section.ts";
import { markup, rawHtml, type SafeHtml } from "./_html.ts";
import { REPORT_CSS } from "./_report_style.ts";
import { reportGenomes } from "./_report_genome.ts";
import { type SummaryRow, summarySection } from "./_summary_section.ts";
import { versionsSection } from "./_versions_section.ts";
import { reportVersions } from "./report_versions.ts";

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
