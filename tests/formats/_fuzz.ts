/**
 * What the seeded fuzz tests of the readers share: the mutation type, a seeded pick and the
 * mutations that fit every line-based format.
 *
 * @module
 */

/** A damage done to a text, drawing its choices from a seeded generator. */
export type Mutation = (text: string, random: () => number) => string;

/**
 * One element of a non-empty list, drawn with a seeded generator.
 *
 * @param items The list.
 * @param random A generator of numbers in [0, 1).
 * @returns One of the elements.
 */
export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

/** Swaps two lines drawn at random (possibly the same one). */
export const swapTwoLines: Mutation = (text, random) => {
  const lines = text.split("\n");
  const a = Math.floor(random() * lines.length);
  const b = Math.floor(random() * lines.length);
  [lines[a], lines[b]] = [lines[b], lines[a]];
  return lines.join("\n");
};
