/**
 * The version of baktadb, read from `deno.json` so that there is one source.
 *
 * @module
 */

import denoConfig from "../deno.json" with { type: "json" };

/**
 * The version of baktadb (`deno.json`'s `version`).
 *
 * @example
 * ```ts
 * import { BAKTADB_VERSION } from "./version.ts";
 * if (!/^\d+\.\d+\.\d+/.test(BAKTADB_VERSION)) throw new Error("unexpected");
 * ```
 */
export const BAKTADB_VERSION: string = String(denoConfig.version);
