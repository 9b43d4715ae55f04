/**
 * A run whose features are finished on first read (private to `formats/`): the GFF3 and TSV
 * readers keep each feature's cross-references as the text they were written in, and build the
 * `{ db, accession }` objects of every feature at once when `run.features` is first read.
 *
 * @module
 */

import type { BaktaRun, Feature } from "./model.ts";

/**
 * Makes `run.features` an own enumerable accessor (in place: the key keeps its position) that
 * calls `finish(features)` on its first read and then becomes a data property again, holding the
 * same array. `JSON.stringify`, `structuredClone`, object spread and deep equality read it like a
 * data property. When `finish` throws, the accessor stays: each read throws again until one
 * succeeds (`finish` must give the same result when called again). A write replaces the features
 * without finishing them.
 *
 * @param run The run, its `features` the array to finish (no one else may hold it yet).
 * @param finish Completes the features in place.
 * @throws From the `features` getter: what `finish` throws.
 *
 * @example Finished on first read
 * ```ts
 * import { deferFeatures } from "./_deferred_features.ts";
 * import type { BaktaRun } from "./model.ts";
 * const run: BaktaRun = { mode: "genome", genome: {}, software: {}, sequences: [], features: [], sources: [] };
 * let calls = 0;
 * const finishes = () => calls;
 * deferFeatures(run, () => calls++);
 * if (finishes() !== 0) throw new Error("finished before the first read");
 * if (run.features.length !== 0 || finishes() !== 1) throw new Error("first read");
 * if (run.features !== run.features || finishes() !== 1) throw new Error("once");
 * if (Object.keys(run).join() !== "mode,genome,software,sequences,features,sources") throw new Error("order");
 * ```
 */
export function deferFeatures(run: BaktaRun, finish: (features: Feature[]) => void): void {
  const features = run.features;
  const settle = (value: Feature[]) => {
    Object.defineProperty(run, "features", {
      configurable: true,
      enumerable: true,
      writable: true,
      value,
    });
  };
  Object.defineProperty(run, "features", {
    configurable: true,
    enumerable: true,
    get(): Feature[] {
      finish(features);
      settle(features);
      return features;
    },
    set: settle,
  });
}
