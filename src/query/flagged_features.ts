/**
 * Hypothetical proteins, pseudogenes and truncated genes: the features Bakta flags.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { type FeatureQuery, findFeatures, type FindFeaturesOptions } from "./find_features.ts";

/** Options of the flagged-feature helpers: any {@linkcode findFeatures} filter but the flag. */
export type FlaggedFeaturesOptions = Omit<
  FindFeaturesOptions,
  "hypothetical" | "pseudo" | "truncated"
>;

/**
 * The hypothetical proteins (`hypothetical = 1`: Bakta found no function) of the latest
 * annotation of each genome, or of the one chosen. Bakta's `.txt` counts the hypothetical CDSs:
 * add `type: "cds"` to count the same.
 *
 * The SQL emitted is {@linkcode findFeatures}'s with `and "features"."hypothetical" = ?`.
 *
 * @param db The database.
 * @param options Further filters and the annotation scope.
 * @returns A query builder of feature rows.
 *
 * @example Building the query
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { hypotheticalFeatures } from "./flagged_features.ts";
 * const db = await openDatabase(":memory:");
 * const { sql } = hypotheticalFeatures(db, { genome: "g1" }).compile();
 * assert.match(sql, /"features"\."hypothetical" = \?/);
 * await db.destroy();
 * ```
 */
export function hypotheticalFeatures(
  db: Kysely<Database>,
  options: FlaggedFeaturesOptions = {},
): FeatureQuery {
  return findFeatures(db, { ...options, hypothetical: true });
}

/**
 * The pseudogenes (`pseudo = 1`) of the latest annotation of each genome, or of the one chosen.
 * Bakta's `.txt` counts pseudo CDSs only: add `type: "cds"` to count the same.
 *
 * The SQL emitted is {@linkcode findFeatures}'s with `and "features"."pseudo" = ?`.
 *
 * @param db The database.
 * @param options Further filters and the annotation scope.
 * @returns A query builder of feature rows.
 *
 * @example Building the query
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { pseudogenes } from "./flagged_features.ts";
 * const db = await openDatabase(":memory:");
 * const { sql, parameters } = pseudogenes(db, { genome: "g1", type: "cds" }).compile();
 * assert.match(sql, /"features"\."pseudo" = \?/);
 * assert.ok(parameters.includes("cds"));
 * await db.destroy();
 * ```
 */
export function pseudogenes(
  db: Kysely<Database>,
  options: FlaggedFeaturesOptions = {},
): FeatureQuery {
  return findFeatures(db, { ...options, pseudo: true });
}

/**
 * The truncated features (a CDS cut by a sequence edge: `truncated` is `5-prime`, `3-prime`,
 * `both` or `?`) of the latest annotation of each genome, or of the one chosen.
 *
 * The SQL emitted is {@linkcode findFeatures}'s with `and "features"."truncated" is not null`.
 *
 * @param db The database.
 * @param options Further filters and the annotation scope.
 * @returns A query builder of feature rows.
 *
 * @example Building the query
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { truncatedFeatures } from "./flagged_features.ts";
 * const db = await openDatabase(":memory:");
 * const { sql } = truncatedFeatures(db).compile();
 * assert.match(sql, /"features"\."truncated" is not null/);
 * await db.destroy();
 * ```
 */
export function truncatedFeatures(
  db: Kysely<Database>,
  options: FlaggedFeaturesOptions = {},
): FeatureQuery {
  return findFeatures(db, { ...options, truncated: true });
}
