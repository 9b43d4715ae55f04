/**
 * A feature's object made in one step, its keys in the order the line-format readers give them
 * (private to `formats/`).
 *
 * @module
 */

import type { DbXref, Feature, OriginalRecord } from "./model.ts";

/**
 * What a feature read from a line is made of, before its object is made: its fields that are
 * always there, and the optional ones given or undefined (`id` kept only without a locus tag).
 */
export type FeatureParts =
  & Pick<
    Feature,
    | "type"
    | "sequenceId"
    | "start"
    | "stop"
    | "strand"
    | "edge"
    | "hypothetical"
    | "pseudo"
    | "dbXrefs"
    | "original"
  >
  & { [key in "locusTag" | "id" | "gene" | "product"]: string | undefined };

/**
 * A {@linkcode FeatureParts} to fill and hand to {@linkcode newFeature} feature after feature
 * (one shape for every reader: the engine then sees one kind of object in `newFeature`).
 *
 * @param original A placeholder for `original`.
 * @param dbXrefs A placeholder for `dbXrefs`.
 * @returns Parts with placeholders.
 *
 * @example Filled, then made
 * ```ts
 * import { newFeature, newFeatureParts } from "./_new_feature.ts";
 * const parts = newFeatureParts({ format: "gff3", record: undefined }, []);
 * parts.sequenceId = "c1";
 * if (newFeature(parts).sequenceId !== "c1") throw new Error("parts");
 * ```
 */
export function newFeatureParts(original: OriginalRecord, dbXrefs: DbXref[]): FeatureParts {
  return {
    type: "cds",
    sequenceId: "",
    start: 0,
    stop: 0,
    strand: ".",
    edge: false,
    hypothetical: false,
    pseudo: false,
    dbXrefs,
    original,
    locusTag: undefined,
    id: undefined,
    gene: undefined,
    product: undefined,
  };
}

/**
 * The feature of `parts`: `type` to `original` always, then `locusTag` (else `id`), `gene` and
 * `product` where given, in that order (a caller adds `truncated` after). The usual sets of keys
 * are each made by one object literal: made whole, where an object given its keys one by one
 * grows step by step (the readers of GFF3 and TSV spend a good part of their time on this).
 * `parts` may be reused for the next feature: nothing of it is kept.
 *
 * @param parts The values.
 * @returns A new feature.
 *
 * @example A CDS without a gene symbol
 * ```ts
 * import { newFeature } from "./_new_feature.ts";
 * const feature = newFeature({
 *   type: "cds", sequenceId: "c1", start: 1, stop: 9, strand: "+", edge: false,
 *   hypothetical: false, pseudo: false, dbXrefs: [], original: { format: "tsv", record: {} },
 *   locusTag: "X_1", id: "X_1", gene: undefined, product: "p",
 * });
 * if (Object.keys(feature).slice(-2).join() !== "locusTag,product") throw new Error("keys");
 * ```
 */
export function newFeature(parts: FeatureParts): Feature {
  const { type, sequenceId, start, stop, strand, edge, hypothetical, pseudo, dbXrefs } = parts;
  const { original, locusTag, gene, product } = parts;
  if (locusTag !== undefined && product !== undefined) {
    if (gene === undefined) {
      return {
        type,
        sequenceId,
        start,
        stop,
        strand,
        edge,
        hypothetical,
        pseudo,
        dbXrefs,
        original,
        locusTag,
        product,
      };
    }
    return {
      type,
      sequenceId,
      start,
      stop,
      strand,
      edge,
      hypothetical,
      pseudo,
      dbXrefs,
      original,
      locusTag,
      gene,
      product,
    };
  }
  const feature: Feature = {
    type,
    sequenceId,
    start,
    stop,
    strand,
    edge,
    hypothetical,
    pseudo,
    dbXrefs,
    original,
  };
  if (locusTag !== undefined) feature.locusTag = locusTag;
  else if (parts.id !== undefined) feature.id = parts.id;
  if (gene !== undefined) feature.gene = gene;
  if (product !== undefined) feature.product = product;
  return feature;
}
