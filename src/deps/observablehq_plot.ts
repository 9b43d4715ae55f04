/**
 * `@observablehq/plot`, pinned in one place: baktadb's own modules import it from here, so that a script
 * outside this repository can import `mod.ts` by path with no import map.
 *
 * @module
 */

export * from "npm:@observablehq/plot@0.6.17";
