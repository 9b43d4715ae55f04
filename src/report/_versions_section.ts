/**
 * The last section of the report: the software and database versions.
 *
 * @module
 */

import { markup, type SafeHtml } from "./_html.ts";
import type { ReportGenomeModel } from "./report_model.ts";
import type { ReportVersions } from "./report_versions.ts";

/**
 * The versions section: Bakta and its database per genome, and the software of the report.
 *
 * @param genomes The genomes.
 * @param versions The software versions.
 * @returns The section.
 */
export function versionsSection(
  genomes: readonly ReportGenomeModel[],
  versions: ReportVersions,
): SafeHtml {
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
