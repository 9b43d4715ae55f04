/**
 * `arquero`, pinned in one place: baktadb's own modules import it from here, so that a script
 * outside this repository can import `mod.ts` by path with no import map.
 *
 * @module
 */

// Arquero reads Arrow data through flechette; flechette 2.7 depends on a package the npm registry
// does not serve, so 2.6.0 is loaded first and Arquero's dependency resolves to it.
// deno-lint-ignore no-import-prefix -- this module is the one place the version is written
import "npm:@uwdata/flechette@2.6.0";
export * from "npm:arquero@8.0.3";
