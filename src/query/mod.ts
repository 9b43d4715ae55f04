/**
 * Kysely query helpers over a baktadb database: features by genome, sequence, type, strand, name
 * and flags; region overlap that is right on circular sequences (bounded b-tree scans on
 * SQLite); full-text search safe for any user input (FTS5 on SQLite); features by
 * cross-reference; per-genome statistics. Each helper returns a Kysely query builder to extend
 * (`.where`, `.select`, `.limit`) and execute; every value is a bound parameter. By default a
 * helper reads the latest annotation of each genome ({@linkcode annotationOf}); `annotationId`
 * chooses another.
 *
 * @example The features in a window across the origin of a circular plasmid
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { featuresInRegion, searchFeatures } from "./mod.ts";
 *
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "p1" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values({
 *   genome_id: g.id, version: 1, seq_id: "pA", length: 5000, topology: "circular",
 * }).returning("id").executeTakeFirstOrThrow();
 * const a = await db.insertInto("annotations").values({
 *   genome_id: g.id, sequence_version: 1, source: "files", fingerprint: "x",
 * }).returning("id").executeTakeFirstOrThrow();
 * await db.insertInto("features").values({
 *   annotation_id: a.id, sequence_id: s.id, original_json: "{}", type: "cds", start: 4900,
 *   stop: 120, strand: "+", edge: 1, locus_tag: "P_00010", product: "replication protein",
 * }).execute();
 * const region = await featuresInRegion(db, { genome: "p1", sequence: "pA", from: 4990, to: 10 });
 * assert.equal((await region.execute()).length, 1);
 * const hits = await searchFeatures(db, "replic", { prefix: true }).execute();
 * assert.equal(hits[0].locusTag, "P_00010");
 * await db.destroy();
 * ```
 *
 * @module
 */

export * from "./annotation_of.ts";
export * from "./find_features.ts";
export * from "./flagged_features.ts";
export * from "./genome_organism.ts";
export * from "./features_in_region.ts";
export * from "./region_features.ts";
export * from "./search_features.ts";
export * from "./search_hits.ts";
export * from "./to_ts_query.ts";
export * from "./features_by_xref.ts";
export * from "./genome_statistics.ts";
export * from "./where_clause.ts";
export * from "./select_genomes.ts";
export * from "./list_genome_features.ts";
