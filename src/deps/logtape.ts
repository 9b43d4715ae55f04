/**
 * `@logtape/logtape`, pinned in one place: baktadb's own modules import it from here. LogTape lets a
 * library log and stay silent until the application configures it (see `src/log/`).
 *
 * @module
 */

export * from "npm:@logtape/logtape@2.4.2";
