/**
 * `p-limit`, pinned in one place: baktadb's own modules import it from here, so that a script
 * outside this repository can import `mod.ts` by path with no import map.
 *
 * @module
 */

export { default as pLimit } from "npm:p-limit@7.3.3";
export type * from "npm:p-limit@7.3.3";
