/**
 * One genome's features filtered by type, region, text and cross-reference at once, each with its
 * cross-references: what `baktadb features` lists.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import type { FeatureType } from "../formats/model.ts";
import { featureHasTerm } from "../db/feature_term_ids.ts";
import { featuresByXref } from "./features_by_xref.ts";
import { featuresInRegion } from "./features_in_region.ts";
import { type FeatureListRow, type FeatureQuery, findFeatures } from "./find_features.ts";
import { searchFeatures } from "./search_features.ts";
import { checkId, checkName } from "./_validate.ts";

/** A window (or a whole sequence) of {@linkcode GenomeFeaturesOptions.region}. */
export interface GenomeFeaturesRegion {
  /** The sequence id (`sequences.seq_id`, e.g. `contig_1`). */
  sequence: string;
  /**
   * The window's first base, 1-based inclusive; with `to`.
   * @default undefined (the whole sequence)
   */
  from?: number;
  /**
   * The window's last base, 1-based inclusive (`from > to`: across the origin of a circular
   * sequence).
   * @default undefined (the whole sequence)
   */
  to?: number;
}

/** Options of {@linkcode listGenomeFeatures}; the filters combine with AND. */
export interface GenomeFeaturesOptions {
  /** The genome's name. */
  genome: string;
  /**
   * Read this annotation instead of the genome's latest.
   * @default undefined (the latest)
   */
  annotationId?: number;
  /**
   * Only these types (Bakta JSON names, e.g. `cds`, `tRNA`); an empty list is no filter.
   * @default undefined (every type)
   */
  types?: readonly FeatureType[];
  /**
   * Only features overlapping this window, or on this sequence.
   * @default undefined (every sequence)
   */
  region?: GenomeFeaturesRegion;
  /**
   * Only features whose locus tag, gene or product hold every word (the last as a prefix); hits
   * come best first.
   * @default undefined
   */
  search?: string;
  /**
   * Only features with this cross-reference (`{ db: "COG", accession: "COG0001" }`, a COG
   * category `K`, `EC`, `GO`, … as {@linkcode featuresByXref} reads them).
   * @default undefined
   */
  xref?: { db: string; accession: string };
  /**
   * At most this many.
   * @default undefined (all)
   */
  limit?: number;
}

/** A feature of {@linkcode listGenomeFeatures}: the feature and its cross-references. */
export interface GenomeFeature extends FeatureListRow {
  /** The cross-references as `DB:accession`, sorted by database then accession. */
  dbXrefs: string[];
}

/** Above this many rows the cross-references are read for the whole annotation at once. */
const XREFS_BY_ID_LIMIT = 500;

/**
 * The features of a genome's latest annotation (or of `annotationId`) that pass every filter,
 * with their cross-references: search hits best first; else, with a window, in genome order from
 * the window's first base; else in file order.
 *
 * @param db The database.
 * @param options The genome and the filters.
 * @returns The features.
 * @throws {TypeError} When `genome` or the region's sequence is not a non-empty string.
 * @throws {RangeError} When the genome, annotation or the region's sequence does not exist, when a
 *   window is out of the sequence, or `limit` is not a positive integer.
 *
 * @example The CDSs of a factory genome's first 2 kb
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { listGenomeFeatures } from "./list_genome_features.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 3, sequences: 1, featuresPerSequence: 12 });
 * await importRun(db, run, { genome: "demo" });
 * const sequence = run.sequences[0].id;
 * const found = await listGenomeFeatures(db, {
 *   genome: "demo", types: ["cds"], region: { sequence, from: 1, to: 2000 },
 * });
 * const expected = run.features.filter((f) => f.type === "cds" && (f.start <= 2000 || f.edge));
 * assert.deepEqual(
 *   found.map((f) => f.locusTag).sort(),
 *   expected.map((f) => f.locusTag ?? null).sort(),
 * );
 * await db.destroy();
 * ```
 */
export async function listGenomeFeatures(
  db: Kysely<Database>,
  options: GenomeFeaturesOptions,
): Promise<GenomeFeature[]> {
  const { genome, annotationId, types, search, xref, limit } = options;
  checkName(genome, "genome");
  if (annotationId !== undefined) checkId(annotationId, "annotationId");
  if (limit !== undefined) checkId(limit, "limit");
  const scope = { genome, annotationId };
  const region = await regionQuery(db, scope, options.region);
  let query: FeatureQuery;
  if (search !== undefined) {
    query = searchFeatures(db, search, { ...scope, prefix: true, order: "rank" });
    if (region !== undefined) query = query.where("features.id", "in", idsOf(region));
  } else {
    query = region ?? findFeatures(db, scope);
  }
  if (types !== undefined && types.length > 0) query = query.where("features.type", "in", types);
  if (xref !== undefined) {
    query = query.where("features.id", "in", idsOf(featuresByXref(db, { ...scope, ...xref })));
  }
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  const xrefs = await crossReferences(db, rows);
  return rows.map((row) => ({ ...row, dbXrefs: xrefs.get(row.id) ?? [] }));
}

/** The region filter: a window through {@linkcode featuresInRegion}, or a whole sequence. */
async function regionQuery(
  db: Kysely<Database>,
  scope: { genome: string; annotationId?: number },
  region: GenomeFeaturesRegion | undefined,
): Promise<FeatureQuery | undefined> {
  if (region === undefined) return undefined;
  const { sequence, from, to } = region;
  if (from !== undefined || to !== undefined) {
    return await featuresInRegion(db, { ...scope, sequence, from: from!, to: to! });
  }
  // A whole sequence: the window 1 … 1 checks that it exists; its features are all of it.
  await featuresInRegion(db, { ...scope, sequence, from: 1, to: 1 });
  return findFeatures(db, { ...scope, sequence });
}

/** The ids of a feature query, as a subquery. */
function idsOf(query: FeatureQuery) {
  return query.clearSelect().clearOrderBy().select("features.id");
}

/**
 * The cross-references of the rows' features as `DB:accession`: few rows by their ids (bound
 * parameters), many by their annotation.
 */
async function crossReferences(
  db: Kysely<Database>,
  rows: readonly FeatureListRow[],
): Promise<Map<number, string[]>> {
  const xrefs = new Map<number, string[]>();
  if (rows.length === 0) return xrefs;
  const base = db.selectFrom(["features as f", "xref_terms as t"])
    .where(featureHasTerm(db, "f.xref_ids", "t.id"))
    .select(["f.id as feature_id", "t.db", "t.accession"]);
  const scoped = rows.length <= XREFS_BY_ID_LIMIT
    ? base.where("f.id", "in", rows.map((r) => r.id))
    : base.where("f.annotation_id", "=", rows[0].annotationId);
  const found = await scoped.orderBy("f.id").orderBy("t.db").orderBy("t.accession").execute();
  for (const x of found) {
    const list = xrefs.get(x.feature_id) ?? [];
    list.push(`${x.db}:${x.accession}`);
    xrefs.set(x.feature_id, list);
  }
  return xrefs;
}
