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
 * same array (on a run frozen meanwhile it stays the accessor, returning that array). `JSON.stringify`, `structuredClone`, object spread and deep equality read it like a
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
  new PendingFeatures(run, { features: run.features, finish });
  Object.defineProperty(run, "features", LAZY_FEATURES);
}

/** What finishes the features of a run. */
interface Pending {
  features: Feature[];
  finish: (features: Feature[]) => void;
  /** Whether `finish` has succeeded (a frozen run keeps its accessor: it must not run again). */
  finished?: boolean;
}

/** Hands back the object a subclass constructor stamps its private fields on. */
class Stamped {
  constructor(target: object) {
    return target;
  }
}

/**
 * Keeps a run's {@linkcode Pending} in a private field of the run itself: invisible to keys, JSON,
 * clones and spread, and held by nothing else. (A `WeakMap`, or a getter closing over the state,
 * is reached from the old generation, so that every unread run outlived the young collections
 * that would have freed it, at a high cost.)
 */
class PendingFeatures extends Stamped {
  #pending: Pending | undefined;

  constructor(run: BaktaRun, pending: Pending) {
    super(run);
    this.#pending = pending;
  }

  /** The pending features of `run`, or undefined (none, or finished). */
  static of(run: object): Pending | undefined {
    return #pending in run ? (run as PendingFeatures).#pending : undefined;
  }

  /** Forgets the pending features of `run`. */
  static clear(run: object): void {
    if (#pending in run) (run as PendingFeatures).#pending = undefined;
  }
}

/**
 * The accessor every deferred run shares (one getter and setter for all: every such run gets the
 * same shape).
 */
const LAZY_FEATURES: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: object): Feature[] | undefined {
    const pending = PendingFeatures.of(this);
    if (pending === undefined) return undefined;
    if (pending.finished !== true) {
      pending.finish(pending.features);
      pending.finished = true;
    }
    settle(this, pending.features);
    return pending.features;
  },
  set(this: object, value: Feature[]): void {
    settle(this, value);
  },
};

/**
 * Makes `run.features` a data property holding `features` (it keeps its place among the keys);
 * on a frozen or sealed run it stays the accessor, which then returns the finished features.
 */
function settle(run: object, features: Feature[]): void {
  const settled = Reflect.defineProperty(run, "features", {
    configurable: true,
    enumerable: true,
    writable: true,
    value: features,
  });
  if (settled) PendingFeatures.clear(run);
}
