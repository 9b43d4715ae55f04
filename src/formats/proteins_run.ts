/**
 * The run of a `bakta_proteins` output, whatever file it was read from.
 *
 * @module
 */

import type { BaktaRun, RunSource, SoftwareVersions } from "./model.ts";

/**
 * A run in `mode: "proteins"`: the protein records as read, the software versions and the one
 * file they came from; no genome, sequences or features (proteins have no coordinates).
 *
 * @param proteins The protein records, shaped like the proteins JSON (`id`, `length`, …).
 * @param software The versions read from the file's header.
 * @param source The file, its format and what was used from it.
 * @returns The run.
 *
 * @example A proteins run from a TSV
 * ```ts
 * import { proteinsRun } from "./proteins_run.ts";
 * const run = proteinsRun([{ id: "P1", length: 90 }], {}, {
 *   file: "p.tsv",
 *   format: "tsv",
 *   used: ["proteins"],
 * });
 * if (run.mode !== "proteins" || run.features.length !== 0 || run.proteins?.length !== 1) {
 *   throw new Error(JSON.stringify(run));
 * }
 * ```
 */
export function proteinsRun(
  proteins: Record<string, unknown>[],
  software: SoftwareVersions,
  source: RunSource,
): BaktaRun {
  return {
    mode: "proteins",
    genome: {},
    software,
    sequences: [],
    features: [],
    proteins,
    sources: [source],
  };
}
