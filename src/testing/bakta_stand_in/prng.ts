/**
 * A small seeded pseudo-random number generator, so fault probabilities are reproducible.
 *
 * @module
 */

/**
 * Creates a seeded generator of numbers in [0, 1) (mulberry32): the same seed gives the same
 * sequence on every run.
 *
 * @param seed Any 32-bit integer.
 * @returns The generator.
 *
 * @example Reproducible numbers
 * ```ts
 * import { createPrng } from "./prng.ts";
 * const a = createPrng(7);
 * const b = createPrng(7);
 * if (a() !== b() || a() < 0 || a() >= 1) throw new Error("wrong");
 * ```
 */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
