/**
 * `renderReportHtml()`: the second pass of the report — the page drawn from a
 * {@linkcode ReportModel} alone, with no database.
 *
 * @module
 */

import { cohortSection } from "./_cohort_section.ts";
import { associationSection } from "./_association_section.ts";
import { genomeSection } from "./_genome_section.ts";
import { markup, rawHtml, type SafeHtml } from "./_html.ts";
import { REPORT_CSS } from "./_report_style.ts";
import { REPORT_SCRIPT } from "./_report_script.ts";
import { summarySection } from "./_summary_section.ts";
import { versionsSection } from "./_versions_section.ts";
import type { ReportModel } from "./report_model.ts";

/**
 * Draws the report page from its model: one self-contained HTML file (inline SVG figures, inline
 * CSS and one small inline script; nothing is fetched to view it). The script makes the tables
 * sortable (click a column header) and filterable (type in the box above), and offers each figure
 * as SVG and PNG and each table as TSV; links lead out to UniProt for UniRef clusters. Every text of
 * the model is escaped. It has, in order: the summary (Bakta's `.txt` numbers), the cohort (with
 * two genomes or more: feature types, pangenome classes with a warning on a mixed-species cohort,
 * COG categories with each genome's n and share without a category, the deviation of each genome
 * for one species, presence/absence), a section per genome (facts, traits, circular map, feature
 * types, protein lengths, own gene families), and the software and database versions.
 *
 * @param model The report model (`collectReport`, or one read back from `baktadb report --json`).
 * @returns The HTML document.
 *
 * @example A page from a hand-made model, no database
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderReportHtml } from "./render_report_html.ts";
 *
 * const page = renderReportHtml({
 *   title: "Empty",
 *   generatedAt: "2025-01-01T00:00:00.000Z",
 *   gcRings: false,
 *   maxPresenceFamilies: 800,
 *   genomes: [],
 *   cohort: null,
 *   versions: { baktadb: "0.1.0", deno: "2", v8: "13", typescript: "5", sqlite: null, schema: null },
 * });
 * assert.match(page, /<title>Empty<\/title>/);
 * assert.match(page, /no annotated genomes yet/);
 * ```
 */
export function renderReportHtml(model: ReportModel): string {
  const { genomes } = model;
  const sections: SafeHtml[] = genomes.length === 0 ? [emptySummary()] : [
    summarySection(genomes, model.cohort?.species),
    model.cohort === null
      ? markup``
      : cohortSection(model.cohort, model.maxPresenceFamilies ?? Infinity),
    model.association ? associationSection(model.association) : markup``,
    ...genomes.map((g) => genomeSection(g, model.gcRings)),
  ];
  sections.push(versionsSection(genomes, model.versions));
  const stamp = model.generatedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(
    /Z$/,
    " UTC",
  );
  const nav = genomes.length === 0 ? markup`` : markup`<nav class="toc" aria-label="Contents">
<span class="label">Contents:</span>
<a href="#summary">Summary</a>${model.cohort !== null ? markup`<a href="#cohort">Cohort</a>` : ""}${
    model.association ? markup`<a href="#association">Association</a>` : ""
  }
${genomes.map((g) => markup`<a href="#${g.anchor}">${g.name}</a>`)}
<a href="#versions">Software and databases</a></nav>`;
  const n = genomes.length;
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="baktadb">
<title>${model.title}</title>
<style>${rawHtml(REPORT_CSS)}</style>
</head>
<body>
<header class="top">
<h1>${model.title}</h1>
<p>${n.toLocaleString("en-US")} genome${n === 1 ? "" : "s"} · generated ${stamp} by baktadb</p>
</header>
${nav}
<main>
${sections}
</main>
<footer>Made with baktadb from the Bakta annotations stored in the database. Figures are inline
SVG: hover over a feature for its details; each figure downloads as SVG or PNG and each table as TSV;
click a column header to sort a table.</footer>
<script>${rawHtml(REPORT_SCRIPT)}</script>
</body>
</html>
`.markup;
}

function emptySummary(): SafeHtml {
  return markup`
      <section class="card" id="summary">
        <h2>Summary</h2>
        <p class="lead">The database has no annotated genomes yet: import Bakta results with
      <code>baktadb import</code>, then make the report again.</p>
      </section>
    `;
}
