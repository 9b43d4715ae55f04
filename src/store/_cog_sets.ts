/**
 * A run's COG category sets (`annotation_cog_sets`, schema v10), counted by the prepare stage
 * from the features themselves: no database is needed, so the writer's thread does not count them.
 *
 * @module
 */

import type { Feature } from "../formats/model.ts";

/**
 * How many CDSs carry each combination of COG category accessions (their `COG` cross-references
 * not starting with `COG`, each once, sorted and concatenated); null for the CDSs without any. In
 * the order each combination is first met.
 *
 * @param features The run's features.
 * @returns `[categories, CDSs]` pairs.
 *
 * @example Two CDSs in category J, one with none, a tRNA not counted
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Feature } from "../formats/model.ts";
 * import { cogSets } from "./_cog_sets.ts";
 * const cds = (accessions: string[]) =>
 *   ({ type: "cds", dbXrefs: accessions.map((accession) => ({ db: "COG", accession })) }) as
 *     unknown as Feature;
 * const trna = { type: "trna", dbXrefs: [] } as unknown as Feature;
 * assert.deepEqual(cogSets([cds(["J", "COG0001"]), cds([]), cds(["J", "J"]), trna]), [
 *   ["J", 2],
 *   [null, 1],
 * ]);
 * ```
 */
export function cogSets(features: readonly Feature[]): [string | null, number][] {
  const counts = new Map<string | null, number>();
  for (const feature of features) {
    if (feature.type !== "cds") continue;
    const key = categoriesOf(feature);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts];
}

/** A CDS's COG categories, each once, sorted and concatenated; null when it has none. */
function categoriesOf(feature: Feature): string | null {
  let categories: string[] | undefined;
  for (const { db, accession } of feature.dbXrefs) {
    if (db !== "COG" || accession.startsWith("COG")) continue;
    if (categories === undefined) categories = [accession];
    else if (!categories.includes(accession)) categories.push(accession);
  }
  return categories?.sort().join("") ?? null;
}
