/**
 * The writer of Bakta's feature table (`<prefix>.tsv`).
 *
 * @module
 */

import type { BaktaRun, Feature } from "../model.ts";
import { BAKTA_TSV_COLUMNS } from "./read_bakta_tsv.ts";

/** Bakta's DOI, as its TSV header writes it. */
export const BAKTA_DOI = "10.1099/mgen.0.000685";
/** Bakta's URL, as its TSV header writes it. */
export const BAKTA_URL = "github.com/oschwengers/bakta";

/**
 * Writes a run's features as Bakta's feature table, the way Bakta 1.8+ writes it: the
 * `# Annotated with Bakta` header (software and database versions from `run.software`), one row
 * per feature in the run's order, the product prefixed `(pseudo) `, `(5' truncated) `,
 * `(3' truncated) ` or `(partial) ` (pseudo first, one prefix at most), DbXrefs sorted and joined
 * by `, `, gaps of 100 bp or more typed `assembly_gap`, and a CRISPR array followed by its
 * `crispr-repeat`/`crispr-spacer` rows. A run read from Bakta's JSON is written as Bakta wrote
 * its TSV.
 *
 * @param run The run (only `software` and `features` are used).
 * @returns The TSV text, ending with a newline.
 *
 * @example Round trip with readBaktaTsv
 * ```ts
 * import { formatBaktaTsv } from "./format_bakta_tsv.ts";
 * import { readBaktaTsv } from "./read_bakta_tsv.ts";
 * const text = "# Annotated with Bakta\n# Software: v1.9.4\n# Database: v5.1, full\n" +
 *   "# DOI: 10.1099/mgen.0.000685\n# URL: github.com/oschwengers/bakta\n" +
 *   "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n" +
 *   "c1\tcds\t971\t141\t-\tX_00010\t\t(pseudo) hypothetical protein\tSO:0001217\n";
 * if (formatBaktaTsv(readBaktaTsv(text)) !== text) throw new Error("round trip");
 * ```
 */
export function formatBaktaTsv(run: Pick<BaktaRun, "software" | "features">): string {
  const { bakta, db, dbType } = run.software;
  const lines = [
    "# Annotated with Bakta",
    `# Software: v${bakta ?? "?"}`,
    `# Database: v${db ?? "?"}${dbType ? `, ${dbType}` : ""}`,
    `# DOI: ${BAKTA_DOI}`,
    `# URL: ${BAKTA_URL}`,
    BAKTA_TSV_COLUMNS.join("\t"),
  ];
  for (const feature of run.features) {
    lines.push(
      [
        feature.sequenceId,
        tsvType(feature),
        feature.start,
        feature.stop,
        feature.strand,
        feature.locusTag ?? "",
        feature.gene ?? "",
        productWithPrefix(feature),
        feature.dbXrefs.map((x) => `${x.db}:${x.accession}`).sort().join(", "),
      ].join("\t"),
    );
    for (const part of feature.crisprParts ?? []) {
      const product = part.kind === "repeat"
        ? "CRISPR repeat"
        : `CRISPR spacer, sequence ${part.nt ?? ""}`;
      lines.push(
        [
          feature.sequenceId,
          `crispr-${part.kind}`,
          part.start,
          part.stop,
          part.strand,
          "",
          "",
          product,
          "",
        ]
          .join("\t"),
      );
    }
  }
  return lines.join("\n") + "\n";
}

function tsvType(feature: Feature): string {
  if (feature.type !== "gap") return feature.type;
  const length = typeof feature.evidence?.length === "number"
    ? feature.evidence.length
    : feature.stop - feature.start + 1;
  return length >= 100 ? "assembly_gap" : "gap";
}

function productWithPrefix(feature: Feature): string {
  const product = feature.product ?? "";
  if (feature.pseudo) return `(pseudo) ${product}`;
  switch (feature.truncated) {
    case "5-prime":
      return `(5' truncated) ${product}`;
    case "3-prime":
      return `(3' truncated) ${product}`;
    case "both":
      return `(partial) ${product}`;
    default:
      return product;
  }
}
