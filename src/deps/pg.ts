/**
 * `pg` (node-postgres), pinned in one place: baktadb's own modules import it from here, so that a
 * script outside this repository can import `mod.ts` by path with no import map.
 *
 * @module
 */

// @ts-types="npm:@types/pg@8.23.1"
export { default } from "npm:pg@8.23.1";
