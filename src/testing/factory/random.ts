/**
 * A small seeded random number generator for the fixture factories: the same seed always gives
 * the same sequence of numbers, on every platform.
 *
 * @module
 */

import { createPrng } from "../bakta_stand_in/prng.ts";

/**
 * A seeded pseudo-random generator (mulberry32): fast, 32-bit state, good enough for fixtures
 * (not for cryptography).
 *
 * @example The same seed gives the same numbers
 * ```ts
 * import { SeededRandom } from "./random.ts";
 * const a = new SeededRandom(7);
 * const b = new SeededRandom(7);
 * if (a.next() !== b.next() || a.int(1, 6) !== b.int(1, 6)) throw new Error("not reproducible");
 * ```
 */
export class SeededRandom {
  readonly #next: () => number;

  /**
   * @param seed Any integer; the same seed gives the same sequence.
   */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new TypeError(`Cannot seed a generator with ${seed}`);
    this.#next = createPrng(Math.trunc(seed) ^ 0x9e3779b9);
  }

  /**
   * The next number in [0, 1).
   *
   * @returns A number in [0, 1).
   */
  next(): number {
    return this.#next();
  }

  /**
   * An integer in [min, max], both inclusive.
   *
   * @param min The smallest value.
   * @param max The largest value.
   * @returns An integer.
   */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * True with probability `p`.
   *
   * @param p The probability (0–1).
   * @returns A boolean.
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * One element of a non-empty list.
   *
   * @param items The list.
   * @returns One of its elements.
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Cannot pick from an empty list");
    return items[Math.floor(this.next() * items.length)];
  }

  /**
   * A new list with the elements of `items` in random order (Fisher–Yates).
   *
   * @param items The list.
   * @returns A shuffled copy.
   */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /**
   * A string of `length` characters drawn from `alphabet`.
   *
   * @param length How many characters.
   * @param alphabet The characters to draw from.
   * @returns The string.
   */
  string(length: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /**
   * A new generator seeded from this one, so that a sub-task draws its own stream.
   *
   * @returns A generator.
   */
  fork(): SeededRandom {
    return new SeededRandom(Math.floor(this.next() * 4294967296));
  }
}
