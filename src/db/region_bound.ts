/**
 * The bound that lets SQLite answer region queries from the b-tree `features(sequence_id, start,
 * stop)` (schema v13, which dropped the R*Tree): a feature that overlaps a window `lo … hi` and
 * spans fewer than {@linkcode REGION_SPAN_BOUND} bases starts within `lo − bound … hi`, so one
 * bounded range scan of the b-tree finds it. The rest, the features at least that long and the
 * origin-spanning ones (`edge = 1`), are few (0.2 % of the features of the real Bakta samples; the
 * longest real CDS there spans 17,078 bases) and are kept in the partial index
 * `features_long_idx` whose `where` clause is `longFeatureWhere("")`.
 *
 * Changing the bound needs a migration that rebuilds `features_long_idx`: the queries and the
 * index must use the same literal expression, or SQLite will not use the partial index.
 *
 * @module
 */

/**
 * A feature spanning at least this many bases (`stop − start`) is a "long" one.
 *
 * @example A window's scan starts this far before it
 * ```ts
 * import assert from "node:assert/strict";
 * import { REGION_SPAN_BOUND } from "./region_bound.ts";
 * assert.equal(10_000 - REGION_SPAN_BOUND, 5_000);
 * ```
 */
export const REGION_SPAN_BOUND = 5000;

/**
 * The partial index's condition over the columns of `features` with the given prefix (`""` in the
 * index, `"g."` in a query), with the bound as a literal, as SQLite needs to match the query's
 * term against the index's.
 *
 * @param prefix The table alias and dot before each column, or `""`.
 * @returns The SQL condition.
 *
 * @example The index's condition and a query's
 * ```ts
 * import assert from "node:assert/strict";
 * import { longFeatureWhere } from "./region_bound.ts";
 * assert.equal(longFeatureWhere(""), "(edge = 1 or stop - start >= 5000)");
 * assert.equal(longFeatureWhere("g."), "(g.edge = 1 or g.stop - g.start >= 5000)");
 * ```
 */
export function longFeatureWhere(prefix: string): string {
  return `(${prefix}edge = 1 or ${prefix}stop - ${prefix}start >= ${REGION_SPAN_BOUND})`;
}
