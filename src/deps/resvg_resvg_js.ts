/**
 * `@resvg/resvg-js`, pinned in one place: baktadb's own modules import it from here, so that a script
 * outside this repository can import `mod.ts` by path with no import map.
 *
 * @module
 */

export * from "npm:@resvg/resvg-js@2.6.2";
