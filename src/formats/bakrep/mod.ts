/**
 * Readers of the files BakRep keeps beside a Bakta run: the dataset record (`<id>.json`), GTDB-Tk,
 * CheckM2, MLST and assembly-scan results, and their translation into genome metadata.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bakrepMetadata, readCheckm2Json } from "./mod.ts";
 * const checkm2 = readCheckm2Json('{"quality": {"completeness": 100.0, "contamination": 0.09}}');
 * assert.equal(bakrepMetadata({ checkm2 })["checkm2.completeness"], "100");
 * ```
 *
 * @module
 */

export * from "./read_bakrep_dataset.ts";
export * from "./read_checkm2_json.ts";
export * from "./read_gtdbtk_json.ts";
export * from "./read_mlst_json.ts";
export * from "./read_assembly_scan_json.ts";
export * from "./bakrep_metadata.ts";
