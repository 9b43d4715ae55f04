/**
 * What the genome maps say of a feature: its label (gene, else locus tag) and its tooltip (locus
 * tag, gene, product, type and coordinates, COG category, cross-references).
 *
 * @module
 */

import { featureTypeLabel } from "./feature_colors.ts";

/** The fields of a feature the label and the tooltip read; all but coordinates are optional. */
export interface DescribedFeature {
  /** First base, 1-based inclusive; greater than `stop` across the origin. */
  start: number;
  /** Last base, 1-based inclusive. */
  stop: number;
  /** `+`, `-`, `.` or `?`. */
  strand: string;
  /** The feature type (Bakta JSON naming). */
  type: string;
  /** The sequence id. */
  sequenceId?: string | null;
  /** The locus tag. */
  locusTag?: string | null;
  /** The gene symbol. */
  gene?: string | null;
  /** The product. */
  product?: string | null;
  /** The COG category letter(s). */
  cogCategory?: string | null;
  /** Cross-references as `DB:accession` (`UniRef:UniRef90_…`, `GO:0005524`, `EC:2.7.7.7`…). */
  xrefs?: readonly string[] | null;
}

/** What labels a feature on a map: its gene (falling back to the locus tag), locus tag, product or nothing. */
export type FeatureLabel = "gene" | "locusTag" | "product" | "none";

/** The most cross-references a tooltip lists (the rest are counted). */
const MAX_XREFS = 12;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Returns a feature's label: with `gene` its gene symbol, else its locus tag (so unnamed CDSs are
 * labelled too); with `locusTag` the locus tag; with `product` the product, else the gene, else
 * the locus tag; `undefined` when there is nothing to write or with `none`.
 *
 * @param feature The feature.
 * @param label What to write.
 * @returns The label, or `undefined`.
 *
 * @example An unnamed CDS is labelled by its locus tag
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureLabel } from "./feature_tooltip.ts";
 *
 * const f = { start: 1, stop: 90, strand: "+", type: "cds", locusTag: "X_0005", gene: null };
 * assert.equal(featureLabel(f, "gene"), "X_0005");
 * assert.equal(featureLabel({ ...f, gene: "dnaA" }, "gene"), "dnaA");
 * ```
 */
export function featureLabel(feature: DescribedFeature, label: FeatureLabel): string | undefined {
  switch (label) {
    case "gene":
      return text(feature.gene) ?? text(feature.locusTag);
    case "locusTag":
      return text(feature.locusTag);
    case "product":
      return text(feature.product) ?? text(feature.gene) ?? text(feature.locusTag);
    default:
      return undefined;
  }
}

/**
 * Returns a feature's tooltip, one fact a line: locus tag and gene, product, type with sequence and
 * coordinates (and "across the origin"), COG category, cross-references (at most 12, then a count).
 *
 * @param feature The feature.
 * @returns The text of its `<title>`.
 *
 * @example A CDS
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureTooltip } from "./feature_tooltip.ts";
 *
 * assert.equal(
 *   featureTooltip({
 *     sequenceId: "contig_1", start: 131, stop: 814, strand: "+", type: "cds",
 *     locusTag: "X_0001", gene: "dnaA", product: "chromosomal replication initiator",
 *     cogCategory: "L", xrefs: ["UniRef:UniRef90_P03004", "GO:0005524"],
 *   }),
 *   "X_0001 dnaA\nchromosomal replication initiator\nCDS contig_1:131..814 (+)\nCOG L\n" +
 *     "UniRef:UniRef90_P03004, GO:0005524",
 * );
 * ```
 */
export function featureTooltip(feature: DescribedFeature): string {
  const f = feature;
  const where = `${text(f.sequenceId) ? `${f.sequenceId}:` : ""}${
    f.start.toLocaleString("en-US")
  }..${f.stop.toLocaleString("en-US")} (${f.strand})${
    f.start > f.stop ? ", across the origin" : ""
  }`;
  const xrefs = f.xrefs ?? [];
  const listed = xrefs.slice(0, MAX_XREFS).join(", ") +
    (xrefs.length > MAX_XREFS ? ` and ${xrefs.length - MAX_XREFS} more` : "");
  return [
    [text(f.locusTag), text(f.gene)].filter((v) => v !== undefined).join(" "),
    text(f.product) ?? "",
    `${featureTypeLabel(f.type)} ${where}`,
    text(f.cogCategory) ? `COG ${text(f.cogCategory)}` : "",
    listed,
  ].filter((line) => line !== "").join("\n");
}
