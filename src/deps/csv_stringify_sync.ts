/**
 * `csv-stringify/sync`, pinned in one place: baktadb's own modules import it from here, so that a
 * script outside this repository can import `mod.ts` by path with no import map.
 *
 * @module
 */

export * from "npm:csv-stringify@6.9.0/sync";
