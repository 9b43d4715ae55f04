/**
 * The summary section of the report: the numbers of Bakta's `.txt` for each genome.
 *
 * @module
 */

import { markup, type SafeHtml } from "./_html.ts";
import { speciesBands, type SpeciesGroupInput } from "../plot/species_bands.ts";
import type { ReportGenomeModel } from "./report_model.ts";

/** A row of `genomeSummary()`. */
export type SummaryRow = Record<string, unknown> & { genome: string };

/** A column of the summary tables: a key of `genomeSummary()` and how to print it. */
interface SummaryColumn {
  key: string;
  label: string;
  title?: string;
  format: (value: unknown) => string;
}

/** Formats a count with thousands separators (empty when unknown). */
export const count = (value: unknown) =>
  typeof value === "number" || typeof value === "bigint"
    ? Number(value).toLocaleString("en-US")
    : "";
/** Formats a fraction as a percentage with one decimal, as Bakta prints it (empty when unknown). */
export const percent = (value: unknown) =>
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

/** One table of the summary: a row per genome, a cell per column (with its raw value). */
function summaryTable(
  genomes: readonly ReportGenomeModel[],
  byName: Map<string, SummaryRow>,
  columns: readonly SummaryColumn[],
  caption: string,
  name: string,
  ...texts: { label: string; value: (g: ReportGenomeModel) => string | null }[]
): SafeHtml {
  const head = [
    markup`<th scope="col">Genome</th>`,
    texts.map((t) => markup`<th scope="col" class="text">${t.label}</th>`),
    columns.map((c) => markup`<th scope="col" title="${c.title ?? c.label}">${c.label}</th>`),
  ];
  const rows = genomes.map((g) => {
    const row = byName.get(g.name);
    const cells = columns.map((c) => {
      const raw = row?.[c.key];
      const text = c.format(raw);
      return text === ""
        ? markup`<td class="missing" data-key="${c.key}">–</td>`
        : markup`<td data-key="${c.key}" data-value="${String(raw)}">${text}</td>`;
    });
    const first = texts.map((t) => {
      const value = t.value(g);
      return markup`<td class="text${value === null ? " missing" : ""}">${value ?? "–"}</td>`;
    });
    return markup`<tr data-genome="${g.name}"><th scope="row"><a href="#${g.anchor}">${g.name}</a></th>${first}${cells}</tr>
`;
  });
  return markup`<div class="table-wrap"><table class="data" data-name="${name}">
<caption>${caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}</tbody>
</table></div>`;
}

/**
 * The summary section: the `Sequence(s):` and `Annotation:` numbers of Bakta's `.txt`, genomes
 * grouped by species (the cohort's species order, the largest first) with a Species column.
 *
 * @param reportGenomes The genomes, in report order.
 * @param species The cohort's species groups; without them the report order is kept.
 * @returns The section.
 */
export function summarySection(
  reportGenomes: readonly ReportGenomeModel[],
  species?: readonly SpeciesGroupInput[],
): SafeHtml {
  const byGenome = new Map(reportGenomes.map((g) => [g.name, g]));
  const genomes = speciesBands(reportGenomes.map((g) => g.name), species).genomes
    .map((name) => byGenome.get(name)!);
  const byName = new Map(
    genomes.flatMap((g) => g.summary === null ? [] : [[g.name, { ...g.summary, genome: g.name }]]),
  );
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
      "sequences",
      { label: "Species", value: (g) => g.species },
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
      "annotation",
      { label: "Species", value: (g) => g.species },
    )
  }
</section>`;
}
