/**
 * The local BakRep stand-in and its datasets made by the seeded factory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startBakrepStandIn } from "./mod.ts";
 * await using standIn = await startBakrepStandIn({ datasets: 1 });
 * assert.equal(standIn.ids.length, 1);
 * ```
 *
 * @module
 */

export * from "./make_bakrep_dataset.ts";
export * from "./bakrep_stand_in.ts";
