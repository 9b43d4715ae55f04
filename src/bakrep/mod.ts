/**
 * BakRep (https://bakrep.computational.bio): search public Bakta annotations, download and import
 * them as genomes `<id>` with their GTDB-Tk taxonomy, CheckM2 quality and MLST typing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startBakrepStandIn } from "../testing/bakrep_stand_in/bakrep_stand_in.ts";
 * import { BakrepClient, searchBakrep } from "./mod.ts";
 * await using standIn = await startBakrepStandIn({ datasets: 3 });
 * const { total } = await searchBakrep(new BakrepClient({ baseUrl: standIn.url }), { where: ["species~pneumoniae"] });
 * assert.equal(total, 3);
 * ```
 *
 * @module
 */

export * from "./bakrep_error.ts";
export * from "./bakrep_types.ts";
export * from "./bakrep_client.ts";
export * from "./bakrep_query.ts";
export * from "./search_bakrep.ts";
export * from "./fetch_bakrep.ts";
