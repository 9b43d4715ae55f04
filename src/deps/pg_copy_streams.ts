/**
 * `pg-copy-streams` (`COPY … FROM STDIN` / `TO STDOUT` as Node streams for `pg`), pinned in one
 * place: baktadb's own modules import it from here, so that a script outside this repository can
 * import `mod.ts` by path with no import map.
 *
 * @module
 */

// @ts-types="npm:@types/pg-copy-streams@1.2.5"
export { from as copyFrom } from "npm:pg-copy-streams@7.0.0";
